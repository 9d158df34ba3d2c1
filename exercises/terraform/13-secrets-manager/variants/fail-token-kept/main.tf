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

# The secret's value is written by the security team with
# `aws secretsmanager put-secret-value`, so it is never in code or in state.
resource "aws_secretsmanager_secret" "mlflow_token" {
  name                    = "fraud-api/${var.environment}/mlflow-token"
  description             = "Token the fraud API uses to download models from MLflow"
  recovery_window_in_days = 7
}

data "aws_iam_policy_document" "read_mlflow_token" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.mlflow_token.arn]
  }
}

# ECS reads the secret with the execution role when it starts a task.
resource "aws_iam_role_policy" "read_mlflow_token" {
  name   = "read-mlflow-token"
  role   = var.execution_role_name
  policy = data.aws_iam_policy_document.read_mlflow_token.json
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
      secrets = [
        { name = "MLFLOW_TRACKING_TOKEN", valueFrom = aws_secretsmanager_secret.mlflow_token.arn },
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
