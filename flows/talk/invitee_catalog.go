package talk

import (
	"maps"

	"sibu/flows/kit"
)

// Messages of the notices to the people being talked to (invitee.go) and
// of a member's own talks on /mytalks (invitee_mytalks.go).
const (
	mInviteAfter     kit.Msg = "talk_invite_after"
	mInviteBefore    kit.Msg = "talk_invite_before"
	mDayBeforeFace   kit.Msg = "talk_day_before_face"
	mDayBeforePhone  kit.Msg = "talk_day_before_phone"
	mSoonPhone       kit.Msg = "talk_soon_phone"
	mMineHeader      kit.Msg = "talk_mine_header"
	mMinePending     kit.Msg = "talk_mine_pending"
	mMineProposed    kit.Msg = "talk_mine_proposed"
	mMineFace        kit.Msg = "talk_mine_face"
	mMinePhone       kit.Msg = "talk_mine_phone"
	mMineMissed      kit.Msg = "talk_mine_missed"
	mMineLocked      kit.Msg = "talk_mine_locked"
	mMineChangeUntil kit.Msg = "talk_mine_change_until"
	mMineFaceUntil   kit.Msg = "talk_mine_face_until"
	mMineNone        kit.Msg = "talk_mine_none"
)

// inviteeZh are the Chinese texts of the messages above.
var inviteeZh = map[kit.Msg]string{
	mInviteAfter:     "📣 提醒：「%s」谈心谈话邀请您还没有回复。\n%s谈话人：%s\n请点下方按钮选择参加方式：",
	mInviteBefore:    "📣 提醒：「%s」谈心谈话将于 %s 开始，您还没有选择参加方式。\n%s谈话人：%s\n请点下方按钮选择：",
	mDayBeforeFace:   "⏰ 面谈提醒：「%s」\n时间：%s\n地点：%s\n谈话人：%s\n请准时参加。如无法参加，可改为电话约谈。",
	mDayBeforePhone:  "⏰ %s提醒：「%s」\n时间：%s\n谈话人：%s\n号码：%s\n届时谈话人会给您打电话，请保持电话畅通。如需改时间，请在开始前 %d 小时之前点下方按钮。",
	mSoonPhone:       "⏰ %s快开始了：%s\n谈话人 %s 会打您的电话 %s，请保持电话畅通。\n轮次：「%s」",
	mMineHeader:      "🗣 %s 的谈话",
	mMinePending:     "「%s」待谈：请选择面谈或电话约谈。\n%s谈话人：%s",
	mMineProposed:    "「%s」您提议的时间 %s，等谈话人 %s 确认。",
	mMineFace:        "「%s」已约面谈\n时间：%s\n地点：%s\n谈话人：%s",
	mMinePhone:       "「%s」已约%s\n时间：%s\n号码：%s\n谈话人：%s（届时会给您打电话）",
	mMineMissed:      "「%s」上次未接通，请约一次补谈。谈话人：%s",
	mMineLocked:      "距开始已不足 %d 小时，不能再更改；如有变动请直接联系谈话人。",
	mMineChangeUntil: "%s 前可以改时间或取消。",
	mMineFaceUntil:   "%s 前可以改为电话约谈或取消。",
	mMineNone:        "您目前没有待谈或已约的谈话。",
}

// inviteeEn are the English texts of the messages above.
var inviteeEn = map[kit.Msg]string{
	mInviteAfter:     "📣 Reminder: you have not answered the invitation to the talks \"%s\" yet.\n%sYour interviewer: %s\nPlease choose how you will take part:",
	mInviteBefore:    "📣 Reminder: the talks \"%s\" begin %s and you have not chosen how to take part yet.\n%sYour interviewer: %s\nPlease choose:",
	mDayBeforeFace:   "⏰ In-person talk reminder: \"%s\"\nTime: %s\nPlace: %s\nInterviewer: %s\nPlease be on time. If you cannot come, you can switch to a phone talk.",
	mDayBeforePhone:  "⏰ Reminder of your %s: \"%s\"\nTime: %s\nInterviewer: %s\nNumber: %s\nThe interviewer will call you then; please keep your phone at hand. To change the time, use the buttons below at least %d hours before.",
	mSoonPhone:       "⏰ Your %s begins soon: %s\nInterviewer %s will call you on %s; please keep your phone at hand.\nRound: \"%s\"",
	mMineHeader:      "🗣 Talks of %s",
	mMinePending:     "\"%s\" to do: please choose an in-person or a phone talk.\n%sInterviewer: %s",
	mMineProposed:    "\"%s\" you proposed %s; waiting for %s to confirm.",
	mMineFace:        "\"%s\" in-person talk booked\nTime: %s\nPlace: %s\nInterviewer: %s",
	mMinePhone:       "\"%s\" %s booked\nTime: %s\nNumber: %s\nInterviewer: %s (will call you)",
	mMineMissed:      "\"%s\" the last call did not get through; please book a make-up talk. Interviewer: %s",
	mMineLocked:      "Less than %d hours before it begins: it can no longer be changed; for changes please contact the interviewer.",
	mMineChangeUntil: "It can be changed or cancelled until %s.",
	mMineFaceUntil:   "Until %s it can be switched to a phone talk or cancelled.",
	mMineNone:        "You have no talk to arrange or booked.",
}

// withInvitee returns the messages of lang with the invitee ones added.
func withInvitee(base, more map[kit.Msg]string) map[kit.Msg]string {
	out := maps.Clone(base)
	maps.Copy(out, more)
	return out
}
