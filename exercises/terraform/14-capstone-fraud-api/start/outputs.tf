output "alb_dns_name" {
  description = "Public DNS name of the fraud API load balancer"
  value       = aws_lb.api.dns_nme
}

output "api_key" {
  description = "Key the API's clients must send"
  value       = var.api_key
}
