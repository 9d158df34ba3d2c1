package terraform

import (
	"slices"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/iactutor/iactutor/internal/msg"
)

// checkConditions reports precondition, postcondition and check assert
// blocks whose condition refers to nothing: its result is the same on
// every run, so it checks nothing, and terraform validate refuses it. A
// check block without an assert is refused too.
func (c *checker) checkConditions() {
	for _, dc := range c.m.blocks {
		b := dc.block
		switch b.Type {
		case "resource", "data":
			for _, lb := range b.Body.Blocks {
				if lb.Type == "lifecycle" {
					c.constantConditions(lb.Body, "precondition", "postcondition")
				}
			}
		case "output":
			c.constantConditions(b.Body, "precondition")
		case "check":
			c.constantConditions(b.Body, "assert")
			if !slices.ContainsFunc(b.Body.Blocks, func(nb *hclsyntax.Block) bool { return nb.Type == "assert" }) {
				c.rp.add("tf/missing-argument", b.DefRange(), "check-no-assert", nil)
			}
		}
	}
}

func (c *checker) constantConditions(body *hclsyntax.Body, types ...string) {
	for _, nb := range body.Blocks {
		match := false
		for _, t := range types {
			match = match || nb.Type == t
		}
		if !match {
			continue
		}
		a := nb.Body.Attributes["condition"]
		if a == nil || len(a.Expr.Variables()) > 0 {
			continue
		}
		c.rp.add("tf/constant-condition", a.Expr.Range(), "constant-condition", msg.Args{"Block": nb.Type})
	}
}
