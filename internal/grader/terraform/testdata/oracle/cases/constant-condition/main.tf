variable "port" {
  type    = number
  default = 80
}

check "port" {
  assert {
    condition     = true
    error_message = "always true"
  }
  assert {
    condition     = var.port > 0
    error_message = "port must be positive"
  }
}

check "empty" {
}

output "port" {
  value = var.port
  precondition {
    condition     = 1 == 1
    error_message = "always true"
  }
}
