package terraform

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/iactutor/iactutor/internal/msg"
)

// feature is a construct a module uses that older Terraform releases do not
// understand, with the first release that does. No library publishes these
// dates, so the table below is ours, taken from Terraform's changelog.
type feature struct {
	Name  string // as the learner writes it: "use_lockfile", "import block"
	Since string // first Terraform release that reads it: "1.10"
	Range hcl.Range
}

// features lists what a module uses that needs a recent Terraform, in file
// order.
func (m *Module) features() []feature {
	var out []feature
	add := func(name, since string, r hcl.Range) {
		out = append(out, feature{Name: name, Since: since, Range: r})
	}
	for _, dc := range m.blocks {
		b := dc.block
		switch b.Type {
		case "moved":
			add("moved block", "1.1", b.TypeRange)
		case "import":
			if _, ok := b.Body.Attributes["for_each"]; ok {
				add("import block with for_each", "1.7", b.TypeRange)
			} else {
				add("import block", "1.5", b.TypeRange)
			}
		case "check":
			add("check block", "1.5", b.TypeRange)
		case "removed":
			add("removed block", "1.7", b.TypeRange)
		case "ephemeral":
			add("ephemeral resource", "1.10", b.TypeRange)
		case "resource":
			if len(b.Labels) == 2 && b.Labels[0] == "terraform_data" {
				add("terraform_data", "1.4", b.LabelRanges[0])
			}
			for _, a := range sortedAttrs(b.Body) {
				if strings.HasSuffix(a.Name, "_wo") {
					add("write-only argument "+a.Name, "1.11", a.NameRange)
				}
			}
		case "variable", "output":
			if a, ok := b.Body.Attributes["ephemeral"]; ok {
				add(b.Type+" ephemeral", "1.10", a.NameRange)
			}
			if a, ok := b.Body.Attributes["nullable"]; ok {
				add("variable nullable", "1.1", a.NameRange)
			}
			if a, ok := b.Body.Attributes["type"]; ok && callsFunction(a.Expr, "optional") {
				add("optional() object attributes", "1.3", a.Expr.Range())
			}
		case "terraform":
			for _, bb := range b.Body.Blocks {
				if bb.Type != "backend" || len(bb.Labels) != 1 || bb.Labels[0] != "s3" {
					continue
				}
				if a, ok := bb.Body.Attributes["use_lockfile"]; ok {
					add("use_lockfile", "1.10", a.NameRange)
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b feature) int {
		return cmp.Or(strings.Compare(a.Range.Filename, b.Range.Filename), cmp.Compare(a.Range.Start.Byte, b.Range.Start.Byte))
	})
	return out
}

// callsFunction reports whether e calls the named function anywhere.
func callsFunction(e hclsyntax.Expression, name string) bool {
	found := false
	hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		if f, ok := n.(*hclsyntax.FunctionCallExpr); ok && f.Name == name {
			found = true
		}
		return nil
	})
	return found
}

// requiredVersion is the module's required_version constraints joined as
// Terraform joins them, and where the first is written.
func (m *Module) requiredVersion() (string, hcl.Range, bool) {
	var parts []string
	var where hcl.Range
	for _, tb := range m.terraforms {
		a, ok := tb.block.Body.Attributes["required_version"]
		if !ok {
			continue
		}
		s := literalStringExpr(a.Expr)
		if strings.TrimSpace(s) == "" {
			continue
		}
		if len(parts) == 0 {
			where = a.Expr.Range()
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", "), where, len(parts) > 0
}

// admitsBefore reports whether the constraint lets in some release older
// than since ("1.10"): the last patches of the minor release before it are
// tried, as a release of any of them would have to be refused.
func admitsBefore(c version.Constraints, since string) bool {
	v, err := version.NewVersion(since)
	if err != nil {
		return false
	}
	seg := v.Segments()
	if len(seg) < 2 {
		return false
	}
	major, minor := seg[0], seg[1]
	var tries []string
	if minor > 0 {
		tries = []string{fmt.Sprintf("%d.%d.99", major, minor-1), fmt.Sprintf("%d.%d.0", major, minor-1)}
	}
	for _, t := range tries {
		if tv, err := version.NewVersion(t); err == nil && c.Check(tv) {
			return true
		}
	}
	return false
}

// checkRequiredVersion warns when required_version lets in a Terraform
// that cannot read something the module uses: such a release stops at init
// or plan with an error that does not name the version.
func (c *checker) checkRequiredVersion() {
	constraint, at, ok := c.m.requiredVersion()
	if !ok {
		return
	}
	cs, err := version.NewConstraint(constraint)
	if err != nil {
		return
	}
	var worst *feature
	for _, f := range c.m.features() {
		if !admitsBefore(cs, f.Since) {
			continue
		}
		if worst == nil || newer(f.Since, worst.Since) {
			f := f
			worst = &f
		}
	}
	if worst == nil {
		return
	}
	c.rp.add("tf/required-version", at, "required-version", msg.Args{
		"Constraint": constraint, "Feature": worst.Name, "Since": worst.Since,
		"Where": where(worst.Range),
	})
}

func newer(a, b string) bool {
	va, errA := version.NewVersion(a)
	vb, errB := version.NewVersion(b)
	return errA == nil && errB == nil && va.GreaterThan(vb)
}
