// Command tfschema regenerates internal/grader/terraform/schema/aws.bin, the
// hashicorp/aws schema iactutor embeds, from the real provider in a local
// plugin folder (the folder holding registry.terraform.io/), offline:
//
//	go run ./tools/tfschema -plugin-dir /opt/tf-plugins
//
// TF_PLUGIN_DIR stands in for -plugin-dir; TERRAFORM names the terraform
// binary when it is not on PATH. This is a maintainer's tool: its messages
// are for the person updating the data, not for learners.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/iactutor/iactutor/tools/tfschema/gen"
)

func main() {
	pluginDir := flag.String("plugin-dir", gen.FindPluginDir(), "folder holding registry.terraform.io/ (env TF_PLUGIN_DIR)")
	out := flag.String("out", "", "file to write (default: internal/grader/terraform/schema/aws.bin in this module)")
	flag.Parse()
	if err := run(*pluginDir, *out); err != nil {
		fmt.Fprintln(os.Stderr, "tfschema:", err)
		os.Exit(1)
	}
}

func run(pluginDir, out string) error {
	if pluginDir == "" {
		return fmt.Errorf("no plugin folder: pass -plugin-dir or set TF_PLUGIN_DIR")
	}
	tf := os.Getenv("TERRAFORM")
	if tf == "" {
		var err error
		if tf, err = exec.LookPath("terraform"); err != nil {
			return fmt.Errorf("terraform not found on PATH (set TERRAFORM)")
		}
	}
	if out == "" {
		mod, err := exec.Command("go", "env", "GOMOD").Output()
		if err != nil || strings.TrimSpace(string(mod)) == "" {
			return fmt.Errorf("cannot find the module root; pass -out")
		}
		out = filepath.Join(filepath.Dir(strings.TrimSpace(string(mod))), "internal", "grader", "terraform", "schema", "aws.bin")
	}
	data, err := gen.Generate(context.Background(), tf, pluginDir)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote %s: %d bytes, %s %s\n", out, len(data), gen.Address, gen.ProviderVersion(pluginDir))
	return nil
}
