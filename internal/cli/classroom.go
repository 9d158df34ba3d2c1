package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iactutor/iactutor/internal/gradebook"
	"github.com/iactutor/iactutor/internal/msg"
)

// classroomWorkflow is where GitHub Classroom looks for the autograding
// workflow in an assignment's template repository.
const classroomWorkflow = ".github/workflows/classroom.yml"

func (a *app) classroomCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "classroom",
		Short: a.p().S("cli.classroom.short", nil),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	var force bool
	var release string
	init := &cobra.Command{
		Use:   "init [DIR]",
		Short: a.p().S("cli.classroom-init.short", nil),
		Long:  a.p().S("cli.classroom-init.long", msg.Args{"Workflow": classroomWorkflow, "Env": gradebook.ClassroomEnv()}),
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			if err := checkDir(dir); err != nil {
				return err
			}
			coursePath := ""
			if a.courseDir != "" {
				rel, err := courseInRepo(dir, a.courseDir)
				if err != nil {
					return err
				}
				coursePath = rel
			}
			if release == "" {
				release = moduleVersion()
			}
			target := filepath.Join(dir, filepath.FromSlash(classroomWorkflow))
			if _, err := os.Lstat(target); err == nil && !force {
				return usageError(msg.New("cli.classroom-init.exists", msg.Args{"Path": target}))
			} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return usageErr(fmt.Errorf("%s: %w", target, err))
			}
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return &exitError{code: ExitUsage, err: fmt.Errorf("writing the workflow: %w", err)}
			}
			if err := gradebook.WriteFile(target, []byte(classroomYAML(release, coursePath, a.p().Lang())), nil); err != nil {
				return &exitError{code: ExitUsage, err: fmt.Errorf("writing the workflow: %w", err)}
			}
			_, err := fmt.Fprintln(a.stdout, a.p().S("cli.classroom-init.wrote", msg.Args{"Path": target}))
			return err
		},
	}
	f := init.Flags()
	f.BoolVar(&force, "force", false, a.p().S("cli.classroom-init.flag.force", nil))
	f.StringVar(&release, "release", "", a.p().S("cli.classroom-init.flag.release", nil))
	cmd.AddCommand(init)
	return cmd
}

// courseInRepo is the --course folder as a path inside the repository, the
// only place the workflow can read it from.
func courseInRepo(repo, courseDir string) (string, error) {
	absRepo, err := filepath.Abs(repo)
	if err != nil {
		return "", usageErr(err)
	}
	absCourse, err := filepath.Abs(courseDir)
	if err != nil {
		return "", usageErr(err)
	}
	rel, err := filepath.Rel(absRepo, absCourse)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", usageError(msg.New("cli.classroom-init.course-outside", msg.Args{"Course": courseDir, "Repo": repo}))
	}
	return filepath.ToSlash(rel), nil
}

// moduleVersion is the release of iactutor the workflow installs: this
// binary's own, so students are graded by what the instructor tried.
func moduleVersion() string {
	if version != "dev" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "latest"
}

// classroomYAML is the workflow: it installs iactutor, grades the
// repository as one student's workspace, and passes the result to GitHub
// Classroom's reporter, which records the points and fails the run when a
// check fails. The grade step always exits 0 when it wrote a result, so the
// reporter always runs. The job is named "Autograding Tests" because that
// is the check run the reporter attaches the points to.
func classroomYAML(release, coursePath, lang string) string {
	course := " --lang " + shellQuote(lang)
	if coursePath != "" {
		course += " --course " + shellQuote(coursePath)
	}
	env := gradebook.ClassroomEnv()
	lines := []string{
		"name: Autograding Tests",
		"on: [push, workflow_dispatch, repository_dispatch]",
		"permissions:",
		"  checks: write",
		"  actions: read",
		"  contents: read",
		"jobs:",
		"  run-autograding-tests:",
		"    name: Autograding Tests",
		"    runs-on: ubuntu-latest",
		"    if: github.actor != 'github-classroom[bot]'",
		"    steps:",
		"      - uses: actions/checkout@v6",
		"      - uses: actions/setup-go@v6",
		"        with:",
		"          go-version: stable",
		"      - name: iactutor",
		"        id: " + gradebook.ClassroomRunner,
		"        env:",
		"          CGO_ENABLED: \"0\"",
		"        run: |",
		"          go install github.com/iactutor/iactutor/cmd/iactutor@" + release,
		"          export PATH=\"$(go env GOPATH)/bin:$PATH\"",
		"          iactutor" + course + " grade . --single --format classroom --out \"$RUNNER_TEMP/iactutor.json\"",
		"          echo \"result=$(base64 -w 0 \"$RUNNER_TEMP/iactutor.json\")\" >> \"$GITHUB_OUTPUT\"",
		"      - uses: classroom-resources/autograding-grading-reporter@v1",
		"        env:",
		"          " + env + ": \"${{ steps." + gradebook.ClassroomRunner + ".outputs.result }}\"",
		"        with:",
		"          runners: " + gradebook.ClassroomRunner,
	}
	return strings.Join(lines, "\n") + "\n"
}

// shellQuote quotes a path for a POSIX shell line.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
