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
    key          = "fraud-api/prod/task.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = "fraud-api"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/ecs/fraud-api-${var.environment}"
  retention_in_days = 30
}

resource "aws_ecs_task_definition" "api" {
  family                   = "fraud-api-${var.environment}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.task_cpu
  memory                   = var.task_memory
  execution_role_arn       = var.execution_role_arn

  container_definitions = jsonencode([
    {
      name      = "fraud-api"
      image     = var.image
      essential = true
      portMappings = [
        { containerPort = 8000, protocol = "tcp" }
      ]
      environment = [
        { name = "LOG_LEVEL", value = "info" },
        { name = "MLFLOW_TRACKING_URI", value = var.mlflow_tracking_uri },
        { name = "MODEL_NAME", value = "fraud-detector" },
        { name = "MLFLOW_TRACKING_TOKEN", value = "mlf-pat-7f3a9c2e41d84b6a" },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.api.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "api"
        }
      }
    }
  ])
}
