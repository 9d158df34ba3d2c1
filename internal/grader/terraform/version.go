package terraform

import (
	"strings"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// awsConstraint is the version constraint a module puts on hashicorp/aws in
// required_providers, several joined with commas as Terraform joins them,
// and where the first one is written; "" when there is none.
func (m *Module) awsConstraint() (string, hcl.Range) {
	var parts []string
	var where hcl.Range
	for _, tb := range m.terraforms {
		for _, rb := range tb.block.Body.Blocks {
			if rb.Type != "required_providers" {
				continue
			}
			for _, a := range sortedAttrs(rb.Body) {
				source, ver := "", ""
				switch e := a.Expr.(type) {
				case *hclsyntax.ObjectConsExpr:
					for _, it := range e.Items {
						switch hcl.ExprAsKeyword(it.KeyExpr) {
						case "source":
							source = literalStringExpr(it.ValueExpr)
						case "version":
							ver = literalStringExpr(it.ValueExpr)
						}
					}
				default:
					ver = literalStringExpr(a.Expr)
				}
				if !isAWSSource(a.Name, source) || strings.TrimSpace(ver) == "" {
					continue
				}
				if len(parts) == 0 {
					where = a.Range()
				}
				parts = append(parts, ver)
			}
		}
	}
	return strings.Join(parts, ", "), where
}

// isAWSSource reports whether a required_providers entry is hashicorp/aws:
// by its source address, or by the local name aws when no source is given
// (Terraform then assumes hashicorp/aws).
func isAWSSource(local, source string) bool {
	if source == "" {
		return local == "aws"
	}
	s := strings.ToLower(source)
	s = strings.TrimPrefix(s, "registry.terraform.io/")
	return s == "hashicorp/aws"
}

// excludes reports whether constraint rules out the schema's version. A
// constraint or version that does not parse excludes nothing: the schema
// checks then run as usual and other rules speak about the constraint.
func excludes(constraint, have string) bool {
	if constraint == "" {
		return false
	}
	cs, err := version.NewConstraint(constraint)
	if err != nil {
		return false
	}
	v, err := version.NewVersion(have)
	if err != nil {
		return false
	}
	return !cs.Check(v)
}
