resorce "x" {
  foo = bar.baz
}
