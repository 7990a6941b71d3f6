package kit

import (
	"fmt"
	"strconv"
	"strings"
)

// Callback is parsed callback data of a prompt's button:
// "<seq>:<verb>" or "<seq>:<verb>:<arg>". Buttons valid whatever the session
// holds (entries, e.g. "sv:<survey>") start with a letter instead.
type Callback struct {
	Seq  int
	Verb string
	Arg  string
}

// Data builds the callback data of a prompt's button.
func Data(seq int, verb string, arg ...string) string {
	d := strconv.Itoa(seq) + ":" + verb
	if len(arg) > 0 {
		d += ":" + arg[0]
	}
	return d
}

// ParseCallback parses a prompt button's data; ok=false for anything else.
func ParseCallback(d string) (Callback, bool) {
	parts := strings.SplitN(d, ":", 3)
	if len(parts) < 2 {
		return Callback{}, false
	}
	seq, err := strconv.Atoi(parts[0])
	if err != nil || seq <= 0 {
		return Callback{}, false
	}
	c := Callback{Seq: seq, Verb: parts[1]}
	if len(parts) == 3 {
		c.Arg = parts[2]
	}
	return c, true
}

// Index reads Arg as an index below n.
func (c Callback) Index(n int) (int, bool) {
	i, err := strconv.Atoi(c.Arg)
	if err != nil || i < 0 || i >= n {
		return 0, false
	}
	return i, true
}

// String implements fmt.Stringer.
func (c Callback) String() string { return fmt.Sprintf("%d:%s:%s", c.Seq, c.Verb, c.Arg) }

// Entry splits entry data "<prefix>:<rest>"; ok=false for a prompt's
// button ("<seq>:…") or data without a prefix.
func Entry(data string) (prefix, rest string, ok bool) {
	prefix, rest, ok = strings.Cut(data, ":")
	if !ok || prefix == "" || prefix[0] >= '0' && prefix[0] <= '9' {
		return "", "", false
	}
	return prefix, rest, true
}
