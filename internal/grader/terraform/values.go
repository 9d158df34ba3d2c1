package terraform

import (
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/suggest"
)

// checkValues runs the rules that read evaluated values: what count and
// for_each wait for, each.value of a set, moved and removed targets, and
// the provider facts about security groups, IAM policies, ECS task
// definitions and listeners. Each speaks only about known values.
func (c *checker) checkValues() {
	vals := c.m.Values()
	for _, dc := range c.m.blocks {
		b := dc.block
		switch b.Type {
		case "resource", "data", "module":
			c.checkRepetition(vals, b)
		case "moved", "removed":
			c.checkMovedRemoved(b)
		}
		if b.Type != "resource" || len(b.Labels) != 2 {
			continue
		}
		ctx := vals.blockContext(b.Body)
		switch b.Labels[0] {
		case "aws_security_group":
			for _, nb := range b.Body.Blocks {
				if nb.Type == "ingress" || nb.Type == "egress" {
					c.checkSGRule(ctx, nb.Body, nb.Type == "ingress", sgInline)
				}
			}
		case "aws_security_group_rule":
			ingress := false
			if v, ok := knownAttr(ctx, b.Body.Attributes["type"]); ok && v.Type() == cty.String {
				ingress = v.AsString() == "ingress"
			}
			c.checkSGRule(ctx, b.Body, ingress, sgRule)
		case "aws_vpc_security_group_ingress_rule":
			c.checkSGRule(ctx, b.Body, true, sgVPCRule)
		case "aws_vpc_security_group_egress_rule":
			c.checkSGRule(ctx, b.Body, false, sgVPCRule)
		case "aws_ecs_task_definition":
			c.checkTaskDefinition(ctx, b.Body)
		case "aws_lb_listener", "aws_alb_listener":
			c.checkListener(ctx, b.Body)
		}
		c.policiesInBody(ctx, b.Body, 0)
	}
}

// knownAttr evaluates an attribute and returns it unmarked when wholly
// known and not null.
func knownAttr(ctx *hcl.EvalContext, a *hclsyntax.Attribute) (cty.Value, bool) {
	if a == nil {
		return cty.NilVal, false
	}
	v, ok := evalIn(ctx, a.Expr)
	if !ok {
		return cty.NilVal, false
	}
	return known(v)
}

// checkRepetition reports count and for_each values that wait for a
// resource to be created (terraform plan refuses them), and each.value
// in a block repeated over a set, where it is the same as each.key.
func (c *checker) checkRepetition(vals *Values, b *hclsyntax.Block) {
	if a := b.Body.Attributes["count"]; a != nil {
		if v, ok := vals.Value(a.Expr); ok && !v.IsKnown() {
			if addrs := AfterApplyAddresses(v); len(addrs) > 0 {
				c.rp.add("tf/known-after-apply", a.Expr.Range(), "count-after-apply", msg.Args{"Address": addrs[0]})
			}
		}
	}
	a := b.Body.Attributes["for_each"]
	if a == nil {
		return
	}
	v, ok := vals.Value(a.Expr)
	if !ok {
		return
	}
	plain, _ := v.UnmarkDeep()
	keysUnknown := !plain.IsKnown() || (plain.Type().IsSetType() && !plain.IsWhollyKnown())
	if keysUnknown {
		if addrs := AfterApplyAddresses(v); len(addrs) > 0 {
			c.rp.add("tf/known-after-apply", a.Expr.Range(), "for-each-after-apply", msg.Args{"Address": addrs[0]})
		}
		return
	}
	if pt, ok := typed(v); !ok || !pt.Type().IsSetType() {
		return
	}
	var first *hcl.Range
	visitBody(b.Body, 0, func(e hclsyntax.Expression) {
		st, ok := e.(*hclsyntax.ScopeTraversalExpr)
		if !ok || first != nil || st.Traversal.RootName() != "each" {
			return
		}
		if name, _, ok := step(st.Traversal, 1); ok && name == "value" {
			r := spanOf(st.Traversal, 2)
			first = &r
		}
	})
	if first != nil {
		c.rp.add("tf/each-value-set", *first, "each-value-set", nil)
	}
}

// address is a resource or module call named by a moved or removed block.
type address struct {
	text     string // as written, without instance keys
	declared bool
	indexed  bool // an instance key follows the resource or module name
	inner    bool // it names something inside a child module
}

// parseAddress reads a moved/removed address; ok is false for anything
// that is not a plain resource or module call address.
func (c *checker) parseAddress(e hclsyntax.Expression) (address, bool) {
	t, diags := hcl.AbsTraversalForExpr(e)
	if diags.HasErrors() || len(t) < 2 {
		return address{}, false
	}
	var names []string
	indexed := false
	for _, s := range t {
		switch x := s.(type) {
		case hcl.TraverseRoot:
			names = append(names, x.Name)
		case hcl.TraverseAttr:
			names = append(names, x.Name)
		case hcl.TraverseIndex:
			if len(names) == 2 {
				indexed = true
			}
		}
	}
	if names[0] == "module" {
		a := address{text: "module." + names[1], indexed: indexed, inner: len(names) > 2}
		a.declared = c.m.modules[names[1]] != nil
		return a, true
	}
	if names[0] == "data" || len(names) != 2 {
		return address{}, false
	}
	a := address{text: names[0] + "." + names[1], indexed: indexed}
	a.declared = c.m.resources[names[0]][names[1]] != nil
	return a, true
}

// checkMovedRemoved: plan refuses a moved block whose source is still
// declared, or a removed block whose address is; a move to an address
// that is not declared moves the object only to destroy it.
func (c *checker) checkMovedRemoved(b *hclsyntax.Block) {
	if c.m.incomplete {
		return
	}
	fa := b.Body.Attributes["from"]
	if fa == nil {
		return
	}
	from, ok := c.parseAddress(fa.Expr)
	if !ok || from.inner {
		return
	}
	if b.Type == "removed" {
		if from.declared && !from.indexed {
			c.rp.add("tf/moved-removed", fa.Expr.Range(), "removed-declared", msg.Args{"Address": from.text})
		}
		return
	}
	ta := b.Body.Attributes["to"]
	if ta == nil {
		return
	}
	to, ok := c.parseAddress(ta.Expr)
	if !ok || to.inner {
		return
	}
	if from.declared && !from.indexed && from.text != to.text {
		c.rp.add("tf/moved-removed", fa.Expr.Range(), "moved-from-declared", msg.Args{"Address": from.text, "To": to.text})
	}
	if !to.declared {
		d := c.rp.add("tf/moved-removed", ta.Expr.Range(), "moved-to-undeclared", msg.Args{"Address": to.text})
		d.Severity = diag.SeverityWarning
	}
}

// adminPorts are remote administration ports that should never be open to
// the whole internet.
var adminPorts = []int64{22, 3389}

// sgKind is where a security group rule is written; the provider treats
// ports under protocol -1 differently in each.
type sgKind int

const (
	sgInline  sgKind = iota // an ingress or egress block of aws_security_group
	sgRule                  // aws_security_group_rule
	sgVPCRule               // aws_vpc_security_group_ingress_rule / _egress_rule
)

// checkSGRule checks one security group rule: from_port above to_port,
// ports with every protocol, and an ingress rule opening SSH or RDP to
// every address.
func (c *checker) checkSGRule(ctx *hcl.EvalContext, body *hclsyntax.Body, ingress bool, kind sgKind) {
	protoAttr, cidrAttrs := "protocol", []string{"cidr_blocks", "ipv6_cidr_blocks"}
	if kind == sgVPCRule {
		protoAttr, cidrAttrs = "ip_protocol", []string{"cidr_ipv4", "cidr_ipv6"}
	}
	proto := ""
	if v, ok := knownAttr(ctx, body.Attributes[protoAttr]); ok {
		if v.Type() == cty.String {
			proto = strings.ToLower(v.AsString())
		} else if v.Type() == cty.Number {
			proto = v.AsBigFloat().Text('f', -1)
		}
	}
	from, fromOK := c.port(ctx, body.Attributes["from_port"])
	to, toOK := c.port(ctx, body.Attributes["to_port"])
	portsApply := proto == "tcp" || proto == "udp" || proto == "6" || proto == "17"
	if portsApply && fromOK && toOK && from > to {
		c.rp.add("tf/sg-port-range", body.Attributes["from_port"].Expr.Range(), "sg-port-order", msg.Args{"From": from, "To": to})
	}
	all := proto == "-1" || proto == "all"
	if all {
		c.checkAllProtocolPorts(body, kind, from, fromOK, to, toOK)
	}
	if !ingress {
		return
	}
	if !all && (!(proto == "tcp" || proto == "6") || !fromOK || !toOK) {
		return
	}
	var port int64 = -1
	for _, p := range adminPorts {
		if all || (from <= p && p <= to) {
			port = p
			break
		}
	}
	if port < 0 {
		return
	}
	for _, name := range cidrAttrs {
		a := body.Attributes[name]
		v, ok := knownAttr(ctx, a)
		if !ok {
			continue
		}
		if openCIDR(v) {
			c.rp.add("tf/sg-open-admin", a.Expr.Range(), "sg-open-admin", msg.Args{"Port": port})
			return
		}
	}
}

// checkAllProtocolPorts: a rule for every protocol (-1) covers every
// port, so a port range beside it means something else than it says. The
// provider refuses it in an aws_security_group block (from_port and
// to_port must both be 0); aws_security_group_rule sends it and AWS drops
// the ports, opening all of them; the aws_vpc_security_group_*_rule types
// read the ports back as -1, so every plan wants to change them and AWS
// refuses the update ("You may not specify all protocols and specific
// ports").
func (c *checker) checkAllProtocolPorts(body *hclsyntax.Body, kind sgKind, from int64, fromOK bool, to int64, toOK bool) {
	ok := func(p int64) bool {
		if kind == sgVPCRule {
			return p == -1
		}
		return p == 0 || (kind == sgRule && p == -1)
	}
	if kind == sgRule && fromOK && toOK && from == 0 && to == 65535 {
		return // every port, as the protocol says
	}
	name := ""
	switch {
	case fromOK && !ok(from):
		name = "from_port"
	case toOK && !ok(to):
		name = "to_port"
	default:
		return
	}
	key := map[sgKind]string{sgInline: "sg-all-protocols-ports", sgRule: "sg-all-protocols-ignored", sgVPCRule: "sg-all-protocols-ports-vpc"}[kind]
	d := c.rp.add("tf/sg-all-protocols", body.Attributes[name].Expr.Range(), key, msg.Args{"From": from, "To": to})
	if kind == sgRule {
		d.Severity = diag.SeverityWarning
	}
}

// openCIDR reports whether a CIDR, or a list of them, covers every address.
func openCIDR(v cty.Value) bool {
	ty := v.Type()
	if ty == cty.String {
		s := v.AsString()
		return s == "0.0.0.0/0" || s == "::/0"
	}
	if ty.IsListType() || ty.IsSetType() || ty.IsTupleType() {
		for it := v.ElementIterator(); it.Next(); {
			if _, e := it.Element(); openCIDR(e) {
				return true
			}
		}
	}
	return false
}

// port reads a known whole number, written as a number or a numeric string.
func (c *checker) port(ctx *hcl.EvalContext, a *hclsyntax.Attribute) (int64, bool) {
	v, ok := knownAttr(ctx, a)
	if !ok {
		return 0, false
	}
	return wholeNumber(v)
}

func wholeNumber(v cty.Value) (int64, bool) {
	switch v.Type() {
	case cty.String:
		n, err := strconv.ParseInt(v.AsString(), 10, 64)
		return n, err == nil
	case cty.Number:
		n, acc := v.AsBigFloat().Int64()
		return n, acc == big.Exact
	}
	return 0, false
}

// fargateSizes maps each Fargate task CPU size to its memory sizes (MiB).
var fargateSizes = map[int64][]int64{
	256:   {512, 1024, 2048},
	512:   steps(1024, 4096, 1024),
	1024:  steps(2048, 8192, 1024),
	2048:  steps(4096, 16384, 1024),
	4096:  steps(8192, 30720, 1024),
	8192:  steps(16384, 61440, 4096),
	16384: steps(32768, 122880, 8192),
}

func steps(from, to, by int64) []int64 {
	var out []int64
	for n := from; n <= to; n += by {
		out = append(out, n)
	}
	return out
}

// checkTaskDefinition checks container definitions written with
// jsonencode (every container needs a name and an image, and a
// memoryReservation no larger than its memory) and, on Fargate, the
// task's CPU and memory pair and network mode.
func (c *checker) checkTaskDefinition(ctx *hcl.EvalContext, body *hclsyntax.Body) {
	awsvpc := false
	if nm, ok := knownAttr(ctx, body.Attributes["network_mode"]); ok && nm.Type() == cty.String {
		awsvpc = nm.AsString() == "awsvpc"
	}
	if a := body.Attributes["container_definitions"]; a != nil {
		c.checkContainers(ctx, a.Expr, awsvpc)
	}
	rc, ok := knownAttr(ctx, body.Attributes["requires_compatibilities"])
	if !ok || !(rc.Type().IsSetType() || rc.Type().IsListType() || rc.Type().IsTupleType()) {
		return
	}
	fargate := false
	for it := rc.ElementIterator(); it.Next(); {
		if _, e := it.Element(); e.Type() == cty.String && e.AsString() == "FARGATE" {
			fargate = true
		}
	}
	if !fargate {
		return
	}
	if nm, ok := knownAttr(ctx, body.Attributes["network_mode"]); ok && nm.Type() == cty.String && nm.AsString() != "awsvpc" {
		c.rp.add("tf/ecs-fargate", body.Attributes["network_mode"].Expr.Range(), "fargate-network-mode", msg.Args{"Mode": nm.AsString()})
	}
	cpuA, memA := body.Attributes["cpu"], body.Attributes["memory"]
	cv, ok1 := knownAttr(ctx, cpuA)
	mv, ok2 := knownAttr(ctx, memA)
	if !ok1 {
		return
	}
	cpu, ok := wholeNumber(cv)
	if !ok {
		return
	}
	mems, valid := fargateSizes[cpu]
	if !valid {
		c.rp.add("tf/ecs-fargate", cpuA.Expr.Range(), "fargate-cpu", msg.Args{"CPU": cpu})
		return
	}
	if !ok2 {
		return
	}
	mem, ok := wholeNumber(mv)
	if !ok || slices.Contains(mems, mem) {
		return
	}
	list := make([]string, len(mems))
	for i, m := range mems {
		list[i] = strconv.FormatInt(m, 10)
	}
	c.rp.add("tf/ecs-fargate", memA.Expr.Range(), "fargate-memory", msg.Args{"CPU": cpu, "Memory": mem, "Valid": strings.Join(list, ", ")})
}

// checkContainers reads container_definitions = jsonencode([...]). In the
// awsvpc network mode a container's ports are the task's own, so a
// hostPort must equal its containerPort.
func (c *checker) checkContainers(ctx *hcl.EvalContext, e hclsyntax.Expression, awsvpc bool) {
	call, ok := e.(*hclsyntax.FunctionCallExpr)
	if !ok || call.Name != "jsonencode" || len(call.Args) != 1 {
		return
	}
	v, ok := evalIn(ctx, call.Args[0])
	if !ok {
		return
	}
	v, _ = v.UnmarkDeep()
	if !v.IsKnown() || v.IsNull() || !(v.Type().IsTupleType() || v.Type().IsListType()) {
		return
	}
	tuple, _ := call.Args[0].(*hclsyntax.TupleConsExpr)
	i := 0
	for it := v.ElementIterator(); it.Next(); i++ {
		_, ct := it.Element()
		if !ct.IsKnown() || ct.IsNull() || !ct.Type().IsObjectType() {
			continue
		}
		r := call.Args[0].Range()
		var obj *hclsyntax.ObjectConsExpr
		if tuple != nil && i < len(tuple.Exprs) {
			r = tuple.Exprs[i].Range()
			obj, _ = tuple.Exprs[i].(*hclsyntax.ObjectConsExpr)
		}
		if awsvpc {
			c.checkHostPorts(ct, obj, r)
		}
		for _, field := range []string{"name", "image"} {
			if !ct.Type().HasAttribute(field) {
				c.rp.add("tf/ecs-container-definition", r, "ecs-container-missing", msg.Args{"Field": field})
			}
		}
		if ct.Type().HasAttribute("memory") && ct.Type().HasAttribute("memoryReservation") {
			mem, ok1 := wholeKnown(ct.GetAttr("memory"))
			res, ok2 := wholeKnown(ct.GetAttr("memoryReservation"))
			if ok1 && ok2 && res > mem {
				c.rp.add("tf/ecs-container-definition", r, "ecs-memory-reservation", msg.Args{"Memory": mem, "Reservation": res})
			}
		}
	}
}

// checkHostPorts reports port mappings whose hostPort differs from their
// containerPort; obj is the container's constructor when written in place.
func (c *checker) checkHostPorts(ct cty.Value, obj *hclsyntax.ObjectConsExpr, r hcl.Range) {
	if !ct.Type().HasAttribute("portMappings") {
		return
	}
	pms := ct.GetAttr("portMappings")
	if !pms.IsKnown() || pms.IsNull() || !pms.CanIterateElements() {
		return
	}
	items, _ := itemValue(obj, "portMappings").(*hclsyntax.TupleConsExpr)
	j := 0
	for it := pms.ElementIterator(); it.Next(); j++ {
		_, pm := it.Element()
		if !pm.IsKnown() || pm.IsNull() || !pm.Type().IsObjectType() ||
			!pm.Type().HasAttribute("containerPort") || !pm.Type().HasAttribute("hostPort") {
			continue
		}
		cp, ok1 := wholeKnown(pm.GetAttr("containerPort"))
		hp, ok2 := wholeKnown(pm.GetAttr("hostPort"))
		if !ok1 || !ok2 || cp == hp {
			continue
		}
		pr := r
		if items != nil && j < len(items.Exprs) {
			pr = items.Exprs[j].Range()
		}
		c.rp.add("tf/ecs-container-definition", pr, "ecs-host-port", msg.Args{"Host": hp, "Container": cp})
	}
}

func wholeKnown(v cty.Value) (int64, bool) {
	if !v.IsKnown() || v.IsNull() {
		return 0, false
	}
	return wholeNumber(v)
}

// checkListener: a plain HTTP listener cannot take a certificate.
func (c *checker) checkListener(ctx *hcl.EvalContext, body *hclsyntax.Body) {
	p, ok := knownAttr(ctx, body.Attributes["protocol"])
	if !ok || p.Type() != cty.String || p.AsString() != "HTTP" {
		return
	}
	a := body.Attributes["certificate_arn"]
	if a == nil {
		return
	}
	v, ok := evalIn(ctx, a.Expr)
	if !ok {
		return
	}
	plain, _ := v.UnmarkDeep()
	if plain.IsNull() || (!plain.IsKnown() && len(AfterApplyAddresses(v)) == 0) {
		return
	}
	c.rp.add("tf/listener-certificate", a.NameRange, "http-listener-certificate", nil)
}

// policyArgs are the arguments that hold an IAM policy document.
var policyArgs = map[string]bool{"policy": true, "assume_role_policy": true}

// policiesInBody finds policy documents written with jsonencode in a
// resource body and its nested blocks.
func (c *checker) policiesInBody(ctx *hcl.EvalContext, body *hclsyntax.Body, depth int) {
	if depth > maxExprDepth {
		return
	}
	for _, a := range sortedAttrs(body) {
		if policyArgs[a.Name] {
			c.checkPolicy(ctx, a.Expr)
		}
	}
	for _, nb := range body.Blocks {
		if nb.Type != "dynamic" {
			c.policiesInBody(ctx, nb.Body, depth+1)
		}
	}
}

// checkPolicy checks the shape IAM requires of a document: Statement one
// statement or a list of them, each with Effect Allow or Deny and an
// Action or NotAction.
func (c *checker) checkPolicy(ctx *hcl.EvalContext, e hclsyntax.Expression) {
	call, ok := e.(*hclsyntax.FunctionCallExpr)
	if !ok || call.Name != "jsonencode" || len(call.Args) != 1 {
		return
	}
	doc, ok := evalIn(ctx, call.Args[0])
	if !ok {
		return
	}
	doc, _ = doc.UnmarkDeep()
	if !doc.IsKnown() || doc.IsNull() || !doc.Type().IsObjectType() || !doc.Type().HasAttribute("Statement") {
		return
	}
	docExpr, _ := call.Args[0].(*hclsyntax.ObjectConsExpr)
	stExpr := itemValue(docExpr, "Statement")
	stRange := call.Args[0].Range()
	if stExpr != nil {
		stRange = stExpr.Range()
	}
	st := doc.GetAttr("Statement")
	if !st.IsKnown() || st.IsNull() {
		return
	}
	ty := st.Type()
	switch {
	case ty.IsObjectType():
		obj, _ := stExpr.(*hclsyntax.ObjectConsExpr)
		c.checkStatement(st, obj, stRange)
	case ty.IsTupleType() || ty.IsListType():
		tuple, _ := stExpr.(*hclsyntax.TupleConsExpr)
		i := 0
		for it := st.ElementIterator(); it.Next(); i++ {
			_, s := it.Element()
			r := stRange
			var obj *hclsyntax.ObjectConsExpr
			if tuple != nil && i < len(tuple.Exprs) {
				r = tuple.Exprs[i].Range()
				obj, _ = tuple.Exprs[i].(*hclsyntax.ObjectConsExpr)
			}
			if !s.IsKnown() || s.IsNull() {
				continue
			}
			if !s.Type().IsObjectType() && !s.Type().IsMapType() {
				c.rp.add("tf/iam-policy", r, "iam-statement-shape", msg.Args{"Actual": friendlyType(s.Type())})
				continue
			}
			c.checkStatement(s, obj, r)
		}
	case ty.IsMapType():
	default:
		c.rp.add("tf/iam-policy", stRange, "iam-statement-shape", msg.Args{"Actual": friendlyType(ty)})
	}
}

// checkStatement checks one statement object; obj is its constructor when
// written in place, for exact ranges.
func (c *checker) checkStatement(s cty.Value, obj *hclsyntax.ObjectConsExpr, r hcl.Range) {
	if !s.Type().IsObjectType() {
		return
	}
	if s.Type().HasAttribute("Effect") {
		ev := s.GetAttr("Effect")
		if ev.IsKnown() && !ev.IsNull() && ev.Type() == cty.String {
			if e := ev.AsString(); e != "Allow" && e != "Deny" {
				er := r
				if x := itemValue(obj, "Effect"); x != nil {
					er = x.Range()
				}
				c.rp.add("tf/iam-policy", er, "iam-effect", msg.Args{"Effect": e})
			}
		}
	} else {
		c.rp.add("tf/iam-policy", r, "iam-no-effect", nil)
	}
	if !s.Type().HasAttribute("Action") && !s.Type().HasAttribute("NotAction") {
		c.rp.add("tf/iam-policy", r, "iam-no-action", nil)
	}
	at := func(field string) hcl.Range {
		if x := itemValue(obj, field); x != nil {
			return x.Range()
		}
		return r
	}
	for _, field := range []string{"Action", "NotAction", "Resource", "NotResource"} {
		if !s.Type().HasAttribute(field) {
			continue
		}
		if v := s.GetAttr(field); !stringOrStrings(v) {
			c.rp.add("tf/iam-policy", at(field), "iam-string-list", msg.Args{"Field": field, "Actual": friendlyType(v.Type())})
		}
	}
	for _, field := range []string{"Principal", "NotPrincipal"} {
		if s.Type().HasAttribute(field) {
			c.checkPrincipal(s.GetAttr(field), field, itemValue(obj, field), at(field))
		}
	}
}

// principalKinds are the keys a Principal map may have, in the IAM policy
// grammar.
var principalKinds = []string{"AWS", "CanonicalUser", "Federated", "Service"}

// checkPrincipal: a Principal is "*" or a map from a principal kind to one
// identifier or a list of them.
func (c *checker) checkPrincipal(v cty.Value, field string, e hclsyntax.Expression, r hcl.Range) {
	if !v.IsKnown() || v.IsNull() {
		return
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		if v.AsString() != "*" {
			c.rp.add("tf/iam-policy", r, "iam-principal-string", msg.Args{"Field": field, "Value": v.AsString()})
		}
	case ty.IsObjectType() || ty.IsMapType():
		obj, _ := e.(*hclsyntax.ObjectConsExpr)
		for it := v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			key := k.AsString()
			kr := r
			if x := itemValue(obj, key); x != nil {
				kr = x.Range()
			}
			if !slices.Contains(principalKinds, key) {
				if obj != nil {
					for _, item := range obj.Items {
						if objectKey(item.KeyExpr) == key {
							kr = item.KeyExpr.Range()
						}
					}
				}
				d := c.rp.add("tf/iam-policy", kr, "iam-principal-kind", msg.Args{"Field": field, "Kind": key, "Kinds": strings.Join(principalKinds, ", ")})
				c.rp.suggestHint(d, suggest.Nearest(key, principalKinds))
				continue
			}
			if !stringOrStrings(ev) {
				c.rp.add("tf/iam-policy", kr, "iam-string-list", msg.Args{"Field": field + "." + key, "Actual": friendlyType(ev.Type())})
			}
		}
	default:
		c.rp.add("tf/iam-policy", r, "iam-principal-shape", msg.Args{"Field": field, "Actual": friendlyType(ty)})
	}
}

// stringOrStrings reports whether a known value is a string or a list of
// strings, as IAM takes actions, resources and principal identifiers;
// anything not yet known passes.
func stringOrStrings(v cty.Value) bool {
	if !v.IsKnown() || v.IsNull() {
		return true
	}
	ty := v.Type()
	if ty == cty.String || ty == cty.DynamicPseudoType {
		return true
	}
	if !(ty.IsTupleType() || ty.IsListType() || ty.IsSetType()) {
		return false
	}
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsKnown() && !e.IsNull() && e.Type() != cty.String && e.Type() != cty.DynamicPseudoType {
			return false
		}
	}
	return true
}

// itemValue finds the value written for key in an object constructor.
func itemValue(obj *hclsyntax.ObjectConsExpr, key string) hclsyntax.Expression {
	if obj == nil {
		return nil
	}
	for _, it := range obj.Items {
		if objectKey(it.KeyExpr) == key {
			return it.ValueExpr
		}
	}
	return nil
}
