resource "aws_s3_bucket" "b" {
  for_each = toset([1, 2])
}
