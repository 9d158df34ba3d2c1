terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }

  backend "s3" {
    bucket       = "mlops-terraform-state"
    key          = "model-api/prod.tfstate"
    region       = "eu-west-1"
    use_lockfile = true
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = "model-api"
      Environment = var.environment
    }
  }
}

data "aws_caller_identity" "current" {}

data "aws_secretsmanager_secret_version" "db" {
  secret_id = "model-api/db"
}

locals {
  name           = "model-api-${var.environment}"
  container_port = 8000
  azs            = ["eu-west-1a", "eu-west-1b"]
}
