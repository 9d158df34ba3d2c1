locals {
  a = var.list [0]
  b = var.m ["k"]
  c = var.l[ 1 ]
  d = { for x in var.l : x.id => x }
}
