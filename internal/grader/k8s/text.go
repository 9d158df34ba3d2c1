package k8s

import (
	"strings"
	"unicode/utf8"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/rules"
)

// maxEcho caps how much of a learner's value is repeated in a message.
const maxEcho = 60

// q quotes a value taken from a file for a message: control characters are
// removed and long values are shortened, so a hostile file can neither drive
// the terminal nor flood the output.
func q(s string) string {
	return `"` + clip(s) + `"`
}

// bt wraps a value in backticks, the way hints show something to type.
func bt(s string) string {
	return "`" + clip(s) + "`"
}

func clip(s string) string {
	s = diag.Sanitize(s)
	s = strings.ReplaceAll(s, "\n", `\n`)
	s = strings.ReplaceAll(s, "\t", `\t`)
	if utf8.RuneCountInString(s) > maxEcho {
		r := []rune(s)
		s = string(r[:maxEcho-1]) + "…"
	}
	return s
}

// reporter collects diagnostics with the rule's default severity and its
// explanation as the detail.
type reporter struct {
	ds diag.Diagnostics
	// partial is set while a kustomize patch is read: the rules in
	// partialSilent say nothing about it.
	partial bool
}

func (r *reporter) add(rule string, rng diag.Range, summary, hint msg.Text) {
	r.addSev(rule, 0, rng, summary, hint)
}

// addSev reports with an explicit severity; 0 means the rule's default.
func (r *reporter) addSev(rule string, sev diag.Severity, rng diag.Range, summary, hint msg.Text) {
	if r.partial && partialSilent[rule] {
		return
	}
	ru, ok := ruleIndex[rule]
	if sev == diag.SeverityInvalid {
		sev = diag.SeverityError
		if ok {
			sev = ru.Severity
		}
	}
	var detail msg.Text
	if ok {
		detail = msg.New(rules.WhyKey(rule), nil)
	}
	r.ds = append(r.ds, diag.Diagnostic{
		Severity: sev,
		Summary:  summary,
		Detail:   detail,
		Subject:  rng,
		Rule:     rule,
		Hint:     hint,
	})
}
