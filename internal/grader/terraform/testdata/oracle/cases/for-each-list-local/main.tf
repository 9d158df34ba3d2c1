locals {
  names = ["a", "b"]
}

resource "aws_s3_bucket" "b" {
  for_each = local.names
  bucket   = each.key
}
