package join

import "sibu/flows/kit"

// Messages of joining and inviting.
const (
	mInviteBadCode  kit.Msg = "invite_bad_code"
	mInviteUsed     kit.Msg = "invite_used"
	mInviteExpired  kit.Msg = "invite_expired"
	mInviteWelcome  kit.Msg = "invite_welcome"
	mAlreadyMember  kit.Msg = "already_member"
	mAskNameAgain   kit.Msg = "ask_name_again"
	mBadName        kit.Msg = "bad_name"
	mConfirmName    kit.Msg = "confirm_name"
	mBtnRetype      kit.Msg = "btn_retype"
	mJoined         kit.Msg = "joined"
	mJoinedShort    kit.Msg = "joined_short"
	mAdminWelcome   kit.Msg = "admin_welcome"
	mAdminNamed     kit.Msg = "admin_named"
	mInviterTold    kit.Msg = "inviter_told"
	mInviteBadArg   kit.Msg = "invite_bad_arg"
	mInviteCreated  kit.Msg = "invite_created"
	mShareText      kit.Msg = "share_text"
	mBtnShare       kit.Msg = "btn_share"
	mBtnOtherInvite kit.Msg = "btn_other_invite"
	mPickUnit       kit.Msg = "pick_unit"
	mPickRole       kit.Msg = "pick_role"
	mHelpSupervisor kit.Msg = "join_help_supervisor"
	mHelpOfficial   kit.Msg = "join_help_official"
)

// catalog holds every message of the package in Chinese and English.
var catalog = catalogOf(baseCatalog, rosterCatalog, linkCatalog)

// baseCatalog holds the messages above in Chinese and English.
var baseCatalog = kit.Catalog{
	"zh": {
		mInviteBadCode:  "邀请码无效，请核对链接或向发出邀请的同志重新索取。",
		mInviteUsed:     "该邀请码已被使用，请向发出邀请的同志重新索取。",
		mInviteExpired:  "该邀请码已过期，请向发出邀请的同志重新索取。",
		mInviteWelcome:  "欢迎加入「%s」（身份：%s）。\n请发送您的真实姓名，用于台账记录。",
		mAlreadyMember:  "您已是「%s」的成员，无需重复加入。",
		mAskNameAgain:   "请重新发送您的真实姓名。",
		mBadName:        "姓名应为 2–20 个字，只含汉字、字母、空格或“·”，请重新发送。",
		mConfirmName:    "请确认您的姓名：%s",
		mBtnRetype:      "✏️ 重新输入",
		mJoined:         "加入成功！%s，欢迎加入「%s」（%s）。发送 /start 查看您的待办，/help 查看能做的事。",
		mJoinedShort:    "已加入",
		mAdminWelcome:   "您好！您是「四步」工作助手的管理员（「%s」组织部门）。\n请先发送您的真实姓名，用于台账记录。",
		mAdminNamed:     "已登记：%s（「%s」组织部门）。发送 /start 查看待办，/help 查看能做的事。",
		mInviterTold:    "✅ %s 已通过您的邀请加入「%s」（%s）。",
		mInviteBadArg:   "没有叫「%s」的单位或身份。身份可写：成员、支部书记、监督员、组织部门。可选单位：\n%s\n也可以只发送 /invite 选择。",
		mInviteCreated:  "邀请链接（%s · %s，%s 前有效，只能一人使用）：\n%s\n\n请把链接转发给要加入的人：点下面的「转发给新成员」，或长按链接复制后发给对方。对方点开链接、确认姓名后即加入，届时会通知您。",
		mShareText:      "请点开这个链接，加入「%s」的「四步」工作助手。",
		mBtnShare:       "📤 转发给新成员",
		mBtnOtherInvite: "邀请其他单位或身份…",
		mPickUnit:       "邀请加入哪个单位？",
		mPickRole:       "邀请加入「%s」的身份是：",
		mHelpSupervisor: "👥 邀请\n/invite — 生成邀请链接，转发给本支部的新成员\n/invite 链接 — 本支部的加入链接和二维码海报（多人可用，按名单核对手机号）",
		mHelpOfficial:   "👥 邀请\n/invite — 生成邀请链接（可选单位和身份），转发给新成员",
	},
	"en": {
		mInviteBadCode:  "This invite code is not valid. Please check the link or ask for a new one.",
		mInviteUsed:     "This invite code has already been used. Please ask for a new one.",
		mInviteExpired:  "This invite code has expired. Please ask for a new one.",
		mInviteWelcome:  "Welcome to “%s” (role: %s).\nPlease send your real name for the records.",
		mAlreadyMember:  "You are already a member of “%s”.",
		mAskNameAgain:   "Please send your real name again.",
		mBadName:        "A name has 2–20 characters: letters, Chinese characters, spaces or “·”. Please send it again.",
		mConfirmName:    "Please confirm your name: %s",
		mBtnRetype:      "✏️ Retype",
		mJoined:         "Joined! Welcome to “%[2]s” (%[3]s), %[1]s. Send /start for your to-do, /help for everything else.",
		mJoinedShort:    "Joined",
		mAdminWelcome:   "Hello! You are an administrator of the Four Steps assistant (organisation department of “%s”).\nPlease send your real name for the records first.",
		mAdminNamed:     "Recorded: %s (organisation department of “%s”). Send /start for your to-do, /help for everything else.",
		mInviterTold:    "✅ %s joined “%s” (%s) with your invite.",
		mInviteBadArg:   "There is no unit or role “%s”. Roles: member, supervisor, monitor, official. Units:\n%s\nOr send just /invite to choose.",
		mInviteCreated:  "Invite link (%s · %s, valid until %s, single use):\n%s\n\nPass it on: tap “Forward to the new member” below, or copy the link and send it. Once they open it and confirm their name they are in, and you are told.",
		mShareText:      "Open this link to join “%s” on the Four Steps assistant.",
		mBtnShare:       "📤 Forward to the new member",
		mBtnOtherInvite: "Invite to another unit or role…",
		mPickUnit:       "Invite to which unit?",
		mPickRole:       "Invite to “%s” as:",
		mHelpSupervisor: "👥 Inviting\n/invite — an invite link for a new member of your branch\n/invite link — your branch's join link and QR poster (for everyone, checked against the roster by number)",
		mHelpOfficial:   "👥 Inviting\n/invite — an invite link (any unit and role) for a new member",
	},
}
