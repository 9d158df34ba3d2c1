package cmdmatch

import "fmt"

var terraformFlags = flagSpec{
	short: map[string]string{},
	takesValue: map[string]bool{
		"out": true, "var": true, "var-file": true, "target": true, "replace": true,
		"chdir": true, "backend-config": true, "lock-timeout": true, "parallelism": true,
		"state": true, "input": true, "lock": true, "refresh": true, "json": false,
	},
}

// terraformSubverbs are commands whose next word is part of the verb.
var terraformSubverbs = map[string]bool{"workspace": true, "state": true, "providers": true}

func parseTerraform(words []string) (Command, error) {
	pos, flags, err := parseArgs(words, terraformFlags, true)
	if err != nil {
		return Command{}, err
	}
	if len(pos) == 0 {
		return Command{}, fmt.Errorf("terraform needs a command such as init or plan")
	}
	cmd := Command{Program: "terraform", Verb: []string{pos[0]}, Flags: flags}
	pos = pos[1:]
	if terraformSubverbs[cmd.Verb[0]] && len(pos) > 0 {
		cmd.Verb = append(cmd.Verb, pos[0])
		pos = pos[1:]
	}
	cmd.Args = pos
	return cmd, nil
}
