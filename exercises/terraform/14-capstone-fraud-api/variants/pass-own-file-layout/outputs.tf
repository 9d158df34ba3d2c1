output "alb_dns_name" {
  description = "Public DNS name of the fraud API load balancer"
  value       = aws_lb.api.dns_name
}

output "api_key_secret_arn" {
  description = "Secrets Manager secret that holds the API key"
  value       = aws_secretsmanager_secret.api_key.arn
}
