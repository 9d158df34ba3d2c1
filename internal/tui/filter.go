package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// listFilter is the "/" text field of the course map and the glossary:
// while active it takes every key; the key map's FilterKeep keeps the text,
// FilterClear empties it.
type listFilter struct {
	active bool
	keys   KeyMap
	input  textinput.Model
}

func newListFilter(c *common) listFilter {
	ti := textinput.New()
	ti.Prompt = c.printer.S("tui.filter.prompt", nil)
	ti.KeyMap.DeleteCharacterBackward = c.keys.FilterErase
	return listFilter{keys: c.keys, input: ti}
}

// start gives the field the keys.
func (f *listFilter) start() tea.Cmd {
	f.active = true
	return f.input.Focus()
}

// update handles a message while the field is active; the caller re-applies
// the query afterwards.
func (f *listFilter) update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok {
		keep, drop := keyIs(k, f.keys.FilterKeep), keyIs(k, f.keys.FilterClear)
		if keep || drop {
			f.active = false
			f.input.Blur()
			if drop {
				f.input.SetValue("")
			}
			return nil
		}
	}
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	return cmd
}

// clear empties the field and reports whether it held anything.
func (f *listFilter) clear() bool {
	had := f.input.Value() != ""
	f.input.SetValue("")
	return had
}

// query is the text to match, lower-cased.
func (f *listFilter) query() string { return strings.ToLower(strings.TrimSpace(f.input.Value())) }

// view is the field's line, or "" when it is neither active nor holding text.
func (f *listFilter) view() string {
	if !f.active && f.input.Value() == "" {
		return ""
	}
	return f.input.View() + "\n"
}
