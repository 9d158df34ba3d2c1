package markdown

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/iactutor/iactutor/exercises"
	"github.com/iactutor/iactutor/lessons"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var widths = []int{40, 80, 120}

var themes = []string{ThemeNoTTY, ThemeNeutral, ThemeLight, ThemeDark}

// cases holds one Markdown snippet per construct the course uses, and a few
// it might. Their output at every width and theme is kept in testdata.
var cases = []struct{ name, md string }{
	{"headings", "# Title with `code`\n\nIntro.\n\n## Second level heading that is long enough to need folding at forty columns\n\n### Third\n\n#### Fourth\n\nSetext\n======\n"},
	{"paragraph", "A paragraph whose source lines\nare broken by soft line breaks, which are joined, and then folded again at word boundaries so that no word is cut in two.\n\nLine one  \nline two after a hard break\\\nand a third.\n"},
	{"inline", "Some **bold**, *italic*, ***both***, `inline code`, ~~struck~~ and **bold with `code` inside**, then *emphasis*, with punctuation: **`name`**: value.\n"},
	{"links", "See [the docs](https://developer.hashicorp.com/terraform/language) and <https://kubernetes.io> and [https://example.com](https://example.com) and [mail](mailto:a@b.c) and ![a diagram](img/arch.png).\n"},
	{"long-word", "A word longer than any page: https://example.com/a/very/long/path/that/keeps/going/and/going/without/any/space/at/all/anywhere/index.html then more text.\n"},
	{"unordered", "- one\n- two, an item long enough to fold onto a second line with a hanging indent under the text\n  - nested **bold** item\n    - third level\n- three\n"},
	{"ordered", "7. seven\n8. eight, an item long enough to fold onto a second line with a hanging indent\n9. nine\n10. ten\n\n1) paren\n2) style\n"},
	{"loose-list", "- first paragraph\n\n  second paragraph of the same item\n\n- second item\n\n  ```hcl\n  resource \"x\" \"y\" {}\n  ```\n"},
	{"task-list", "- [ ] Explain IaC, and why it beats console clicks, in under a minute.\n- [x] Read a Deployment manifest and explain every\n      field: replicas, labels and selector.\n"},
	{"quote", "> A quote that is long enough to be folded at forty columns, with **bold** text.\n>\n> > A nested quote.\n>\n> - a list in a quote\n"},
	{"fenced-code", "```hcl\nresource \"aws_ecs_service\" \"api\" {\n\tname = \"churn-api\" # a tab before\n  desired_count = 2\n  # a comment line that is much longer than forty columns and must never be folded by the renderer\n}\n```\n\n~~~\ntilde fence\n~~~\n"},
	{"indented-code", "Text before.\n\n    kubectl get pods -n mlops                                  # 1. what state?\n    kubectl describe pod churn-api-7d9f -n mlops               # 2. why?\n\nText after.\n"},
	{"code-in-list", "1. Run this:\n\n   ```sh\n   terraform plan -out=tfplan -var-file=envs/prod.tfvars -lock-timeout=5m\n   ```\n\n2. Then apply.\n"},
	{"rule", "Above.\n\n---\n\nBelow.\n\n***\n"},
	{"table", "| You write | It means |\n| --- | --- |\n| `cpu: 500m` | 500 millicores, half a core |\n| `memory: 512M` | 512 × 1000 × 1000 bytes (close, but not the same) |\n| `memory: 512` | 512 bytes: as a limit, the container fails at start, typically killed by the OOM killer before the app runs |\n"},
	{"table-align", "| Left | Center | Right |\n| :--- | :---: | ---: |\n| a | b | 1 |\n| longer cell | c | 1000 |\n"},
	{"table-wide", "| a | b | c | d | e | f | g | h | i |\n|---|---|---|---|---|---|---|---|---|\n| one | two | three | four | five | six | seven | eight | nine |\n"},
	{"html", "<div>\nhidden block\n</div>\n\nText with an inline <placeholder> kept.\n\n<!-- a comment -->\n"},
	{"escapes", "Not \\*emphasis\\*, an entity &amp; &copy; &#123;, a literal \\`tick\\`.\n"},
	{"unicode", "Configuración del clúster: 日本語のテキストは幅が二倍です。絵文字 🚀 también. Ñandú año.\n"},
	{"controls", "Bell \a and escape \x1b[31mred\x1b[0m are not passed through.\n\n```\ncode \x1b[2J\n```\n"},
}

// codeLines returns the lines of every code block in md, tabs expanded,
// the way they must appear, whole, in the output.
func codeLines(md string) []string {
	src := []byte(sanitize(md))
	doc := newParser().Parser().Parse(text.NewReader(src))
	var out []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			segs := n.Lines()
			for i := range segs.Len() {
				seg := segs.At(i)
				s := strings.Repeat(" ", seg.Padding) + string(seg.Value(src))
				out = append(out, strings.TrimRight(expandTabs(s), "\n "))
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// checkLines asserts what must hold for any input: text lines fit the
// width, every code line comes out whole on one line, and notty output has
// no escape codes and no emphasis markers.
func checkLines(t *testing.T, md string, lines []line, width int, theme string, markers bool) {
	t.Helper()
	limit := max(width, MinWidth)
	var code []string
	for i, l := range lines {
		if strings.ContainsRune(l.text, '\n') {
			t.Errorf("line %d holds a newline: %q", i+1, l.text)
		}
		if theme == ThemeNoTTY && strings.ContainsRune(l.text, '\x1b') {
			t.Errorf("line %d has an escape code in notty output: %q", i+1, l.text)
		}
		if l.code {
			code = append(code, ansi.Strip(l.text))
			continue
		}
		if w := ansi.StringWidth(l.text); w > limit {
			t.Errorf("line %d is %d columns wide, more than %d: %q", i+1, w, limit, ansi.Strip(l.text))
		}
		if markers && theme == ThemeNoTTY && strings.Contains(l.text, "**") {
			t.Errorf("line %d keeps ** markers: %q", i+1, l.text)
		}
	}
	want := codeLines(md)
	if len(code) != len(want) {
		t.Fatalf("%d code lines in the output, want %d", len(code), len(want))
	}
	for i, w := range want {
		if !strings.HasSuffix(code[i], w) {
			t.Errorf("code line %d is %q, want it to end with %q", i+1, code[i], w)
		}
	}
}

func TestRenderGolden(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			for _, theme := range themes {
				for _, w := range widths {
					th := ThemeFor(theme)
					lines := render(tc.md, w, th)
					checkLines(t, tc.md, lines, w, theme, true)
					out, err := Render(tc.md, w, th)
					if err != nil {
						t.Fatalf("Render: %v", err)
					}
					fmt.Fprintf(&b, "=== %s %d\n%s", theme, w, out)
				}
			}
			path := filepath.Join("testdata", tc.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if b.String() != string(want) {
				t.Errorf("output differs from %s (run go test -update and review the diff):\n%s", path, b.String())
			}
		})
	}
}

func TestRenderRules(t *testing.T) {
	tests := []struct {
		name, md string
		width    int
		theme    string
		want     string
	}{
		{"soft breaks joined", "one\ntwo\nthree", 80, ThemeNoTTY, "one two three\n"},
		{"fold at word boundary", "aaaa bbbb cccc dddd eeee ffff", 20, ThemeNoTTY, "aaaa bbbb cccc dddd\neeee ffff\n"},
		{"long word cut", strings.Repeat("x", 45), 20, ThemeNoTTY, strings.Repeat("x", 20) + "\n" + strings.Repeat("x", 20) + "\n" + strings.Repeat("x", 5) + "\n"},
		{"narrow width raised", "aaaa bbbb cccc dddd eeee", 5, ThemeNoTTY, "aaaa bbbb cccc dddd\neeee\n"},
		{"notty heading keeps marks", "## Two", 80, ThemeNoTTY, "## Two\n"},
		{"notty emphasis without markers", "**bold** and *it*", 80, ThemeNoTTY, "bold and it\n"},
		{"notty code span plain", "run `terraform plan`", 80, ThemeNoTTY, "run terraform plan\n"},
		{"link with address", "[docs](https://x.io)", 80, ThemeNoTTY, "docs (https://x.io)\n"},
		{"link equal to address", "[https://x.io](https://x.io)", 80, ThemeNoTTY, "https://x.io\n"},
		{"autolink", "<https://x.io>", 80, ThemeNoTTY, "https://x.io\n"},
		{"hanging indent", "- aaaa bbbb cccc dddd eeee", 20, ThemeNoTTY, "- aaaa bbbb cccc\n  dddd eeee\n"},
		{"ordered markers aligned", "9. a\n10. b", 80, ThemeNoTTY, " 9. a\n10. b\n"},
		{"nested list", "- a\n  - b", 80, ThemeNoTTY, "- a\n  - b\n"},
		{"quote bar", "> a\n>\n> b", 80, ThemeNoTTY, "| a\n|\n| b\n"},
		{"code not folded", "```\n" + strings.Repeat("y", 30) + "\n```", 20, ThemeNoTTY, "  " + strings.Repeat("y", 30) + "\n"},
		{"tabs expanded", "```\n\tx\ny\tz\n```", 80, ThemeNoTTY, "      x\n  y   z\n"},
		{"html block dropped", "<div>\nx\n</div>\n\ny", 80, ThemeNoTTY, "y\n"},
		{"rule across width", "---", 20, ThemeNoTTY, strings.Repeat("-", 20) + "\n"},
		{"table columns", "| a | bb |\n|---|---:|\n| ccc | d |", 80, ThemeNoTTY, "a   | bb\n----+---\nccc |  d\n"},
		{"task box", "- [x] done", 80, ThemeNoTTY, "- [x] done\n"},
		{"unknown theme is notty", "**b**", 80, "sepia", "b\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Render(tc.md, tc.width, ThemeFor(tc.theme))
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			if got != tc.want {
				t.Errorf("Render(%q, %d, %s) =\n%q\nwant\n%q", tc.md, tc.width, tc.theme, got, tc.want)
			}
		})
	}
}

// TestThemeColours checks what each theme promises: neutral sets no
// foreground colour (the terminal's own stays readable on any background),
// light and dark differ, and notty has no escape codes at all.
func TestThemeColours(t *testing.T) {
	md := "# H\n\n**b** *i* `c` [l](u)\n\n> q\n\n- x\n\n```\ncode\n```\n\n| a |\n|---|\n| b |\n\n---\n"
	out := map[string]string{}
	for _, theme := range themes {
		got, err := Render(md, 80, ThemeFor(theme))
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		out[theme] = got
	}
	if strings.Contains(out[ThemeNeutral], "38;") {
		t.Errorf("neutral sets a foreground colour: %q", out[ThemeNeutral])
	}
	if !strings.Contains(out[ThemeNeutral], "\x1b[7mc") {
		t.Errorf("neutral does not set inline code apart: %q", out[ThemeNeutral])
	}
	if out[ThemeLight] == out[ThemeDark] {
		t.Errorf("light and dark render alike: %q", out[ThemeDark])
	}
	if strings.ContainsRune(out[ThemeNoTTY], '\x1b') {
		t.Errorf("notty has escape codes: %q", out[ThemeNoTTY])
	}
	for _, theme := range themes[1:] {
		if !strings.Contains(out[theme], "\x1b[1") {
			t.Errorf("%s has no bold: %q", theme, out[theme])
		}
	}
}

func TestHyperlinks(t *testing.T) {
	th := ThemeFor(ThemeDark)
	th.Hyperlinks = true
	got, err := Render("[docs](https://x.io)", 80, th)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	if !strings.Contains(got, ansi.SetHyperlink("https://x.io")) || strings.Contains(got, "(https://x.io)") {
		t.Errorf("want an OSC 8 link and no address in parentheses, got %q", got)
	}
}

// courseFiles returns every lesson and exercise task of the embedded course.
func courseFiles(t testing.TB) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, src := range []struct {
		name string
		fsys fs.FS
	}{{"lessons", lessons.FS}, {"exercises", exercises.FS}} {
		err := fs.WalkDir(src.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			base := d.Name()
			if d.IsDir() || !strings.HasSuffix(base, ".md") || !(strings.HasPrefix(base, "lesson") || strings.HasPrefix(base, "task")) {
				return nil
			}
			b, err := fs.ReadFile(src.fsys, p)
			if err != nil {
				return err
			}
			files[src.name+"/"+p] = string(b)
			return nil
		})
		if err != nil {
			t.Fatalf("reading the %s: %v", src.name, err)
		}
	}
	if len(files) < 20 {
		t.Fatalf("found only %d lessons and tasks", len(files))
	}
	return files
}

func TestRenderCourse(t *testing.T) {
	for name, md := range courseFiles(t) {
		for _, theme := range themes {
			t.Run(name+"/"+theme, func(t *testing.T) {
				lines := render(md, 80, ThemeFor(theme))
				checkLines(t, md, lines, 80, theme, true)
			})
		}
	}
}

func FuzzRender(f *testing.F) {
	for _, tc := range cases {
		f.Add(tc.md, 40)
	}
	f.Fuzz(func(t *testing.T, md string, width int) {
		width = width % 200
		for _, theme := range []string{ThemeNoTTY, ThemeDark} {
			lines := render(md, width, ThemeFor(theme))
			checkLines(t, md, lines, width, theme, false)
		}
	})
}

func BenchmarkRenderLesson(b *testing.B) {
	md, err := fs.ReadFile(lessons.FS, "06-k8s-resources-probes/lesson.md")
	if err != nil {
		b.Fatal(err)
	}
	th := ThemeFor(ThemeDark)
	b.SetBytes(int64(len(md)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(string(md), 80, th); err != nil {
			b.Fatal(err)
		}
	}
}
