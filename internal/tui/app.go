// Package tui is iactutor's terminal interface: one root model owns the
// screens (home, lesson, checkpoint, exercise, glossary) and passes them what they
// share. Every slow thing — rendering Markdown, grading, writing progress —
// runs as a command and comes back as a message, so keys never wait.
package tui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/grader"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/progress"
	"github.com/iactutor/iactutor/internal/workspace"
)

// Options is everything the interface needs from the command line.
type Options struct {
	Course    *course.Course
	Source    course.Source
	Workspace string
	// Lang picks the translation of the course content (lessons, tasks,
	// hints), which carries its own; empty means the printer's language.
	Lang string
	// Printer puts the interface's own sentences into the learner's
	// language; it is required.
	Printer *msg.Printer
	// Color false gives the monochrome interface.
	Color bool
	// MarkdownTheme is chosen once before start ("dark", "light",
	// "neutral" when the background is not known, "notty" without colour).
	MarkdownTheme string
	// BackgroundKnown is true when the terminal said whether it is light
	// or dark (COLORFGBG); otherwise the styles use the terminal's own
	// palette, which its theme makes readable on its background.
	BackgroundKnown bool
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
	// bodyH is the height left to the screen above the footer, set before
	// every view.
	bodyH  int
	keys   KeyMap
	styles Styles
	// lang picks the course content's translation; the interface's own
	// words come from printer.
	lang    string
	printer *msg.Printer
	course  *course.Course
	ws      *workspace.Workspace
	grader  *grader.Grader
	store   *progress.Store
	// state is what the screens show: the file as last read or written,
	// with this interface's own changes applied at once on top.
	state *progress.State
	// saver orders this process's reads and writes of the progress file,
	// so a state that comes back late never replaces a newer one.
	saver *saver
	// shown is the sequence number of the state on screen; pending are
	// this interface's changes not yet known to be in it, applied again
	// on top of every state that arrives until they are.
	shown   uint64
	pending []pendingChange
	lastID  uint64
	// seen is the progress file as last loaded (nil: none), and pollEvery
	// how often it is looked at for changes made by other processes
	// (0: never, for tests that drive the model by hand).
	seen          os.FileInfo
	pollEvery     time.Duration
	markdownTheme string
	hyperlinks    bool
	editor        string
	poll          bool
	rendered      map[string]string // lesson Markdown by lesson, language and width
	nav           tea.Msg           // a pending screen change
}

// screen is one page of the interface. The root model keeps the active one
// and hands it every message it does not handle itself, so adding a page
// touches no switch here.
type screen interface {
	// init starts the page's background work when it is shown.
	init() tea.Cmd
	update(tea.Msg) tea.Cmd
	view() string
	helpKeys() helpKeys
}

// A screen with a text field is a typer: while it types, the global letter
// keys (q, ?) are text.
type typer interface{ typing() bool }

// A screen with work that outlives a key (the exercise's watcher) is a
// stopper: it is stopped when the learner leaves it.
type stopper interface{ stop() }

// Model is the root model.
type Model struct {
	c *common
	// active is the page on screen; home and the last lesson are kept to
	// return to.
	active   screen
	home     *homeModel
	lesson   *lessonModel
	help     help.Model
	fullHelp bool
	notice   string
	// sticky is a notice that stays until dismissed: where a damaged
	// progress file was moved, which the learner needs to read whole.
	sticky string
	// opened records the screen the interface starts on (Options.Open)
	// as the learner's place; it runs with Init.
	opened tea.Cmd
}

// saver numbers the progress reads and writes of one interface, and notes
// the number under which each change reached the file.
type saver struct {
	mu      sync.Mutex
	seq     uint64
	applied map[uint64]uint64 // change id → seq
}

// pendingChange is a change shown on screen before it reached the file.
type pendingChange struct {
	id uint64
	ch progress.Change
}

// New prepares the interface: it loads progress (setting a damaged file
// aside) and creates the workspace if needed, with a notice either way.
func New(opt Options) (*Model, error) {
	r := opt.Renderer
	if r == nil {
		r = lipgloss.NewRenderer(os.Stdout)
	}
	p := opt.Printer
	if p == nil {
		return nil, errors.New("the interface needs a message printer")
	}
	lang := opt.Lang
	if lang == "" {
		lang = p.Lang()
	}
	ws := &workspace.Workspace{Dir: opt.Workspace, Course: opt.Course, Src: opt.Source}
	c := &common{
		width: 80, height: 24, bodyH: 23,
		keys: DefaultKeyMap(p), styles: DefaultStyles(r, opt.Color, opt.BackgroundKnown), lang: lang, printer: p,
		course: opt.Course, ws: ws, grader: grader.New(), store: ws.Progress(), saver: &saver{applied: map[uint64]uint64{}}, pollEvery: progressPoll,
		markdownTheme: opt.MarkdownTheme, hyperlinks: opt.Hyperlinks, editor: opt.Editor, poll: opt.Poll,
		rendered: map[string]string{},
	}
	if c.markdownTheme == "" {
		c.markdownTheme = "notty"
	}
	m := &Model{c: c, help: help.New()}
	if _, err := os.Stat(opt.Workspace); os.IsNotExist(err) {
		if err := os.MkdirAll(opt.Workspace, 0o755); err != nil {
			return nil, fmt.Errorf("creating the workspace: %w", err)
		}
		m.notice = p.S("tui.workspace-created", msg.Args{"Path": opt.Workspace})
	}
	c.seen, _ = os.Stat(c.store.Path)
	st, notice, err := c.store.Load()
	if err != nil {
		return nil, err
	}
	if !notice.IsZero() {
		m.sticky = c.printer.Text(notice)
	}
	// Answers to questions that moved to another lesson follow them, once,
	// under the lock, so another process's records are kept.
	if workspace.CarryMovedAnswers(st, opt.Course) {
		carried, _, err := c.store.Apply(func(s *progress.State) { workspace.CarryMovedAnswers(s, opt.Course) })
		if err != nil {
			return nil, err
		}
		st = carried
	}
	c.state = st
	m.home = newHome(c)
	m.home.resume()
	m.active = m.home
	if opt.Open != "" {
		if l, ok := opt.Course.Lesson(opt.Open); ok {
			m.lesson = newLesson(c, l)
			m.active = m.lesson
		} else if ex, ok := opt.Course.Exercise(opt.Open); ok {
			m.active = newExercise(c, ex)
		} else {
			return nil, fmt.Errorf("no lesson or exercise %q", opt.Open)
		}
		m.opened = c.opened(opt.Open)
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
	if fm, ok := final.(*Model); ok {
		fm.leave()
	}
	return err
}

// progressPoll is how often the interface looks at the progress file for
// what other processes (`iactutor check` in another terminal, a second
// interface) recorded: a stat, and a read only when it changed.
const progressPoll = 500 * time.Millisecond

// Init starts the screen the interface opens on, and the look-out for
// progress recorded elsewhere.
func (m *Model) Init() tea.Cmd { return tea.Batch(m.active.init(), m.c.pollLater(), m.opened) }

// Messages that move between screens.
type (
	openLessonMsg     struct{ lesson *course.Lesson }
	openCheckpointMsg struct{ lesson *course.Lesson }
	openExerciseMsg   struct{ ex *course.Exercise }
	// openGlossaryMsg opens the glossary; from a lesson, on its terms.
	openGlossaryMsg struct{ from *course.Lesson }
	// backMsg goes one level up: to the lesson with ID lesson when it is
	// the one the learner last read, else home.
	backMsg struct{ lesson string }
	// progressMsg is the progress file after this interface wrote a
	// change to it (or read it because it changed): the state to show,
	// numbered in the order the file was read.
	progressMsg struct {
		seq    uint64
		state  *progress.State
		notice msg.Text
		err    error
		// seen is set after a read; polled is set when it answers a poll,
		// which then continues.
		seen   os.FileInfo
		polled bool
	}
	pollMsg struct{}
)

// navigate asks the root model to change screens as soon as the current
// update returns — synchronously, so keys typed right after enter reach the
// new screen instead of racing a command.
func (c *common) navigate(msg tea.Msg) tea.Cmd {
	c.nav = msg
	return nil
}

// apply records one change: at once in the state on screen, and in the
// background in the progress file, where it is applied to whatever the
// file holds by then (other processes' work included) under its lock.
func (c *common) apply(ch progress.Change) tea.Cmd {
	ch(c.state)
	c.lastID++
	id := c.lastID
	c.pending = append(c.pending, pendingChange{id: id, ch: ch})
	store, sv := c.store, c.saver
	return func() tea.Msg {
		sv.mu.Lock()
		defer sv.mu.Unlock()
		sv.seq++
		st, notice, err := store.Apply(ch)
		// Noted even when the write failed: the error is shown, and the
		// screen must not go on showing a change the file does not have.
		sv.applied[id] = sv.seq
		return progressMsg{seq: sv.seq, state: st, notice: notice, err: err}
	}
}

// opened records a lesson or exercise as the learner's place, for the map
// to open on next time; opening the same place again writes nothing.
func (c *common) opened(id string) tea.Cmd {
	if c.state.Last == id {
		return nil
	}
	return c.apply(func(s *progress.State) { s.Open(id) })
}

// show puts a state from the file on screen, with this interface's
// changes that are not in it yet applied on top.
func (c *common) show(seq uint64, st *progress.State) {
	c.saver.mu.Lock()
	keep := c.pending[:0]
	for _, p := range c.pending {
		if at, ok := c.saver.applied[p.id]; ok && at <= seq {
			delete(c.saver.applied, p.id)
			continue
		}
		keep = append(keep, p)
	}
	c.saver.mu.Unlock()
	c.pending = keep
	for _, p := range keep {
		p.ch(st)
	}
	c.shown, c.state = seq, st
}

// pollLater looks at the progress file after a while.
func (c *common) pollLater() tea.Cmd {
	if c.pollEvery <= 0 {
		return nil
	}
	return tea.Tick(c.pollEvery, func(time.Time) tea.Msg { return pollMsg{} })
}

// reload reads the progress file when it is not the one last loaded.
func (c *common) reload() tea.Cmd {
	store, sv, seen := c.store, c.saver, c.seen
	return func() tea.Msg {
		sv.mu.Lock()
		defer sv.mu.Unlock()
		// Looked at before reading: a write in between only makes the
		// next poll read once more.
		now, err := os.Stat(store.Path)
		if err != nil {
			now = nil
		}
		if !fileChanged(seen, now) {
			return progressMsg{polled: true, seen: seen}
		}
		sv.seq++
		st, notice, err := store.Load()
		return progressMsg{seq: sv.seq, state: st, notice: notice, err: err, seen: now, polled: true}
	}
}

// fileChanged compares two looks at the progress file. Every write
// renames a new file into place, so a different file is a change even
// when the size and time happen to match.
func fileChanged(a, b os.FileInfo) bool {
	if a == nil || b == nil {
		return a != b
	}
	return !os.SameFile(a, b) || !a.ModTime().Equal(b.ModTime()) || a.Size() != b.Size()
}

// progressArrived takes a state read from or written to the progress file.
func (m *Model) progressArrived(pm progressMsg) tea.Cmd {
	c := m.c
	var cmds []tea.Cmd
	if pm.polled {
		c.seen = pm.seen
		cmds = append(cmds, c.pollLater())
	}
	if pm.err != nil {
		m.notice = c.printer.Error(pm.err)
	}
	if !pm.notice.IsZero() {
		// The file was damaged and set aside: say where, until the
		// learner dismisses it, and put back what this interface knows.
		m.sticky = c.printer.Text(pm.notice)
		mine := c.state.Clone()
		cmds = append(cmds, c.apply(func(s *progress.State) { s.Merge(mine) }))
	}
	if pm.state != nil && pm.seq > c.shown {
		c.show(pm.seq, pm.state)
		if m.active == m.home {
			m.home.refresh()
		}
	}
	return tea.Batch(cmds...)
}

// Update handles global keys and sizes once, then hands the message to the
// current screen.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = msg.Width, msg.Height
		m.help.Width = msg.Width
	case tea.KeyMsg:
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !m.typing() {
			return m, m.eachKey(msg)
		}
		if msg.String() != "" && m.notice != "" && !keyIs(msg, m.c.keys.ForceQuit) {
			m.notice = ""
		}
		switch {
		case keyIs(msg, m.c.keys.Dismiss) && m.sticky != "" && !m.typing():
			m.sticky = ""
			return m, nil
		case keyIs(msg, m.c.keys.ForceQuit):
			return m, m.quit()
		case keyIs(msg, m.c.keys.Help) && !m.typing():
			m.fullHelp = !m.fullHelp
			return m, nil
		case keyIs(msg, m.c.keys.Quit) && m.active == m.home && !m.typing():
			return m, m.quit()
		}
	case openLessonMsg:
		m.lesson = newLesson(m.c, msg.lesson)
		return m, tea.Batch(m.show(m.lesson), m.c.opened(msg.lesson.ID))
	case openCheckpointMsg:
		return m, m.show(newCheckpoint(m.c, msg.lesson))
	case openExerciseMsg:
		return m, tea.Batch(m.show(newExercise(m.c, msg.ex)), m.c.opened(msg.ex.ID))
	case openGlossaryMsg:
		return m, m.show(newGlossary(m.c, msg.from))
	case backMsg:
		m.back(msg.lesson)
		return m, nil
	case progressMsg:
		return m, m.progressArrived(msg)
	case pollMsg:
		return m, m.c.reload()
	}
	cmd := m.active.update(msg)
	if nav := m.c.nav; nav != nil {
		m.c.nav = nil
		_, next := m.Update(nav)
		return m, tea.Batch(cmd, next)
	}
	return m, cmd
}

// eachKey handles keys that arrived in one read (typed quickly, or sent
// by a script) one at a time, as if typed slowly; once a text field takes
// the keys, the rest is its text.
func (m *Model) eachKey(k tea.KeyMsg) tea.Cmd {
	var cmds []tea.Cmd
	for i, r := range k.Runes {
		one := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: k.Alt}
		if r == ' ' {
			one.Type = tea.KeySpace
		}
		if m.typing() {
			one.Runes = k.Runes[i:]
			one.Type = tea.KeyRunes
		}
		_, cmd := m.Update(one)
		cmds = append(cmds, cmd)
		if len(one.Runes) > 1 {
			break
		}
	}
	return tea.Sequence(cmds...)
}

func (m *Model) quit() tea.Cmd {
	m.leave()
	return tea.Quit
}

// show leaves the active screen for s and starts it.
func (m *Model) show(s screen) tea.Cmd {
	m.leave()
	m.active = s
	return s.init()
}

// leave stops what the active screen runs in the background.
func (m *Model) leave() {
	if s, ok := m.active.(stopper); ok {
		s.stop()
	}
}

// typing is true while a text field has the keys.
func (m *Model) typing() bool {
	t, ok := m.active.(typer)
	return ok && t.typing()
}

// back returns to the lesson with that ID when it is the one last read
// (kept as it was, scrolled where the learner left it), else home.
func (m *Model) back(lesson string) {
	m.leave()
	if lesson != "" && m.lesson != nil && m.lesson.l.ID == lesson {
		m.active = m.lesson
		return
	}
	m.active = m.home
	m.home.refresh()
}

// Below this size no screen is usable; a message says so instead.
const minWidth, minHeight = 30, 8

// View draws the current screen with the footer.
func (m *Model) View() string {
	c := m.c
	if c.width < minWidth || c.height < minHeight {
		say := c.printer.S("tui.too-small", msg.Args{"Width": c.width, "Height": c.height, "MinWidth": minWidth, "MinHeight": minHeight})
		return fit(wrap(say, max(c.width, 1)), c.height, c.width)
	}
	footer := m.footer()
	footerLines := strings.Count(footer, "\n") + 1
	c.bodyH = max(1, c.height-footerLines)
	return fit(m.active.view(), c.bodyH, c.width) + "\n" + footer
}

// footer is the key help under every screen, with any notice above it.
// Notices are wrapped, never cut: a path where a damaged file went, or an
// editor that could not start, is the point of the message.
func (m *Model) footer() string {
	c := m.c
	keys := m.active.helpKeys()
	if m.sticky != "" {
		keys.short = append([]key.Binding{c.keys.Dismiss}, keys.short...)
		keys.full = append([][]key.Binding{{c.keys.Dismiss}}, keys.full...)
	}
	var footer string
	if m.fullHelp {
		m.help.ShowAll = true
		m.help.Width = c.width
		footer = m.help.View(keys)
	} else {
		footer = m.shortHelp(keys.short)
	}
	if m.notice != "" {
		footer = c.styles.Warn.Render(wrap(m.notice, c.width)) + "\n" + footer
	}
	if m.sticky != "" {
		footer = c.styles.Warn.Render(wrap(m.sticky, c.width)) + "\n" + footer
	}
	return footer
}

// shortHelp is the one-line help. "?" is drawn last and always whole: when
// the line is too narrow the other keys give way to "…", since "?" lists
// them all. It is drawn here, in help's styles, because help.ShortHelpView
// keeps adding keys past its width once its "…" no longer fits.
func (m *Model) shortHelp(short []key.Binding) string {
	st := m.help.Styles
	item := func(b key.Binding) string {
		return st.ShortKey.Inline(true).Render(b.Help().Key) + " " + st.ShortDesc.Inline(true).Render(b.Help().Desc)
	}
	sep := st.ShortSeparator.Inline(true).Render(m.help.ShortSeparator)
	more := " " + st.Ellipsis.Inline(true).Render(m.help.Ellipsis)
	helpKey := m.c.keys.Help
	tail := item(helpKey)
	room := m.c.width - lipgloss.Width(tail)
	var head []string
	used := 0
	cut := false
	for _, b := range short {
		if !b.Enabled() || slices.Equal(b.Keys(), helpKey.Keys()) {
			continue
		}
		it := item(b)
		if used+lipgloss.Width(it)+lipgloss.Width(sep)+lipgloss.Width(more) > room {
			cut = true
			break
		}
		head = append(head, it)
		used += lipgloss.Width(it) + lipgloss.Width(sep)
	}
	line := strings.Join(append(head, tail), sep)
	if cut {
		line = strings.Join(head, sep) + more + sep + tail
		if len(head) == 0 {
			line = tail
		}
	}
	return line
}
