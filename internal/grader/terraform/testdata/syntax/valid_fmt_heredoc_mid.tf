locals {
  a = 1
  policy = <<EOT
{"a": 1}
EOT
  bbb = 2
}
