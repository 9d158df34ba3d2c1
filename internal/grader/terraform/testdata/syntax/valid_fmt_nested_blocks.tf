resource "aws_ecs_service" "api" {
  name = "api"
  load_balancer {
  container_name = "api"
      container_port = 8000
  }
  tags = {
    a = 1
    bb = 2
  }
  desired_count = 2
}
