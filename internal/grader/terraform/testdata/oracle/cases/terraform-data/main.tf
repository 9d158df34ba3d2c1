resource "terraform_data" "build" {
  inputs = "v1"
}

resource "terraform_data" "deploy" {
  input = terraform_data.build.outputs
}

check "deploy" {
  assert {
    condition     = terraform_data.deploy.output != null
    error_message = "nothing deployed"
  }
}
