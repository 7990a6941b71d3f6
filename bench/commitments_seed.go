package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows/commitment"
	"sibu/flows/kit"
	"sibu/storage"
)

const (
	// commitUsers is the first user id of the commitments scenario.
	commitUsers = 5_000_000
	// commitPerOwner and commitUnitSize shape the organisation: each owner
	// has 4 items (the seed's 2–5), each branch 50 owners and 1 secretary.
	commitPerOwner = 4
	commitUnitSize = 50
)

// commitmentOrg is what the commitments scenario stores: its items, their
// owners, and the branches they belong to under one root.
type commitmentOrg struct {
	items, due       int // items stored; of them, items with a reminder stage due now
	owners, branches int
	units            []kit.Unit
	// horizon is the largest reminder stage in days (the feature's
	// Settings.Horizon): the due items are due within it, the others later.
	horizon int
}

// newCommitmentOrg lays out the organisation for the run's sizes; the
// caller sets horizon from the feature.
func newCommitmentOrg(p params) commitmentOrg {
	o := commitmentOrg{}
	o.items, o.due = p.commitmentSizes()
	o.owners = (o.items + commitPerOwner - 1) / commitPerOwner
	o.branches = (o.owners + commitUnitSize - 1) / commitUnitSize
	o.units = []kit.Unit{{ID: "root", Name: "县委"}}
	for b := 0; b < o.branches; b++ {
		o.units = append(o.units, kit.Unit{ID: branchID(b), Name: fmt.Sprintf("第%d党支部", b+1), Parent: "root"})
	}
	return o
}

// dueIndex is the item index of the j-th due item: spread evenly over the
// items, so every owner of a due item is a different person.
func (o commitmentOrg) dueIndex(j int) int { return j * (o.items / o.due) }

// ownerOf is the owner of item: owners hold commitPerOwner items each.
func ownerOf(item int) int64 { return commitUsers + int64(item/commitPerOwner) }

// secretaryOf is the secretary (supervisor) of branch.
func secretaryOf(branch int) int64 { return commitUsers + 10_000_000 + int64(branch) }

// branchID is the unit id of branch b.
func branchID(b int) string { return "cb" + strconv.Itoa(b) }

// seedBatch is how many people or items one pipeline writes.
const seedBatch = 2000

// seedCommitments stores the organisation's active items, as declared,
// approved and published, in the key format of storage/commitment.go
// (without their history lists): item i belongs to owner i/4 of branch
// owner/50; the items dueIndex(0…due-1) are due today to horizon days
// ahead, the others from the day after to 365 days ahead. Each branch has a
// secretary (supervisor).
func (e *env) seedCommitments(ctx context.Context, prefix string, org commitmentOrg, today time.Time) error {
	k := storage.NewKeys(prefix)
	if err := e.seedCommitmentPeople(ctx, k, org); err != nil {
		return err
	}
	counts, err := e.seedCommitmentItems(ctx, k, org, today)
	if err != nil {
		return err
	}
	_, err = e.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for unit, c := range counts {
			p.HSet(ctx, k.CommitmentCounts(unit), string(commitment.StatusActive), c)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("seed commitment counts: %w", err)
	}
	return nil
}

// seedCommitmentPeople stores the owners as members of their branches and,
// after them, one secretary per branch as its supervisor.
func (e *env) seedCommitmentPeople(ctx context.Context, k storage.Keys, org commitmentOrg) error {
	joined := time.Now().UTC().Format(time.RFC3339)
	people := org.owners + org.branches
	for i := 0; i < people; i += seedBatch {
		_, err := e.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for j := i; j < min(i+seedBatch, people); j++ {
				id, unit, role := commitUsers+int64(j), branchID(j/commitUnitSize), kit.RoleMember
				if j >= org.owners { // the secretaries, after the owners
					id, unit, role = secretaryOf(j-org.owners), branchID(j-org.owners), kit.RoleSupervisor
				}
				p.HSet(ctx, k.Member(id), "name", "用户"+strconv.FormatInt(id, 10), "unit", unit, "role", string(role), "joined_at", joined)
				p.SAdd(ctx, k.UnitMembers(unit), id)
				if role == kit.RoleSupervisor || role == kit.RoleOfficial {
					p.SAdd(ctx, k.UnitLeads(unit), id)
				}
				p.SAdd(ctx, k.Members(), id)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("seed people: %w", err)
		}
	}
	return nil
}

// seedCommitmentItems stores the items with their owner, unit and due
// indexes, and returns how many items each unit has.
func (e *env) seedCommitmentItems(ctx context.Context, k storage.Keys, org commitmentOrg, today time.Time) (map[string]int, error) {
	isDue := make(map[int]int, org.due) // item index → days ahead
	for j := 0; j < org.due; j++ {
		isDue[org.dueIndex(j)] = j % (org.horizon + 1)
	}
	created := time.Now().Add(-30 * 24 * time.Hour)
	counts := map[string]int{}
	for i := 0; i < org.items; i += seedBatch {
		var dueMembers []redis.Z
		_, err := e.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for j := i; j < min(i+seedBatch, org.items); j++ {
				days, ok := isDue[j]
				if !ok {
					days = org.horizon + 1 + j%max(365-org.horizon, 1)
				}
				c := seedItem(j, today, days, created)
				d, err := json.Marshal(c)
				if err != nil {
					return err
				}
				at := float64(created.UnixMilli() + int64(j))
				p.HSet(ctx, k.CommitmentItem(c.ID), "rev", "4", "d", string(d))
				p.ZAdd(ctx, k.CommitmentOwner(c.Owner), redis.Z{Score: at, Member: c.ID})
				p.ZAdd(ctx, k.CommitmentUnit(c.Unit), redis.Z{Score: at, Member: c.ID})
				t, _ := time.Parse("2006-01-02", c.Deadline) // the due score: the day at 00:00 UTC
				dueMembers = append(dueMembers, redis.Z{Score: float64(t.Unix()), Member: c.ID})
				counts[c.Unit]++
			}
			p.ZAdd(ctx, k.CommitmentDue(), dueMembers...)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("seed commitments: %w", err)
		}
	}
	return counts, nil
}

// seedItem is item j, active, due days after today.
func seedItem(j int, today time.Time, days int, created time.Time) commitment.Item {
	owner := ownerOf(j)
	return commitment.Item{ID: fmt.Sprintf("bc%07d", j), Owner: owner, OwnerName: "用户" + strconv.FormatInt(owner, 10),
		Unit: branchID(j / commitPerOwner / commitUnitSize), DeclaredBy: owner, Period: today.Format("2006"),
		Content:  fmt.Sprintf("为辖区群众办实事 #%d：每月上门走访孤寡老人", j),
		Measures: "每月第一个周六上门，建立服务台帐", Source: "走访",
		Deadline: today.AddDate(0, 0, days).Format("2006-01-02"), Status: commitment.StatusActive,
		Created: created, Updated: created}
}
