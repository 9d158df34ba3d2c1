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
    key          = "churn-api/prod/edge.tfstate"
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
  default     = "prod"
}

variable "vpc_id" {
  description = "VPC of the load balancer and the tasks"
  type        = string
}

variable "public_subnet_ids" {
  description = "Public subnets for the load balancer"
  type        = list(string)
}

variable "alb_security_group_id" {
  description = "Security group of the load balancer"
  type        = string
}

variable "db_subnet_group_name" {
  description = "Subnet group with the private database subnets"
  type        = string
}

variable "db_security_group_id" {
  description = "Security group that lets only the API tasks reach Postgres"
  type        = string
}

variable "db_password" {
  description = "Master password of the predictions database"
  type        = string
  sensitive   = true
}

resource "aws_lb" "api" {
  name               = "churn-api-${var.environment}"
  load_balancer_type = "application"
  security_groups    = [var.alb_security_group_id]
  subnets            = var.public_subnet_ids
}

resource "aws_lb_target_group" "api" {
  name        = "churn-api-${var.environment}"
  port        = 8000
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = var.vpc_id

  health_check {
    path    = "/health"
    matcher = "200"
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.api.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api.arn
  }
}

resource "aws_db_instance" "predictions" {
  identifier                = "churn-predictions-${var.environment}"
  engine                    = "postgres"
  engine_version            = "16.3"
  instance_class            = "db.t4g.small"
  allocated_storage         = 20
  db_name                   = "predictions"
  username                  = "churn_admin"
  password                  = var.db_password
  db_subnet_group_name      = var.db_subnet_group_name
  vpc_security_group_ids    = [var.db_security_group_id]
  storage_encrypted         = true
  backup_retention_period   = 7
  deletion_protection       = true
  skip_final_snapshot       = false
  final_snapshot_identifier = "churn-predictions-${var.environment}-final"
}
