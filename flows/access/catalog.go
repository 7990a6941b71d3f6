package access

import "sibu/flows/kit"

// Reasons the policy gives: why a person was refused, or why an answer is
// scoped. Each says what the person can do instead where there is
// something.
const (
	whyNoPermission     kit.Msg = "ac_no_permission"
	whyOfficials        kit.Msg = "ac_officials"
	whyLeads            kit.Msg = "ac_leads"
	whyMonitor          kit.Msg = "ac_monitor"
	whyOutside          kit.Msg = "ac_outside"
	whyInviteLeads      kit.Msg = "ac_invite_leads"
	whyInviteOwnUnit    kit.Msg = "ac_invite_own_unit"
	whyInviteOnlyMember kit.Msg = "ac_invite_only_member"
	whyRoleAbove        kit.Msg = "ac_role_above"
	whyBeyond           kit.Msg = "ac_beyond"
	whyScoped           kit.Msg = "ac_scoped"
	whyResultsOfficials kit.Msg = "ac_results_officials"
	whyNotInReach       kit.Msg = "ac_not_in_reach"
	whyExportWhole      kit.Msg = "ac_export_whole"
	whyDeclareOwnUnit   kit.Msg = "ac_declare_own_unit"
	whyNotYours         kit.Msg = "ac_not_yours"
	whyNotDecider       kit.Msg = "ac_not_decider"
	whyOwnItem          kit.Msg = "ac_own_item"
	whyUnitItem         kit.Msg = "ac_unit_item"
	whyDeclared         kit.Msg = "ac_declared"
	whySecondLevel      kit.Msg = "ac_second_level"
	whyLedgerReaders    kit.Msg = "ac_ledger_readers"
	whyNotInRound       kit.Msg = "ac_not_in_round"
	whyGraders          kit.Msg = "ac_graders"
	whyLevelAbove       kit.Msg = "ac_level_above"
	whyNotVoter         kit.Msg = "ac_not_voter"
	whyNotInvited       kit.Msg = "ac_not_invited"
	whyOwnVote          kit.Msg = "ac_own_vote"
	whyOtherUnitVote    kit.Msg = "ac_other_unit_vote"
	whyVoted            kit.Msg = "ac_voted"
	whyNotInterviewer   kit.Msg = "ac_not_interviewer"
	whyNotYourTalk      kit.Msg = "ac_not_your_talk"
	whyFacilitators     kit.Msg = "ac_facilitators"
	whyNotParticipant   kit.Msg = "ac_not_participant"
	whyNotTarget        kit.Msg = "ac_not_target"
	whyNomineeReaders   kit.Msg = "ac_nominee_readers"
	whyVetOfficials     kit.Msg = "ac_vet_officials"
	whyVetInspectors    kit.Msg = "ac_vet_inspectors"
	whyInspectors       kit.Msg = "ac_inspectors"
	whyTipoffOutside    kit.Msg = "ac_tipoff_outside"
	whyTipoffOwnUnit    kit.Msg = "ac_tipoff_own_unit"
	whyNotAuthor        kit.Msg = "ac_not_author"
	whyPrivateOpinion   kit.Msg = "ac_private_opinion"
)

// catalog holds the reasons in Chinese and English.
var catalog = kit.Catalog{
	"zh": {
		whyNoPermission:     "抱歉，您没有办理此项操作的权限。发送 /help 查看您可以使用的命令。",
		whyOfficials:        "抱歉，此项操作由组织部门办理。发送 /help 查看您可以使用的命令。",
		whyLeads:            "抱歉，此项操作由书记和组织部门办理。发送 /help 查看您可以使用的命令。",
		whyMonitor:          "履诺监督员可以查看台账（/ledger、/overdue）和参加评议，不办理此项操作。",
		whyOutside:          "抱歉，「%s」不在您的管辖范围（%s及下级单位）内，请联系其上级组织部门办理。",
		whyInviteLeads:      "抱歉，邀请新成员由支部书记和组织部门办理。请向所在支部书记索取邀请链接。",
		whyInviteOwnUnit:    "支部书记只能邀请本单位（%s）的成员。",
		whyInviteOnlyMember: "支部书记只能邀请成员（member）。",
		whyRoleAbove:        "抱歉，不能授予高于您本人的身份（%s）。",
		whyBeyond:           "抱歉，「%s」的范围超出了您的管辖范围（%s及下级单位），需由上级组织部门发起或结束。本单位及下级单位的情况可发送 /stats 或 /coverage 查看。",
		whyScoped:           "（仅显示您管辖范围内的单位：%s及下级单位）",
		whyResultsOfficials: "抱歉，「%s」的结果只对组织部门开放。",
		whyNotInReach:       "抱歉，「%s」不涉及您管辖的单位（%s及下级单位）。",
		whyExportWhole:      "抱歉，「%s」的答卷包含您管辖范围（%s及下级单位）以外的单位，需由上级组织部门导出。本单位及下级单位的统计可发送 /stats 查看。",
		whyDeclareOwnUnit:   "只能为本单位（%s）申报单位承诺。",
		whyNotYours:         "这不是您的承诺事项。",
		whyNotDecider:       "抱歉，这一事项由「%s」的书记或组织部门办理。",
		whyOwnItem:          "按照回避要求，本人的承诺事项由其他同志审核、评定和批准，您不能办理。",
		whyUnitItem:         "按照回避要求，本单位的承诺事项由上级党组织审核、评定和批准，您不能办理。",
		whyDeclared:         "按照回避要求，您申报的承诺事项由其他同志办理。",
		whySecondLevel:      "按照回避要求，您已审核通过上一级，本级审核由另一位同志办理。",
		whyLedgerReaders:    "抱歉，台账由书记、组织部门和履诺监督员查看。",
		whyNotInRound:       "抱歉，您不在「%s」本轮考核评价的范围内。",
		whyGraders:          "抱歉，评定由书记、组织部门和履诺监督员办理；您可以在测评中表达满意度。",
		whyLevelAbove:       "按照回避要求，这项承诺由「%s」评定，您不参与评定。",
		whyNotVoter:         "抱歉，本轮测评由「%s」及下级单位的成员参加。",
		whyOtherUnitVote:    "这是「%s」的承诺事项，由该单位的成员测评。",
		whyNotInvited:       "抱歉，您不在「%s」本轮测评的邀请名单中（书记和评议人不参加测评；测评开始后加入的同志参加下一轮）。",
		whyOwnVote:          "这是您本人（或本单位）的承诺事项，不参加测评。",
		whyVoted:            "您已对这项承诺测评过，每人一次，感谢参与。",
		whyNotInterviewer:   "抱歉，只有这位同志的谈话人或所在单位的组织部门可以查看和记录。",
		whyNotYourTalk:      "这次谈话不在您的名单中。",
		whyFacilitators:     "抱歉，复盘由书记和组织部门组织；您被邀请参加时会收到通知。",
		whyNotParticipant:   "抱歉，您不在这次复盘的参加人员中。",
		whyNotTarget:        "抱歉，这项学习或培训不在您的名单中。",
		whyNomineeReaders:   "抱歉，候选人审查情况只对组织部门和纪检开放。",
		whyVetOfficials:     "这一项（档案审核、个人有关事项核查）由组织部门办理。",
		whyVetInspectors:    "这一项（纪检监察机关意见、信访举报核查）由纪检办理。",
		whyInspectors:       "抱歉，举报线索由上级纪检查看和答复。如需举报，发送 /tipoff。",
		whyTipoffOutside:    "抱歉，「%s」不在您的管辖范围内，这条举报由其上级纪检办理。",
		whyTipoffOwnUnit:    "按照回避要求，涉及本单位的举报由上级纪检办理。",
		whyNotAuthor:        "这条记录由登记人本人修改；如需更正，请联系登记人。",
		whyPrivateOpinion:   "这条意见来自谈话摘要，只对组织部门开放。",
	},
	"en": {
		whyNoPermission:     "Sorry, you may not do this. Send /help for the commands you can use.",
		whyOfficials:        "Sorry, officials (the organisation department) do this. Send /help for the commands you can use.",
		whyLeads:            "Sorry, supervisors and officials do this. Send /help for the commands you can use.",
		whyMonitor:          "Monitors read the ledger (/ledger, /overdue) and grade in evaluations; they do not do this.",
		whyOutside:          "Sorry, “%s” is outside your units (%s and below). Please ask the officials above it.",
		whyInviteLeads:      "Sorry, supervisors and officials invite new members. Please ask your branch secretary for an invite link.",
		whyInviteOwnUnit:    "Supervisors may only invite to their own unit (%s).",
		whyInviteOnlyMember: "Supervisors may only invite members.",
		whyRoleAbove:        "Sorry, you cannot grant a role above your own (%s).",
		whyBeyond:           "Sorry, “%s” reaches beyond your units (%s and below); the officials above open and close it. /stats and /coverage show your units.",
		whyScoped:           "(your units only: %s and below)",
		whyResultsOfficials: "Sorry, the results of “%s” are for officials only.",
		whyNotInReach:       "Sorry, “%s” does not reach your units (%s and below).",
		whyExportWhole:      "Sorry, the responses of “%s” include units beyond yours (%s and below); the officials above export them. /stats shows your units.",
		whyDeclareOwnUnit:   "You may declare unit commitments for your own unit (%s) only.",
		whyNotYours:         "This is not your commitment.",
		whyNotDecider:       "Sorry, the supervisors and officials of “%s” decide this.",
		whyOwnItem:          "To keep duties apart, your own commitments are reviewed, graded and decided by others.",
		whyUnitItem:         "To keep duties apart, your unit's own commitments are reviewed, graded and decided by the level above.",
		whyDeclared:         "To keep duties apart, commitments you declared are decided by others.",
		whySecondLevel:      "To keep duties apart, you approved the level before; someone else decides this level.",
		whyLedgerReaders:    "Sorry, supervisors, officials and monitors read the ledger.",
		whyNotInRound:       "Sorry, you are not part of the evaluation round of “%s”.",
		whyGraders:          "Sorry, supervisors, officials and monitors grade; you may give your satisfaction in the vote.",
		whyLevelAbove:       "To keep duties apart, “%s” grades this commitment; you do not.",
		whyNotVoter:         "Sorry, the members of “%s” and the units below it take part in this vote.",
		whyOtherUnitVote:    "This commitment is of “%s”; its own members rate it.",
		whyNotInvited:       "Sorry, you are not on the invitation list of this vote of “%s” (supervisors and graders do not vote; members who joined after it opened vote in the next round).",
		whyOwnVote:          "This is your own (or your unit's) commitment; you do not rate it.",
		whyVoted:            "You rated this commitment already: once each. Thank you.",
		whyNotInterviewer:   "Sorry, only this person's interviewer or the officials of their unit may see and record this talk.",
		whyNotYourTalk:      "This talk round is not for you.",
		whyFacilitators:     "Sorry, supervisors and officials run reviews (复盘); you are told when you are invited to one.",
		whyNotParticipant:   "Sorry, you are not a participant of this review.",
		whyNotTarget:        "Sorry, this study or training is not on your list.",
		whyNomineeReaders:   "Sorry, the vetting of nominees is for officials and inspectors only.",
		whyVetOfficials:     "The organisation department does this check (dossier, personal matters report).",
		whyVetInspectors:    "The discipline inspectors do this check (their opinion, petitions and reports).",
		whyInspectors:       "Sorry, the inspectors above read and answer tip-offs. To report something, send /tipoff.",
		whyTipoffOutside:    "Sorry, “%s” is outside your units; the inspectors above it handle this tip-off.",
		whyTipoffOwnUnit:    "To keep duties apart, tip-offs about your own unit go to the inspectors above it.",
		whyNotAuthor:        "Only the person who logged this record may change it; ask them to correct it.",
		whyPrivateOpinion:   "This opinion comes from a talk summary: officials only.",
	},
}
