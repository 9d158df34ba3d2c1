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
  description = "CPU units for one API task (1024 = 1 vCPU)"
  type        = number
  default     = 1024
}

variable "task_memory" {
  description = "Memory for one API task, in MiB"
  type        = number
  default     = 2048
}
terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }

  backend "s3" {
    bucket       = "acme-ml-terraform-state"
    key          = "churn-api/service.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = "churn-api"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}

resource "aws_ecs_cluster" "main" {
  name = "churn-${var.environment}"
}

resource "aws_ecs_task_definition" "api" {
  family                   = "churn-api-${var.environment}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.task_cpu
  memory                   = var.task_memory
  execution_role_arn       = var.execution_role_arn

  container_definitions = jsonencode([
    {
      name      = "churn-api"
      image     = var.image
      essential = true
      portMappings = [
        { containerPort = 8000, protocol = "tcp" }
      ]
    }
  ])
}

resource "aws_ecs_service" "api" {
  name            = "churn-api"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.api.arn
  desired_count   = 2
  launch_type     = "FARGATE"

  network_configuration {
    subnets         = var.private_subnet_ids
    security_groups = [var.service_security_group_id]
  }
}
