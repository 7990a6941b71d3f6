package flows

// Messages of the talk feature (谈民心).
const (
	mTalkAccepted            msg = "talk_accepted"
	mTalkAlreadyBooked       msg = "talk_already_booked"
	mTalkAlreadyDone         msg = "talk_already_done"
	mTalkAlreadyExcused      msg = "talk_already_excused"
	mTalkAskPhone            msg = "talk_ask_phone"
	mTalkAskPhoneAgain       msg = "talk_ask_phone_again"
	mTalkAskProposal         msg = "talk_ask_proposal"
	mTalkAskReason           msg = "talk_ask_reason"
	mTalkAskSummary          msg = "talk_ask_summary"
	mTalkAskSummaryAgain     msg = "talk_ask_summary_again"
	mTalkBadPhone            msg = "talk_bad_phone"
	mTalkBadTime             msg = "talk_bad_time"
	mTalkBooked              msg = "talk_booked"
	mTalkBtnAccept           msg = "talk_btn_accept"
	mTalkBtnCall             msg = "talk_btn_call"
	mTalkBtnCancelBooking    msg = "talk_btn_cancel_booking"
	mTalkBtnChangePhone      msg = "talk_btn_change_phone"
	mTalkBtnChangeSlot       msg = "talk_btn_change_slot"
	mTalkBtnChangeTime       msg = "talk_btn_change_time"
	mTalkBtnChart            msg = "talk_btn_chart"
	mTalkBtnDecline          msg = "talk_btn_decline"
	mTalkBtnDone             msg = "talk_btn_done"
	mTalkBtnFace             msg = "talk_btn_face"
	mTalkBtnFaceAt           msg = "talk_btn_face_at"
	mTalkBtnFinish           msg = "talk_btn_finish"
	mTalkBtnKeepPhone        msg = "talk_btn_keep_phone"
	mTalkBtnLedger           msg = "talk_btn_ledger"
	mTalkBtnMissed           msg = "talk_btn_missed"
	mTalkBtnNoSummary        msg = "talk_btn_no_summary"
	mTalkBtnOtherTime        msg = "talk_btn_other_time"
	mTalkBtnPhone            msg = "talk_btn_phone"
	mTalkBtnPhoneOnly        msg = "talk_btn_phone_only"
	mTalkBtnRecord           msg = "talk_btn_record"
	mTalkBtnShareContact     msg = "talk_btn_share_contact"
	mTalkBtnToFace           msg = "talk_btn_to_face"
	mTalkBtnToPhone          msg = "talk_btn_to_phone"
	mTalkCallText            msg = "talk_call_text"
	mTalkCancelledBooking    msg = "talk_cancelled_booking"
	mTalkCancelledFlow       msg = "talk_cancelled_flow"
	mTalkClosedOK            msg = "talk_closed_o_k"
	mTalkConfirm             msg = "talk_confirm"
	mTalkContactNotCN        msg = "talk_contact_not_c_n"
	mTalkCoverageHeader      msg = "talk_coverage_header"
	mTalkCoverageLine        msg = "talk_coverage_line"
	mTalkCoverageLine2       msg = "talk_coverage_line2"
	mTalkCoverageUnit        msg = "talk_coverage_unit"
	mTalkCoverageUsage       msg = "talk_coverage_usage"
	mTalkDaily               msg = "talk_daily"
	mTalkDailyMore           msg = "talk_daily_more"
	mTalkDeadlineLine        msg = "talk_deadline_line"
	mTalkDeadlineSummary     msg = "talk_deadline_summary"
	mTalkDeclined            msg = "talk_declined"
	mTalkDoneOK              msg = "talk_done_o_k"
	mTalkEntryReached        msg = "talk_entry_reached"
	mTalkExcusedOK           msg = "talk_excused_o_k"
	mTalkFaceBooked          msg = "talk_face_booked"
	mTalkFlowGone            msg = "talk_flow_gone"
	mTalkForeignContact      msg = "talk_foreign_contact"
	mTalkFullCoverage        msg = "talk_full_coverage"
	mTalkHelpOfficial        msg = "talk_help_official"
	mTalkHelpSupervisor      msg = "talk_help_supervisor"
	mTalkInvitation          msg = "talk_invitation"
	mTalkIvAssigned          msg = "talk_iv_assigned"
	mTalkIvBooked            msg = "talk_iv_booked"
	mTalkIvCancelled         msg = "talk_iv_cancelled"
	mTalkIvProposal          msg = "talk_iv_proposal"
	mTalkKeepPhone           msg = "talk_keep_phone"
	mTalkKindFace            msg = "talk_kind_face"
	mTalkKindMakeup          msg = "talk_kind_makeup"
	mTalkKindPhone           msg = "talk_kind_phone"
	mTalkMemberAccepted      msg = "talk_member_accepted"
	mTalkMemberDeclined      msg = "talk_member_declined"
	mTalkMemberMissed        msg = "talk_member_missed"
	mTalkMemberThanks        msg = "talk_member_thanks"
	mTalkMemberToFace        msg = "talk_member_to_face"
	mTalkMissedOK            msg = "talk_missed_o_k"
	mTalkMyHeader            msg = "talk_my_header"
	mTalkMyUnreached         msg = "talk_my_unreached"
	mTalkNoAgenda            msg = "talk_no_agenda"
	mTalkNoPhone             msg = "talk_no_phone"
	mTalkNoRoster            msg = "talk_no_roster"
	mTalkNoSession           msg = "talk_no_session"
	mTalkNoSlots             msg = "talk_no_slots"
	mTalkNoSuchPerson        msg = "talk_no_such_person"
	mTalkNone                msg = "talk_none"
	mTalkNotForYou           msg = "talk_not_for_you"
	mTalkNotOpen             msg = "talk_not_open"
	mTalkNotScheduled        msg = "talk_not_scheduled"
	mTalkNothingBooked       msg = "talk_nothing_booked"
	mTalkOpenedTo            msg = "talk_opened_to"
	mTalkOutcomeAsk          msg = "talk_outcome_ask"
	mTalkPhoneNoted          msg = "talk_phone_noted"
	mTalkPickSlot            msg = "talk_pick_slot"
	mTalkPreparing           msg = "talk_preparing"
	mTalkProposalNote        msg = "talk_proposal_note"
	mTalkProposed            msg = "talk_proposed"
	mTalkReminder            msg = "talk_reminder"
	mTalkReminderMakeup      msg = "talk_reminder_makeup"
	mTalkReopened            msg = "talk_reopened"
	mTalkRoundClosed         msg = "talk_round_closed"
	mTalkRosterAlready       msg = "talk_roster_already"
	mTalkRosterAmbiguous     msg = "talk_roster_ambiguous"
	mTalkRosterAsk           msg = "talk_roster_ask"
	mTalkRosterBadType       msg = "talk_roster_bad_type"
	mTalkRosterBtnConfirm    msg = "talk_roster_btn_confirm"
	mTalkRosterBtnReupload   msg = "talk_roster_btn_reupload"
	mTalkRosterBtnSkip       msg = "talk_roster_btn_skip"
	mTalkRosterCancelled     msg = "talk_roster_cancelled"
	mTalkRosterCandidate     msg = "talk_roster_candidate"
	mTalkRosterConfirmAdd    msg = "talk_roster_confirm_add"
	mTalkRosterConfirmOpen   msg = "talk_roster_confirm_open"
	mTalkRosterEmpty         msg = "talk_roster_empty"
	mTalkRosterLine          msg = "talk_roster_line"
	mTalkRosterMatched       msg = "talk_roster_matched"
	mTalkRosterMore          msg = "talk_roster_more"
	mTalkRosterNoName        msg = "talk_roster_no_name"
	mTalkRosterNobody        msg = "talk_roster_nobody"
	mTalkRosterNotFile       msg = "talk_roster_not_file"
	mTalkRosterPick          msg = "talk_roster_pick"
	mTalkRosterReask         msg = "talk_roster_reask"
	mTalkRosterSummary       msg = "talk_roster_summary"
	mTalkRosterTooBig        msg = "talk_roster_too_big"
	mTalkRosterTooMany       msg = "talk_roster_too_many"
	mTalkRosterUnit          msg = "talk_roster_unit"
	mTalkRosterUnmatched     msg = "talk_roster_unmatched"
	mTalkRosterUnmatchedHint msg = "talk_roster_unmatched_hint"
	mTalkRosterUnreadable    msg = "talk_roster_unreadable"
	mTalkRosterUseButtons    msg = "talk_roster_use_buttons"
	mTalkRosterWillOpen      msg = "talk_roster_will_open"
	mTalkRosterAdded         msg = "talk_roster_added"
	mTalkCoverageScope       msg = "talk_coverage_scope"
	mTalkSessionLine         msg = "talk_session_line"
	mTalkSlotTaken           msg = "talk_slot_taken"
	mTalkSlotTakenLong       msg = "talk_slot_taken_long"
	mTalkSlotsLine           msg = "talk_slots_line"
	mTalkStatusLine          msg = "talk_status_line"
	mTalkStatusMissed        msg = "talk_status_missed"
	mTalkStatusPending       msg = "talk_status_pending"
	mTalkStatusProposed      msg = "talk_status_proposed"
	mTalkTagMakeup           msg = "talk_tag_makeup"
	mTalkTimeAfterDeadline   msg = "talk_time_after_deadline"
	mTalkTimePast            msg = "talk_time_past"
	mTalkTimeTBD             msg = "talk_time_t_b_d"
	mTalkToFaceOK            msg = "talk_to_face_o_k"
	mTalkToday               msg = "talk_today"
	mTalkTooLate             msg = "talk_too_late"
	mTalkUnknown             msg = "talk_unknown"
	mTalkUnreachedHeader     msg = "talk_unreached_header"
	mTalkUsage               msg = "talk_usage"
	mTalkVoiceKept           msg = "talk_voice_kept"
	mTalkWeek                msg = "talk_week"
)

// talkCatalog holds this feature's messages (lang → key → text).
func talkCatalog() map[string]map[msg]string {
	return map[string]map[msg]string{
		"zh": {
			mTalkAccepted:            "已接受 %s 提议的时间 %s，已为其预约电话约谈。",
			mTalkAlreadyBooked:       "您已登记这场面谈。",
			mTalkAlreadyDone:         "您本轮谈话已完成，谢谢！",
			mTalkAlreadyExcused:      "您本轮已免谈。",
			mTalkAskPhone:            "📱 请提供接听电话约谈的号码：点下方「发送我的手机号」，或直接输入手机号（如 138 1234 5678）或带区号的固定电话（如 028-86123456）。\n/back 返回上一步 · /cancel 取消",
			mTalkAskPhoneAgain:       "请点下方按钮发送您的手机号，或直接输入号码。",
			mTalkAskProposal:         "请输入您方便的时间，例如「12-03 15:30」或「12月3日 15:30」。谈话人同意后生效。",
			mTalkAskReason:           "请输入 %s 免谈的原因：",
			mTalkAskSummary:          "📝 请输入与 %s 的谈话摘要（文字，也可先发一段语音）。摘要仅谈话人和本单位组织委员可见。",
			mTalkAskSummaryAgain:     "请输入文字摘要，或发送语音。",
			mTalkBadPhone:            "号码格式不对。请输入大陆手机号（1 开头 11 位，如 138 1234 5678）或带区号的固定电话（如 028-86123456）。",
			mTalkBadTime:             "没看懂这个时间。请按「12-03 15:30」的格式输入。",
			mTalkBooked:              "✅ 已预约「%s」%s\n时间：%s\n号码：%s\n谈话人：%s\n届时谈话人会给您打电话。开始前 %d 小时内不能再更改。",
			mTalkBtnAccept:           "✅ 同意该时间",
			mTalkBtnCall:             "📞 拨打电话",
			mTalkBtnCancelBooking:    "❌ 取消预约",
			mTalkBtnChangePhone:      "📱 换号码",
			mTalkBtnChangeSlot:       "🕘 换时间",
			mTalkBtnChangeTime:       "🕘 改时间",
			mTalkBtnChart:            "📊 图表",
			mTalkBtnDecline:          "🚫 不方便",
			mTalkBtnDone:             "✅ 已谈（记录摘要）",
			mTalkBtnFace:             "参加面谈",
			mTalkBtnFaceAt:           "参加面谈 %s",
			mTalkBtnFinish:           "完成",
			mTalkBtnKeepPhone:        "使用这个号码",
			mTalkBtnLedger:           "📥 台账",
			mTalkBtnMissed:           "📵 未接通/爽约",
			mTalkBtnNoSummary:        "✅ 已谈，不写摘要",
			mTalkBtnOtherTime:        "其他时间…",
			mTalkBtnPhone:            "无法参加，改为电话约谈",
			mTalkBtnPhoneOnly:        "📞 预约电话约谈",
			mTalkBtnRecord:           "记录：%s",
			mTalkBtnShareContact:     "📱 发送我的手机号",
			mTalkBtnToFace:           "改为面谈",
			mTalkBtnToPhone:          "改为电话约谈",
			mTalkCallText:            "📞 %s：%s（点下方名片即可拨打）",
			mTalkCancelledBooking:    "已取消「%s」的预约。可随时重新选择：",
			mTalkCancelledFlow:       "已取消，预约未做更改。",
			mTalkClosedOK:            "已结束「%s」：已谈 %d / %d 人，免谈 %d 人。",
			mTalkConfirm:             "请确认「%s」%s：\n时间：%s\n号码：%s\n谈话人：%s",
			mTalkContactNotCN:        "这个号码不是大陆手机号或固定电话。请直接输入可接听的号码。",
			mTalkCoverageHeader:      "🗣「%s」%s谈话覆盖 · 截至 %s",
			mTalkCoverageLine:        "名单 %d 人 · 已谈 %d（面谈 %d / 电话 %d / 补谈 %d）· 覆盖率 %s",
			mTalkCoverageLine2:       "已约 %d · 待谈 %d · 免谈 %d · 截止 %s",
			mTalkCoverageUnit:        "%s：已谈 %d/%d · 已约 %d · 待谈 %d · 免谈 %d",
			mTalkCoverageUsage:       "用法：/coverage [轮次] [页码]\n谈话轮次：\n%s",
			mTalkDaily:               "🗓「%s」您还有 %d 人尚未谈到（截止 %s）：",
			mTalkDailyMore:           "……另有 %d 人，发送 /mytalks 查看。",
			mTalkDeadlineLine:        "完成时限：%s",
			mTalkDeadlineSummary:     "⏳「%s」距谈话截止（%s）还有 3 天\n名单 %d 人 · 已谈 %d（面谈 %d / 电话 %d / 补谈 %d）\n已约 %d · 待谈 %d · 免谈 %d · 覆盖率 %s\n发送 /coverage 查看尚未谈到的人员。",
			mTalkDeclined:            "已告知 %s 另选时间。",
			mTalkDoneOK:              "✅ 已记录：与 %s 已谈（%s）。",
			mTalkEntryReached:        "%s 已谈或已免谈。",
			mTalkExcusedOK:           "已将 %s 记为「%s」免谈，原因：%s",
			mTalkFaceBooked:          "✅ 已登记参加「%s」面谈\n时间：%s\n地点：%s\n如无法参加，可改为电话约谈。",
			mTalkFlowGone:            "这次谈话已结束或已不需要预约。",
			mTalkForeignContact:      "只能发送您本人的手机号。请点下方「发送我的手机号」，或直接输入号码。",
			mTalkFullCoverage:        "🎉 已实现谈话对象全覆盖。",
			mTalkHelpOfficial:        "/talks open|close <轮次> — 开启/结束谈心谈话\n/talks roster <轮次> — 上传名单（xlsx/csv）\n/talks excuse <轮次> <成员> <原因> — 免谈\n/coverage [轮次] — 谈话覆盖（图表、台账）\n/mytalks — 我负责的谈话",
			mTalkHelpSupervisor:      "/mytalks — 我负责的谈话（今天、本周、尚未谈到）",
			mTalkInvitation:          "📣 谈心谈话邀请：「%s」\n为深入了解大家的真实意愿和想法，组织上将与您一对一交心谈心。\n%s谈话人：%s\n请选择参加方式：",
			mTalkIvAssigned:          "🗣 您是「%s」中 %d 人的谈话人。有人预约电话约谈时会通知您；发送 /mytalks 查看。",
			mTalkIvBooked:            "📞 新的电话约谈：%s（%s）%s\n时间：%s\n轮次：「%s」\n开始前会提醒您。",
			mTalkIvCancelled:         "ℹ️ %s 取消了 %s 的电话约谈。",
			mTalkIvProposal:          "🕘 %s（%s）%s提议电话约谈时间：%s（「%s」）。是否方便？",
			mTalkKeepPhone:           "或继续使用上次的号码 %s：",
			mTalkKindFace:            "面谈",
			mTalkKindMakeup:          "补谈",
			mTalkKindPhone:           "电话约谈",
			mTalkMemberAccepted:      "✅ 谈话人已同意：「%s」电话约谈时间 %s。",
			mTalkMemberDeclined:      "谈话人不便在您提议的时间通话，请重新选择「%s」的谈话方式或时间：",
			mTalkMemberMissed:        "📵 谈话人未能与您接通「%s」的电话约谈。请重新选择时间进行补谈：",
			mTalkMemberThanks:        "🙏 感谢您参加「%s」交心谈心。",
			mTalkMemberToFace:        "ℹ️ 您「%s」的谈话改为面谈：%s %s",
			mTalkMissedOK:            "已记录未接通：%s（第 %d 次）。已请其重新预约补谈。",
			mTalkMyHeader:            "🗣 %s 负责的谈话",
			mTalkMyUnreached:         "「%s」尚未谈到 %d 人（截止 %s）：",
			mTalkNoAgenda:            "今天和本周没有已约的谈话。",
			mTalkNoPhone:             "此人没有留电话号码。",
			mTalkNoRoster:            "「%s」的名单为空：所选单位和角色中没有已加入的成员。",
			mTalkNoSession:           "没有可参加的面谈场次，请选择电话约谈。",
			mTalkNoSlots:             "号码：%s\n谈话人暂无空闲时段。请点「其他时间…」提议一个时间。",
			mTalkNoSuchPerson:        "「%[2]s」名单中没有 %[1]s（可用成员编号，或尚未谈到人员的姓名）。",
			mTalkNone:                "还没有谈心谈话轮次。",
			mTalkNotForYou:           "这次谈话不在您的名单中。",
			mTalkNotOpen:             "谈话轮次 %s 未开启。",
			mTalkNotScheduled:        "%s 当前没有已约的谈话。",
			mTalkNothingBooked:       "您当前没有预约。",
			mTalkOpenedTo:            "✅ 已开启「%s」：已向 %d 人发出谈话邀请，%d 位谈话人，截止 %s。发送 /coverage 查看进度。",
			mTalkOutcomeAsk:          "📋 %s 的电话约谈（%s，「%s」）结果如何？",
			mTalkPhoneNoted:          "号码已记下：%s",
			mTalkPickSlot:            "号码：%s\n请选择通话时段（谈话人提供）：",
			mTalkPreparing:           "正在生成…",
			mTalkProposalNote:        "（这是您提议的时间，需谈话人同意后生效。）",
			mTalkProposed:            "🕘 已提交「%s」的时间提议：%s\n号码：%s\n谈话人：%s\n谈话人同意后会通知您。",
			mTalkReminder:            "⏰ %d 分钟后电话约谈：%s（%s）\n时间：%s\n号码：%s\n轮次：「%s」%s\n点下方名片即可拨打。",
			mTalkReminderMakeup:      "\n备注：此前 %d 次未接通，本次为补谈。",
			mTalkReopened:            "「%s」已在进行中：向新加入的 %d 人补发了邀请。",
			mTalkRoundClosed:         "「%s」已结束。",
			mTalkRosterAdded:         "✅ 已将 %d 人加入「%s」并发出谈话邀请（%d 位谈话人）。发送 /coverage 查看进度。",
			mTalkRosterAlready:       "（其中 %d 人已在名单中）",
			mTalkRosterAmbiguous:     "❓ 同名待确认 %d 个：%s",
			mTalkRosterAsk:           "📎 请发送「%s」的名单文件（.xlsx 或 .csv，不超过 2 MB）。\n第一行为表头：「姓名」列（或第一列）为姓名，可选「单位」「电话」列。姓名将与您所辖单位中已加入的成员匹配。\n%s/cancel 取消",
			mTalkRosterBadType:       "「%s」不是 .xlsx 或 .csv 文件。请在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后重新发送。",
			mTalkRosterBtnConfirm:    "✅ 确认加入",
			mTalkRosterBtnReupload:   "📎 重新上传",
			mTalkRosterBtnSkip:       "跳过此人",
			mTalkRosterCancelled:     "已取消，名单未做更改。",
			mTalkRosterCandidate:     "%s · %s · 编号 %d",
			mTalkRosterConfirmAdd:    "将把 %d 人加入「%s」并向其发出谈话邀请。",
			mTalkRosterConfirmOpen:   "将以这 %d 人为名单开启「%s」并发出谈话邀请（截止 %s）。",
			mTalkRosterEmpty:         "「%s」里没有找到姓名。请检查文件内容后重新发送。",
			mTalkRosterLine:          "%s（第 %d 行）",
			mTalkRosterMatched:       "✅ 匹配 %d 人",
			mTalkRosterMore:          " 等 %d 个",
			mTalkRosterNoName:        "「%s」中找不到姓名列。请在第一行加上「姓名」表头（或把姓名放在第一列）后重新发送。",
			mTalkRosterNobody:        "没有可加入的人员。可核对后重新发送名单文件，或 /cancel 取消。",
			mTalkRosterNotFile:       "请把名单作为文件（.xlsx 或 .csv）发送。/cancel 取消",
			mTalkRosterPick:          "❓ 第 %d 行「%s」%s对应哪一位？",
			mTalkRosterReask:         "请重新发送名单文件（.xlsx 或 .csv）。/cancel 取消",
			mTalkRosterSummary:       "📋 名单「%s」共 %d 个姓名，与「%s」的匹配结果：",
			mTalkRosterTooBig:        "「%s」超过 %d MB。请删去多余的列或工作表后重新发送。",
			mTalkRosterTooMany:       "「%s」超过 %d 个姓名，请分批上传。",
			mTalkRosterUnit:          "（单位：%s）",
			mTalkRosterUnmatched:     "⚠️ 未匹配 %d 个：%s",
			mTalkRosterUnmatchedHint: "未匹配的可能尚未加入、姓名有误或不在您所辖单位；核对后可重新上传。",
			mTalkRosterUnreadable:    "抱歉，无法读取「%s」。请确认文件没有加密或损坏，或另存为 .csv 后重新发送。",
			mTalkRosterUseButtons:    "请先点上方按钮完成本次名单；如需换文件，点「📎 重新上传」。",
			mTalkRosterWillOpen:      "本轮尚未开启：确认后将以名单上的人员开启。\n",
			mTalkCoverageScope:       "范围：%s及下级单位",
			mTalkSessionLine:         "面谈：%s · %s",
			mTalkSlotTaken:           "该时段刚被别人约了，请另选。",
			mTalkSlotTakenLong:       "抱歉，该时段刚被别人约了。请另选一个时段：",
			mTalkSlotsLine:           "电话约谈时段：%s 至 %s",
			mTalkStatusLine:          "🗣「%s」[%s] 已谈 %d/%d（覆盖率 %s）· 已约 %d · 待谈 %d",
			mTalkStatusMissed:        "未接通 %d 次，待补谈",
			mTalkStatusPending:       "待谈",
			mTalkStatusProposed:      "提议 %s，待确认",
			mTalkTagMakeup:           "【补谈】",
			mTalkTimeAfterDeadline:   "该时间晚于谈话截止时间（%s），请提前。",
			mTalkTimePast:            "请提议至少 30 分钟之后的时间。",
			mTalkTimeTBD:             "时间待定",
			mTalkToFaceOK:            "已将 %s 改为面谈：%s。",
			mTalkToday:               "今天：",
			mTalkTooLate:             "距谈话开始已不足 %d 分钟，不能再更改。如有变动请直接联系谈话人。",
			mTalkUnknown:             "没有谈话轮次 %s。\n谈话轮次：\n%s",
			mTalkUnreachedHeader:     "尚未谈到 %d 人（第 %d/%d 页）：",
			mTalkUsage:               "用法：\n/talks open <轮次> — 开启并发出谈话邀请\n/talks close <轮次> — 结束\n/talks roster <轮次> — 上传名单文件（xlsx/csv，按姓名匹配成员）\n/talks excuse <轮次> <成员编号或姓名> <原因> — 免谈\n谈话轮次：\n%s",
			mTalkVoiceKept:           "🎙 语音已保存。可再输入文字摘要，或点「完成」。",
			mTalkWeek:                "本周：",
		},
		"en": {
			mTalkAccepted:            "Accepted the time %[2]s proposed by %[1]s; the phone talk is booked.",
			mTalkAlreadyBooked:       "You are already registered for this session.",
			mTalkAlreadyDone:         "Your talk of this round is done, thank you!",
			mTalkAlreadyExcused:      "You are excused from this round.",
			mTalkAskPhone:            "📱 Which number should the interviewer call? Tap “Share my number” below, or type a mobile (e.g. 138 1234 5678) or a landline with its area code (e.g. 028-86123456).\n/back goes back · /cancel stops",
			mTalkAskPhoneAgain:       "Tap the button below to share your number, or type it.",
			mTalkAskProposal:         "Type a time that suits you, e.g. “12-03 15:30”. It takes effect once the interviewer accepts it.",
			mTalkAskReason:           "Type the reason why %s is excused:",
			mTalkAskSummary:          "📝 Type a short summary of the talk with %s (text; you may send a voice note first). Only the interviewer and the unit's officials see it.",
			mTalkAskSummaryAgain:     "Please type the summary, or send a voice note.",
			mTalkBadPhone:            "That is not a valid number. Type a mainland mobile (11 digits starting with 1, e.g. 138 1234 5678) or a landline with its area code (e.g. 028-86123456).",
			mTalkBadTime:             "I could not read that time. Please write it like “12-03 15:30”.",
			mTalkBooked:              "✅ Booked: “%s” %s\nTime: %s\nNumber: %s\nInterviewer: %s\nThe interviewer will call you. Changes are possible until %d hours before.",
			mTalkBtnAccept:           "✅ Accept this time",
			mTalkBtnCall:             "📞 Call",
			mTalkBtnCancelBooking:    "❌ Cancel booking",
			mTalkBtnChangePhone:      "📱 Other number",
			mTalkBtnChangeSlot:       "🕘 Other time",
			mTalkBtnChangeTime:       "🕘 Change time",
			mTalkBtnChart:            "📊 Chart",
			mTalkBtnDecline:          "🚫 Not possible",
			mTalkBtnDone:             "✅ Talked (record summary)",
			mTalkBtnFace:             "Attend in person",
			mTalkBtnFaceAt:           "Attend in person %s",
			mTalkBtnFinish:           "Done",
			mTalkBtnKeepPhone:        "Use this number",
			mTalkBtnLedger:           "📥 Ledger",
			mTalkBtnMissed:           "📵 No answer / no-show",
			mTalkBtnNoSummary:        "✅ Talked, no summary",
			mTalkBtnOtherTime:        "Another time…",
			mTalkBtnPhone:            "Can't attend: phone talk instead",
			mTalkBtnPhoneOnly:        "📞 Book a phone talk",
			mTalkBtnRecord:           "Record: %s",
			mTalkBtnShareContact:     "📱 Share my number",
			mTalkBtnToFace:           "Switch to in person",
			mTalkBtnToPhone:          "Switch to a phone talk",
			mTalkCallText:            "📞 %s: %s (tap the card below to call)",
			mTalkCancelledBooking:    "Your booking for “%s” is cancelled. You can choose again:",
			mTalkCancelledFlow:       "Stopped; nothing was changed.",
			mTalkClosedOK:            "“%s” closed: %d of %d talked with, %d excused.",
			mTalkConfirm:             "Please confirm “%s” %s:\nTime: %s\nNumber: %s\nInterviewer: %s",
			mTalkContactNotCN:        "That number is not a mainland mobile or landline. Please type a number you can answer.",
			mTalkCoverageHeader:      "🗣 “%s”%s coverage · as of %s",
			mTalkCoverageLine:        "Roster %d · talked %d (in person %d / phone %d / make-up %d) · coverage %s",
			mTalkCoverageLine2:       "scheduled %d · not yet reached %d · excused %d · deadline %s",
			mTalkCoverageUnit:        "%s: talked %d/%d · scheduled %d · waiting %d · excused %d",
			mTalkCoverageUsage:       "Usage: /coverage [round] [page]\nRounds:\n%s",
			mTalkDaily:               "🗓 “%s”: %d of your people not yet reached (deadline %s):",
			mTalkDailyMore:           "…and %d more; send /mytalks.",
			mTalkDeadlineLine:        "Deadline: %s",
			mTalkDeadlineSummary:     "⏳ “%s”: 3 days to the deadline (%s)\nRoster %d · talked %d (in person %d / phone %d / make-up %d)\nscheduled %d · waiting %d · excused %d · coverage %s\nSend /coverage for who is not yet reached.",
			mTalkDeclined:            "%s was asked to choose another time.",
			mTalkDoneOK:              "✅ Recorded: talked with %s (%s).",
			mTalkEntryReached:        "%s was already talked with or excused.",
			mTalkExcusedOK:           "%s is excused from “%s”: %s",
			mTalkFaceBooked:          "✅ You are registered for “%s” in person\nTime: %s\nPlace: %s\nIf you cannot come, switch to a phone talk.",
			mTalkFlowGone:            "This talk is over or needs no booking any more.",
			mTalkForeignContact:      "Only your own number, please: tap “Share my number” below, or type it.",
			mTalkFullCoverage:        "🎉 Everyone on the roster has been reached.",
			mTalkHelpOfficial:        "/talks open|close <round> — open/close a talk round\n/talks roster <round> — upload a roster (xlsx/csv)\n/talks excuse <round> <member> <reason> — excuse\n/coverage [round] — coverage (chart, ledger)\n/mytalks — talks assigned to me",
			mTalkHelpSupervisor:      "/mytalks — talks assigned to me (today, this week, not yet reached)",
			mTalkInvitation:          "📣 Invitation to a one-to-one talk: “%s”\n%sInterviewer: %s\nHow will you take part?",
			mTalkIvAssigned:          "🗣 You interview %[2]d people in “%[1]s”. You will be told when someone books a phone talk; see /mytalks.",
			mTalkIvBooked:            "📞 New phone talk: %s (%s) %s\nTime: %s\nRound: “%s”\nYou will be reminded before it.",
			mTalkIvCancelled:         "ℹ️ %s cancelled the phone talk of %s.",
			mTalkIvProposal:          "🕘 %s (%s) %s proposes a phone talk at %s (“%s”). Does it suit you?",
			mTalkKeepPhone:           "Or keep the number you gave before, %s:",
			mTalkKindFace:            "in person",
			mTalkKindMakeup:          "make-up talk",
			mTalkKindPhone:           "phone talk",
			mTalkMemberAccepted:      "✅ The interviewer accepted: “%s” phone talk at %s.",
			mTalkMemberDeclined:      "The interviewer cannot make the time you proposed; please choose again for “%s”:",
			mTalkMemberMissed:        "📵 The interviewer could not reach you for “%s”. Please choose a new time for a make-up talk:",
			mTalkMemberThanks:        "🙏 Thank you for your talk in “%s”.",
			mTalkMemberToFace:        "ℹ️ Your talk in “%s” is now in person: %s %s",
			mTalkMissedOK:            "Recorded no answer: %s (%d time(s)). They were asked to book a make-up talk.",
			mTalkMyHeader:            "🗣 Talks of %s",
			mTalkMyUnreached:         "“%s”: %d not yet reached (deadline %s):",
			mTalkNoAgenda:            "No talks booked today or this week.",
			mTalkNoPhone:             "No number was given.",
			mTalkNoRoster:            "“%s” has an empty roster: nobody of those units and roles has joined.",
			mTalkNoSession:           "No in-person session is left; please book a phone talk.",
			mTalkNoSlots:             "Number: %s\nThe interviewer has no free slot; tap “Another time…” to propose one.",
			mTalkNoSuchPerson:        "“%[2]s” has nobody %[1]s on its roster (use the user id, or the name of someone not yet reached).",
			mTalkNone:                "No talk rounds yet.",
			mTalkNotForYou:           "This talk round is not for you.",
			mTalkNotOpen:             "Talk round %s is not open.",
			mTalkNotScheduled:        "%s has no booked talk.",
			mTalkNothingBooked:       "You have no booking.",
			mTalkOpenedTo:            "✅ “%s” opened: %d people invited, %d interviewers, deadline %s. Send /coverage for progress.",
			mTalkOutcomeAsk:          "📋 How did the phone talk with %s go (%s, “%s”)?",
			mTalkPhoneNoted:          "Number noted: %s",
			mTalkPickSlot:            "Number: %s\nChoose a time (offered by your interviewer):",
			mTalkPreparing:           "Preparing…",
			mTalkProposalNote:        "(Your proposal: it takes effect once the interviewer accepts.)",
			mTalkProposed:            "🕘 Proposal sent for “%s”: %s\nNumber: %s\nInterviewer: %s\nYou will be told when it is accepted.",
			mTalkReminder:            "⏰ Phone talk in %d minutes: %s (%s)\nTime: %s\nNumber: %s\nRound: “%s”%s\nTap the card below to call.",
			mTalkReminderMakeup:      "\nNote: %d earlier attempt(s) failed; this is a make-up talk.",
			mTalkReopened:            "“%s” is already open: %d newcomers invited.",
			mTalkRoundClosed:         "“%s” is closed.",
			mTalkRosterAdded:         "✅ Added %d people to “%s” and invited them (%d interviewers). Send /coverage to follow progress.",
			mTalkRosterAlready:       " (%d already on the roster)",
			mTalkRosterAmbiguous:     "❓ Shared by several members, %d: %s",
			mTalkRosterAsk:           "📎 Send the roster file of “%s” (.xlsx or .csv, at most 2 MB).\nThe first row is a header: the “姓名” (name) column, or the first column, holds the names; “单位” (unit) and “电话” (phone) are optional. Names are matched to the members who joined in your units.\n%s/cancel stops",
			mTalkRosterBadType:       "“%s” is not an .xlsx or .csv file. Please save it as .xlsx or .csv and send it again.",
			mTalkRosterBtnConfirm:    "✅ Add them",
			mTalkRosterBtnReupload:   "📎 Upload again",
			mTalkRosterBtnSkip:       "Skip this name",
			mTalkRosterCancelled:     "Cancelled; the roster is unchanged.",
			mTalkRosterCandidate:     "%s · %s · id %d",
			mTalkRosterConfirmAdd:    "%d people will be added to “%s” and invited.",
			mTalkRosterConfirmOpen:   "“%[2]s” will be opened with these %[1]d people as its roster (deadline %[3]s).",
			mTalkRosterEmpty:         "No names found in “%s”. Please check the file and send it again.",
			mTalkRosterLine:          "%s (row %d)",
			mTalkRosterMatched:       "✅ Matched %d",
			mTalkRosterMore:          " and %d more",
			mTalkRosterNoName:        "“%s” has no name column. Please put a “姓名” header in the first row (or the names in the first column) and send it again.",
			mTalkRosterNobody:        "Nobody to add. Check the list and send the file again, or /cancel.",
			mTalkRosterNotFile:       "Please send the roster as a file (.xlsx or .csv). /cancel stops",
			mTalkRosterPick:          "❓ Row %d, “%s”%s: which member is it?",
			mTalkRosterReask:         "Please send the roster file again (.xlsx or .csv). /cancel stops",
			mTalkRosterSummary:       "📋 “%s”: %d names, matched for “%s”:",
			mTalkRosterTooBig:        "“%s” is over %d MB. Please remove extra columns or sheets and send it again.",
			mTalkRosterTooMany:       "“%s” has more than %d names; please upload it in parts.",
			mTalkRosterUnit:          " (unit: %s)",
			mTalkRosterUnmatched:     "⚠️ Not matched, %d: %s",
			mTalkRosterUnmatchedHint: "Unmatched names may not have joined yet, be misspelt, or be outside your units; check them and upload again.",
			mTalkRosterUnreadable:    "Sorry, “%s” could not be read. Make sure it is not encrypted or damaged, or save it as .csv and send it again.",
			mTalkRosterUseButtons:    "Please finish this list with the buttons above first; to use another file tap “📎 Upload again”.",
			mTalkRosterWillOpen:      "This round is not open yet: confirming opens it with the people of the list.\n",
			mTalkCoverageScope:       "Scope: %s and its sub-units",
			mTalkSessionLine:         "In person: %s · %s",
			mTalkSlotTaken:           "That slot was just taken; please pick another.",
			mTalkSlotTakenLong:       "Sorry, that slot was just taken. Please pick another:",
			mTalkSlotsLine:           "Phone slots: %s to %s",
			mTalkStatusLine:          "🗣 “%s” [%s] talked %d/%d (coverage %s) · scheduled %d · waiting %d",
			mTalkStatusMissed:        "missed %d time(s), make-up due",
			mTalkStatusPending:       "not yet scheduled",
			mTalkStatusProposed:      "proposed %s, awaiting the interviewer",
			mTalkTagMakeup:           "[make-up]",
			mTalkTimeAfterDeadline:   "That is after the deadline (%s); please choose an earlier time.",
			mTalkTimePast:            "Please propose a time at least 30 minutes from now.",
			mTalkTimeTBD:             "time to be set",
			mTalkToFaceOK:            "%s switched to in person: %s.",
			mTalkToday:               "Today:",
			mTalkTooLate:             "The talk starts in less than %d minutes; it can no longer be changed. Please contact your interviewer.",
			mTalkUnknown:             "No talk round %s.\nRounds:\n%s",
			mTalkUnreachedHeader:     "Not yet reached: %d (page %d/%d):",
			mTalkUsage:               "Usage:\n/talks open <round> — open and invite\n/talks close <round> — close\n/talks roster <round> — upload a roster file (xlsx/csv, names matched to members)\n/talks excuse <round> <user id or name> <reason> — excuse\nRounds:\n%s",
			mTalkVoiceKept:           "🎙 Voice note kept. Type a summary too, or tap “Done”.",
			mTalkWeek:                "This week:",
		},
	}
}
