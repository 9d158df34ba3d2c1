

variable "a" {

  type = string


}

