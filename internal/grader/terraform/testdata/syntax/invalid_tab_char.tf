locals {
  a = 1 
}
