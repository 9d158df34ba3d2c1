// Package suggest finds the name a learner probably meant, for "did you mean
// `replicas`?" hints on typos in field names, references and lesson IDs.
package suggest

import "strings"

// MaxDistance is how many single-character edits still count as a typo.
const MaxDistance = 2

// Nearest returns the candidate closest to name within MaxDistance edits
// (case-insensitive), or "" when none is close. Ties go to the earlier
// candidate, so callers that pass sorted lists get stable output.
func Nearest(name string, candidates []string) string {
	best, bestD := "", MaxDistance+1
	ln := strings.ToLower(name)
	for _, c := range candidates {
		if c == name {
			continue
		}
		d := distance(ln, strings.ToLower(c))
		if d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the optimal-string-alignment edit distance (Levenshtein plus
// swaps of neighbours), which catches "replcias" as one edit.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if abs(len(ra)-len(rb)) > MaxDistance {
		return MaxDistance + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
