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
		join.MemberJoined{Person: kit.Person{ID: 43, Name: "李四", Unit: "dc-b1", Role: kit.RoleSupervisor, JoinedAt: at}, Ref: "roster:r1"},
		join.RosterImported{ID: "imp1", File: "名单.xlsx", By: 7, Scope: "dc", At: at, Rows: 12, Added: 6, Updated: 2, Unchanged: 1,
			Rejected: []join.Rejected{{RosterRow: join.RosterRow{Line: 5, Name: "赵六", Phone: "13800138004"}, Reason: "no unit"}}},
		join.LinkCreated{Link: join.UnitLink{Code: "c0de", Unit: "dc-b1", By: 7, CreatedAt: at, ExpiresAt: at.Add(join.LinkTTL)}},
		join.LinkRevoked{Code: "c0de", Unit: "dc-b1", By: 7, At: at},
		join.RequestCreated{Request: join.Request{ID: "q1", User: 44, Name: "王小明", Unit: "dc-b1", Tail: "5678", At: at, Status: join.RequestPending}},
		join.RequestDecided{Request: join.Request{ID: "q1", User: 44, Name: "王小明", Unit: "dc-b1", Tail: "5678"}, Approved: true, By: 10, At: at},
		join.RequestDecided{Request: join.Request{ID: "q2", User: 45, Unit: "dc-b1"}, By: 10, At: at},
	})
}
