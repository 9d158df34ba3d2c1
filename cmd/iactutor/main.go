// Command iactutor is an offline terminal tutor for Terraform and Kubernetes.
package main

import (
	"os"

	"github.com/iactutor/iactutor/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
