package playground

import (
	"context"
	"errors"
	"fmt"
	"time"

	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/storage"
	"sibu/tgemu"
)

// Person is someone the page can play.
type Person struct {
	ID    int64    `json:"id"`
	Name  string   `json:"name"`
	Title string   `json:"title"` // shown under the name in the switcher
	Unit  string   `json:"unit,omitempty"`
	Role  kit.Role `json:"role,omitempty"` // "" for the stranger, who has not joined
	Phone string   `json:"phone"`          // shared by the contact button
}

// Directory tells who someone is now: *storage.Store.
type Directory interface {
	Person(ctx context.Context, id int64) (kit.Person, bool, error)
}

// personNow returns p as the page shows them now: someone who joined since
// the page was seeded (the newcomer, by an invite link) or whose role or
// unit changed shows the store's role and unit instead of the demo title.
func (s *Server) personNow(ctx context.Context, p Person) personView {
	pv := personView{Person: p, RoleLabel: roleLabels[p.Role]}
	if s.opt.Directory == nil {
		return pv
	}
	now, known, err := s.opt.Directory.Person(ctx, p.ID)
	if err != nil || !known || now.Role == p.Role && now.Unit == p.Unit {
		return pv
	}
	pv.Role, pv.Unit, pv.RoleLabel = now.Role, now.Unit, roleLabels[now.Role]
	pv.Title = s.unitName(now.Unit) + " · " + pv.RoleLabel
	return pv
}

// unitName names a unit of Options.Units, or returns its id.
func (s *Server) unitName(id string) string {
	for _, u := range s.opt.Units {
		if u.ID == id {
			return u.Name
		}
	}
	return id
}

// Stranger reports whether the person starts without having joined.
func (p Person) Stranger() bool { return p.Role == "" }

// User returns the person as the emulator's user.
func (p Person) User() tgemu.User {
	return tgemu.User{ID: p.ID, FirstName: p.Name, LanguageCode: "zh-hans", Phone: p.Phone}
}

// DemoPeople are the ready-made people of the playground, in the units of
// config.example.yaml: an official of the root unit (an admin), a
// supervisor and members in 东城街道第一党支部 (dc-b1) and 北外镇党委
// (beiwai), and a newcomer who has not joined. The first is the official.
func DemoPeople() []Person {
	return []Person{
		{ID: 10001, Name: "李明", Title: "区委组织部 · 管理员", Unit: "root", Role: kit.RoleOfficial, Phone: "+8613800010001"},
		{ID: 10002, Name: "赵丽", Title: "东城一支部 · 支部书记", Unit: "dc-b1", Role: kit.RoleSupervisor, Phone: "+8613800010002"},
		{ID: 10003, Name: "张三", Title: "东城一支部 · 党员", Unit: "dc-b1", Role: kit.RoleMember, Phone: "+8613800010003"},
		{ID: 10004, Name: "王芳", Title: "东城一支部 · 党员", Unit: "dc-b1", Role: kit.RoleMember, Phone: "+8613800010004"},
		{ID: 10005, Name: "刘强", Title: "北外镇 · 党员", Unit: "beiwai", Role: kit.RoleMember, Phone: "+8613800010005"},
		{ID: 10006, Name: "陈静", Title: "北外镇 · 群众代表", Unit: "beiwai", Role: kit.RoleMember, Phone: "+8613800010006"},
		{ID: 10099, Name: "新访客", Title: "尚未加入 · 可用邀请链接加入", Phone: "+8613800010099"},
	}
}

// Seed makes the demo people members without the invite dance: one invite
// per person and its use, committed through the store as a join would be
// (records events included), plus their command menu. Then each person says
// /start to the bot in the emulator, as someone who opened the invite link
// has, so the bot may write to them. A person already in the store is left
// as is. The stranger only gets a chat.
func Seed(ctx context.Context, store *storage.Store, emu *tgemu.Server, people []Person, now time.Time) error {
	var by int64
	for _, p := range people {
		if p.Role == kit.RoleOfficial {
			by = p.ID
			break
		}
	}
	for _, p := range people {
		if p.Stranger() {
			emu.AddUser(p.User())
			continue
		}
		_, known, err := store.Person(ctx, p.ID)
		if err != nil {
			return fmt.Errorf("seed %s: %w", p.Name, err)
		}
		if !known {
			if err := joinPerson(ctx, store, p, by, now); err != nil {
				return fmt.Errorf("seed %s: %w", p.Name, err)
			}
		}
		emu.SendText(p.User(), "/start")
	}
	return nil
}

// joinPerson commits an invite for p, then its use, as /invite and /start <code>
// would. Two commits: an effect's condition is checked before any effect of
// its own commit is applied, so the join must see the invite stored.
func joinPerson(ctx context.Context, store *storage.Store, p Person, by int64, now time.Time) error {
	inv := kit.Invite{Code: fmt.Sprintf("playground%d", p.ID), Unit: p.Unit, Role: p.Role, By: by, ExpiresAt: now.Add(time.Hour)}
	_, err := store.Commit(ctx, storage.Commit{ChatID: by, NoSession: true, Now: now,
		Effects: []kit.Effect{join.InviteCreated{Invite: inv}}})
	if err != nil && !errors.Is(err, storage.ErrConflict) { // a conflict: the code exists from an earlier start
		return err
	}
	_, err = store.Commit(ctx, storage.Commit{ChatID: p.ID, NoSession: true, Now: now,
		Effects: []kit.Effect{join.MemberJoined{Person: kit.Person{ID: p.ID, Name: p.Name, Unit: p.Unit, Role: p.Role, JoinedAt: now}, Invite: inv.Code}},
		Outputs: []kit.Output{{Kind: kit.OutCommands, ChatID: p.ID, Role: p.Role, Lang: "zh"}},
	})
	return err
}
