output "lb_dns_name" {
  description = "Public DNS name of the churn API load balancer"
  value       = aws_lb.api.dns_name
}

# Read by the drift monitoring job with `terraform output -raw`; marked
# sensitive so plan and apply never print it.
output "predictions_db_url" {
  description = "Connection string the drift monitoring job uses"
  value       = "postgresql://${aws_db_instance.predictions.username}:${var.db_password}@${aws_db_instance.predictions.endpoint}/${aws_db_instance.predictions.db_name}"
  sensitive   = true
}
