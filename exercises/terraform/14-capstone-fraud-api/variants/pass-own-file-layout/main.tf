locals {
  name = "fraud-api-${var.environment}"
}

resource "aws_ecs_cluster" "main" {
  name = local.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/ecs/${local.name}"
  retention_in_days = 90
}

# Clients of the fraud API authenticate with this key. Its value comes from
# a sensitive variable set by CI; it is still stored in the state, which is
# why the state bucket is encrypted and access to it is restricted.
