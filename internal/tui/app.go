// Package tui is iactutor's terminal interface: one root model owns the
// screens (home, lesson, checkpoint, exercise, glossary) and passes them what they
// share. Every slow thing — rendering Markdown, grading, writing progress —
// runs as a command and comes back as a message, so keys never wait.
package tui

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/grader"
	"github.com/iactutor/iactutor/internal/progress"
	"github.com/iactutor/iactutor/internal/workspace"
)

// Options is everything the interface needs from the command line.
type Options struct {
	Course    *course.Course
	Source    course.Source
	Workspace string
	Lang      string
	// Printer puts the interface's own sentences into the learner's language.
	Printer *msg.Printer
	// Color false gives the monochrome interface.
	Color bool
	// GlamourStyle is chosen once before start ("dark", "light", "notty").
	GlamourStyle string
	// Hyperlinks turns file paths into OSC 8 links.
	Hyperlinks bool
	// Open is a lesson or exercise ID to start on.
	Open string
	// Editor is the command for the edit key ($VISUAL, else $EDITOR).
	Editor string
	// Poll forces polling in watch mode.
	Poll bool
	// Renderer draws the styles (defaults to one on stdout).
	Renderer *lipgloss.Renderer
}

// common is what every screen shares, passed by pointer.
type common struct {
	width, height int
	keys          KeyMap
	styles        Styles
	t             labels
	lang          string
	printer       *msg.Printer
	course        *course.Course
	ws            *workspace.Workspace
	grader        *grader.Grader
	store         *progress.Store
	state         *progress.State
	glamourStyle  string
	hyperlinks    bool
	editor        string
	poll          bool
	rendered      map[string]string // lesson Markdown by lesson, language and width
	nav           tea.Msg           // a pending screen change
}

type screen int

const (
	homeScreen screen = iota
	lessonScreen
	checkpointScreen
	exerciseScreen
	glossaryScreen
)

// Model is the root model.
type Model struct {
	c          *common
	screen     screen
	home       *homeModel
	lesson     *lessonModel
	checkpoint *checkpointModel
	exercise   *exerciseModel
	glossary   *glossaryModel
	help       help.Model
	fullHelp   bool
	notice     string
}

// New prepares the interface: it loads progress (setting a damaged file
// aside) and creates the workspace if needed, with a notice either way.
func New(opt Options) (*Model, error) {
	r := opt.Renderer
	if r == nil {
		r = lipgloss.NewRenderer(os.Stdout)
	}
	lang := opt.Lang
	if lang == "" {
		lang = course.DefaultLang
	}
	ws := &workspace.Workspace{Dir: opt.Workspace, Course: opt.Course, Src: opt.Source}
	c := &common{
		width: 80, height: 24,
		keys: DefaultKeyMap(lang), styles: DefaultStyles(r, opt.Color), t: labelsFor(lang), lang: lang, printer: opt.Printer,
		course: opt.Course, ws: ws, grader: grader.New(), store: ws.Progress(),
		glamourStyle: opt.GlamourStyle, hyperlinks: opt.Hyperlinks, editor: opt.Editor, poll: opt.Poll,
		rendered: map[string]string{},
	}
	if c.glamourStyle == "" {
		c.glamourStyle = "notty"
	}
	m := &Model{c: c, help: help.New()}
	if _, err := os.Stat(opt.Workspace); os.IsNotExist(err) {
		if err := os.MkdirAll(opt.Workspace, 0o755); err != nil {
			return nil, fmt.Errorf("creating the workspace: %w", err)
		}
		m.notice = fmt.Sprintf(c.t.workspaceCreated, opt.Workspace)
	}
	st, notice, err := c.store.Load()
	if err != nil {
		return nil, err
	}
	if notice != "" {
		m.notice = notice
	}
	c.state = st
	m.home = newHome(c)
	if opt.Open != "" {
		if l, ok := opt.Course.Lesson(opt.Open); ok {
			m.screen, m.lesson = lessonScreen, newLesson(c, l)
		} else if ex, ok := opt.Course.Exercise(opt.Open); ok {
			m.screen, m.exercise = exerciseScreen, newExercise(c, ex)
		} else {
			return nil, fmt.Errorf("no lesson or exercise %q", opt.Open)
		}
	}
	return m, nil
}

// Run starts the interface on a terminal and returns when the learner quits.
func Run(opt Options, in io.Reader, out io.Writer) error {
	m, err := New(opt)
	if err != nil {
		return err
	}
	p := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(out), tea.WithAltScreen())
	final, err := p.Run()
	if fm, ok := final.(*Model); ok && fm.exercise != nil {
		fm.exercise.stop()
	}
	return err
}

// Init starts the screen the interface opens on.
func (m *Model) Init() tea.Cmd {
	switch m.screen {
	case lessonScreen:
		return m.lesson.init()
	case exerciseScreen:
		return m.exercise.init()
	}
	return nil
}

// Messages that move between screens.
type (
	openLessonMsg     struct{ lesson *course.Lesson }
	openCheckpointMsg struct{ lesson *course.Lesson }
	openExerciseMsg   struct{ ex *course.Exercise }
	// openGlossaryMsg opens the glossary; from a lesson, on its terms.
	openGlossaryMsg struct{ from *course.Lesson }
	backMsg         struct{}
	savedMsg        struct{ err error }
)

// navigate asks the root model to change screens as soon as the current
// update returns — synchronously, so keys typed right after enter reach the
// new screen instead of racing a command.
func (c *common) navigate(msg tea.Msg) tea.Cmd {
	c.nav = msg
	return nil
}

// saveProgress writes a snapshot of the state in the background.
func (c *common) saveProgress() tea.Cmd {
	snap := c.state.Clone()
	store := c.store
	return func() tea.Msg { return savedMsg{err: store.Save(snap)} }
}

// Update handles global keys and sizes once, then hands the message to the
// current screen.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = msg.Width, msg.Height
		m.help.Width = msg.Width
	case tea.KeyMsg:
		if msg.String() != "" && m.notice != "" && !strings.HasPrefix(msg.String(), "ctrl+c") {
			m.notice = ""
		}
		switch {
		case keyIs(msg, m.c.keys.ForceQuit):
			return m, m.quit()
		case keyIs(msg, m.c.keys.Help) && !m.typing():
			m.fullHelp = !m.fullHelp
			return m, nil
		case keyIs(msg, m.c.keys.Quit) && m.screen == homeScreen && !m.typing():
			return m, m.quit()
		}
	case openLessonMsg:
		m.stopExercise()
		m.screen, m.lesson = lessonScreen, newLesson(m.c, msg.lesson)
		return m, m.lesson.init()
	case openCheckpointMsg:
		m.stopExercise()
		m.screen, m.checkpoint = checkpointScreen, newCheckpoint(m.c, msg.lesson)
		return m, nil
	case openExerciseMsg:
		m.stopExercise()
		m.screen, m.exercise = exerciseScreen, newExercise(m.c, msg.ex)
		return m, m.exercise.init()
	case openGlossaryMsg:
		m.stopExercise()
		m.screen, m.glossary = glossaryScreen, newGlossary(m.c, msg.from)
		return m, nil
	case backMsg:
		return m, m.back()
	case savedMsg:
		if msg.err != nil {
			m.notice = msg.err.Error()
		}
		return m, nil
	}
	var cmd tea.Cmd
	switch m.screen {
	case homeScreen:
		cmd = m.home.update(msg)
	case lessonScreen:
		cmd = m.lesson.update(msg)
	case checkpointScreen:
		cmd = m.checkpoint.update(msg)
	case exerciseScreen:
		cmd = m.exercise.update(msg)
	case glossaryScreen:
		cmd = m.glossary.update(msg)
	}
	if nav := m.c.nav; nav != nil {
		m.c.nav = nil
		_, next := m.Update(nav)
		return m, tea.Batch(cmd, next)
	}
	return m, cmd
}

func (m *Model) quit() tea.Cmd {
	m.stopExercise()
	return tea.Quit
}

func (m *Model) stopExercise() {
	if m.exercise != nil {
		m.exercise.stop()
	}
}

// typing is true while a text field has the keys.
func (m *Model) typing() bool {
	switch m.screen {
	case homeScreen:
		return m.home.filter.active
	case checkpointScreen:
		return m.checkpoint.typing()
	case glossaryScreen:
		return m.glossary.filter.active
	}
	return false
}

// back goes one level up: checkpoint and exercise return to their lesson
// when they came from one, else home.
func (m *Model) back() tea.Cmd {
	switch m.screen {
	case checkpointScreen:
		if m.lesson != nil && m.lesson.l == m.checkpoint.l {
			m.screen = lessonScreen
			return nil
		}
	case exerciseScreen:
		m.stopExercise()
		if m.lesson != nil && m.lesson.l.ID == m.exercise.ex.Lesson {
			m.screen = lessonScreen
			return nil
		}
	case glossaryScreen:
		if m.lesson != nil && m.glossary.from == m.lesson.l {
			m.screen = lessonScreen
			return nil
		}
	}
	m.screen = homeScreen
	m.home.refresh()
	return nil
}

// View draws the current screen with the footer.
func (m *Model) View() string {
	var body string
	var keys helpKeys
	switch m.screen {
	case homeScreen:
		body, keys = m.home.view(), m.home.helpKeys()
	case lessonScreen:
		body, keys = m.lesson.view(), m.lesson.helpKeys()
	case checkpointScreen:
		body, keys = m.checkpoint.view(), m.checkpoint.helpKeys()
	case exerciseScreen:
		body, keys = m.exercise.view(), m.exercise.helpKeys()
	case glossaryScreen:
		body, keys = m.glossary.view(), m.glossary.helpKeys()
	}
	m.help.ShowAll = m.fullHelp
	footer := m.help.View(keys)
	if m.notice != "" {
		footer = m.c.styles.Warn.Render(truncate(m.notice, m.c.width)) + "\n" + footer
	}
	footerLines := strings.Count(footer, "\n") + 1
	return fit(body, m.c.height-footerLines, m.c.width) + "\n" + footer
}
