# Broken on purpose: the lint tests read what iactutor says about it.
terraform {
  required_providers {
    aws = {}
  }
}

variable "region" {
  type = string
}

resource "aws_s3_bucket" "models" {
  bucket = "models-${var.regoin}"
  acl    = "public-read"
}
