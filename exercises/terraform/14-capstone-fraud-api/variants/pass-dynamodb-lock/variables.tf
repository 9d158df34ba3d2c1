variable "aws_region" {
  description = "AWS region that hosts the fraud model API"
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "Deployment environment"
  type        = string
  default     = "prod"

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "The environment must be dev, staging or prod."
  }
}

variable "cost_center" {
  description = "Finance cost center the API is billed to"
  type        = string
  default     = "cc-4410-fraud"
}

variable "desired_count" {
  description = "Number of API tasks; two or more keep the API up when one zone fails"
  type        = number
  default     = 2

  validation {
    condition     = var.desired_count >= 2
    error_message = "Production runs at least two tasks."
  }
}

variable "image" {
  description = "Container image of the fraud API, with an immutable tag"
  type        = string
}

variable "task_cpu" {
  description = "CPU units for one API task (1024 = 1 vCPU)"
  type        = number
  default     = 1024
}

variable "task_memory" {
  description = "Memory for one API task, in MiB"
  type        = number
  default     = 2048
}

variable "api_key" {
  description = "Key the API's clients must send; set from CI as TF_VAR_api_key"
  type        = string
  sensitive   = true
}

variable "execution_role_arn" {
  description = "IAM role ECS uses to pull the image, read the API key and write logs"
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
