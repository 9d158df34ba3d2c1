variable "on" {
  type    = bool
  default = true
}

resource "aws_s3_bucket" "b" {
  count = var.on
}
