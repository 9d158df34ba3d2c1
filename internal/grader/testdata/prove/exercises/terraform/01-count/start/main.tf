resource "aws_ecs_service" "api" {
  name          = "api"
  desired_count = 1
}
