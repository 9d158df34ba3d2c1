locals {
  a = merge(
    var.tags,
    { Name = "x" },
  )
  b = format("%%s-%%s",var.a,var.b)
  c = [for k,v in var.m: "${k}=${v}"]
}
