package grader

import (
	"slices"
	"strings"

	celast "github.com/google/cel-go/common/ast"
	"github.com/google/cel-go/common/operators"

	"github.com/iactutor/iactutor/internal/course"
)

// need is an object, block or resource an expectation reads by name. When
// the expectation is not met and the object is missing, the learner is
// told that, instead of whatever CEL makes of a missing key.
type need struct {
	// id is the object's identity in the model: "Kind/name" for
	// Kubernetes, an address such as "aws_lb.api", "data.aws_vpc.main",
	// "variable.region" or "output.url" for Terraform.
	id string
}

// needsOf lists, in order of first appearance, the objects an expression
// names: kinds.K.N or kinds["K"]["N"] and `"N" in kinds.K`; for Terraform
// resources.T.N, data.T.N, variables.N and outputs.N. A presence test
// (has(kinds.K)) asks whether something exists and needs nothing.
func needsOf(expr celast.Expr) []need {
	var out []need
	add := func(root string, parts []string) {
		id, ok := needID(root, parts)
		if ok && !slices.Contains(out, need{id}) {
			out = append(out, need{id})
		}
	}
	celast.PreOrderVisit(expr, celast.NewExprVisitor(func(e celast.Expr) {
		switch e.Kind() {
		case celast.SelectKind, celast.CallKind:
			if e.Kind() == celast.SelectKind && e.AsSelect().IsTestOnly() {
				return
			}
			if e.Kind() == celast.CallKind && e.AsCall().FunctionName() == operators.In {
				args := e.AsCall().Args()
				if len(args) == 2 {
					if s, ok := stringLiteral(args[0]); ok {
						if root, parts, ok := chain(args[1]); ok {
							add(root, append(parts, s))
						}
					}
				}
				return
			}
			if root, parts, ok := chain(e); ok {
				add(root, parts)
			}
		}
	}))
	return out
}

func needID(root string, parts []string) (string, bool) {
	switch root {
	case "kinds":
		if len(parts) >= 2 {
			return parts[0] + "/" + parts[1], true
		}
	case "resources":
		if len(parts) >= 2 {
			return parts[0] + "." + parts[1], true
		}
	case "data":
		if len(parts) >= 2 {
			return "data." + parts[0] + "." + parts[1], true
		}
	case "variables":
		if len(parts) >= 1 {
			return "variable." + parts[0], true
		}
	case "outputs":
		if len(parts) >= 1 {
			return "output." + parts[0], true
		}
	}
	return "", false
}

// chain reads a.b["c"].d as the identifier a and the names b, c, d; ok is
// false when any step is not a constant name.
func chain(e celast.Expr) (string, []string, bool) {
	var rev []string
	for {
		switch e.Kind() {
		case celast.IdentKind:
			slices.Reverse(rev)
			return e.AsIdent(), rev, true
		case celast.SelectKind:
			s := e.AsSelect()
			if s.IsTestOnly() {
				return "", nil, false
			}
			rev = append(rev, s.FieldName())
			e = s.Operand()
		case celast.CallKind:
			c := e.AsCall()
			if c.FunctionName() != operators.Index || len(c.Args()) != 2 {
				return "", nil, false
			}
			s, ok := stringLiteral(c.Args()[1])
			if !ok {
				return "", nil, false
			}
			rev = append(rev, s)
			e = c.Args()[0]
		default:
			return "", nil, false
		}
	}
}

func stringLiteral(e celast.Expr) (string, bool) {
	if e.Kind() != celast.LiteralKind {
		return "", false
	}
	s, ok := e.AsLiteral().Value().(string)
	return s, ok
}

// needsAt is the object a check's `at` points at: a check about it cannot
// be met without it.
func needsAt(at *course.Location) []need {
	if at == nil {
		return nil
	}
	if at.Kind != "" && at.Name != "" {
		return []need{{at.Kind + "/" + at.Name}}
	}
	parts := strings.Split(strings.TrimPrefix(at.Path, "resource."), ".")
	switch {
	case at.Kind != "" || len(parts) < 2:
		return nil
	case parts[0] == "data" && len(parts) >= 3:
		return []need{{"data." + parts[1] + "." + trimIndex(parts[2])}}
	case parts[0] == "variable" || parts[0] == "output":
		return []need{{parts[0] + "." + trimIndex(parts[1])}}
	case strings.Contains(parts[0], "_"):
		return []need{{parts[0] + "." + trimIndex(parts[1])}}
	}
	return nil
}

func trimIndex(s string) string { return strings.SplitN(s, "[", 2)[0] }
