locals {
  a = -1
  b = 2 - 1
  c = [-1, - 2]
  d = var.x ? -1 : 1
  e = (-var.y)
  f = !var.z
}
