terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }

  backend "s3" {
    bucket       = "acme-ml-terraform-state"
    key          = "fraud-api/prod/scoring-key.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = "fraud-api"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}

# The fraud API sends each transaction to a third-party scoring service
# and reads this key at startup to call it.
resource "aws_secretsmanager_secret" "scoring_api_key" {
  name                    = "fraud-api/${var.environment}/scoring-api-key"
  description             = "API key of the third-party scoring service the fraud API calls"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "scoring_api_key" {
  secret_id     = aws_secretsmanager_secret.scoring_api_key.id
  secret_string = var.scoring_api_key
}
