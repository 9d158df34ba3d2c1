variable "a" {
  type = string
}
