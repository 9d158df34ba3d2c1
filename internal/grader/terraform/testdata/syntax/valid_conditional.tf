locals {
  n = var.prod ? 3 : 1
}
