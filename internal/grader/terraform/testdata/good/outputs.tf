output "url" {
  description = "Public address of the model API"
  value       = "http://${aws_lb.main.dns_name}"
}

output "account_id" {
  value = data.aws_caller_identity.current.account_id
}

output "bucket_arns" {
  value = [for b in aws_s3_bucket.models : b.arn]
}

output "db_password" {
  value     = var.db_password
  sensitive = true
}
