package grader

import (
	"errors"
	"fmt"
	"path"
	"slices"

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
	// needs are, by check index, the objects each expectation names.
	needs [][]need
	diags diag.Diagnostics
	// start and solution are the course's trees, nil when the exercise
	// carries none (built by hand).
	start, solution *snapshot
}

// goneFor lists the objects check i names that the solution holds (when
// known) and the submission lacks.
func (c *compiledExercise) goneFor(i int, sub *snapshot) []string {
	var out []string
	if i >= len(c.needs) {
		return nil
	}
	for _, n := range c.needs[i] {
		if sub.ids[n.id] || (c.solution != nil && !c.solution.ids[n.id]) {
			continue
		}
		out = append(out, n.id)
	}
	return out
}

type program struct{ prg cel.Program }

// errUnknownTrack is reported to the author in words of the catalog, unlike
// CEL's own errors.
var errUnknownTrack = errors.New("unknown track")

// envFor declares the variables an expectation of the track can use.
func envFor(track course.Track) (*cel.Env, error) {
	switch track {
	case course.Kubernetes:
		return cel.NewEnv(append(commonLibraries(),
			cel.Variable("objects", cel.ListType(cel.DynType)),
			cel.Variable("kinds", cel.MapType(cel.StringType, cel.MapType(cel.StringType, cel.DynType))),
		)...)
	case course.Terraform:
		opts := commonLibraries()
		for _, v := range terraformVars {
			opts = append(opts, cel.Variable(v, cel.DynType))
		}
		// values is the module evaluated: a local holding 8000 is 8000,
		// and a reference is {"ref", "address", "attribute"}.
		opts = append(opts, cel.Variable("values", cel.DynType))
		opts = append(opts, terraformLibraries()...)
		return cel.NewEnv(opts...)
	}
	return nil, errUnknownTrack
}

func compileExercise(ex *course.Exercise) *compiledExercise {
	c := &compiledExercise{programs: make([]*program, len(ex.Checks)), needs: make([][]need, len(ex.Checks))}
	file := path.Join(ex.Dir, "exercise.yaml")
	env, err := envFor(ex.Track)
	if err != nil {
		summary := msg.Plain(err.Error())
		if errors.Is(err, errUnknownTrack) {
			summary = msg.New("grader.unknown-track", msg.Args{"Track": string(ex.Track)})
		}
		c.diags = append(c.diags, diag.Diagnostic{Severity: diag.SeverityError, Summary: summary, Subject: diag.Point(file, 1, 1), Rule: course.RuleContent})
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
		fail := func(key string, args msg.Args) {
			args["Check"] = chk.ID
			c.diags = append(c.diags, diag.Diagnostic{
				Severity: diag.SeverityError,
				Summary:  msg.New(key, args),
				Subject:  diag.Point(file, line, 1),
				Rule:     course.RuleContent,
			})
		}
		ast, iss := env.Compile(chk.Expect)
		if iss.Err() != nil {
			fail("grader.expect-no-compile", msg.Args{"Err": iss.Err().Error()})
			continue
		}
		if t := ast.OutputType(); t != cel.BoolType && t != cel.DynType {
			fail("grader.expect-not-boolean", msg.Args{"Type": t.String()})
			continue
		}
		prg, err := env.Program(ast, cel.CostLimit(costLimit))
		if err != nil {
			fail("grader.expect-cannot-run", msg.Args{"Err": err.Error()})
			continue
		}
		c.programs[i] = &program{prg: prg}
		c.needs[i] = needsOf(ast.NativeRep().Expr())
		for _, n := range needsAt(chk.At) {
			if !slices.Contains(c.needs[i], n) {
				c.needs[i] = append(c.needs[i], n)
			}
		}
	}
	return c
}

// eval runs the expectation; an evaluation error (a missing field, a wrong
// type) counts as "not met" and is returned as the reason, so the learner
// sees why the check could not be judged.
func (p *program) eval(act map[string]any) (bool, msg.Text) {
	if p == nil {
		return false, msg.New("grader.did-not-compile", nil)
	}
	out, _, err := p.prg.Eval(act)
	if err != nil {
		return false, msg.Plain(err.Error())
	}
	b, ok := out.Value().(bool)
	if !ok {
		return false, msg.New("grader.not-boolean", msg.Args{"Value": fmt.Sprint(out.Value())})
	}
	return b, msg.Text{}
}
