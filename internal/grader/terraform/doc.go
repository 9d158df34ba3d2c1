// Package terraform validates the Terraform files of one module the way a
// reviewer would: it parses them with hashicorp/hcl's own parser, so a file
// is valid exactly when Terraform's parser says so, checks the block
// structure Terraform expects, resolves every reference, compares resource
// arguments with an embedded schema of the AWS provider, and adds the
// practice rules the course teaches (pinned providers, remote state with
// locking, no hard-coded secrets, tags, formatting). A module block whose
// local source is another folder of the same Lint is checked against that
// child's variables and outputs. The formatting check
// lays ASCII files out itself from a position-free token scan, which is
// cheaper than hclwrite.Format and held to it and to terraform fmt by the
// tests; any other file goes to hclwrite.Format, whose column counting
// depends on the Unicode tables hcl was built with.
//
// Values and types come from evaluating the module the way plan sees it
// before anything exists (see Values): variable defaults, locals and
// functions are computed with cty, and whatever only the provider can fill
// in is unknown, so a check speaks only about what is certain.
//
// Nothing here runs Terraform or reaches the network; every result depends
// only on the bytes given, so the same files always give the same
// diagnostics in the same order.
package terraform
