package config

import (
	"fmt"
	"strings"
)

// validateUnits checks the units: tree and sets Root: ids valid and unique,
// names given, exactly one root, known parents, no cycles.
func (c *Config) validateUnits() error {
	if len(c.Units) == 0 {
		return bad("units", "at least one unit (the root) is required")
	}
	seen := map[string]bool{}
	for i, u := range c.Units {
		key := fmt.Sprintf("units[%d]", i)
		if !validID(u.ID) {
			return bad(key+".id", "%q: ids are 1–32 characters of a-z 0-9 _ -", u.ID)
		}
		if seen[u.ID] {
			return bad(key+".id", "duplicate unit id %q", u.ID)
		}
		seen[u.ID] = true
		if strings.TrimSpace(u.Name) == "" {
			return bad(key+".name", "is required")
		}
		if u.Parent == "" {
			if c.Root != "" {
				return bad(key+".parent", "only one unit may be the root (no parent); %q already is", c.Root)
			}
			c.Root = u.ID
		}
	}
	for i, u := range c.Units {
		if u.Parent != "" && !seen[u.Parent] {
			return bad(fmt.Sprintf("units[%d].parent", i), "unknown unit %q", u.Parent)
		}
	}
	if c.Root == "" {
		return bad("units", "one unit must be the root (no parent)")
	}
	return c.checkNoCycles()
}

// checkNoCycles checks that every unit reaches the root.
func (c *Config) checkNoCycles() error {
	parent := map[string]string{}
	for _, u := range c.Units {
		parent[u.ID] = u.Parent
	}
	for _, u := range c.Units {
		x := u.ID
		for i := 0; x != c.Root; i++ {
			if i > len(c.Units) {
				return bad("units", "unit %q is in a parent cycle", u.ID)
			}
			x = parent[x]
		}
	}
	return nil
}

// hasUnit reports whether id is a configured unit.
func (c *Config) hasUnit(id string) bool {
	for _, u := range c.Units {
		if u.ID == id {
			return true
		}
	}
	return false
}

// validID reports whether s is a valid id (of a unit, questionnaire or
// talk round): 1–32 characters of a-z 0-9 _ -.
func validID(s string) bool {
	if len(s) == 0 || len(s) > 32 {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
