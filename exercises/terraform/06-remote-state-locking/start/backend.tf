# State is written next to the code on whoever runs apply.
terraform {
  backend "local" {
    path = "state/churn-api.tfstate"
  }
}
