resource "aws_s3_bucket" "b" {
  bucket = "logs"

  lifecycle {
    ignore_changes = [tags, bukcet]
  }
}
