variable "region" {
  description = "AWS region that hosts the fraud model API"
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "Deployment environment (dev or prod)"
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

variable "cluster_arn" {
  description = "ECS cluster shared by the model APIs"
  type        = string
}

variable "task_definition_arn" {
  description = "Task definition of the fraud API, built by the release pipeline"
  type        = string
}
