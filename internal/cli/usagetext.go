package cli

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/iactutor/iactutor/internal/msg"
)

// usagePattern maps the shape of one English usage error from cobra, pflag
// or a package this one calls to the catalog message that says the same;
// the named submatches are the message's arguments.
type usagePattern struct {
	re  *regexp.Regexp
	key string
}

// usagePatterns cover every error cobra and pflag give for a mistyped
// command line. Cobra's "Did you mean this?" block is kept after the first
// line. They are compiled on the first usage error, not at every start.
var usagePatterns = sync.OnceValue(func() []usagePattern {
	src := []usagePattern{
		{key: "cli.usage.unknown-command", re: regexp.MustCompile(`^unknown command (?P<Command>".*") for (?P<Parent>".*")$`)},
		{key: "cli.usage.unknown-flag", re: regexp.MustCompile(`^unknown flag: (?P<Flag>.*)$`)},
		{key: "cli.usage.unknown-shorthand", re: regexp.MustCompile(`^unknown shorthand flag: '(?P<Flag>.*)' in (?P<Arg>.*)$`)},
		{key: "cli.usage.flag-needs-value-in", re: regexp.MustCompile(`^flag needs an argument: '(?P<Flag>.*)' in (?P<Arg>.*)$`)},
		{key: "cli.usage.flag-needs-value", re: regexp.MustCompile(`^flag needs an argument: (?P<Flag>.*)$`)},
		{key: "cli.usage.invalid-flag-value", re: regexp.MustCompile(`^invalid argument (?P<Value>".*") for "(?P<Flag>[^"]*)" flag: (?P<Reason>.*)$`)},
		{key: "cli.usage.invalid-arg", re: regexp.MustCompile(`^invalid argument (?P<Arg>".*") for (?P<Command>".*")$`)},
		{key: "cli.usage.min-args", re: regexp.MustCompile(`^requires at least (?P<Min>\d+) arg\(s\), only received (?P<Got>\d+)$`)},
		{key: "cli.usage.max-args", re: regexp.MustCompile(`^accepts at most (?P<Max>\d+) arg\(s\), received (?P<Got>\d+)$`)},
		{key: "cli.usage.exact-args", re: regexp.MustCompile(`^accepts (?P<N>\d+) arg\(s\), received (?P<Got>\d+)$`)},
		{key: "cli.usage.range-args", re: regexp.MustCompile(`^accepts between (?P<Min>\d+) and (?P<Max>\d+) arg\(s\), received (?P<Got>\d+)$`)},
		{key: "cli.usage.required-flags", re: regexp.MustCompile(`^required flag\(s\) (?P<Flags>.*) not set$`)},
		{key: "cli.usage.bad-flag-syntax", re: regexp.MustCompile(`^bad flag syntax: (?P<Flag>.*)$`)},
	}
	return src
})

// localizeUsage gives a usage error in the reader's language. Cobra and
// pflag word theirs in English only; one no pattern knows is returned
// unchanged.
func localizeUsage(p *msg.Printer, s string) string {
	first, rest, _ := strings.Cut(s, "\n")
	for _, u := range usagePatterns() {
		m := u.re.FindStringSubmatch(first)
		if m == nil {
			continue
		}
		args := msg.Args{}
		for i, name := range u.re.SubexpNames() {
			if name != "" {
				args[name] = m[i]
			}
		}
		out := p.Text(msg.New(u.key, args))
		if rest != "" {
			out += "\n" + strings.Replace(rest, "Did you mean this?", p.S("cli.usage.did-you-mean", nil), 1)
		}
		return out
	}
	return s
}

// localizeCobra puts what cobra adds to the tree itself (the help command,
// the completion commands, the --help flags and the usage layout) into the
// reader's language. It runs once the tree is complete and its output set,
// before Execute would add English ones.
func (a *app) localizeCobra(root *cobra.Command) {
	p := a.p()
	root.SetUsageFunc(func(c *cobra.Command) error { return writeUsage(c.OutOrStderr(), c, p) })
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	prog := root.Name()
	shells := map[string]string{
		"bash":       "cli.completion.bash",
		"zsh":        "cli.completion.zsh",
		"fish":       "cli.completion.fish",
		"powershell": "cli.completion.powershell",
	}
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Use = "help " + p.S("cli.help.command-arg", nil)
			c.Short = p.S("cli.help.help-short", nil)
			c.Long = p.S("cli.help.help-long", msg.Args{"Program": prog})
		case "completion":
			c.Short = p.S("cli.completion.short", nil)
			c.Long = p.S("cli.completion.long", msg.Args{"Program": prog})
			for _, sh := range c.Commands() {
				if key, ok := shells[sh.Name()]; ok {
					sh.Short = p.S("cli.completion.shell-short", msg.Args{"Shell": sh.Name()})
					sh.Long = p.Text(msg.New(key, msg.Args{"Program": prog}))
				}
				if f := sh.Flags().Lookup("no-descriptions"); f != nil {
					f.Usage = p.S("cli.completion.no-descriptions", nil)
				}
			}
		}
	}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		if f := c.Flags().Lookup("help"); f != nil {
			f.Usage = p.S("cli.help.flag", msg.Args{"Command": c.DisplayName()})
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// flagDefault is pflag's note of a flag's default value at the end of its
// line: a quoted string, a list, a number or duration, or true.
var flagDefault = regexp.MustCompile(`(?m) \(default ("[^"\n]*"|\[[^\]\n]*\]|[0-9][^\s)]*|true)\)$`)

// flagUsages is pflag's table of flags with its default notes reworded.
func flagUsages(usages string, p *msg.Printer) string {
	usages = flagDefault.ReplaceAllStringFunc(usages, func(s string) string {
		v := flagDefault.FindStringSubmatch(s)[1]
		return " " + p.S("cli.help.default", msg.Args{"Value": v})
	})
	return strings.TrimRightFunc(usages, unicode.IsSpace)
}

// writeUsage lays out a command's usage as cobra does, with the headings in
// the reader's language.
func writeUsage(w io.Writer, c *cobra.Command, p *msg.Printer) error {
	var b strings.Builder
	b.WriteString(p.S("cli.help.usage", nil))
	if c.Runnable() {
		line := c.UseLine()
		if l, ok := strings.CutSuffix(line, " [flags]"); ok {
			line = l + " " + p.S("cli.help.flags-arg", nil)
		}
		fmt.Fprintf(&b, "\n  %s", line)
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "\n  %s %s", c.CommandPath(), p.S("cli.help.command-arg", nil))
	}
	if len(c.Aliases) > 0 {
		fmt.Fprintf(&b, "\n\n%s\n  %s", p.S("cli.help.aliases", nil), c.NameAndAliases())
	}
	if c.HasExample() {
		fmt.Fprintf(&b, "\n\n%s\n%s", p.S("cli.help.examples", nil), c.Example)
	}
	if c.HasAvailableSubCommands() {
		cmds := c.Commands()
		listed := func(sub *cobra.Command) bool { return sub.IsAvailableCommand() || sub.Name() == "help" }
		line := func(sub *cobra.Command) {
			fmt.Fprintf(&b, "\n  %-*s %s", sub.NamePadding(), sub.Name(), sub.Short)
		}
		if len(c.Groups()) == 0 {
			fmt.Fprintf(&b, "\n\n%s", p.S("cli.help.commands", nil))
			for _, sub := range cmds {
				if listed(sub) {
					line(sub)
				}
			}
		} else {
			for _, g := range c.Groups() {
				fmt.Fprintf(&b, "\n\n%s", g.Title)
				for _, sub := range cmds {
					if sub.GroupID == g.ID && listed(sub) {
						line(sub)
					}
				}
			}
			if !c.AllChildCommandsHaveGroup() {
				fmt.Fprintf(&b, "\n\n%s", p.S("cli.help.more-commands", nil))
				for _, sub := range cmds {
					if sub.GroupID == "" && listed(sub) {
						line(sub)
					}
				}
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		fmt.Fprintf(&b, "\n\n%s\n%s", p.S("cli.help.flags", nil), flagUsages(c.LocalFlags().FlagUsages(), p))
	}
	if c.HasAvailableInheritedFlags() {
		fmt.Fprintf(&b, "\n\n%s\n%s", p.S("cli.help.global-flags", nil), flagUsages(c.InheritedFlags().FlagUsages(), p))
	}
	if c.HasHelpSubCommands() {
		fmt.Fprintf(&b, "\n\n%s", p.S("cli.help.topics", nil))
		for _, sub := range c.Commands() {
			if sub.IsAdditionalHelpTopicCommand() {
				fmt.Fprintf(&b, "\n  %-*s %s", sub.CommandPathPadding(), sub.CommandPath(), sub.Short)
			}
		}
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "\n\n%s", p.S("cli.help.more", msg.Args{"Command": c.CommandPath()}))
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}
