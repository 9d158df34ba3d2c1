// Package rules is the catalogue behind `iactutor explain` and `iactutor
// rules`: every diagnostic a validator emits names a rule here, and every rule
// says why it matters, how to fix it and which lesson teaches it.
package rules

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
)

// Rule is one check a validator makes. Its explanation lives in the message
// catalog under rule.<ID>.title, .why and .fix, so it is written once per
// language and never in Go.
type Rule struct {
	// ID is "k8s/...", "tf/..." or "file/...".
	ID string
	// Severity is the default severity of its diagnostics.
	Severity diag.Severity
	// Lesson is the slug of the lesson that teaches it ("" when none does yet).
	Lesson string
}

// Title is a short noun phrase, e.g. "Service selector matches no pod".
func (r Rule) Title() msg.Text { return msg.New(TitleKey(r.ID), nil) }

// Why says what breaks in production when this is wrong.
func (r Rule) Why() msg.Text { return msg.New(WhyKey(r.ID), nil) }

// Fix says what to change.
func (r Rule) Fix() msg.Text { return msg.New(FixKey(r.ID), nil) }

// TitleKey, WhyKey and FixKey name a rule's explanation in the catalog.
func TitleKey(id string) string { return "rule." + id + ".title" }

// WhyKey: see TitleKey.
func WhyKey(id string) string { return "rule." + id + ".why" }

// FixKey: see TitleKey.
func FixKey(id string) string { return "rule." + id + ".fix" }

// Catalog is a sorted, duplicate-free set of rules.
type Catalog struct{ rules []Rule }

// NewCatalog merges rule lists from every validator; a duplicate ID or a rule
// without a severity is a programming error reported as an error value. The
// catalog tests prove every rule's explanation exists in every language.
func NewCatalog(lists ...[]Rule) (*Catalog, error) {
	var all []Rule
	seen := map[string]bool{}
	for _, l := range lists {
		for _, r := range l {
			if seen[r.ID] {
				return nil, fmt.Errorf("rule %s is defined twice", r.ID)
			}
			if r.Severity == diag.SeverityInvalid {
				return nil, fmt.Errorf("rule %s has no severity", r.ID)
			}
			seen[r.ID] = true
			all = append(all, r)
		}
	}
	slices.SortFunc(all, func(a, b Rule) int { return cmp.Compare(a.ID, b.ID) })
	return &Catalog{rules: all}, nil
}

// All returns the rules sorted by ID.
func (c *Catalog) All() []Rule { return slices.Clone(c.rules) }

// Lookup finds a rule by ID.
func (c *Catalog) Lookup(id string) (Rule, bool) {
	i, ok := slices.BinarySearchFunc(c.rules, id, func(r Rule, id string) int { return cmp.Compare(r.ID, id) })
	if !ok {
		return Rule{}, false
	}
	return c.rules[i], true
}

// CourseRules are the problems `course check` reports to course authors.
func CourseRules() []Rule {
	return []Rule{{ID: "course/content", Severity: diag.SeverityError}}
}

// FileRules are the refusals made by the source reader, shared by both tracks.
func FileRules() []Rule {
	return []Rule{
		{ID: "file/too-large", Severity: diag.SeverityError},
		{ID: "file/binary", Severity: diag.SeverityError},
		{ID: "file/link-outside", Severity: diag.SeverityError},
		{ID: "file/unreadable", Severity: diag.SeverityError},
	}
}
