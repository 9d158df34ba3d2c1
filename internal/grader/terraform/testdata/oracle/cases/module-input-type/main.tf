locals {
  size = "large"
}

module "c" {
  source = "./child"
  size   = local.size
}
