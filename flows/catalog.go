package flows

import "sibu/flows/kit"

// Messages of the engine: help, the to-do of /start, text outside a
// conversation, unknown commands, /status framing, the bot's description.
const (
	mHelpStranger     kit.Msg = "help_stranger"
	mHelpHeader       kit.Msg = "help_header"
	mHelpStatus       kit.Msg = "help_status"
	mHelpFooter       kit.Msg = "help_footer"
	mTodoHello        kit.Msg = "todo_hello"
	mTodoHeader       kit.Msg = "todo_header"
	mTodoMore         kit.Msg = "todo_more"
	mTodoHint         kit.Msg = "todo_hint"
	mTodoNone         kit.Msg = "todo_none"
	mDigestHeader     kit.Msg = "digest_header"
	mDigestMore       kit.Msg = "digest_more"
	mDigestFolded     kit.Msg = "digest_folded"
	mDigestFoldedMore kit.Msg = "digest_folded_more"
	mDigestHint       kit.Msg = "digest_hint"
	mOutsideHint      kit.Msg = "outside_hint"
	mMeantCommand     kit.Msg = "meant_command"
	mOtherHint        kit.Msg = "other_hint"
	mNotJoined        kit.Msg = "not_joined"
	mUnknownCommand   kit.Msg = "unknown_command"
	mNothingCancel    kit.Msg = "nothing_to_cancel"
	mGroupOnlyHelp    kit.Msg = "group_only_help"
	mStatusHeader     kit.Msg = "status_header"
	mStatusMembers    kit.Msg = "status_members"
	mDescription      kit.Msg = "description"
	mShortDescripton  kit.Msg = "short_description"
)

// catalog holds the messages above in Chinese and English.
var catalog = kit.Catalog{
	"zh": {
		mHelpStranger: "您好！我是「四步」工作助手，帮助基层党组织开展问卷调查、谈心谈话和公开承诺。\n\n" +
			"您还没有加入组织。请向所在支部书记或组织部门要一个邀请链接，点开链接（或把链接发给我）即可加入。\n\n" +
			"/start — 开始\n/help — 查看帮助",
		mHelpHeader:       "「四步」工作助手 · %s（%s · %s）\n点蓝色的命令就能用，不用记。",
		mHelpStatus:       "📊 工作概况\n/status — 一屏看问卷、承诺、谈话的进度",
		mHelpFooter:       "其他\n/start — 我的待办\n/help — 查看帮助\n/back — 返回上一步\n/cancel — 退出当前操作",
		mTodoHello:        "%s，您好！您在「%s」，身份：%s。",
		mTodoHeader:       "📌 您的待办（%d 项）：",
		mTodoMore:         "……另有 %d 项，办完上面的再发送 /start 查看。",
		mTodoHint:         "点下面的按钮办理。发送 /help 查看全部功能。",
		mTodoNone:         "目前没有待办事项。需要做什么时，点输入框旁的「菜单」按钮，或发送 /help 查看能做的事。",
		mDigestHeader:     "📋 今日待办 · %s",
		mDigestMore:       "……另有 %d 项，发送 /start 查看。",
		mDigestFolded:     "📨 推送已达每日上限、留到这里汇总的通知（%d 条）：",
		mDigestFoldedMore: "……另有 %d 条。",
		mDigestHint:       "点下面的按钮办理。每天只汇总发送一次。",
		mOutsideHint:      "我没有看懂这句话。请点输入框旁的「菜单」按钮选择要做的事，或发送 /start 查看待办。",
		mMeantCommand:     "您是要用 /%[1]s 吗？请点这里：/%[1]s",
		mOtherHint:        "暂不支持此类消息。请点输入框旁的「菜单」按钮选择要做的事，或发送 /start 查看待办。",
		mNotJoined:        "您还没有加入组织，暂时不能使用此功能。请向支部书记或组织部门索取邀请链接。",
		mUnknownCommand:   "未识别的命令 /%s。请点输入框旁的「菜单」按钮选择，或发送 /help 查看说明。",
		mNothingCancel:    "当前没有进行中的操作。",
		mGroupOnlyHelp:    "请在与我的私聊中使用此功能。",
		mStatusHeader:     "📊 工作概况（%s）",
		mStatusMembers:    "👥 已加入成员 %d 人",
		mDescription: "「四步」工作助手：基层党组织的问卷调查（问民情）、谈心谈话（电话约谈、会后补谈，全覆盖）和公开承诺（定·审·履·评）。\n\n" +
			"已收到邀请链接的，点开链接即可加入；已加入的，点「开始」查看待办。每一步都有按钮，不用记命令。",
		mShortDescripton: "基层党组织的问卷调查、谈心谈话和公开承诺助手。点开邀请链接加入。",
	},
	"en": {
		mHelpStranger: "Hello! I am the Four Steps assistant for questionnaires, talks and public commitments.\n\n" +
			"You have not joined yet. Ask your branch secretary or the organisation department for an invite link and tap it (or send it to me).\n\n" +
			"/start — start\n/help — help",
		mHelpHeader:       "Four Steps · %s (%s · %s)\nTap a blue command to use it.",
		mHelpStatus:       "📊 Overview\n/status — questionnaires, commitments and talks on one screen",
		mHelpFooter:       "Other\n/start — my to-do\n/help — this help\n/back — previous step\n/cancel — leave the current task",
		mTodoHello:        "Hello %s! You are in “%s” as %s.",
		mTodoHeader:       "📌 Waiting for you (%d):",
		mTodoMore:         "…and %d more; send /start again once these are done.",
		mTodoHint:         "Tap a button below. Send /help for everything else.",
		mTodoNone:         "Nothing is waiting for you. Tap the Menu button next to the input field, or send /help.",
		mDigestHeader:     "📋 Today · %s",
		mDigestMore:       "…and %d more; send /start to see them.",
		mDigestFolded:     "📨 Notices held over for this digest (the day's pushes were used up) (%d):",
		mDigestFoldedMore: "…and %d more.",
		mDigestHint:       "Tap a button below. This summary comes once a day.",
		mOutsideHint:      "I did not understand that. Tap the Menu button next to the input field, or send /start for your to-do.",
		mMeantCommand:     "Did you mean /%[1]s? Tap here: /%[1]s",
		mOtherHint:        "This kind of message is not supported here. Tap the Menu button next to the input field, or send /start for your to-do.",
		mNotJoined:        "You have not joined yet, so this is not available. Ask your branch secretary for an invite link.",
		mUnknownCommand:   "Unknown command /%s. Tap the Menu button, or send /help.",
		mNothingCancel:    "Nothing is in progress.",
		mGroupOnlyHelp:    "Please use this in a private chat with me.",
		mStatusHeader:     "📊 Status (%s)",
		mStatusMembers:    "👥 %d members joined",
		mDescription: "Four Steps: questionnaires, one-to-one talks (phone talks and make-up talks until everyone is reached) " +
			"and public commitments for grassroots party organisations.\n\nGot an invite link? Tap it to join. Joined? Tap Start for your to-do.",
		mShortDescripton: "Questionnaires, talks and public commitments for grassroots party organisations.",
	},
}

// Description is the bot's description (shown in an empty chat) and short
// description (its profile, and beside a shared link) in lang, for
// setMyDescription and setMyShortDescription.
func Description(lang string) (description, short string) {
	return catalog.T(lang, mDescription), catalog.T(lang, mShortDescripton)
}
