package k8s

import (
	"go.yaml.in/yaml/v3"

	"github.com/iactutor/iactutor/internal/msg"
)

// pair is one entry of a mapping, after "<<" merge keys are expanded.
type pair struct{ k, v *yaml.Node }

// pairs lists a mapping's entries, reporting duplicate keys, and adds the
// entries of merged mappings that are not overridden.
func (dc *decoder) pairs(n *yaml.Node, depth int) []pair {
	return dc.collectPairs(n, depth, true)
}

// smallMapping is the size up to which duplicate keys are found by a linear
// scan; larger mappings use a set so that huge ones stay linear.
const smallMapping = 16

func (dc *decoder) collectPairs(n *yaml.Node, depth int, report bool) []pair {
	ps := make([]pair, 0, len(n.Content)/2)
	var seen map[string]int
	if len(n.Content)/2 > smallMapping {
		seen = make(map[string]int, len(n.Content)/2)
	}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if k.Kind == yaml.ScalarNode {
			if prev := lookupPair(ps, seen, k.Value); prev != nil {
				if report {
					dc.r.add(ruleDuplicateKey, dc.doc.rng(k),
						msg.New("k8s.duplicate-key", msg.Args{"Key": q(k.Value), "Line": dc.doc.pos(prev.k).Line}),
						msg.New("k8s.duplicate-key.hint", nil))
				}
				continue
			}
			if seen != nil {
				seen[k.Value] = len(ps)
			}
		}
		ps = append(ps, pair{k, v})
	}
	for _, m := range merges {
		dc.merge(&ps, &seen, m, depth+1)
	}
	return ps
}

// lookupPair finds a key among pairs, through the set when there is one.
func lookupPair(ps []pair, seen map[string]int, key string) *pair {
	if seen != nil {
		if i, ok := seen[key]; ok {
			return &ps[i]
		}
		return nil
	}
	return findPair(ps, key)
}

// merge adds the entries of a "<<" value (a mapping or a list of them) that
// the mapping does not set itself.
func (dc *decoder) merge(ps *[]pair, seen *map[string]int, m *yaml.Node, depth int) {
	m = resolve(m)
	if m == nil || depth > maxDepth {
		return
	}
	dc.budget--
	if dc.budget < 0 {
		return
	}
	switch m.Kind {
	case yaml.SequenceNode:
		for _, it := range m.Content {
			dc.merge(ps, seen, it, depth+1)
		}
	case yaml.MappingNode:
		for _, p := range dc.collectPairs(m, depth, false) {
			dc.budget--
			if dc.budget < 0 {
				return
			}
			if p.k.Kind == yaml.ScalarNode {
				if lookupPair(*ps, *seen, p.k.Value) != nil {
					continue
				}
				if *seen == nil && len(*ps) >= smallMapping {
					*seen = make(map[string]int, 2*len(*ps))
					for i, q := range *ps {
						if q.k.Kind == yaml.ScalarNode {
							(*seen)[q.k.Value] = i
						}
					}
				}
				if *seen != nil {
					(*seen)[p.k.Value] = len(*ps)
				}
			}
			*ps = append(*ps, p)
		}
	}
}

func findPair(ps []pair, key string) *pair {
	for i := range ps {
		if ps[i].k.Kind == yaml.ScalarNode && ps[i].k.Value == key {
			return &ps[i]
		}
	}
	return nil
}
