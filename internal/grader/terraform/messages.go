package terraform

import (
	"strings"

	"github.com/iactutor/iactutor/internal/msg"
)

// hclSummaries names the catalog messages for the summaries hcl's parser
// uses most, so a learner reads them in their own language; any other
// summary is shown as hcl wrote it.
var hclSummaries = map[string]string{
	"Argument or block definition required":    "tf.hcl.argument-or-block-definition-required",
	"Missing newline after argument":           "tf.hcl.missing-newline-after-argument",
	"Unclosed configuration block":             "tf.hcl.unclosed-configuration-block",
	"Invalid expression":                       "tf.hcl.invalid-expression",
	"Missing expression":                       "tf.hcl.missing-expression",
	"Unterminated template string":             "tf.hcl.unterminated-template-string",
	"Invalid character":                        "tf.hcl.invalid-character",
	"Invalid block definition":                 "tf.hcl.invalid-block-definition",
	"Invalid argument name":                    "tf.hcl.invalid-argument-name",
	"Attribute redefined":                      "tf.hcl.attribute-redefined",
	"Unbalanced parentheses":                   "tf.hcl.unbalanced-parentheses",
	"Missing item separator":                   "tf.hcl.missing-item-separator",
	"Missing attribute separator":              "tf.hcl.missing-attribute-separator",
	"Missing key/value separator":              "tf.hcl.missing-key-value-separator",
	"Extra characters after expression":        "tf.hcl.extra-characters-after-expression",
	"Unclosed heredoc":                         "tf.hcl.unclosed-heredoc",
	"Invalid multi-line string":                "tf.hcl.invalid-multi-line-string",
	"Invalid single-argument block definition": "tf.hcl.invalid-single-argument-block-definition",
	"Unsupported operator":                     "tf.hcl.unsupported-operator",
}

// syntaxSummary is hcl's summary s as a message: the catalog's when it has
// one, else hcl's own words without the final period, since ours follows
// "Syntax error: ".
func syntaxSummary(s string) msg.Text {
	if key, ok := hclSummaries[s]; ok {
		return msg.New(key, nil)
	}
	return msg.Plain(strings.TrimSuffix(s, "."))
}
