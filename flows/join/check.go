package join

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
	"sibu/flows/talk"
)

// Import is a roster file checked row by row for one importer: what to
// write, what was refused and why, and who is on the roster of the file's
// units but not in the file (listed, never deleted).
type Import struct {
	Rows                      int
	Changes                   []Change
	Added, Updated, Unchanged int
	Rejected                  []Rejected
	Missing                   []Entry
}

// Accepted is how many rows were accepted.
func (im Import) Accepted() int { return im.Added + im.Updated + im.Unchanged }

// Rejected is a row that was not accepted, as typed, with the reason.
type Rejected struct {
	RosterRow
	Reason string `json:"reason"`
}

// Entry is someone on the roster with their number and whether they
// joined: the people a file no longer lists (Import.Missing), the rows of
// a unit's roster table.
type Entry struct {
	Expected
	Phone  string `json:"phone"`
	Joined bool   `json:"joined,omitempty"`
}

// checked is one row on its way through Check.
type checked struct {
	row    RosterRow
	phone  string
	entry  Expected
	reason string
}

// Check validates rows for importer (an official; at the command line an
// official of the root): a name, a unit by name or id, a role by word or
// id (成员 when empty), a mainland mobile number no other row has, and a
// unit and role the importer may grant (the access policy's invite rule).
// A number already on the roster of a unit outside the importer's subtree
// is refused too. newRef makes the reference of a new entry. Reasons are
// in lang. It reads the roster through r and writes nothing.
func Check(env *kit.Env, importer kit.Person, lang string, rows []RosterRow, r Reader, newRef func() string) (Import, error) {
	im := Import{Rows: len(rows)}
	cs := make([]checked, len(rows))
	lines := map[string][]int{}
	ck := newChecker(env, importer, lang)
	for i, row := range rows {
		cs[i] = ck.row(row)
		if cs[i].phone != "" {
			lines[cs[i].phone] = append(lines[cs[i].phone], row.Line)
		}
	}
	phones := make([]string, 0, len(lines))
	for p, ls := range lines {
		phones = append(phones, p)
		if len(ls) > 1 {
			for i := range cs {
				if cs[i].phone == p && cs[i].reason == "" {
					cs[i].reason = catalog.T(lang, rjDuplicate, otherLines(ls, cs[i].row.Line))
				}
			}
		}
	}
	slices.Sort(phones)
	stored, err := r.Expected(phones)
	if err != nil {
		return im, fmt.Errorf("roster entries: %w", err)
	}
	units := map[string]bool{}
	for _, c := range cs {
		if c.reason == "" {
			if cur, ok := stored[c.phone]; ok && cur.Unit != c.entry.Unit && !env.Subtree(importer.Unit, cur.Unit) {
				c.reason = catalog.T(lang, rjElsewhere, env.UnitName(cur.Unit))
			}
		}
		if c.reason != "" {
			im.Rejected = append(im.Rejected, Rejected{RosterRow: c.row, Reason: c.reason})
			continue
		}
		units[c.entry.Unit] = true
		im.add(c, stored, newRef)
	}
	im.Missing, err = missing(env, units, lines, r)
	return im, err
}

// add counts an accepted row and adds its change, if it is one.
func (im *Import) add(c checked, stored map[string]Current, newRef func() string) {
	cur, ok := stored[c.phone]
	switch {
	case !ok:
		c.entry.Ref = newRef()
		im.Added++
		im.Changes = append(im.Changes, Change{Phone: c.phone, New: c.entry, Line: c.row.Line})
	case cur.same(c.entry):
		im.Unchanged++
	default:
		c.entry.Ref = cur.Ref
		old := cur.Expected
		im.Updated++
		im.Changes = append(im.Changes, Change{Phone: c.phone, New: c.entry, Line: c.row.Line, Old: &old, OldRaw: cur.Raw, Joined: cur.Joined})
	}
}

// checker reads the rows of one import: the units by name and id, and the
// access policy's decision per unit and role, each looked up once (a
// county's roster has tens of thousands of rows and a few hundred units).
type checker struct {
	env       *kit.Env
	importer  kit.Person
	lang      string
	units     map[string]string
	decisions map[string]access.Decision
}

func newChecker(env *kit.Env, importer kit.Person, lang string) *checker {
	ck := &checker{env: env, importer: importer, lang: lang, units: map[string]string{}, decisions: map[string]access.Decision{}}
	for _, u := range env.Units {
		ck.units[strings.ToLower(u.ID)] = u.ID
	}
	for _, u := range env.Units {
		ck.units[u.Name] = u.ID // a name wins over another unit's id
	}
	return ck
}

// decide is the policy's decision on importing a row of unit and role.
func (ck *checker) decide(unit string, role kit.Role) access.Decision {
	key := unit + "\x1f" + string(role)
	d, ok := ck.decisions[key]
	if !ok {
		d = access.Decide(ck.env, ck.importer, access.Invite, access.Object{Unit: unit, Role: role})
		ck.decisions[key] = d
	}
	return d
}

// row reads one row; reason is set when it cannot be accepted.
func (ck *checker) row(row RosterRow) checked {
	c := checked{row: row}
	t := func(key kit.Msg, args ...any) string { return catalog.T(ck.lang, key, args...) }
	name, nameOK := cleanName(row.Name)
	unit, unitOK := ck.units[strings.TrimSpace(row.Unit)]
	if !unitOK {
		unit, unitOK = ck.units[strings.ToLower(strings.TrimSpace(row.Unit))]
	}
	role, roleOK := kit.RoleMember, true
	if strings.TrimSpace(row.Role) != "" {
		role, roleOK = kit.ParseRole(row.Role)
	}
	phone, phoneOK := talk.NormalizePhone(row.Phone)
	phoneOK = phoneOK && strings.HasPrefix(phone, "+861") // only a mobile can be shared as a contact
	if phoneOK {
		c.phone = phone
	}
	switch {
	case strings.TrimSpace(row.Name) == "":
		c.reason = t(rjNoName)
	case !nameOK:
		c.reason = t(rjName, row.Name)
	case strings.TrimSpace(row.Unit) == "":
		c.reason = t(rjNoUnit)
	case !unitOK:
		c.reason = t(rjUnit, row.Unit)
	case !roleOK:
		c.reason = t(rjRole, row.Role)
	case strings.TrimSpace(row.Phone) == "":
		c.reason = t(rjNoPhone)
	case !phoneOK:
		c.reason = t(rjPhone, row.Phone)
	}
	if c.reason != "" {
		return c
	}
	if d := ck.decide(unit, role); !d.Allowed {
		c.reason = d.Text(ck.lang)
		return c
	}
	c.entry = Expected{Phone: phone, Name: name, Unit: unit, Role: role, Position: kit.Short(row.Position, 30)}
	return c
}

// unitByName reads a unit typed in full: its id (any case) or its exact
// name.
func unitByName(env *kit.Env, s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, u := range env.Units {
		if s != "" && (strings.EqualFold(u.ID, s) || u.Name == s) {
			return u.ID, true
		}
	}
	return "", false
}

// otherLines lists the rows of ls other than line, as "3、7".
func otherLines(ls []int, line int) string {
	var parts []string
	for _, l := range ls {
		if l != line {
			parts = append(parts, strconv.Itoa(l))
		}
	}
	return strings.Join(parts, "、")
}

// missing lists the people on the roster of units whose number is not in
// the file, in the units' configuration order, by name.
func missing(env *kit.Env, units map[string]bool, inFile map[string][]int, r Reader) ([]Entry, error) {
	var out []Entry
	for _, u := range env.Units {
		if !units[u.ID] {
			continue
		}
		entries, err := r.RosterOf(u.ID)
		if err != nil {
			return nil, fmt.Errorf("roster of %s: %w", u.ID, err)
		}
		var here []Entry
		for phone, cur := range entries {
			if _, ok := inFile[phone]; !ok {
				here = append(here, Entry{Expected: cur.Expected, Phone: phone, Joined: cur.Joined != 0})
			}
		}
		slices.SortFunc(here, func(a, b Entry) int { return strings.Compare(a.Name+a.Phone, b.Name+b.Phone) })
		out = append(out, here...)
	}
	return out, nil
}
