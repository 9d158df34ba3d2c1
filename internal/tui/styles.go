package tui

import "github.com/charmbracelet/lipgloss"

// Styles holds every style of the interface. Colours are adaptive so they
// read on dark and light backgrounds; with colour off every state is still
// shown by a symbol or a word, never by colour alone.
type Styles struct {
	Title, Subtle, Selected, Heading, Pass, Fail, Warn, Info, Status, Box, Key lipgloss.Style
}

// DefaultStyles builds the styles for a renderer; color=false gives the
// monochrome interface NO_COLOR asks for. known says the light/dark
// decision came from the terminal; when it did not, the styles use the
// terminal's own sixteen colours, which its theme keeps readable on its
// background, and text keeps the terminal's foreground.
func DefaultStyles(r *lipgloss.Renderer, color, known bool) Styles {
	s := Styles{
		Title:    r.NewStyle().Bold(true),
		Subtle:   r.NewStyle(),
		Selected: r.NewStyle().Bold(true),
		Heading:  r.NewStyle().Bold(true).Underline(true),
		Pass:     r.NewStyle(),
		Fail:     r.NewStyle().Bold(true),
		Warn:     r.NewStyle(),
		Info:     r.NewStyle(),
		Status:   r.NewStyle().Reverse(true),
		Box:      r.NewStyle().Border(lipgloss.NormalBorder()).Padding(0, 1),
		Key:      r.NewStyle().Bold(true),
	}
	if !color {
		return s
	}
	if !known {
		s.Title = s.Title.Foreground(lipgloss.Color("5"))
		s.Subtle = s.Subtle.Faint(true)
		s.Selected = s.Selected.Foreground(lipgloss.Color("4"))
		s.Pass = s.Pass.Foreground(lipgloss.Color("2"))
		s.Fail = s.Fail.Foreground(lipgloss.Color("1"))
		s.Warn = s.Warn.Foreground(lipgloss.Color("5")).Bold(true)
		s.Info = s.Info.Foreground(lipgloss.Color("4"))
		return s
	}
	s.Title = s.Title.Foreground(lipgloss.AdaptiveColor{Light: "#5A2CA0", Dark: "#C9A7FF"})
	s.Subtle = s.Subtle.Foreground(lipgloss.AdaptiveColor{Light: "#555555", Dark: "#9A9A9A"})
	s.Selected = s.Selected.Foreground(lipgloss.AdaptiveColor{Light: "#0B5FA5", Dark: "#7CC4FF"})
	s.Pass = s.Pass.Foreground(lipgloss.AdaptiveColor{Light: "#1B7F2A", Dark: "#6BD67A"})
	s.Fail = s.Fail.Foreground(lipgloss.AdaptiveColor{Light: "#B3261E", Dark: "#FF7B72"})
	s.Warn = s.Warn.Foreground(lipgloss.AdaptiveColor{Light: "#8A5A00", Dark: "#E3B341"})
	s.Info = s.Info.Foreground(lipgloss.AdaptiveColor{Light: "#0B5FA5", Dark: "#7CC4FF"})
	s.Status = r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#FFFFFF", Dark: "#000000"}).Background(lipgloss.AdaptiveColor{Light: "#5A2CA0", Dark: "#C9A7FF"})
	s.Box = s.Box.BorderForeground(lipgloss.AdaptiveColor{Light: "#666666", Dark: "#9A9A9A"})
	return s
}
