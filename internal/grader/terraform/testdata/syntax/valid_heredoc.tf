locals {
  script = <<-EOT
    echo hello
    echo ${var.x}
  EOT
}
