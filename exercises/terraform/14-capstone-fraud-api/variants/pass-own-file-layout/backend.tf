terraform {
  backend "s3" {
    bucket       = "acme-ml-terraform-state"
    key          = "fraud-api/prod/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}
