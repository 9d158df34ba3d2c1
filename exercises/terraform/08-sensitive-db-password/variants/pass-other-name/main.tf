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
    key          = "churn-api/prod/database.tfstate"
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

# Every prediction the churn API serves is logged here, so the team can
# compare predictions with real outcomes and spot drift.
resource "aws_db_instance" "predictions" {
  identifier                = "churn-predictions-${var.environment}"
  engine                    = "postgres"
  engine_version            = "16.3"
  instance_class            = var.db_instance_class
  allocated_storage         = 20
  max_allocated_storage     = 100
  db_name                   = "predictions"
  username                  = var.db_username
  password                  = var.master_password
  db_subnet_group_name      = var.db_subnet_group_name
  vpc_security_group_ids    = [var.db_security_group_id]
  storage_encrypted         = true
  backup_retention_period   = 7
  deletion_protection       = true
  skip_final_snapshot       = false
  final_snapshot_identifier = "churn-predictions-${var.environment}-final"
}
