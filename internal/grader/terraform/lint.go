package terraform

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/source"
)

// checker carries one Check run's state; nothing is shared between runs.
type checker struct {
	m   *Module
	rp  *reporter
	ps  *providerSchema
	opt Options
	// scoped holds "type.name" of the data sources of the check block being
	// walked.
	scoped map[string]bool
	// typeDeprecated is set while the body of a deprecated resource type is
	// checked.
	typeDeprecated bool
	// bctx evaluates expressions of the block being checked (count.index,
	// each, a dynamic block's iterator).
	bctx *hcl.EvalContext
}

// Lint loads the .tf files of each folder as one module and runs every
// rule, returning the diagnostics sorted for stable output. Files of
// several folders are several modules, and a module block whose local
// source is one of them is checked against that child's variables and
// outputs.
func Lint(files []source.File, opt Options) diag.Diagnostics {
	ds := lintFolders(files, opt)
	ds.Sort()
	return ds
}

// Check runs the module-level rules on a loaded module: provider schema,
// references, practice rules, the ECS port check and formatting.
func Check(m *Module, opt Options) diag.Diagnostics {
	if m == nil {
		return nil
	}
	load := awsSchema
	if opt.schema != nil {
		load = opt.schema
	}
	ps, err := load()
	var broken diag.Diagnostics
	if err != nil {
		// A broken build, not the learner's mistake: say so on every
		// module instead of letting unknown arguments pass unnoticed.
		rp := &reporter{}
		r := hcl.Range{Start: hcl.InitialPos, End: hcl.InitialPos}
		if len(m.files) > 0 {
			r.Filename = m.files[0].path
		}
		rp.add("tf/schema-unavailable", r, "schema-unavailable", msg.Args{"Err": err.Error()})
		broken = rp.diags
	}
	mismatch := false
	// A module written for another major version of the provider would be
	// flooded with findings about arguments that version added or dropped:
	// say once what the schema is, and leave its checks out. The practice
	// rules still ask it whether a type takes tags or has secret
	// attributes, which holds across versions.
	if ps != nil {
		if cons, where := m.awsConstraint(); excludes(cons, ps.Version) {
			rp := &reporter{}
			rp.add("tf/schema-version", where, "schema-version", msg.Args{"Version": ps.Version, "Constraint": cons})
			broken = append(broken, rp.diags...)
			mismatch = true
		}
	}
	// The rule families only read the module, so each runs with a checker
	// of its own, on every core; the heaviest come first so the last to
	// start is a light one. Results are joined in this fixed order and
	// sorted, so scheduling never shows in the output.
	families := []struct {
		run    func(*checker)
		schema bool // judges the module by the provider schema
	}{
		{(*checker).checkProviderBlocks, true},
		{(*checker).checkPractice, false},
		{(*checker).checkECSPorts, false},
		{(*checker).checkReferences, true},
		{(*checker).checkFormat, false},
		{(*checker).checkModuleCalls, false},
		{(*checker).checkValues, false},
		{(*checker).checkVarFiles, false},
		{(*checker).checkConditions, false},
	}
	found := make([]diag.Diagnostics, len(families))
	forEachIndex(len(families), func(i int) {
		c := &checker{m: m, rp: &reporter{}, ps: ps, opt: opt}
		if mismatch && families[i].schema {
			c.ps = nil
		}
		families[i].run(c)
		found[i] = c.rp.diags
	})
	ds := broken
	for _, f := range found {
		ds = append(ds, f...)
	}
	ds.Sort()
	return ds
}
