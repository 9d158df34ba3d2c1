package gradebook

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/iactutor/iactutor/internal/msg"
)

// SimilarPair is two students whose own edits share many lines: evidence
// for the instructor to look at, never a finding. Lines are "exercise:
// line", a few of the shared ones.
type SimilarPair struct {
	A, B       string
	Shared     int
	Similarity float64
	Lines      []string
}

// Similarity thresholds: pairs are reported from DefaultSimilarity up and
// with at least minShared shared lines, so two short edits that happen to
// agree are not reported.
const (
	DefaultSimilarity = 0.8
	minShared         = 3
	sampleLines       = 5
	maxHolders        = 20
)

// Similar compares what each student wrote beyond the course's files: a
// line counts as a student's edit when it is in their submission but in
// neither the exercise's start nor its solution files (lines every correct
// answer has are no evidence of anything), and when few students share it
// (at most a tenth of the class and at most maxHolders, and never fewer
// than two: a line half the class wrote is a common answer, not a copy). Pairs whose
// edits agree by at least threshold (shared lines over the lines either of
// them wrote, the Jaccard index) are returned, most similar first. It
// needs Options.KeepSources.
func Similar(gb *Gradebook, threshold float64) []SimilarPair {
	edits := make([]map[string]bool, len(gb.Students))
	holders := map[string][]int{}
	for si, s := range gb.Students {
		edits[si] = map[string]bool{}
		for _, er := range s.Exercises {
			if er.Status != StatusGraded {
				continue
			}
			known := gb.known[er.Exercise.ID]
			for _, data := range er.Sources {
				for line := range strings.Lines(string(data)) {
					l := normLine(line)
					if len(l) < 4 || known[l] {
						continue
					}
					k := er.Exercise.ID + ": " + l
					if !edits[si][k] {
						edits[si][k] = true
						holders[k] = append(holders[k], si)
					}
				}
			}
		}
	}
	limit := max(2, min(len(gb.Students)/10, maxHolders))
	type pair struct{ a, b int }
	shared := map[pair][]string{}
	for k, hs := range holders {
		if len(hs) < 2 || len(hs) > limit {
			continue
		}
		for i := range hs {
			for j := i + 1; j < len(hs); j++ {
				pk := pair{hs[i], hs[j]}
				shared[pk] = append(shared[pk], k)
			}
		}
	}
	var out []SimilarPair
	for pk, lines := range shared {
		union := len(edits[pk.a]) + len(edits[pk.b]) - len(lines)
		sim := round(float64(len(lines))/float64(union), 100)
		if len(lines) < minShared || sim < threshold {
			continue
		}
		slices.Sort(lines)
		out = append(out, SimilarPair{
			A: gb.Students[pk.a].Name, B: gb.Students[pk.b].Name,
			Shared: len(lines), Similarity: sim, Lines: lines[:min(sampleLines, len(lines))],
		})
	}
	slices.SortFunc(out, func(x, y SimilarPair) int {
		return cmp.Or(cmp.Compare(y.Similarity, x.Similarity), cmp.Compare(y.Shared, x.Shared),
			cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B))
	})
	return out
}

// normLine compares lines without their indentation or spacing.
func normLine(s string) string { return strings.Join(strings.Fields(oneLine(s)), " ") }

// knownLines are the lines of an exercise's start and solution files.
func knownLines(trees ...map[string][]byte) map[string]bool {
	out := map[string]bool{}
	for _, t := range trees {
		for _, data := range t {
			for line := range strings.Lines(string(data)) {
				out[normLine(line)] = true
			}
		}
	}
	return out
}

// WriteSimilarity prints the pairs for the instructor, worded as what they
// are: lines to compare, not a verdict.
func WriteSimilarity(w io.Writer, p *msg.Printer, pairs []SimilarPair, threshold float64) error {
	if len(pairs) == 0 {
		_, err := fmt.Fprintf(w, "%s\n", p.S("gradebook.similarity.none", msg.Args{"Percent": int(threshold*100 + 0.5)}))
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", p.S("gradebook.similarity.header", msg.Args{"Count": len(pairs), "Percent": int(threshold*100 + 0.5)}))
	for _, sp := range pairs {
		fmt.Fprintf(&b, "\n  %s\n", p.S("gradebook.similarity.pair", msg.Args{
			"A": oneLine(sp.A), "B": oneLine(sp.B), "Percent": int(sp.Similarity*100 + 0.5), "Shared": sp.Shared,
		}))
		for _, l := range sp.Lines {
			fmt.Fprintf(&b, "    %s\n", oneLine(l))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
