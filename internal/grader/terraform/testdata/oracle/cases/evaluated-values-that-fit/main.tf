variable "any" {
  default = ["a"]
}

variable "subnets" {
  type = map(object({
    cidr = string
    zone = optional(string, "eu-west-1a")
  }))
  default = {
    a = { cidr = "10.0.1.0/24" }
  }
}

locals {
  n     = "3"
  m     = { a = "x" }
  names = [for k, v in var.subnets : "${k}-${v.zone}"]
}

resource "aws_s3_bucket" "b" {
  count  = local.n
  bucket = var.any[0]
}

resource "aws_s3_bucket" "c" {
  for_each = merge(local.m, { b = "y" })
  bucket   = each.value
}

resource "aws_s3_bucket" "d" {
  for_each = toset(local.names)
  bucket   = upper(each.key)
}

resource "aws_s3_bucket" "e" {
  for_each = { a = aws_s3_bucket.d["a-eu-west-1a"].id }
  bucket   = each.value

  lifecycle {
    ignore_changes = [tags["Owner"], bucket]
  }
}

module "c" {
  source = "./child"
  size   = "3"
}
