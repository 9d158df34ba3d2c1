package gradebook

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// displayName is a student's name as every format shows it: NFC, so a name
// typed on macOS (which stores "Tomás" decomposed) has the same letters,
// width and sort place as the same name typed anywhere else.
func displayName(s string) string { return norm.NFC.String(s) }

// sortStudents orders students as a class list is read in lang: by the
// language's collation (case and accents second, so "ana.garcia" sits
// beside "Ana" and before "Victor"), then by bytes and user ID so that the
// order is total and never depends on how the folders were listed.
func sortStudents(ss []Student, lang string) {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.Und
	}
	col := collate.New(tag)
	var buf collate.Buffer
	keys := make(map[string][]byte, len(ss))
	for _, s := range ss {
		if _, ok := keys[s.Name]; !ok {
			keys[s.Name] = append([]byte(nil), col.KeyFromString(&buf, s.Name)...)
			buf.Reset()
		}
	}
	slices.SortStableFunc(ss, func(a, b Student) int {
		return cmp.Or(strings.Compare(string(keys[a.Name]), string(keys[b.Name])),
			cmp.Compare(a.Name, b.Name), cmp.Compare(a.UserID, b.UserID))
	})
}

// matchKey is how two spellings of one person's name or login are compared:
// accents, case and the separators that folder names use for spaces
// ("ana.garcia", "Ana_García", "García, Ana") do not count. Word order does,
// except that "Last, First" is turned around.
func matchKey(s string) string {
	if last, first, ok := strings.Cut(s, ","); ok && !strings.Contains(first, ",") {
		s = first + " " + last
	}
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '@':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}
