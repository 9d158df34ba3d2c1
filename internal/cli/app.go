// Package cli builds iactutor's command tree: flag parsing and choosing an
// output, with every domain decision left to the packages it calls. Every
// sentence it prints, help included, comes from the message catalog in the
// reader's language.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/iactutor/iactutor/exercises"
	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/lessons"
)

// Exit codes with a meaning scripts can rely on.
const (
	ExitOK      = 0
	ExitFailed  = 1 // checks failed, errors found
	ExitUsage   = 2 // bad flags or arguments, unreadable input
	ExitAborted = 130
)

// exitError carries an exit code up through cobra, with what to tell the
// reader: a catalog message, or an error from elsewhere.
type exitError struct {
	code int
	text msg.Text
	err  error
}

// Error words the message in the default language: the command line
// prints it through its own printer, so this is for logs and tests.
func (e *exitError) Error() string {
	if !e.text.IsZero() {
		if p := defaultPrinter(); p != nil {
			return p.Text(e.text)
		}
		return e.text.Key
	}
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// defaultPrinter renders errors outside a run, in the default language.
var defaultPrinter = sync.OnceValue(func() *msg.Printer {
	c, err := msg.Builtin()
	if err != nil {
		return nil
	}
	p, err := c.Printer(msg.Default)
	if err != nil {
		return nil
	}
	return p
})

// usageError marks a mistake in how the command was called (exit 2).
func usageError(t msg.Text) error { return &exitError{code: ExitUsage, text: t} }

// usageErr is a usage mistake another package or cobra worded; a known
// English shape of it is put into the reader's language when printed.
func usageErr(err error) error { return &exitError{code: ExitUsage, err: err} }

// quote shows a value as the reader typed it, with control characters
// escaped.
func quote(s string) string { return strconv.Quote(s) }

// failed is an exit 1 without a message (the output already said why).
var failed = &exitError{code: ExitFailed}

// app is what every subcommand shares: I/O, environment and global flags.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string

	courseDir string
	langFlag  string
	noColor   bool
	workspace string

	loaded *loadedCourse

	catalog *msg.Catalog
	printer *msg.Printer
}

type loadedCourse struct {
	c   *course.Course
	src course.Source
}

// Run executes iactutor with args and returns the process exit code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cat, err := msg.Builtin()
	if err != nil {
		// The embedded catalog is tested; only a broken build gets here.
		fmt.Fprintf(stderr, "iactutor: %v\n", err)
		return ExitUsage
	}
	return run(args, stdin, stdout, stderr, os.Getenv, cat)
}

// run is Run with its environment and message catalog passed in, so tests
// can give it another language's catalog.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string, cat *msg.Catalog) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv, catalog: cat}
	// The help is built in the reader's language, so --lang is read before
	// cobra parses anything.
	a.langFlag = langArg(args)
	p := a.p()
	if a.langFlag != "" && !a.catalog.Has(a.langFlag) {
		fmt.Fprintf(stderr, "iactutor: %s\n", p.Text(a.unknownLang(a.langFlag)))
		return ExitUsage
	}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	a.localizeCobra(root)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if s := a.say(ee); s != "" {
			fmt.Fprintf(stderr, "iactutor: %s\n", s)
		}
		return ee.code
	}
	// Anything cobra itself rejects (unknown flag or command, wrong number
	// of arguments) is a usage mistake.
	fmt.Fprintf(stderr, "iactutor: %s\n", localizeUsage(p, err.Error()))
	fmt.Fprintln(stderr, p.S("cli.usage.run-help", nil))
	return ExitUsage
}

// say words an exit error for the reader.
func (a *app) say(e *exitError) string {
	if !e.text.IsZero() {
		return a.p().Text(e.text)
	}
	if e.err == nil {
		return ""
	}
	var me *msg.Error
	if errors.As(e.err, &me) {
		return a.p().Error(e.err)
	}
	return localizeUsage(a.p(), e.err.Error())
}

// langArg finds --lang on the command line before cobra does, the last one
// winning as it does for cobra.
func langArg(args []string) string {
	lang := ""
	for i := 0; i < len(args); i++ {
		switch arg := args[i]; {
		case arg == "--":
			return lang
		case arg == "--lang" && i+1 < len(args):
			lang = args[i+1]
			i++
		case strings.HasPrefix(arg, "--lang="):
			lang = strings.TrimPrefix(arg, "--lang=")
		}
	}
	return lang
}

// envLang is the language LC_ALL, LC_MESSAGES or LANG ask for (the first
// one set decides), or the default one when no catalog has it.
func envLang(getenv func(string) string, known func(string) bool) string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(k)
		if v == "" {
			continue
		}
		v = strings.ToLower(v)
		if i := strings.IndexAny(v, "_.@-"); i >= 0 {
			v = v[:i]
		}
		if known(v) {
			return v
		}
		break
	}
	return msg.Default
}

// unknownLang names the languages there are when another is asked for.
func (a *app) unknownLang(lang string) msg.Text {
	return msg.New("cli.usage.unknown-language", msg.Args{"Lang": quote(lang), "Available": strings.Join(a.catalog.Languages(), ", ")})
}

// lang is the learner's language for this run, for content files that
// carry their own translations.
func (a *app) lang() string { return a.p().Lang() }

// catalogMessages returns every language's raw messages, for the checks
// that prove each language complete.
func (a *app) catalogMessages() (map[string]map[string]string, error) {
	a.p()
	out := map[string]map[string]string{}
	for _, lang := range a.catalog.Languages() {
		m, err := a.catalog.Messages(lang)
		if err != nil {
			return nil, err
		}
		out[lang] = m
	}
	return out, nil
}

// p is the printer for the learner's language: --lang when a catalog has
// it, else the environment's.
func (a *app) p() *msg.Printer {
	if a.printer != nil {
		return a.printer
	}
	lang := a.langFlag
	if !a.catalog.Has(lang) {
		lang = envLang(a.getenv, a.catalog.Has)
	}
	p, err := a.catalog.Printer(lang)
	if err != nil {
		p, _ = a.catalog.Printer(msg.Default)
	}
	a.printer = p
	return p
}

// orList joins words as "a, b or c" in the reader's language.
func orList(p *msg.Printer, words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return p.S("cli.or", msg.Args{"List": strings.Join(words[:len(words)-1], ", "), "Last": words[len(words)-1]})
}

// color reports whether w may receive ANSI colour.
func (a *app) color(w io.Writer) bool {
	if a.noColor || a.getenv("NO_COLOR") != "" || a.getenv("TERM") == "dumb" {
		return false
	}
	return isTerminal(w)
}

func isTerminal(v any) bool {
	f, ok := v.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}

// width is the terminal width of w, or 0 (no wrapping) when it is not one.
func width(w io.Writer) int {
	f, ok := w.(interface{ Fd() uintptr })
	if !ok {
		return 0
	}
	wd, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return wd
}

// source is the course the flags select.
func (a *app) source() course.Source {
	if a.courseDir != "" {
		return course.Dir(a.courseDir)
	}
	return course.Source{FS: course.Router{Lessons: lessons.FS, Exercises: exercises.FS}}
}

// course loads the course once; content errors are reported and make the
// command fail, since nothing sensible can be shown from a broken course.
func (a *app) course() (*course.Course, course.Source, error) {
	if a.loaded != nil {
		return a.loaded.c, a.loaded.src, nil
	}
	src := a.source()
	if a.courseDir != "" {
		if st, err := os.Stat(a.courseDir); err != nil || !st.IsDir() {
			return nil, src, usageError(msg.New("cli.course.not-a-folder", msg.Args{"Dir": a.courseDir}))
		}
	}
	c, ds := course.Load(src)
	if ds.HasErrors() {
		// Show what loads; a half-written exercise must not hide the rest
		// of the course. `course check` lists the problems.
		fmt.Fprintf(a.stderr, "iactutor: %s\n", a.p().S("cli.course.problems", msg.Args{"Count": ds.Count(diag.SeverityError)}))
	}
	if len(c.Lessons) == 0 && len(c.Exercises) == 0 {
		return nil, src, &exitError{code: ExitFailed, text: msg.New("cli.course.empty", nil)}
	}
	a.loaded = &loadedCourse{c, src}
	return c, src, nil
}

func (a *app) rootCommand() *cobra.Command {
	p := a.p()
	root := &cobra.Command{
		Use:           "iactutor",
		Short:         p.S("cli.root.short", nil),
		Long:          p.S("cli.root.long", nil),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE:          a.runHome,
	}
	pf := root.PersistentFlags()
	pf.StringVar(&a.courseDir, "course", "", p.S("cli.flag.course", nil))
	pf.StringVar(&a.langFlag, "lang", "", p.S("cli.flag.lang", msg.Args{"Languages": orList(p, a.catalog.Languages())}))
	pf.BoolVar(&a.noColor, "no-color", false, p.S("cli.flag.no-color", nil))
	pf.StringVar(&a.workspace, "workspace", "", p.S("cli.flag.workspace", nil))
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		// langArg read the same flag; this catches a spelling it missed.
		if a.langFlag != "" && !a.catalog.Has(a.langFlag) {
			return usageError(a.unknownLang(a.langFlag))
		}
		return nil
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageErr(err) })
	root.AddCommand(
		a.listCommand(),
		a.lessonCommand(),
		a.courseCommand(),
		a.lintCommand(),
		a.explainCommand(),
		a.rulesCommand(),
		a.versionCommand(),
		a.initCommand(),
		a.checkCommand(),
		a.hintCommand(),
		a.solutionCommand(),
		a.resetCommand(),
		a.glossaryCommand(),
		a.openCommand(),
		a.gradeCommand(),
		a.classroomCommand(),
		a.autograderCommand(),
	)
	return root
}

// runHome is `iactutor` with no subcommand: the interactive course.
func (a *app) runHome(cmd *cobra.Command, _ []string) error { return a.startTUI("") }
