package terraform

import (
	"encoding/json"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/iactutor/iactutor/internal/msg"
)

// container is what a task definition says about one container.
type container struct {
	ports []int64
	// unknown is set when a port mapping could not be read statically, so
	// no port of this container can be called missing.
	unknown bool
}

// checkECSPorts compares each ECS service's load_balancer blocks with the
// port mappings of the task definition it runs.
func (c *checker) checkECSPorts() {
	for _, svc := range sortedDecls(c.m.resources["aws_ecs_service"]) {
		body := svc.block.Body
		ta, ok := body.Attributes["task_definition"]
		if !ok {
			continue
		}
		td := c.taskDefinitionFor(ta.Expr)
		if td == nil {
			continue
		}
		cd, ok := td.block.Body.Attributes["container_definitions"]
		if !ok {
			continue
		}
		containers, ok := c.containers(cd.Expr)
		if !ok || len(containers) == 0 {
			continue
		}
		tdAddr := "aws_ecs_task_definition." + td.block.Labels[1]
		for _, lb := range body.Blocks {
			if lb.Type == "load_balancer" {
				c.checkLoadBalancer(lb.Body, containers, tdAddr)
			}
		}
	}
}

func (c *checker) checkLoadBalancer(lb *hclsyntax.Body, containers map[string]*container, tdAddr string) {
	var name string
	nameAttr, hasName := lb.Attributes["container_name"]
	if hasName {
		if v, ok := c.value(nameAttr.Expr); ok && v.Type() == cty.String {
			name = v.AsString()
		}
	}
	names := sortedKeys(containers)
	if name != "" {
		if _, found := containers[name]; !found {
			d := c.rp.add("tf/ecs-container-port", nameAttr.Expr.Range(), "ecs-no-container", msg.Args{"Name": name, "TaskDefinition": tdAddr})
			d.Hint = hint("ecs-containers", msg.Args{"Containers": "`" + strings.Join(names, "`, `") + "`"})
			return
		}
	}
	portAttr, ok := lb.Attributes["container_port"]
	if !ok {
		return
	}
	v, ok := c.value(portAttr.Expr)
	if !ok || v.Type() != cty.Number {
		if ok && v.Type() == cty.String {
			if n, err := strconv.ParseInt(v.AsString(), 10, 64); err == nil {
				v = cty.NumberIntVal(n)
			} else {
				return
			}
		} else {
			return
		}
	}
	bf := v.AsBigFloat()
	if !bf.IsInt() {
		return
	}
	port, _ := bf.Int64()
	var all []int64
	candidates := names
	if name != "" {
		candidates = []string{name}
	}
	for _, n := range candidates {
		ct := containers[n]
		if ct.unknown || slices.Contains(ct.ports, port) {
			return
		}
		all = append(all, ct.ports...)
	}
	slices.Sort(all)
	all = slices.Compact(all)
	who := tdAddr
	if name != "" {
		who = "\"" + name + "\""
	}
	d := c.rp.add("tf/ecs-container-port", portAttr.Expr.Range(), "ecs-port", msg.Args{"Port": port, "Container": who})
	if len(all) > 0 {
		ps := make([]string, len(all))
		for i, p := range all {
			ps[i] = strconv.FormatInt(p, 10)
		}
		d.Hint = hint("ecs-ports", msg.Args{"Ports": strings.Join(ps, ", ")})
	} else {
		d.Hint = hint("ecs-no-ports", msg.Args{"Port": port})
	}
}

// taskDefinitionFor resolves task_definition = aws_ecs_task_definition.X.arn.
func (c *checker) taskDefinitionFor(e hclsyntax.Expression) *decl {
	st, ok := e.(*hclsyntax.ScopeTraversalExpr)
	if !ok || st.Traversal.RootName() != "aws_ecs_task_definition" {
		return nil
	}
	name, _, ok := step(st.Traversal, 1)
	if !ok {
		return nil
	}
	return c.m.resources["aws_ecs_task_definition"][name]
}

// containers reads container names and port mappings from a
// container_definitions value: a jsonencode([...]) call read syntactically,
// or a JSON string (quoted or heredoc).
func (c *checker) containers(e hclsyntax.Expression) (map[string]*container, bool) {
	if call, ok := e.(*hclsyntax.FunctionCallExpr); ok {
		if call.Name != "jsonencode" || len(call.Args) != 1 {
			return nil, false
		}
		tuple, ok := call.Args[0].(*hclsyntax.TupleConsExpr)
		if !ok {
			return nil, false
		}
		out := map[string]*container{}
		for _, it := range tuple.Exprs {
			obj, ok := it.(*hclsyntax.ObjectConsExpr)
			if !ok {
				return nil, false
			}
			name, ct, ok := c.containerFromHCL(obj)
			if !ok {
				return nil, false
			}
			out[name] = ct
		}
		return out, true
	}
	v, ok := c.value(e)
	if !ok || v.Type() != cty.String {
		return nil, false
	}
	return containersFromJSON(v.AsString())
}

func (c *checker) containerFromHCL(obj *hclsyntax.ObjectConsExpr) (string, *container, bool) {
	var name string
	ct := &container{}
	for _, item := range obj.Items {
		switch objectKey(item.KeyExpr) {
		case "name":
			v, ok := c.value(item.ValueExpr)
			if !ok || v.Type() != cty.String {
				return "", nil, false
			}
			name = v.AsString()
		case "portMappings":
			tuple, ok := item.ValueExpr.(*hclsyntax.TupleConsExpr)
			if !ok {
				ct.unknown = true
				continue
			}
			for _, pm := range tuple.Exprs {
				pobj, ok := pm.(*hclsyntax.ObjectConsExpr)
				if !ok {
					ct.unknown = true
					continue
				}
				found := false
				for _, pi := range pobj.Items {
					if objectKey(pi.KeyExpr) != "containerPort" {
						continue
					}
					found = true
					if p, ok := c.intValue(pi.ValueExpr); ok {
						ct.ports = append(ct.ports, p)
					} else {
						ct.unknown = true
					}
				}
				if !found {
					ct.unknown = true
				}
			}
		}
	}
	return name, ct, name != ""
}

func (c *checker) intValue(e hclsyntax.Expression) (int64, bool) {
	v, ok := c.value(e)
	if !ok {
		return 0, false
	}
	if v.Type() == cty.String {
		n, err := strconv.ParseInt(v.AsString(), 10, 64)
		return n, err == nil
	}
	if v.Type() != cty.Number {
		return 0, false
	}
	bf := v.AsBigFloat()
	if !bf.IsInt() {
		return 0, false
	}
	n, acc := bf.Int64()
	return n, acc == big.Exact
}

// containersFromJSON reads a container definitions JSON document.
func containersFromJSON(s string) (map[string]*container, bool) {
	var defs []struct {
		Name         string `json:"name"`
		PortMappings []struct {
			ContainerPort *json.Number `json:"containerPort"`
		} `json:"portMappings"`
	}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	if err := dec.Decode(&defs); err != nil {
		return nil, false
	}
	out := map[string]*container{}
	for _, d := range defs {
		if d.Name == "" {
			return nil, false
		}
		ct := &container{}
		for _, pm := range d.PortMappings {
			if pm.ContainerPort == nil {
				ct.unknown = true
				continue
			}
			n, err := pm.ContainerPort.Int64()
			if err != nil {
				ct.unknown = true
				continue
			}
			ct.ports = append(ct.ports, n)
		}
		out[d.Name] = ct
	}
	return out, true
}

// value evaluates an expression in the module's context; ok only when the
// result is wholly known and not null.
func (c *checker) value(e hclsyntax.Expression) (cty.Value, bool) {
	v, ok := c.m.Values().Value(e)
	if !ok {
		return cty.NilVal, false
	}
	return known(v)
}

// sortedDecls returns declarations ordered by name.
func sortedDecls(byName map[string]*decl) []*decl {
	out := make([]*decl, 0, len(byName))
	for _, n := range sortedKeys(byName) {
		out = append(out, byName[n])
	}
	return out
}
