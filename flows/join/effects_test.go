package join_test

import (
	"testing"
	"time"

	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/kit/kittest"
)

func TestEventMarshaling(t *testing.T) {
	at := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	kittest.AssertEvents(t, []kit.Effect{
		join.MemberJoined{Person: kit.Person{ID: 42, Name: "张三", Unit: "dc-b1", Role: kit.RoleMember, JoinedAt: at}, Invite: "c0de"},
		join.InviteCreated{Invite: kit.Invite{Code: "c0de", Unit: "dc-b1", Role: kit.RoleMember, By: 7, ExpiresAt: at.Add(7 * 24 * time.Hour)}},
	})
}
