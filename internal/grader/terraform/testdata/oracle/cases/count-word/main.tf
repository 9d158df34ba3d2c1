locals {
  n = "two"
}

resource "aws_s3_bucket" "b" {
  count = local.n
}
