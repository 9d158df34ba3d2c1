resource "aws_secretsmanager_secret" "api_key" {
  name                    = "${local.name}/api-key"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "api_key" {
  secret_id     = aws_secretsmanager_secret.api_key.id
  secret_string = var.api_key
}

variable "api_key" {
  description = "Key the API's clients must send; set from CI as TF_VAR_api_key"
  type        = string
  sensitive   = true
}

