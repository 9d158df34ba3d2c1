# a comment
// another
/* block
 comment */
locals {
  a = 1 # trailing
}
