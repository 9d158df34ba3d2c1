# Shared state in S3: versioned bucket, encrypted at rest, and a lock file
# next to the state so only one apply runs at a time (Terraform 1.10+).
# Backend settings cannot use variables, so the values are written here.
terraform {
  backend "s3" {
    bucket       = "acme-ml-terraform-state"
    key          = "churn-api/prod/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = false
    use_lockfile = true
  }
}
