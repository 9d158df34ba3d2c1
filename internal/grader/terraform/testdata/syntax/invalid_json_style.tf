{
  "variable": {}
}
