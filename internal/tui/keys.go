package tui

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/iactutor/iactutor/internal/msg"
)

// KeyMap is every key the interface understands, in one place; the help
// footer is drawn from it, and screens enable only the bindings that apply.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Left, Right, Sideways                   key.Binding
	// Back is q or esc on every screen but the map, where q quits (Quit)
	// and esc clears the filter (ClearFilter). Where a text field has the
	// keys, only Escape (esc) goes back, so q can be typed.
	Open, Back, Escape, Quit, ForceQuit, Help key.Binding
	ClearFilter                               key.Binding
	// Next opens the next exercise once this one passes; Choose opens the
	// file picked on the edit key's list by its number.
	Next, Choose                       key.Binding
	Filter                             key.Binding
	Checkpoint, Exercises, Glossary    key.Binding
	Toggle, MoveUp, MoveDown           key.Binding
	Check, Edit, Hint, Solution, Reset key.Binding
	Yes, No                            key.Binding
	// Retake clears a checkpoint's answers (after asking); Dismiss puts
	// away a notice that stays until read.
	Retake, Dismiss key.Binding
	// While the "/" field has the keys: FilterKeep closes it keeping the
	// text, FilterClear closes it empty, FilterErase deletes backwards.
	// Every other key is text, so none of them has a help line.
	FilterKeep, FilterClear, FilterErase key.Binding
	// OpenLesson, Answer and Continue are enter under the name it has on
	// the glossary and checkpoint screens.
	OpenLesson, Answer, Continue key.Binding
}

// DefaultKeyMap takes the printer because only the help words change with
// the language: the keys are the same for every learner.
func DefaultKeyMap(p *msg.Printer) KeyMap {
	h := func(k string) string { return p.S("tui.key."+k, nil) }
	return KeyMap{
		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", h("up"))),
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", h("down"))),
		PageUp:      key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", h("page-up"))),
		PageDown:    key.NewBinding(key.WithKeys("pgdown", " ", "f"), key.WithHelp("pgdn/space", h("page-down"))),
		Top:         key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", h("top"))),
		Bottom:      key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", h("bottom"))),
		Open:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", h("open"))),
		Left:        key.NewBinding(key.WithKeys("left")),
		Right:       key.NewBinding(key.WithKeys("right")),
		Sideways:    key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", h("sideways"))),
		Back:        key.NewBinding(key.WithKeys("q", "esc"), key.WithHelp("q/esc", h("back"))),
		Escape:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", h("back"))),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", h("clear-filter"))),
		Next:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n", h("next"))),
		Choose:      key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", h("choose"))),
		Quit:        key.NewBinding(key.WithKeys("q"), key.WithHelp("q", h("quit"))),
		ForceQuit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", h("quit"))),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", h("help"))),
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", h("filter"))),
		Checkpoint:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", h("checkpoint"))),
		Exercises:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", h("exercises"))),
		Glossary:    key.NewBinding(key.WithKeys("t"), key.WithHelp("t", h("glossary"))),
		Toggle:      key.NewBinding(key.WithKeys(" ", "x"), key.WithHelp("space", h("toggle"))),
		MoveUp:      key.NewBinding(key.WithKeys("K", "shift+up"), key.WithHelp("K", h("move-up"))),
		MoveDown:    key.NewBinding(key.WithKeys("J", "shift+down"), key.WithHelp("J", h("move-down"))),
		Check:       key.NewBinding(key.WithKeys("c"), key.WithHelp("c", h("check"))),
		Edit:        key.NewBinding(key.WithKeys("e"), key.WithHelp("e", h("edit"))),
		Hint:        key.NewBinding(key.WithKeys("h"), key.WithHelp("h", h("hint"))),
		Solution:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", h("solution"))),
		Reset:       key.NewBinding(key.WithKeys("r"), key.WithHelp("r", h("reset"))),
		Yes:         key.NewBinding(key.WithKeys("y", "s"), key.WithHelp("y", h("yes"))),
		No:          key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", h("no"))),
		Retake:      key.NewBinding(key.WithKeys("r", "ctrl+r"), key.WithHelp("r", h("retake"))),
		Dismiss:     key.NewBinding(key.WithKeys("d"), key.WithHelp("d", h("dismiss"))),
		FilterKeep:  key.NewBinding(key.WithKeys("enter")),
		FilterClear: key.NewBinding(key.WithKeys("esc")),
		FilterErase: key.NewBinding(key.WithKeys("backspace", "ctrl+h")),
		OpenLesson:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", h("open-lesson"))),
		Answer:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", h("answer"))),
		Continue:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", h("continue"))),
	}
}

// helpKeys adapts a list of bindings to bubbles/help.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }
