package cheatsheet

import (
	"path"
	"slices"
	"strings"
)

// invasive lists the commands that change the system they run on. A
// cheat-sheet must mark a code block that runs one with {invasive=true}, so
// the site shows it with a warning: learning to run such commands with care
// is part of what practice teaches.
//
// An entry is a command word, optionally followed by the subcommand words
// that make it invasive ("zfs destroy" but not "zfs list"). Subcommand words
// must appear one after the other among the command's arguments that are
// not options. A one-word entry makes every use of that command invasive.
//
// The list is deliberately short and sure: each entry restarts, stops,
// destroys, writes configuration, or fans a command out to every zone or
// node. Add to it when a cheat-sheet shows a command that belongs here.
var invasive = []string{
	// Processes and services.
	"kill", "pkill", "svcadm", // svcadm: enable, disable, restart, refresh, clear, mark
	// Whole machines and zones.
	"reboot", "halt", "poweroff", "shutdown",
	"zoneadm boot", "zoneadm halt", "zoneadm reboot", "zoneadm shutdown",
	"vmadm start", "vmadm stop", "vmadm reboot", "vmadm delete", "vmadm update", "vmadm create",
	// Files and datasets.
	"rm", "zfs destroy", "zfs rollback",
	// Fan-out: the same command on every zone or every compute node.
	"manta-oneach", "sdc-oneachnode",
	// Manta deployment and the database shards' replication topology.
	"manta-adm gc update", // v2; before "manta-adm update", which it also matches
	"manta-adm update", "manta-adm deploy", "manta-adm zk fixup",
	"manta-adm accel-gc enable", "manta-adm accel-gc disable", "manta-adm accel-gc update", // v1
	"manta-adm alarm close", "manta-adm alarm notify", "manta-adm alarm config update",
	// Moray's write tools (node-moray bin/): they change metadata on a shard.
	"putobject", "delobject", "delmany", "updatemany", "putbucket", "delbucket", "reindexobjects",
	"manatee-adm promote", "manatee-adm freeze", "manatee-adm unfreeze", "manatee-adm rebuild",
}

// wrappers run the command that follows them; the value is how many
// arguments (after their options) they take before that command.
var wrappers = map[string]int{
	"sudo": 0, "pfexec": 0, "env": 0, "time": 0, "nohup": 0, "exec": 0,
	"nice": 0, "ptime": 0, "truss": 0, "xargs": 0, "command": 0,
	"zlogin": 1, // zlogin ZONE COMMAND
	"{":      0, // a brace group: { cmd; }
}

// wrapperValueFlags are options of wrappers that take a separate value.
var wrapperValueFlags = map[string]bool{
	"-n": true, "-I": true, "-L": true, "-P": true, "-s": true, "-E": true, "-d": true,
	"-u": true, "-g": true, "-o": true, "-l": true,
}

// Invasive reports the first command in a line of shell that changes the
// system, as the entry of the invasive list it matched ("zfs destroy"), or
// "" when there is none. Commands are found as command words — after a pipe,
// ;, &&, ||, $( or a wrapper such as sudo or zlogin ZONE — so `grep rm` or
// `echo 'kill'` is not one.
func Invasive(line string) string {
	for _, words := range simpleCommands(line) {
		words = unwrap(words)
		if len(words) == 0 {
			continue
		}
		name := path.Base(words[0])
		var args []string
		for _, w := range words[1:] {
			if !strings.HasPrefix(w, "-") {
				args = append(args, w)
			}
		}
		for _, entry := range invasive {
			parts := strings.Fields(entry)
			if parts[0] == name && hasRun(args, parts[1:]) {
				return entry
			}
		}
	}
	return ""
}

// hasRun reports whether the subcommand words sub appear in args one after
// the other. They need not come first: an option's value may stand before
// them (zoneadm -z ZONE reboot).
func hasRun(args, sub []string) bool {
	if len(sub) == 0 {
		return true
	}
	for i := 0; i+len(sub) <= len(args); i++ {
		if slices.Equal(args[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// unwrap drops environment assignments and wrapper commands in front of the
// command that actually runs.
func unwrap(words []string) []string {
	for len(words) > 0 {
		w := words[0]
		if eq := strings.IndexByte(w, '='); eq > 0 && !strings.HasPrefix(w, "-") && isName(w[:eq]) {
			words = words[1:]
			continue
		}
		n, ok := wrappers[path.Base(w)]
		if !ok {
			return words
		}
		words = words[1:]
		for len(words) > 0 && strings.HasPrefix(words[0], "-") {
			if wrapperValueFlags[words[0]] && len(words) > 1 {
				words = words[1:]
			}
			words = words[1:]
		}
		for ; n > 0 && len(words) > 0; n-- {
			words = words[1:]
		}
	}
	return words
}

func isName(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// simpleCommands splits a line of shell into its simple commands, each a
// list of words with quotes removed. It knows quoting, escapes and the
// operators that start a new command; it is not a full shell parser and
// does not need to be: it only has to find command words.
func simpleCommands(line string) [][]string {
	var (
		cmds  [][]string
		words []string
		word  strings.Builder
		inW   bool
	)
	endWord := func() {
		if inW {
			words = append(words, word.String())
			word.Reset()
			inW = false
		}
	}
	endCmd := func() {
		endWord()
		if len(words) > 0 {
			cmds = append(cmds, words)
		}
		words = nil
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '\\' && i+1 < len(line):
			i++
			word.WriteByte(line[i])
			inW = true
		case c == '\'':
			end := strings.IndexByte(line[i+1:], '\'')
			if end < 0 {
				end = len(line) - i - 1
			}
			word.WriteString(line[i+1 : i+1+end])
			inW = true
			i += end + 1
		case c == '"':
			j := i + 1
			for j < len(line) && line[j] != '"' {
				if line[j] == '\\' && j+1 < len(line) {
					j++
				}
				word.WriteByte(line[j])
				j++
			}
			inW = true
			i = j
		case c == '#' && !inW:
			endCmd()
			return cmds
		case c == ' ' || c == '\t':
			endWord()
		case c == '|' || c == ';' || c == '&' || c == '(' || c == ')' || c == '`':
			endCmd()
		case c == '$' && i+1 < len(line) && line[i+1] == '(':
			endCmd()
			i++
		default:
			word.WriteByte(c)
			inW = true
		}
	}
	endCmd()
	return cmds
}
