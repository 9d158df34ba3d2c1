variable "region" {
  description = "AWS region that hosts the fraud model API"
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "Deployment environment (dev or prod)"
  type        = string
}

variable "image" {
  description = "Container image of the fraud API, with an immutable tag"
  type        = string
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
