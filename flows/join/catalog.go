package join

import "sibu/flows/kit"

// Messages of joining and inviting.
const (
	mStartMember   kit.Msg = "start_member"
	mInviteBadCode kit.Msg = "invite_bad_code"
	mInviteUsed    kit.Msg = "invite_used"
	mInviteExpired kit.Msg = "invite_expired"
	mInviteWelcome kit.Msg = "invite_welcome"
	mAlreadyMember kit.Msg = "already_member"
	mAskNameAgain  kit.Msg = "ask_name_again"
	mBadName       kit.Msg = "bad_name"
	mConfirmName   kit.Msg = "confirm_name"
	mBtnRetype     kit.Msg = "btn_retype"
	mJoined        kit.Msg = "joined"
	mJoinedShort   kit.Msg = "joined_short"
	mInviteUsage   kit.Msg = "invite_usage"
	mInviteBadRole kit.Msg = "invite_bad_role"
	mInviteCreated kit.Msg = "invite_created"
)

// catalog holds the messages above in Chinese and English.
var catalog = kit.Catalog{
	"zh": {
		mStartMember:   "%s，您好！您已加入「%s」。发送 /help 查看可用命令。",
		mInviteBadCode: "邀请码无效，请核对链接或向发出邀请的同志重新索取。",
		mInviteUsed:    "该邀请码已被使用，请向发出邀请的同志重新索取。",
		mInviteExpired: "该邀请码已过期，请向发出邀请的同志重新索取。",
		mInviteWelcome: "欢迎加入「%s」（身份：%s）。\n请发送您的真实姓名，用于台帐记录。",
		mAlreadyMember: "您已是「%s」的成员，无需重复加入。",
		mAskNameAgain:  "请重新发送您的真实姓名。",
		mBadName:       "姓名应为 2–20 个字，只含汉字、字母、空格或“·”，请重新发送。",
		mConfirmName:   "请确认您的姓名：%s",
		mBtnRetype:     "✏️ 重新输入",
		mJoined:        "加入成功！%s，欢迎加入「%s」。发送 /help 查看可用命令。",
		mJoinedShort:   "已加入",
		mInviteUsage:   "用法：/invite [单位编号] [member|supervisor|monitor|official]\n可用单位：\n%s",
		mInviteBadRole: "身份「%s」无效，可选 member（成员）、supervisor（书记/监督员）、monitor（履诺监督员）、official（组织部门）。",
		mInviteCreated: "邀请链接（%s · %s，%s 前有效，仅限一人使用）：\n%s",
	},
	"en": {
		mStartMember:   "Hello %s! You are a member of “%s”. Send /help for commands.",
		mInviteBadCode: "This invite code is not valid. Please check the link or ask for a new one.",
		mInviteUsed:    "This invite code has already been used. Please ask for a new one.",
		mInviteExpired: "This invite code has expired. Please ask for a new one.",
		mInviteWelcome: "Welcome to “%s” (role: %s).\nPlease send your real name for the records.",
		mAlreadyMember: "You are already a member of “%s”.",
		mAskNameAgain:  "Please send your real name again.",
		mBadName:       "A name has 2–20 characters: letters, Chinese characters, spaces or “·”. Please send it again.",
		mConfirmName:   "Please confirm your name: %s",
		mBtnRetype:     "✏️ Retype",
		mJoined:        "Joined! Welcome to “%[2]s”, %[1]s. Send /help for commands.",
		mJoinedShort:   "Joined",
		mInviteUsage:   "Usage: /invite [unit] [member|supervisor|monitor|official]\nUnits:\n%s",
		mInviteBadRole: "Role “%s” is not valid: member, supervisor, monitor or official.",
		mInviteCreated: "Invite link (%s · %s, valid until %s, single use):\n%s",
	},
}
