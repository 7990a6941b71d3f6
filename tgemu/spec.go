package tgemu

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// specJSON is the Bot API specification (methods, types, fields and their
// descriptions) that every call is checked against.
//
//go:embed botapi-spec.json
var specJSON []byte

// sharedSpec parses the embedded spec once per process. The parsed spec is
// never modified afterwards, so servers share it; parsing 900 KB of JSON for
// every Server would dominate test time.
var sharedSpec = sync.OnceValues(loadSpec)

// specField is one parameter of a method or one field of an object type.
type specField struct {
	Name        string   `json:"name"`
	Types       []string `json:"types"`
	Required    bool     `json:"required"`
	Description string   `json:"description"`

	// Derived from Description by compile.
	minLen, maxLen int  // inclusive length range, when documented
	bytes          bool // the range counts bytes rather than characters
	afterEntities  bool // the range applies after entity parsing (checked by the method)
	hasRange       bool
}

// specMethod is one Bot API method: its parameters and return types.
type specMethod struct {
	Name    string      `json:"name"`
	Fields  []specField `json:"fields"`
	Returns []string    `json:"returns"`
}

// specType is one Bot API object type: its fields, or the subtypes of a
// union.
type specType struct {
	Name      string      `json:"name"`
	Fields    []specField `json:"fields"`
	Subtypes  []string    `json:"subtypes"`
	SubtypeOf []string    `json:"subtype_of"`

	// discriminator names the field that selects a subtype ("type", "status",
	// "source"), and bySubtype maps its documented value to the subtype name.
	discriminator string
	bySubtype     map[string]string
}

// spec is the parsed Bot API specification that every call is checked against.
type spec struct {
	Version string                 `json:"version"`
	Methods map[string]*specMethod `json:"methods"`
	Types   map[string]*specType   `json:"types"`

	lower map[string]string // lowercased method name -> canonical name
}

// Patterns read from descriptions: a documented length range, and the
// value a discriminator field must have.
var (
	rangeRe  = regexp.MustCompile(`(\d+)-(\d+) (characters|bytes)`)
	mustBeRe = regexp.MustCompile(`(?:must be|always) [“"]?([a-z_]+)[”"]?`)
)

// loadSpec parses the embedded botapi-spec.json.
func loadSpec() (*spec, error) {
	var sp spec
	if err := json.Unmarshal(specJSON, &sp); err != nil {
		return nil, fmt.Errorf("parse botapi-spec.json: %w", err)
	}
	sp.lower = make(map[string]string, len(sp.Methods))
	for name, m := range sp.Methods {
		sp.lower[strings.ToLower(name)] = name
		compileFields(m.Fields)
	}
	for _, t := range sp.Types {
		compileFields(t.Fields)
	}
	for _, t := range sp.Types {
		if len(t.Subtypes) == 0 {
			continue
		}
		t.bySubtype = map[string]string{}
		for _, sub := range t.Subtypes {
			st := sp.Types[sub]
			if st == nil || len(st.Fields) == 0 {
				continue
			}
			f := st.Fields[0]
			if m := mustBeRe.FindStringSubmatch(f.Description); m != nil {
				t.discriminator = f.Name
				t.bySubtype[m[1]] = sub
			}
		}
	}
	return &sp, nil
}

// compileFields derives each String field's length range from its
// description.
func compileFields(fields []specField) {
	for i := range fields {
		f := &fields[i]
		if !hasType(f.Types, "String") {
			continue
		}
		m := rangeRe.FindStringSubmatch(f.Description)
		if m == nil {
			continue
		}
		f.minLen, _ = strconv.Atoi(m[1])
		f.maxLen, _ = strconv.Atoi(m[2])
		f.bytes = m[3] == "bytes"
		f.afterEntities = strings.Contains(f.Description, "after entit")
		f.hasRange = true
	}
}

// hasType reports whether want is one of types.
func hasType(types []string, want string) bool {
	for _, t := range types {
		if t == want {
			return true
		}
	}
	return false
}

// canonical returns the spec's spelling of a method name; Telegram matches
// method names case-insensitively.
func (sp *spec) canonical(method string) (string, bool) {
	name, ok := sp.lower[strings.ToLower(method)]
	return name, ok
}
