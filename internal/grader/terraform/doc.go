// Package terraform validates the Terraform files of one module the way a
// reviewer would: it parses them into hashicorp/hcl's syntax tree (with a
// faster parser of its own for well-formed files, held to hcl's), checks
// the block structure Terraform expects, resolves every reference, compares
// resource arguments with an embedded schema of the AWS provider, and adds
// the practice rules the course teaches (pinned providers, remote state
// with locking, no hard-coded secrets, tags, formatting).
//
// Nothing here runs Terraform or reaches the network; every result depends
// only on the bytes given, so the same files always give the same
// diagnostics in the same order.
package terraform
