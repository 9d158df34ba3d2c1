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
    key          = "fraud-api/prod.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}

moved {
  from = aws_ecs_service.svc
  to   = aws_ecs_service.api
}

moved {
  from = aws_lb_target_group.tg
  to   = aws_lb_target_group.api
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

resource "aws_ecs_cluster" "main" {
  name = "ml-${var.environment}"
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/ecs/fraud-api-${var.environment}"
  retention_in_days = 30
}

resource "aws_ecs_task_definition" "api" {
  family                   = "fraud-api-${var.environment}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = var.execution_role_arn

  container_definitions = jsonencode([
    {
      name      = "fraud-api"
      image     = var.image
      essential = true
      portMappings = [
        { containerPort = 8000, protocol = "tcp" }
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

resource "aws_lb" "api" {
  name               = "fraud-api-${var.environment}"
  load_balancer_type = "application"
  security_groups    = [var.alb_security_group_id]
  subnets            = var.public_subnet_ids
}

# Renamed from aws_lb_target_group.tg. Port was 80; the API listens on 8000.
# AWS cannot change a target group's port, so Terraform replaces it: the new
# one is created first, under a generated name (two cannot share a name),
# and the old one is deleted once the listener and the service use the new.
resource "aws_lb_target_group" "api" {
  name_prefix = "fraud"
  port        = 8000
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = var.vpc_id

  health_check {
    path                = "/health"
    matcher             = "200"
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  lifecycle {
    create_before_destroy = true
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

# Renamed from aws_ecs_service.svc.
resource "aws_ecs_service" "api" {
  name                              = "fraud-api"
  cluster                           = aws_ecs_cluster.main.id
  task_definition                   = aws_ecs_task_definition.api.arn
  desired_count                     = 2
  launch_type                       = "FARGATE"
  health_check_grace_period_seconds = 90

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets         = var.private_subnet_ids
    security_groups = [var.service_security_group_id]
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.api.arn
    container_name   = "fraud-api"
    container_port   = 8000
  }

  depends_on = [aws_lb_listener.http]
}
