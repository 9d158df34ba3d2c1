package terraform

import (
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
)

// checkPractice runs the rules about how a module should be written for
// production rather than whether Terraform accepts it.
func (c *checker) checkPractice() {
	c.checkRequiredProviders()
	c.checkRequiredVersion()
	c.checkRegion()
	c.checkSecrets()
	c.checkVariables()
	c.checkOutputs()
	// State and provider-wide tags are set where terraform runs; a module
	// another folder calls gets them from its caller.
	if !c.m.child {
		c.checkState()
		c.checkTags()
	}
}

// interpolationOnly reports "${var.x}" where var.x alone would do.
func (c *checker) interpolationOnly(x *hclsyntax.TemplateWrapExpr) {
	d := c.rp.add("tf/interpolation-only", x.SrcRange, "interpolation-only", nil)
	if src := c.m.sourceText(x.Wrapped.Range()); src != "" && len(src) < 80 {
		d.Hint = hint("interpolation-only", msg.Args{"Expression": src})
	}
}

// checkRequiredProviders wants every provider the module uses listed with a
// source and a version constraint.
func (c *checker) checkRequiredProviders() {
	listed := map[string]bool{}
	for _, tb := range c.m.terraforms {
		for _, rb := range tb.block.Body.Blocks {
			if rb.Type != "required_providers" {
				continue
			}
			for _, a := range sortedAttrs(rb.Body) {
				listed[a.Name] = true
				hasSource, hasVersion := false, false
				switch e := a.Expr.(type) {
				case *hclsyntax.ObjectConsExpr:
					for _, it := range e.Items {
						switch hcl.ExprAsKeyword(it.KeyExpr) {
						case "source":
							hasSource = true
						case "version":
							hasVersion = true
						}
					}
				default:
					// The old `aws = "~> 5.0"` form is a bare version.
					hasVersion = literalStringExpr(a.Expr) != ""
				}
				if !hasSource {
					c.rp.add("tf/provider-source", a.NameRange, "provider-no-source", msg.Args{"Provider": a.Name})
				}
				if !hasVersion {
					c.rp.add("tf/provider-version", a.NameRange, "provider-no-version", msg.Args{"Provider": a.Name})
				}
			}
		}
	}
	if c.m.incomplete {
		return
	}
	seen := map[string]bool{}
	for _, dc := range c.m.blocks {
		b := dc.block
		var name string
		var r hcl.Range
		switch b.Type {
		case "provider":
			name, r = b.Labels[0], b.LabelRanges[0]
		case "resource", "data":
			name, r = providerOf(b.Labels[0]), b.LabelRanges[0]
		default:
			continue
		}
		if name == "" || name == "terraform" || listed[name] || seen[name] {
			continue
		}
		seen[name] = true
		c.rp.add("tf/provider-source", r, "provider-not-required", msg.Args{"Provider": name})
	}
}

// providerOf is the provider local name implied by a resource type.
func providerOf(typ string) string {
	name, _, _ := strings.Cut(typ, "_")
	return name
}

func literalStringExpr(e hclsyntax.Expression) string {
	v, ok := constValue(e)
	if !ok || v.IsNull() || v.Type() != cty.String {
		return ""
	}
	return v.AsString()
}

// checkRegion flags literal regions and account IDs in aws provider blocks.
func (c *checker) checkRegion() {
	regionVar := ""
	for _, n := range sortStrings(keysOf(c.m.variables)) {
		if strings.Contains(strings.ToLower(n), "region") {
			regionVar = n
			break
		}
	}
	for _, p := range c.m.providers {
		if p.block.Labels[0] != "aws" {
			continue
		}
		body := p.block.Body
		if a, ok := body.Attributes["region"]; ok {
			if lit := literalStringExpr(a.Expr); lit != "" {
				if regionVar != "" {
					d := c.rp.add("tf/hardcoded-region", a.Expr.Range(), "hardcoded-region", msg.Args{"Region": lit})
					d.Hint = hint("use-region-var", msg.Args{"Variable": "var." + regionVar})
				} else {
					d := c.rp.add("tf/hardcoded-region", a.Expr.Range(), "hardcoded-region", msg.Args{"Region": lit})
					d.Severity = diag.SeverityInfo
				}
			}
		}
		for _, name := range []string{"allowed_account_ids", "forbidden_account_ids"} {
			if a, ok := body.Attributes[name]; ok {
				if _, lit := constValue(a.Expr); lit {
					c.rp.add("tf/hardcoded-region", a.Expr.Range(), "hardcoded-account", msg.Args{"Argument": name})
				}
			}
		}
	}
}

// secretWords are name parts that mark a value as a credential.
var secretWords = []string{"password", "passwd", "secret", "token", "api_key", "apikey", "access_key", "private_key", "credential"}

// notSecretSuffixes end names that refer to a secret without holding one.
var notSecretSuffixes = []string{"_id", "_ids", "_arn", "_arns", "_name", "_names", "_length", "_version", "_stage", "_stages",
	"_count", "_ttl", "_enabled", "_type", "_policy", "_rotation", "_file", "_path", "_endpoint", "_url", "_uri",
	"_required", "_days", "_duration", "_prefix", "_kms_key", "_location"}

// secretLike reports whether a name looks like it holds a credential.
func secretLike(name string) bool {
	n := name
	for i := 0; i < len(name); i++ {
		if c := name[i]; c == '-' || c >= 'A' && c <= 'Z' {
			n = strings.ToLower(strings.ReplaceAll(name, "-", "_"))
			break
		}
	}
	for _, s := range notSecretSuffixes {
		if strings.HasSuffix(n, s) {
			return false
		}
	}
	for _, w := range secretWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return n == "pwd" || strings.HasSuffix(n, "_pwd")
}

// awsKeyPattern matches an AWS access key ID pasted into a string.
var awsKeyPattern = regexp.MustCompile(`\b(AKIA|ASIA)[0-9A-Z]{16}\b`)

// settingWords are values that choose a setting, never a credential:
// `http_tokens = "required"` names a token but sets a mode.
var settingWords = map[string]bool{
	"required": true, "optional": true, "enabled": true, "disabled": true, "enable": true, "disable": true,
	"true": true, "false": true, "none": true, "default": true, "on": true, "off": true, "auto": true,
	"yes": true, "no": true, "null": true,
}

// secretLiteral reports whether an expression is a non-empty literal string
// that could be a real credential: not a reference, an ARN, a setting word
// or a placeholder that only repeats the argument's name.
func secretLiteral(name string, e hclsyntax.Expression) bool {
	s := literalStringExpr(e)
	if s == "" || strings.HasPrefix(s, "arn:") || settingWords[strings.ToLower(s)] {
		return false
	}
	norm := func(x string) string { return strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(x)) }
	return norm(s) != norm(name)
}

// checkSecrets looks for credentials written as literals anywhere the
// module sets values.
func (c *checker) checkSecrets() {
	for _, dc := range c.m.blocks {
		b := dc.block
		switch b.Type {
		case "resource", "data", "provider", "module", "locals":
			c.secretsInBody(b.Body, 0)
		case "terraform":
			for _, nb := range b.Body.Blocks {
				if nb.Type == "backend" || nb.Type == "cloud" {
					c.secretsInBody(nb.Body, 0)
				}
			}
		case "variable":
			if a, ok := b.Body.Attributes["default"]; ok && secretLike(b.Labels[0]) && secretLiteral(b.Labels[0], a.Expr) {
				c.rp.add("tf/hardcoded-secret", a.Expr.Range(), "hardcoded-secret-default", msg.Args{"Variable": b.Labels[0]})
			} else if ok {
				c.secretsInExpr(a.Expr, 0)
			}
		}
	}
}

func (c *checker) secretsInBody(body *hclsyntax.Body, depth int) {
	if depth > maxExprDepth {
		return
	}
	for _, a := range sortedAttrs(body) {
		if secretLike(a.Name) && secretLiteral(a.Name, a.Expr) {
			c.rp.add("tf/hardcoded-secret", a.Expr.Range(), "hardcoded-secret", msg.Args{"Name": a.Name})
			continue
		}
		c.secretsInExpr(a.Expr, 0)
	}
	for _, nb := range body.Blocks {
		c.secretsInBody(nb.Body, depth+1)
	}
}

// secretsInExpr finds credentials inside object values: keys that name a
// secret ({ password = "..." }), name/value pairs of container environment
// variables, and AWS access keys inside any string.
func (c *checker) secretsInExpr(e hclsyntax.Expression, depth int) {
	if depth > maxExprDepth || e == nil {
		return
	}
	switch x := e.(type) {
	case *hclsyntax.ObjectConsExpr:
		var nameVal string
		var valueExpr hclsyntax.Expression
		for _, it := range x.Items {
			key := objectKey(it.KeyExpr)
			switch {
			case key == "name":
				nameVal = literalStringExpr(it.ValueExpr)
			case key == "value":
				valueExpr = it.ValueExpr
			case secretLike(key) && secretLiteral(key, it.ValueExpr):
				c.rp.add("tf/hardcoded-secret", it.ValueExpr.Range(), "hardcoded-secret", msg.Args{"Name": key})
				continue
			}
			c.secretsInExpr(it.ValueExpr, depth+1)
		}
		if nameVal != "" && valueExpr != nil && secretLike(nameVal) && secretLiteral(nameVal, valueExpr) {
			c.rp.add("tf/hardcoded-secret", valueExpr.Range(), "hardcoded-secret-env", msg.Args{"Name": nameVal})
		}
	case *hclsyntax.TupleConsExpr:
		for _, it := range x.Exprs {
			c.secretsInExpr(it, depth+1)
		}
	case *hclsyntax.FunctionCallExpr:
		for _, a := range x.Args {
			c.secretsInExpr(a, depth+1)
		}
	case *hclsyntax.TemplateExpr:
		for _, p := range x.Parts {
			if lit, ok := p.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String && !lit.Val.IsNull() {
				if awsKeyPattern.MatchString(lit.Val.AsString()) {
					c.rp.add("tf/hardcoded-secret", x.SrcRange, "hardcoded-access-key", nil)
					return
				}
			}
		}
	case *hclsyntax.ParenthesesExpr:
		c.secretsInExpr(x.Expression, depth+1)
	}
}

// objectKey returns an object constructor key written as a name or a
// literal string.
func objectKey(e hclsyntax.Expression) string {
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok {
		if !k.ForceNonLiteral {
			if kw := hcl.ExprAsKeyword(k.Wrapped); kw != "" {
				return kw
			}
		}
		return literalStringExpr(k.Wrapped)
	}
	return literalStringExpr(e)
}

// structured reports whether a variable's type is an object or a
// collection of objects: such a variable describes where secrets live (a
// container's `secrets` list of names and ARNs), it does not hold one.
func structured(ta *hclsyntax.Attribute) bool {
	if ta == nil {
		return false
	}
	ty, diags := typeexpr.TypeConstraint(ta.Expr)
	if diags.HasErrors() {
		return false
	}
	if ty.IsListType() || ty.IsSetType() || ty.IsMapType() {
		ty = ty.ElementType()
	}
	return ty.IsObjectType()
}

// checkVariables covers sensitive names, defaults against types and
// validation conditions.
func (c *checker) checkVariables() {
	for _, dc := range c.m.blocks {
		b := dc.block
		if b.Type != "variable" {
			continue
		}
		name := b.Labels[0]
		body := b.Body
		if secretLike(name) && !isTrue(body.Attributes["sensitive"]) && !structured(body.Attributes["type"]) {
			c.rp.add("tf/sensitive-variable", b.LabelRanges[0], "sensitive-variable", msg.Args{"Variable": name})
		}
		c.checkDefault(b)
		for _, vb := range body.Blocks {
			if vb.Type != "validation" {
				continue
			}
			cond, ok := vb.Body.Attributes["condition"]
			if !ok {
				continue
			}
			if !refersTo(cond.Expr, "var", name) {
				c.rp.add("tf/validation-self", cond.Expr.Range(), "validation-self", msg.Args{"Variable": name})
			}
		}
	}
}

// isTrue reports an attribute set to the literal true.
func isTrue(a *hclsyntax.Attribute) bool {
	if a == nil {
		return false
	}
	v, ok := constValue(a.Expr)
	return ok && !v.IsNull() && v.Type() == cty.Bool && v.True()
}

// refersTo reports whether an expression mentions root.name.
func refersTo(e hclsyntax.Expression, root, name string) bool {
	for _, t := range e.Variables() {
		if t.RootName() != root {
			continue
		}
		if n, _, ok := step(t, 1); ok && n == name {
			return true
		}
	}
	return false
}

// checkDefault compares a variable's default with its type constraint.
func (c *checker) checkDefault(b *hclsyntax.Block) {
	da, hasDefault := b.Body.Attributes["default"]
	if hasDefault && !constantDefault(c.rp, b.Labels[0], da.Expr) {
		return
	}
	ta, hasType := b.Body.Attributes["type"]
	if !hasType {
		return
	}
	var ty cty.Type
	var defaults *typeexpr.Defaults
	var diags hcl.Diagnostics
	// Terraform still accepts the bare legacy keywords list and map, as
	// list(any) and map(any); terraform fmt rewrites them.
	switch hcl.ExprAsKeyword(ta.Expr) {
	case "list":
		ty = cty.List(cty.DynamicPseudoType)
	case "map":
		ty = cty.Map(cty.DynamicPseudoType)
	default:
		ty, defaults, diags = typeexpr.TypeConstraintWithDefaults(ta.Expr)
	}
	if diags.HasErrors() {
		key := "invalid-type"
		if _, quoted := ta.Expr.(*hclsyntax.TemplateExpr); quoted {
			key = "quoted-type"
		}
		c.rp.add("tf/invalid-type", ta.Expr.Range(), key, msg.Args{"Type": c.m.sourceText(ta.Expr.Range())})
		return
	}
	if !hasDefault {
		return
	}
	v, ok := constValue(da.Expr)
	if !ok {
		return
	}
	if defaults != nil {
		v = defaults.Apply(v)
	}
	if _, err := convert.Convert(v, ty); err != nil {
		c.rp.add("tf/default-type", da.Expr.Range(), "default-type", msg.Args{
			"Variable": b.Labels[0],
			"Type":     typeexpr.TypeString(ty),
			"Actual":   friendlyType(v.Type()),
			// cty says why in English only; other languages leave it out.
			"Reason": msg.New("tf.default-type.reason", msg.Args{"Error": err.Error()}),
		})
	}
}

// constantDefault reports a default that is not a constant, judged as
// Terraform judges it: the expression evaluated with no context at all, so
// any function call or reference is an error.
func constantDefault(rp *reporter, name string, e hclsyntax.Expression) bool {
	_, ds := e.Value(nil)
	if !ds.HasErrors() {
		return true
	}
	at := e.Range()
	for _, d := range ds {
		if d.Severity == hcl.DiagError && d.Subject != nil {
			at = *d.Subject
			break
		}
	}
	key := "default-constant-reference"
	hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		if _, ok := n.(*hclsyntax.FunctionCallExpr); ok {
			key = "default-constant-function"
		}
		return nil
	})
	rp.add("tf/default-constant", at, key, msg.Args{"Variable": name})
	return false
}

// checkOutputs wants outputs that show sensitive values marked sensitive.
func (c *checker) checkOutputs() {
	for _, dc := range c.m.blocks {
		b := dc.block
		if b.Type != "output" || isTrue(b.Body.Attributes["sensitive"]) {
			continue
		}
		va, ok := b.Body.Attributes["value"]
		if !ok || hasNonsensitive(va.Expr) {
			continue
		}
		for _, t := range va.Expr.Variables() {
			if what, ok := c.sensitiveRef(t); ok {
				c.rp.add("tf/sensitive-output", t.SourceRange(), "sensitive-output", msg.Args{"Output": b.Labels[0], "Value": what})
				break
			}
		}
	}
}

// hasNonsensitive reports a deliberate nonsensitive() call.
func hasNonsensitive(e hclsyntax.Expression) bool {
	found := false
	_ = hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		if f, ok := n.(*hclsyntax.FunctionCallExpr); ok && f.Name == "nonsensitive" {
			found = true
		}
		return nil
	})
	return found
}

// sensitiveRef reports whether a reference reads a sensitive variable or a
// sensitive resource attribute, and names it.
func (c *checker) sensitiveRef(t hcl.Traversal) (string, bool) {
	root := t.RootName()
	switch root {
	case "var":
		n, _, ok := step(t, 1)
		if v := c.m.variables[n]; ok && v != nil && isTrue(v.block.Body.Attributes["sensitive"]) {
			return "var." + n, true
		}
		return "", false
	case "data":
		typ, _, ok1 := step(t, 1)
		name, _, ok2 := step(t, 2)
		if !ok1 || !ok2 || c.m.data[typ][name] == nil {
			return "", false
		}
		return c.sensitiveAttr(t, 3, c.schemaFor(typ, true), "data."+typ+"."+name)
	default:
		name, _, ok := step(t, 1)
		if !ok || c.m.resources[root][name] == nil {
			return "", false
		}
		return c.sensitiveAttr(t, 2, c.schemaFor(root, false), root+"."+name)
	}
}

func (c *checker) sensitiveAttr(t hcl.Traversal, i int, sch *blockSchema, addr string) (string, bool) {
	if sch == nil {
		return "", false
	}
	if i < len(t) {
		if _, isIndex := t[i].(hcl.TraverseIndex); isIndex {
			i++
		}
	}
	attr, _, ok := step(t, i)
	if !ok {
		return "", false
	}
	if a := sch.Args[attr]; a != nil && a.Sensitive {
		return addr + "." + attr, true
	}
	return "", false
}

// checkState wants a remote backend with locking.
func (c *checker) checkState() {
	m := c.m
	if m.incomplete || m.cloud != nil {
		return
	}
	sev := diag.SeverityWarning
	if c.opt.Production {
		sev = diag.SeverityError
	}
	if m.backend == nil {
		if len(m.resources) == 0 && len(m.modules) == 0 && len(m.terraforms) == 0 {
			return
		}
		r, ok := m.stateAnchor()
		if !ok {
			return
		}
		d := c.rp.add("tf/local-state", r, "local-state", nil)
		d.Severity = sev
		return
	}
	be := m.backend
	r := hcl.RangeBetween(be.TypeRange, be.LabelRanges[0])
	switch be.Labels[0] {
	case "local":
		d := c.rp.add("tf/local-state", r, "local-backend", nil)
		d.Severity = sev
	case "s3":
		attrs := be.Body.Attributes
		if isTrue(attrs["use_lockfile"]) {
			return
		}
		if t, ok := attrs["dynamodb_table"]; ok && literalStringExpr(t.Expr) != "" {
			return
		}
		if ul, ok := attrs["use_lockfile"]; ok {
			r = ul.SrcRange
		}
		d := c.rp.add("tf/backend-locking", r, "backend-locking", nil)
		d.Severity = sev
	}
}

// stateAnchor picks where a "no backend" diagnostic points: the terraform
// block if there is one, else the first resource or module.
func (m *Module) stateAnchor() (hcl.Range, bool) {
	if len(m.terraforms) > 0 {
		return m.terraforms[0].block.DefRange(), true
	}
	for _, dc := range m.blocks {
		if dc.block.Type == "resource" || dc.block.Type == "module" {
			return dc.block.DefRange(), true
		}
	}
	return hcl.Range{}, false
}

// checkTags wants taggable resources tagged unless the aws provider sets
// default_tags.
func (c *checker) checkTags() {
	for _, p := range c.m.providers {
		if p.block.Labels[0] != "aws" {
			continue
		}
		for _, nb := range p.block.Body.Blocks {
			if nb.Type == "default_tags" {
				return
			}
		}
	}
	for _, dc := range c.m.blocks {
		b := dc.block
		if b.Type != "resource" {
			continue
		}
		sch := c.schemaFor(b.Labels[0], false)
		if sch == nil || sch.Args["tags"] == nil || b.Body.Attributes["tags"] != nil {
			continue
		}
		c.rp.add("tf/missing-tags", hcl.RangeBetween(b.LabelRanges[0], b.LabelRanges[1]), "missing-tags", msg.Args{"Resource": b.Labels[0] + "." + b.Labels[1]})
	}
}

// sourceText returns the source bytes of a range, or "".
func (m *Module) sourceText(r hcl.Range) string {
	for _, f := range m.files {
		if f.path == r.Filename {
			if r.Start.Byte >= 0 && r.End.Byte <= len(f.src) && r.Start.Byte <= r.End.Byte {
				return string(f.src[r.Start.Byte:r.End.Byte])
			}
		}
	}
	return ""
}
