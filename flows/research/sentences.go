package research

import (
	"fmt"
	"strings"

	"sibu/flows/kit"
)

// The four steps written as the seed reports them ("全区共召开情况汇报现场会
// 10次，群众参与500余人次"), from computed figures, in Chinese: the
// dashboard and the 调研报告 share them.

// ListenSentence is 听's figures: meetings and people taking part.
func ListenSentence(r Row) string {
	return fmt.Sprintf("召开情况汇报会、座谈会等 %d 次，群众参与 %d 人次", r.Meetings, r.MeetingPeople)
}

// AskSentence is 问's figures: questionnaires issued and returned, with the
// 满意率 over those who answered its question.
func AskSentence(r Row) string {
	if r.Issued == 0 {
		return "未发放调查问卷"
	}
	s := fmt.Sprintf("发放调查问卷 %d 份，回收 %d 份（回收率 %s）", r.Issued, r.Submitted, kit.Percent(r.Submitted, r.Issued))
	if r.SatisfiedAnswered > 0 {
		s += fmt.Sprintf("，反馈满意卷 %d 份，满意率 %s（满意 %d / 作答该题 %d）", r.Satisfied,
			kit.Percent(r.Satisfied, r.SatisfiedAnswered), r.Satisfied, r.SatisfiedAnswered)
	}
	if r.Withheld {
		s += "（匿名问卷答卷不足规定人数的单位不单列）"
	}
	return s
}

// VisitSentence is 访's figures: visits to places and people met.
func VisitSentence(r Row, places []string) string {
	where := "群众家中"
	if n := len(places); n > 1 {
		where = strings.Join(places[:n-1], "、") + "和" + places[n-1]
	} else if n == 1 {
		where = places[0]
	}
	return fmt.Sprintf("深入%s走访 %d 次，面对面交谈 %d 人次", where, r.Visits, r.VisitPeople)
}

// TalkSentence is 谈's figures: people talked with, coverage, and how the
// last were reached; target is the coverage aimed at, in percent.
func TalkSentence(r Row, target int64) string {
	if r.Roster == 0 {
		return "未安排谈心谈话"
	}
	s := fmt.Sprintf("交心谈话 %d 人，覆盖率 %s（已谈 %d / 应谈 %d", r.Done, kit.Percent(r.Done, r.Due()), r.Done, r.Due())
	if r.Excused > 0 {
		s += fmt.Sprintf("，免谈 %d 人不计入", r.Excused)
	}
	s += "）"
	if r.Phone+r.Makeup > 0 {
		s += fmt.Sprintf("，其中通过“电话约谈”%d 人、“会后补谈”%d 人", r.Phone, r.Makeup)
	}
	if r.Due() > 0 && r.Done*100 >= r.Due()*target {
		if target >= 100 {
			s += "，实现了谈话对象“全覆盖”"
		} else {
			s += fmt.Sprintf("，达到 %d%% 的目标", target)
		}
	}
	return s
}

// Overview is the four steps in one paragraph, as 一、基本情况 opens.
func (f *Feature) Overview(fig Figures, scopeName string) string {
	t := fig.Total
	places := f.Settings.WithDefaults().Places
	return fmt.Sprintf("%s通过“听、问、访、谈”四步法开展调研：%s；%s；%s；%s。", scopeName, ListenSentence(t), AskSentence(t),
		VisitSentence(t, places), TalkSentence(t, fig.Campaign.Targets.coverage()))
}
