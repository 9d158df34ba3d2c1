variable "zones" {
  type    = list(string)
  default = tolist(["a", "b"])
}

variable "region" {
  default = "eu-west-1"
}

variable "bucket" {
  default = "models-${var.region}"
}
