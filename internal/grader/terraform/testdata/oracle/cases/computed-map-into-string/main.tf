resource "aws_s3_bucket" "a" {}

resource "aws_s3_bucket" "b" {
  bucket = aws_s3_bucket.a.tags_all
}
