locals {
  upper = [for s in var.names : upper(s) if s != ""]
  byname = { for k, v in var.m : k => v... }
}
