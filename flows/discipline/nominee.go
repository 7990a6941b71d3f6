package discipline

import (
	"time"

	"sibu/flows/kit"
)

// CheckKind is one of the 四个凡提必.
type CheckKind string

// The four checks before a nomination, in the seed's order.
const (
	CheckDossier  CheckKind = "dossier"  // 干部档案凡提必审 (organisation department)
	CheckMatters  CheckKind = "matters"  // 个人有关事项报告凡提必核 (organisation department)
	CheckOpinion  CheckKind = "opinion"  // 纪检监察机关意见凡提必听 (discipline inspection)
	CheckPetition CheckKind = "petition" // 线索具体的信访举报凡提必查 (discipline inspection)
)

// Checks lists the four checks in order.
var Checks = []CheckKind{CheckDossier, CheckMatters, CheckOpinion, CheckPetition}

// Office is the role whose office closes the check.
func (k CheckKind) Office() kit.Role {
	if k == CheckOpinion || k == CheckPetition {
		return kit.RoleInspector
	}
	return kit.RoleOfficial
}

// Verdict is how a check was closed.
type Verdict string

// Verdicts ("" while the check is open).
const (
	VerdictPass  Verdict = "pass"  // 通过
	VerdictIssue Verdict = "issue" // 有问题
)

// Check is one of a nominee's four checks.
type Check struct {
	Kind    CheckKind `json:"kind"`
	Verdict Verdict   `json:"verdict,omitempty"`
	Note    string    `json:"note,omitempty"`
	File    *kit.File `json:"file,omitempty"`
	By      int64     `json:"by,omitempty"`
	ByName  string    `json:"by_name,omitempty"`
	At      time.Time `json:"at,omitzero"`
	// Tipoffs are the tip-offs linked to the 凡提必查 check.
	Tipoffs []string `json:"tipoffs,omitempty"`
}

// Nominee is a 候选人 or 拟提名人选, added by an official, who need not
// have joined the bot, with the four checks they must pass before they
// are marked 可提名.
type Nominee struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Unit      string    `json:"unit"`
	Post      string    `json:"post,omitempty"` // 拟任职务
	By        int64     `json:"by"`
	ByName    string    `json:"by_name"`
	Added     time.Time `json:"added"`
	Checks    []Check   `json:"checks"`
	Cleared   bool      `json:"cleared,omitempty"` // 可提名
	ClearedBy int64     `json:"cleared_by,omitempty"`
	ClearedAt time.Time `json:"cleared_at,omitzero"`
	// Rev is the stored revision (storage sets it; not in the JSON).
	Rev int64 `json:"-"`
}

// Check returns the nominee's check of kind k.
func (n Nominee) Check(k CheckKind) Check {
	for _, c := range n.Checks {
		if c.Kind == k {
			return c
		}
	}
	return Check{Kind: k}
}

// withCheck returns n with its check of kind c.Kind replaced by c.
func (n Nominee) withCheck(c Check) Nominee {
	out := make([]Check, 0, len(Checks))
	for _, k := range Checks {
		if k == c.Kind {
			out = append(out, c)
		} else {
			out = append(out, n.Check(k))
		}
	}
	n.Checks = out
	return n
}

// Passed reports whether all four checks passed.
func (n Nominee) Passed() bool {
	for _, k := range Checks {
		if n.Check(k).Verdict != VerdictPass {
			return false
		}
	}
	return true
}

// Blocked returns the checks closed with 有问题.
func (n Nominee) Blocked() []Check {
	var out []Check
	for _, k := range Checks {
		if c := n.Check(k); c.Verdict == VerdictIssue {
			out = append(out, c)
		}
	}
	return out
}
