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

// reporter collects diagnostics in one language.
type reporter struct {
	lang  string
	diags diag.Diagnostics
}

// add appends a diagnostic for rule at r built from the message key; the
// severity is the rule's default.
func (rp *reporter) add(rule string, r hcl.Range, key string, args ...any) *diag.Diagnostic {
	t := text(rp.lang, key, args...)
	rp.diags = append(rp.diags, diag.Diagnostic{
		Severity: defaultSeverity(rule),
		Summary:  plain(t.Summary),
		Detail:   plain(t.Detail),
		Hint:     plain(t.Hint),
		Subject:  toRange(r),
		Rule:     rule,
	})
	return &rp.diags[len(rp.diags)-1]
}

// suggestHint replaces the hint with a "did you mean" when a suggestion exists.
func (rp *reporter) suggestHint(d *diag.Diagnostic, suggestion string) {
	if suggestion == "" {
		return
	}
	d.Hint = plain(text(rp.lang, "hint-didyoumean", suggestion).Summary)
}

// plain wraps text already in the reporter's language.
func plain(s string) msg.Text {
	if s == "" {
		return msg.Text{}
	}
	return msg.Plain(s)
}

// sortStrings sorts in place and returns the slice, for candidate lists.
func sortStrings(s []string) []string {
	slices.Sort(s)
	return s
}
