package terraform

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/source"
)

// checker carries one Check run's state; nothing is shared between runs.
type checker struct {
	m   *Module
	rp  *reporter
	ps  *providerSchema
	opt Options
	ctx *hcl.EvalContext
	// scoped holds "type.name" of the data sources of the check block being
	// walked.
	scoped map[string]bool
}

// Lint loads the .tf files of one module (one folder) and runs every rule,
// returning the diagnostics sorted for stable output.
func Lint(files []source.File, opt Options) diag.Diagnostics {
	m, ds := Load(files, opt)
	ds = append(ds, Check(m, opt)...)
	ds.Sort()
	return ds
}

// Check runs the module-level rules on a loaded module: provider schema,
// references, practice rules, the ECS port check and formatting.
func Check(m *Module, opt Options) diag.Diagnostics {
	if m == nil {
		return nil
	}
	ps, err := awsSchema()
	if err != nil {
		ps = nil
	}
	c := &checker{m: m, rp: &reporter{lang: opt.Lang}, ps: ps, opt: opt}
	c.checkProviderBlocks()
	c.checkReferences()
	c.checkPractice()
	c.checkECSPorts()
	c.checkFormat()
	c.rp.diags.Sort()
	return c.rp.diags
}
