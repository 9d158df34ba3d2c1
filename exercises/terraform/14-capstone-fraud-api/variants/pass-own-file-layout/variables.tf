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

