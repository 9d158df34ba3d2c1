// Package cli builds iactutor's command tree: flag parsing and choosing an
// output, with every domain decision left to the packages it calls.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

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

// exitError carries an exit code up through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}
func (e *exitError) Unwrap() error { return e.err }

// usageError marks a mistake in how the command was called (exit 2).
func usageError(format string, args ...any) error {
	return &exitError{code: ExitUsage, err: fmt.Errorf(format, args...)}
}

// usageErrorIn is a usage mistake told in the learner's language.
func usageErrorIn(lang, en, es string, args ...any) error {
	return usageError(tr(lang, en, es), args...)
}

// tr picks the learner's language for the command line's own messages.
func tr(lang, en, es string) string {
	if lang == "es" {
		return es
	}
	return en
}

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
	return run(args, stdin, stdout, stderr, os.Getenv)
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	lang := a.lang()
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(stderr, "iactutor: %v\n", localizeUsage(ee.err.Error(), lang))
		}
		return ee.code
	}
	// Anything cobra itself rejects (unknown flag or command, wrong number
	// of arguments) is a usage mistake.
	fmt.Fprintf(stderr, "iactutor: %v\n", localizeUsage(err.Error(), lang))
	fmt.Fprintln(stderr, tr(lang, "Run 'iactutor --help' for usage.", "Ejecuta 'iactutor --help' para ver cómo se usa."))
	return ExitUsage
}

// lang is the learner's language for this run.
func (a *app) lang() string { return course.DetectLang(a.langFlag, a.getenv) }

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

// p is the printer for the learner's language, made on first use so a
// command that prints no sentence never parses the catalog.
func (a *app) p() *msg.Printer {
	if a.printer != nil {
		return a.printer
	}
	if a.catalog == nil {
		c, err := msg.Builtin()
		if err != nil {
			// The embedded catalog is tested; only a broken build gets here.
			fmt.Fprintf(a.stderr, "iactutor: %v\n", err)
			os.Exit(ExitUsage)
		}
		a.catalog = c
	}
	p, err := a.catalog.Printer(a.lang())
	if err != nil {
		p, _ = a.catalog.Printer(msg.Default)
	}
	a.printer = p
	return p
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
			return nil, src, usageErrorIn(a.lang(), "--course %s: not a folder", "--course %s: no es una carpeta", a.courseDir)
		}
	}
	c, ds := course.Load(src)
	if ds.HasErrors() {
		// Show what loads; a half-written exercise must not hide the rest
		// of the course. `course check` lists the problems.
		n := ds.Count(diag.SeverityError)
		fmt.Fprintf(a.stderr, "iactutor: %s\n", tr(a.lang(),
			fmt.Sprintf("the course has %s; 'iactutor course check' lists them.", plural(n, "problem", "problems")),
			fmt.Sprintf("el curso tiene %s; 'iactutor course check' los enumera.", plural(n, "problema", "problemas"))))
	}
	if len(c.Lessons) == 0 && len(c.Exercises) == 0 {
		return nil, src, &exitError{code: ExitFailed, err: errors.New(tr(a.lang(), "no lessons or exercises could be loaded", "no se pudo cargar ninguna lección ni ningún ejercicio"))}
	}
	a.loaded = &loadedCourse{c, src}
	return c, src, nil
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "iactutor",
		Short: "An offline tutor for Terraform and Kubernetes, for deploying ML model APIs",
		Long: strings.TrimSpace(`
iactutor teaches Infrastructure as Code for serving a model API: Terraform for
the cloud side, Kubernetes manifests for the cluster side. Read lessons, answer
checkpoints, fix broken manifests and modules in your own editor, and get
graded at once, with the exact line, the why and the fix. Everything works
offline.

Run 'iactutor' in a terminal for the course, or use the commands below.`),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE:          a.runHome,
	}
	pf := root.PersistentFlags()
	pf.StringVar(&a.courseDir, "course", "", "read the course from `DIR` (with lessons/ and exercises/) instead of the built-in one")
	pf.StringVar(&a.langFlag, "lang", "", "language: en or es (default from LC_ALL, LC_MESSAGES or LANG)")
	pf.BoolVar(&a.noColor, "no-color", false, "never print colour (the NO_COLOR variable does the same)")
	pf.StringVar(&a.workspace, "workspace", "", "where your exercise files and progress live (default $IACTUTOR_WORKSPACE, else ~/iactutor)")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		if a.langFlag != "" && a.langFlag != "en" && a.langFlag != "es" {
			return usageError("--lang must be en or es, not %q (--lang debe ser en o es)", a.langFlag)
		}
		return nil
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError("%v", err) })
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
	)
	return root
}

// runHome is `iactutor` with no subcommand: the interactive course.
func (a *app) runHome(cmd *cobra.Command, _ []string) error { return a.startTUI("") }
