variable "region" {
  description = "AWS region that hosts the fraud model API"
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "Deployment environment (dev or prod)"
  type        = string
  default     = "prod"
}

# No default: CI sets TF_VAR_scoring_api_key from the vendor's portal
# export, kept in the CI secret store. Ephemeral: it is never saved in a
# plan file, so the apply job sets it again.
variable "scoring_api_key" {
  description = "API key of the third-party scoring service"
  type        = string
  sensitive   = true
  ephemeral   = true
}
