package tui

import "github.com/charmbracelet/bubbles/key"

// KeyMap is every key the interface understands, in one place; the help
// footer is drawn from it, and screens enable only the bindings that apply.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Open, Back, Quit, ForceQuit, Help       key.Binding
	Filter                                  key.Binding
	Checkpoint, Exercises, Glossary         key.Binding
	Toggle, MoveUp, MoveDown                key.Binding
	Check, Edit, Hint, Solution, Reset      key.Binding
	Yes, No                                 key.Binding
}

// DefaultKeyMap returns the bindings in the learner's language.
func DefaultKeyMap(lang string) KeyMap {
	t := labelsFor(lang)
	return KeyMap{
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", t.up)),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", t.down)),
		PageUp:     key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", t.pageUp)),
		PageDown:   key.NewBinding(key.WithKeys("pgdown", " ", "f"), key.WithHelp("pgdn/space", t.pageDown)),
		Top:        key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", t.top)),
		Bottom:     key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", t.bottom)),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", t.open)),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", t.back)),
		Quit:       key.NewBinding(key.WithKeys("q"), key.WithHelp("q", t.quit)),
		ForceQuit:  key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", t.quit)),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", t.help)),
		Filter:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", t.filter)),
		Checkpoint: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", t.checkpoint)),
		Exercises:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", t.exercises)),
		Glossary:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", t.glossary)),
		Toggle:     key.NewBinding(key.WithKeys(" ", "x"), key.WithHelp("space", t.toggle)),
		MoveUp:     key.NewBinding(key.WithKeys("K", "shift+up"), key.WithHelp("K", t.moveUp)),
		MoveDown:   key.NewBinding(key.WithKeys("J", "shift+down"), key.WithHelp("J", t.moveDown)),
		Check:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", t.check)),
		Edit:       key.NewBinding(key.WithKeys("e"), key.WithHelp("e", t.edit)),
		Hint:       key.NewBinding(key.WithKeys("h"), key.WithHelp("h", t.hint)),
		Solution:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", t.solution)),
		Reset:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", t.reset)),
		Yes:        key.NewBinding(key.WithKeys("y", "s"), key.WithHelp("y", t.yes)),
		No:         key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", t.no)),
	}
}

// helpKeys adapts a list of bindings to bubbles/help.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }
