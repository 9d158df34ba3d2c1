package k8s

import (
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/iactutor/iactutor/internal/source"
)

// Kustomize keeps a base, patches and a kustomization.yaml side by side, and
// only the objects it builds from them are complete. Linting a repository
// folder reads all three, so the linter must know which files kustomize
// treats how: the kustomization itself is kustomize's configuration, not an
// object; a patch names only what it changes; a resource whose labels
// kustomize adds has its selector filled in at build time.

// kustomizeRole is how kustomize uses a file, as far as the lint cares.
type kustomizeRole uint8

const (
	// kzNone is a file kustomize does not mention (or no kustomize at all).
	kzNone kustomizeRole = iota
	// kzLabeled is a resource of a kustomization with commonLabels or
	// labels with includeSelectors: kustomize writes its selector.
	kzLabeled
	// kzPatch is a patch: a partial object merged onto a base.
	kzPatch
)

// isKustomizationFile reports whether path has one of the names kustomize
// reads as a folder's kustomization.
func isKustomizationFile(path string) bool {
	switch filepath.Base(path) {
	case "kustomization.yaml", "kustomization.yml", "Kustomization":
		return true
	}
	return false
}

// isKustomizeAPI reports whether apiVersion is kustomize's own group
// (Kustomization, Component), which no cluster serves.
func isKustomizeAPI(apiVersion string) bool {
	return strings.HasPrefix(apiVersion, "kustomize.config.k8s.io/")
}

// kustomization is the part of a kustomization file that says how other
// files are used. Fields of another shape are ignored: the file is
// kustomize's to validate.
type kustomization struct {
	Resources             []any `yaml:"resources"`
	PatchesStrategicMerge []any `yaml:"patchesStrategicMerge"`
	Patches               []any `yaml:"patches"`
	PatchesJSON6902       []any `yaml:"patchesJson6902"`
	CommonLabels          any   `yaml:"commonLabels"`
	Labels                []any `yaml:"labels"`
}

// kustomizeRoles maps the cleaned path of every file a kustomization among
// files names as a patch, or as a resource whose selector it fills, to that
// role. A patch role wins over a resource role.
func kustomizeRoles(files []source.File) map[string]kustomizeRole {
	roles := map[string]kustomizeRole{}
	for _, f := range files {
		if !isKustomizationFile(f.Path) {
			continue
		}
		dir := filepath.Dir(f.Path)
		for _, c := range splitDocs(f.Data) {
			nodes, _ := parseChunk(c.data)
			for _, n := range nodes {
				k := decodeKustomization(n)
				set := func(p any, role kustomizeRole) {
					s, ok := p.(string)
					if !ok || s == "" || strings.ContainsAny(s, "\n:") {
						return // an inline patch or a remote resource
					}
					key := filepath.Clean(filepath.Join(dir, filepath.FromSlash(s)))
					roles[key] = max(roles[key], role)
				}
				for _, p := range k.PatchesStrategicMerge {
					set(p, kzPatch)
				}
				for _, list := range [][]any{k.Patches, k.PatchesJSON6902} {
					for _, p := range list {
						if m, ok := p.(map[string]any); ok {
							set(m["path"], kzPatch)
						}
					}
				}
				if fillsSelectors(k) {
					for _, r := range k.Resources {
						set(r, kzLabeled)
					}
				}
			}
		}
	}
	return roles
}

// decodeKustomization reads what it can of one document; a field of the
// wrong shape stays empty, and a document the decoder cannot take at all
// gives an empty kustomization rather than stopping the lint.
func decodeKustomization(n *yaml.Node) (k kustomization) {
	defer func() {
		if recover() != nil {
			k = kustomization{}
		}
	}()
	_ = n.Decode(&k)
	return k
}

// fillsSelectors reports whether kustomize adds labels to the selectors of
// the kustomization's resources: commonLabels always does, labels only with
// includeSelectors.
func fillsSelectors(k kustomization) bool {
	if m, ok := k.CommonLabels.(map[string]any); ok && len(m) > 0 {
		return true
	}
	for _, l := range k.Labels {
		if m, ok := l.(map[string]any); ok && m["includeSelectors"] == true {
			return true
		}
	}
	return false
}

// partialSilent are the rules that assume a whole object: on a patch they
// would only list what the base already has.
var partialSilent = map[string]bool{
	ruleMissingField:          true,
	ruleContainerMissingImage: true,
	ruleMissingResources:      true,
	ruleProbePortMismatch:     true,
	ruleVolumeMountMissing:    true,
	ruleSelectorMismatch:      true,
}
