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

variable "execution_role_arn" {
  description = "IAM role ECS uses to pull the image and write logs"
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets for the Fargate tasks"
  type        = list(string)
}

variable "service_security_group_id" {
  description = "Security group of the API tasks"
  type        = string
}

variable "task_cpu" {
  type        = number
  default     = 1024
}

variable "task_memory" {
  type        = number
  default     = 2048
}
