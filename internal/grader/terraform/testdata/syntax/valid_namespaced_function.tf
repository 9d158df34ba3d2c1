locals {
  x = provider::aws::arn_parse("arn:aws:s3:::b")
}
