package grader

import (
	"fmt"
	"path"

	"github.com/google/cel-go/cel"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
)

// costLimit bounds one expectation's evaluation, so a hostile or careless
// expression cannot stall a batch.
const costLimit = 1_000_000

type compiledExercise struct {
	programs []*program // by check index; nil for validator checks
	diags    diag.Diagnostics
}

type program struct{ prg cel.Program }

func envFor(track course.Track) (*cel.Env, error) {
	switch track {
	case course.Kubernetes:
		return cel.NewEnv(
			cel.Variable("objects", cel.ListType(cel.DynType)),
			cel.Variable("kinds", cel.MapType(cel.StringType, cel.MapType(cel.StringType, cel.DynType))),
		)
	case course.Terraform:
		opts := make([]cel.EnvOption, 0, len(terraformVars))
		for _, v := range terraformVars {
			opts = append(opts, cel.Variable(v, cel.DynType))
		}
		return cel.NewEnv(opts...)
	}
	return nil, fmt.Errorf("unknown track %q", track)
}

func compileExercise(ex *course.Exercise) *compiledExercise {
	c := &compiledExercise{programs: make([]*program, len(ex.Checks))}
	file := path.Join(ex.Dir, "exercise.yaml")
	env, err := envFor(ex.Track)
	if err != nil {
		c.diags = append(c.diags, diag.Diagnostic{Severity: diag.SeverityError, Summary: msg.Plain(err.Error()), Subject: diag.Point(file, 1, 1), Rule: course.RuleContent})
		return c
	}
	for i, chk := range ex.Checks {
		if chk.Expect == "" {
			continue
		}
		line := 1
		if i < len(ex.ExpectLines) && ex.ExpectLines[i] > 0 {
			line = ex.ExpectLines[i]
		} else if i < len(ex.CheckLines) {
			line = ex.CheckLines[i]
		}
		fail := func(format string, args ...any) {
			c.diags = append(c.diags, diag.Diagnostic{
				Severity: diag.SeverityError,
				Summary:  msg.Plain(fmt.Sprintf("check %q: "+format, append([]any{chk.ID}, args...)...)),
				Subject:  diag.Point(file, line, 1),
				Rule:     course.RuleContent,
			})
		}
		ast, iss := env.Compile(chk.Expect)
		if iss.Err() != nil {
			fail("the expectation does not compile: %v", iss.Err())
			continue
		}
		if t := ast.OutputType(); t != cel.BoolType && t != cel.DynType {
			fail("the expectation must be true or false, but it gives %s", t)
			continue
		}
		prg, err := env.Program(ast, cel.CostLimit(costLimit))
		if err != nil {
			fail("the expectation cannot run: %v", err)
			continue
		}
		c.programs[i] = &program{prg: prg}
	}
	return c
}

// eval runs the expectation; an evaluation error (a missing field, a wrong
// type) counts as "not met" and is reported.
func (p *program) eval(act map[string]any) (bool, error) {
	if p == nil {
		return false, fmt.Errorf("the expectation did not compile")
	}
	out, _, err := p.prg.Eval(act)
	if err != nil {
		return false, err
	}
	b, ok := out.Value().(bool)
	if !ok {
		return false, fmt.Errorf("it gave %v, not true or false", out.Value())
	}
	return b, nil
}
