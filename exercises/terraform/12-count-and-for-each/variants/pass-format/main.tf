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
    key          = "model-registry/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project   = "model-apis"
      ManagedBy = "terraform"
    }
  }
}

variable "region" {
  description = "AWS region that hosts the model APIs"
  type        = string
  default     = "eu-west-1"
}

variable "models" {
  description = "Model APIs that get an image registry and a log group"
  type        = set(string)
  default     = ["churn", "fraud", "ltv"]
}

# One registry per model API, keyed by the model's name: removing a model
# from the set destroys only its own registry.
resource "aws_ecr_repository" "model" {
  for_each = var.models

  name                 = format("%s-api", each.key)
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_cloudwatch_log_group" "model" {
  for_each = var.models

  name              = format("/ecs/%s-api", each.key)
  retention_in_days = 30
}

output "repository_urls" {
  description = "Registry URL of each model API, by model name"
  value       = { for name, repo in aws_ecr_repository.model : name => repo.repository_url }
}
