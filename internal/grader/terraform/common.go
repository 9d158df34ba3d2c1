package terraform

import (
	"slices"

	"github.com/hashicorp/hcl/v2"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
)

// maxExprDepth caps recursion into expressions and nested blocks, so a
// pathological file cannot exhaust the stack of a grader.
const maxExprDepth = 64

// toRange converts an hcl range; hcl columns already count characters from 1.
func toRange(r hcl.Range) diag.Range {
	return diag.Range{
		Filename: r.Filename,
		Start:    diag.Pos{Line: r.Start.Line, Column: r.Start.Column},
		End:      diag.Pos{Line: r.End.Line, Column: r.End.Column},
	}
}

// reporter collects diagnostics as messages not yet in words, so one run
// serves every language.
type reporter struct {
	diags diag.Diagnostics
}

// add appends a diagnostic for rule at r whose summary, detail and hint are
// the catalog's tf.KEY.summary, .detail and .hint filled with args; the
// severity is the rule's default.
func (rp *reporter) add(rule string, r hcl.Range, key string, args msg.Args) *diag.Diagnostic {
	rp.diags = append(rp.diags, diag.Diagnostic{
		Severity: defaultSeverity(rule),
		Summary:  msg.New("tf."+key+".summary", args),
		Detail:   msg.New("tf."+key+".detail", args),
		Hint:     msg.New("tf."+key+".hint", args),
		Subject:  toRange(r),
		Rule:     rule,
	})
	return &rp.diags[len(rp.diags)-1]
}

// hint is one of the catalog's tf.hint.NAME messages, which replace a
// diagnostic's general hint when the module shows what to write.
func hint(name string, args msg.Args) msg.Text { return msg.New("tf.hint."+name, args) }

// suggestHint replaces the hint with a "did you mean" when a suggestion exists.
func (rp *reporter) suggestHint(d *diag.Diagnostic, suggestion string) {
	if suggestion == "" {
		return
	}
	d.Hint = hint("didyoumean", msg.Args{"Suggestion": suggestion})
}

// sortStrings sorts in place and returns the slice, for candidate lists.
func sortStrings(s []string) []string {
	slices.Sort(s)
	return s
}
