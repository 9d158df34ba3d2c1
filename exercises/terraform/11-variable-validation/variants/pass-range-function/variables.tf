variable "region" {
  description = "AWS region that hosts the fraud model API"
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "Deployment environment"
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "The environment must be dev, staging or prod."
  }
}

variable "desired_count" {
  description = "Number of API tasks the service keeps running"
  type        = number
  default     = 2

  validation {
    condition     = contains(range(1, 11), var.desired_count)
    error_message = "Run between 1 and 10 tasks."
  }
}

variable "image" {
  description = "Container image of the fraud API, with an immutable tag"
  type        = string
}

variable "task_cpu" {
  description = "CPU units for one API task (1024 = 1 vCPU)"
  type        = number
  default     = 512

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096], var.task_cpu)
    error_message = "This team runs tasks at 256, 512, 1024, 2048 or 4096 CPU units (Fargate also offers 8192 and 16384)."
  }
}

variable "task_memory" {
  description = "Memory for one API task, in MiB"
  type        = number
  default     = 1024
}

variable "execution_role_arn" {
  description = "IAM role ECS uses to pull the image and write logs"
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
  description = "Private subnets for the Fargate tasks, in at least two zones"
  type        = list(string)
  default     = ["subnet-0a41c3e2", "subnet-0b7d9f10"]
}

variable "alb_security_group_id" {
  description = "Security group of the load balancer"
  type        = string
}

variable "service_security_group_id" {
  description = "Security group of the API tasks"
  type        = string
}
