variable "region" {
  description = "AWS region that hosts the fraud model API"
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "Deployment environment (dev or prod)"
  type        = string
  default     = "prod"
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

variable "execution_role_arn" {
  description = "IAM role ECS uses to pull the image, read secrets and write logs"
  type        = string
}

variable "execution_role_name" {
  description = "Name of the same execution role, to attach the secret policy"
  type        = string
}

variable "mlflow_tracking_uri" {
  description = "Address of the MLflow server the API loads its model from"
  type        = string
  default     = "https://mlflow.ml.internal.example.com"
}
