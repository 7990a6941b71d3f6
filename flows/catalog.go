package flows

import "sibu/flows/kit"

// Messages of the engine: help, unknown commands, /status framing.
const (
	mHelpStranger   kit.Msg = "help_stranger"
	mHelpMember     kit.Msg = "help_member"
	mHelpSupervisor kit.Msg = "help_supervisor"
	mHelpOfficial   kit.Msg = "help_official"
	mHelpMonitor    kit.Msg = "help_monitor"
	mNotJoined      kit.Msg = "not_joined"
	mUnknownCommand kit.Msg = "unknown_command"
	mNothingCancel  kit.Msg = "nothing_to_cancel"
	mGroupOnlyHelp  kit.Msg = "group_only_help"
	mStatusHeader   kit.Msg = "status_header"
	mStatusMembers  kit.Msg = "status_members"
)

// catalog holds the messages above in Chinese and English.
var catalog = kit.Catalog{
	"zh": {
		mHelpStranger: "您好！我是「四步」工作助手，服务基层党组织的问卷调查、谈心谈话和公开承诺。\n\n" +
			"您还没有加入组织。请向所在支部书记或组织部门索取邀请链接，点击后即可加入。\n\n" +
			"/start — 开始\n/help — 查看帮助",
		mHelpMember: "「四步」工作助手 — 可用命令：\n" +
			"/surveys — 查看待填问卷\n/back — 返回上一步\n/cancel — 退出当前操作\n/help — 查看帮助",
		mHelpSupervisor: "「四步」工作助手 — 可用命令：\n" +
			"/surveys — 查看待填问卷\n/invite — 邀请本支部成员加入\n/back — 返回上一步\n/cancel — 退出当前操作\n/help — 查看帮助",
		mHelpOfficial: "「四步」工作助手 — 可用命令：\n" +
			"/status — 一屏查看问卷发放、回收与满意率\n/survey open <问卷编号> — 发放问卷\n/survey close <问卷编号> — 结束问卷\n" +
			"/stats <问卷编号> — 问卷统计（分题分布、分单位、图表）\n/export <问卷编号> — 导出答卷（XLSX、CSV）\n" +
			"/invite [单位编号] [member|supervisor|monitor|official] — 生成邀请链接\n/surveys — 查看待填问卷\n/back — 返回上一步\n/cancel — 退出当前操作\n/help — 查看帮助",
		mHelpMonitor: "「四步」工作助手（履诺监督员，只读）— 可用命令：\n" +
			"/surveys — 查看待填问卷\n/back — 返回上一步\n/cancel — 退出当前操作\n/help — 查看帮助",
		mNotJoined:      "您还没有加入组织，暂时不能使用此功能。请向支部书记或组织部门索取邀请链接。",
		mUnknownCommand: "未识别的命令 /%s。发送 /help 查看可用命令。",
		mNothingCancel:  "当前没有进行中的操作。",
		mGroupOnlyHelp:  "请在与我的私聊中使用此功能。",
		mStatusHeader:   "📊 工作概况（%s）",
		mStatusMembers:  "👥 已加入成员 %d 人",
	},
	"en": {
		mHelpStranger: "Hello! I am the Four Steps assistant for questionnaires, talks and public commitments.\n\n" +
			"You have not joined yet. Ask your branch secretary or the organisation department for an invite link and tap it to join.\n\n" +
			"/start — start\n/help — help",
		mHelpMember:     "Four Steps — commands:\n/surveys — questionnaires for you\n/back — previous step\n/cancel — leave the current task\n/help — help",
		mHelpSupervisor: "Four Steps — commands:\n/surveys — questionnaires for you\n/invite — invite members of your unit\n/back — previous step\n/cancel — leave the current task\n/help — help",
		mHelpOfficial: "Four Steps — commands:\n/status — questionnaires issued, submitted and satisfaction at a glance\n/survey open <id> — issue a questionnaire\n/survey close <id> — close it\n" +
			"/invite [unit] [member|supervisor|monitor|official] — invite link\n/surveys — questionnaires for you\n/back — previous step\n/cancel — leave the current task\n/help — help",
		mHelpMonitor:    "Four Steps (commitment monitor, read-only) — commands:\n/surveys — questionnaires for you\n/back — previous step\n/cancel — leave the current task\n/help — help",
		mNotJoined:      "You have not joined yet, so this is not available. Ask your branch secretary for an invite link.",
		mUnknownCommand: "Unknown command /%s. Send /help for the commands.",
		mNothingCancel:  "Nothing is in progress.",
		mGroupOnlyHelp:  "Please use this in a private chat with me.",
		mStatusHeader:   "📊 Status (%s)",
		mStatusMembers:  "👥 %d members joined",
	},
}
