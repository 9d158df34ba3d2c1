variable "region" {
  description = "AWS region that hosts the churn model API"
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "Deployment environment (dev or prod)"
  type        = string
}

variable "image" {
  description = "Container image of the churn API, with an immutable tag"
  type        = string
}

variable "task_cpu" {
  description = "CPU units for one API task (1024 = 1 vCPU)"
  type        = number
  default     = 256
}

variable "task_memory" {
  description = "Memory for one API task, in MiB"
  type        = number
  default     = 512
}

variable "execution_role_arn" {
  description = "IAM role ECS uses to pull the image and write logs"
  type        = string
}

variable "execution_role_name" {
  description = "Name of that same execution role, to attach policies to it"
  type        = string
}

variable "registry_credentials_secret_arn" {
  description = "Secrets Manager secret holding the ghcr.io username and token"
  type        = string
}

variable "vpc_id" {
  description = "VPC of the load balancer and the tasks"
  type        = string
}

variable "public_subnet_ids" {
  description = "Public subnets for the load balancer"
  type        = list(string)
}

variable "private_subnet_ids" {
  description = "Private subnets for the Fargate tasks"
  type        = list(string)
}

variable "alb_security_group_id" {
  description = "Security group of the load balancer"
  type        = string
}

variable "service_security_group_id" {
  description = "Security group of the API tasks"
  type        = string
}
