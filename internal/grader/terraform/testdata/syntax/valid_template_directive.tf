locals {
  s = "%%{ for x in var.l }${x},%%{ endfor }"
}
