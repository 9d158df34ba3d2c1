resource "aws_s3_bucket" "b" {
  bucket = "a" acl = "private"
}
