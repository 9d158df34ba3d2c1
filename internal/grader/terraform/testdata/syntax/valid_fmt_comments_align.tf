locals {
  a = 1 # one
  long_name = 22 # two
  b = [
    1, # x
    2,
  ]
}
