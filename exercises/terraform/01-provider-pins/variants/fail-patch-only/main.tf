terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0.0"
    }
  }

  backend "s3" {
    bucket       = "acme-ml-terraform-state"
    key          = "churn-api/registry.tfstate"
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

variable "region" {
  description = "AWS region that hosts the churn model API"
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "Deployment environment (dev or prod)"
  type        = string
  default     = "dev"
}

# Registry for the FastAPI image that serves the churn model.
resource "aws_ecr_repository" "churn_api" {
  name                 = "churn-api"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}

# Logs of the API containers running on ECS Fargate.
resource "aws_cloudwatch_log_group" "churn_api" {
  name              = "/ecs/churn-api"
  retention_in_days = 30
}
