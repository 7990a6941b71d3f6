package talk

import "sibu/flows/kit"

// Messages of the talk feature (谈民心).
const (
	mAccepted            kit.Msg = "talk_accepted"
	mAlreadyBooked       kit.Msg = "talk_already_booked"
	mAlreadyDone         kit.Msg = "talk_already_done"
	mAlreadyExcused      kit.Msg = "talk_already_excused"
	mAskPhone            kit.Msg = "talk_ask_phone"
	mAskPhoneAgain       kit.Msg = "talk_ask_phone_again"
	mAskProposal         kit.Msg = "talk_ask_proposal"
	mAskReason           kit.Msg = "talk_ask_reason"
	mAskSummary          kit.Msg = "talk_ask_summary"
	mAskSummaryAgain     kit.Msg = "talk_ask_summary_again"
	mBadPhone            kit.Msg = "talk_bad_phone"
	mBadTime             kit.Msg = "talk_bad_time"
	mBooked              kit.Msg = "talk_booked"
	mBtnAccept           kit.Msg = "talk_btn_accept"
	mBtnCall             kit.Msg = "talk_btn_call"
	mBtnCancelBooking    kit.Msg = "talk_btn_cancel_booking"
	mBtnChangePhone      kit.Msg = "talk_btn_change_phone"
	mBtnChangeSlot       kit.Msg = "talk_btn_change_slot"
	mBtnChangeTime       kit.Msg = "talk_btn_change_time"
	mBtnChart            kit.Msg = "talk_btn_chart"
	mBtnDecline          kit.Msg = "talk_btn_decline"
	mBtnDone             kit.Msg = "talk_btn_done"
	mBtnFace             kit.Msg = "talk_btn_face"
	mBtnFaceAt           kit.Msg = "talk_btn_face_at"
	mBtnFinish           kit.Msg = "talk_btn_finish"
	mBtnKeepPhone        kit.Msg = "talk_btn_keep_phone"
	mBtnLedger           kit.Msg = "talk_btn_ledger"
	mBtnMissed           kit.Msg = "talk_btn_missed"
	mBtnNoSummary        kit.Msg = "talk_btn_no_summary"
	mBtnOtherTime        kit.Msg = "talk_btn_other_time"
	mBtnPhone            kit.Msg = "talk_btn_phone"
	mBtnPhoneOnly        kit.Msg = "talk_btn_phone_only"
	mBtnRecord           kit.Msg = "talk_btn_record"
	mBtnShareContact     kit.Msg = "talk_btn_share_contact"
	mBtnToFace           kit.Msg = "talk_btn_to_face"
	mBtnToPhone          kit.Msg = "talk_btn_to_phone"
	mCallText            kit.Msg = "talk_call_text"
	mCancelledBooking    kit.Msg = "talk_cancelled_booking"
	mCancelledFlow       kit.Msg = "talk_cancelled_flow"
	mClosedOK            kit.Msg = "talk_closed_o_k"
	mConfirm             kit.Msg = "talk_confirm"
	mContactNotCN        kit.Msg = "talk_contact_not_c_n"
	mCoverageHeader      kit.Msg = "talk_coverage_header"
	mCoverageLine        kit.Msg = "talk_coverage_line"
	mCoverageLine2       kit.Msg = "talk_coverage_line2"
	mCoverageUnit        kit.Msg = "talk_coverage_unit"
	mCoverageUsage       kit.Msg = "talk_coverage_usage"
	mDaily               kit.Msg = "talk_daily"
	mDailyMore           kit.Msg = "talk_daily_more"
	mDeadlineLine        kit.Msg = "talk_deadline_line"
	mDeadlineSummary     kit.Msg = "talk_deadline_summary"
	mDeclined            kit.Msg = "talk_declined"
	mDoneOK              kit.Msg = "talk_done_o_k"
	mEntryReached        kit.Msg = "talk_entry_reached"
	mExcusedOK           kit.Msg = "talk_excused_o_k"
	mFaceBooked          kit.Msg = "talk_face_booked"
	mFlowGone            kit.Msg = "talk_flow_gone"
	mForeignContact      kit.Msg = "talk_foreign_contact"
	mFullCoverage        kit.Msg = "talk_full_coverage"
	mHelpOfficial        kit.Msg = "talk_help_official"
	mHelpSupervisor      kit.Msg = "talk_help_supervisor"
	mInvitation          kit.Msg = "talk_invitation"
	mIvAssigned          kit.Msg = "talk_iv_assigned"
	mIvBooked            kit.Msg = "talk_iv_booked"
	mIvCancelled         kit.Msg = "talk_iv_cancelled"
	mIvProposal          kit.Msg = "talk_iv_proposal"
	mKeepPhone           kit.Msg = "talk_keep_phone"
	mKindFace            kit.Msg = "talk_kind_face"
	mKindMakeup          kit.Msg = "talk_kind_makeup"
	mKindPhone           kit.Msg = "talk_kind_phone"
	mMemberAccepted      kit.Msg = "talk_member_accepted"
	mMemberDeclined      kit.Msg = "talk_member_declined"
	mMemberMissed        kit.Msg = "talk_member_missed"
	mMemberThanks        kit.Msg = "talk_member_thanks"
	mMemberToFace        kit.Msg = "talk_member_to_face"
	mMissedOK            kit.Msg = "talk_missed_o_k"
	mMyHeader            kit.Msg = "talk_my_header"
	mMyUnreached         kit.Msg = "talk_my_unreached"
	mNoAgenda            kit.Msg = "talk_no_agenda"
	mOutcomeBooked       kit.Msg = "talk_outcome_booked"
	mChoseConfirmed      kit.Msg = "talk_chose_confirmed"
	mOutcomeProposed     kit.Msg = "talk_outcome_proposed"
	mOutcomeRecorded     kit.Msg = "talk_outcome_recorded"
	mNoPhone             kit.Msg = "talk_no_phone"
	mNoRoster            kit.Msg = "talk_no_roster"
	mNoSession           kit.Msg = "talk_no_session"
	mNoSlots             kit.Msg = "talk_no_slots"
	mNoSuchPerson        kit.Msg = "talk_no_such_person"
	mNone                kit.Msg = "talk_none"
	mNotForYou           kit.Msg = "talk_not_for_you"
	mNotOpen             kit.Msg = "talk_not_open"
	mNotScheduled        kit.Msg = "talk_not_scheduled"
	mNothingBooked       kit.Msg = "talk_nothing_booked"
	mOpenedTo            kit.Msg = "talk_opened_to"
	mOutcomeAsk          kit.Msg = "talk_outcome_ask"
	mPhoneNoted          kit.Msg = "talk_phone_noted"
	mPickSlot            kit.Msg = "talk_pick_slot"
	mPreparing           kit.Msg = "talk_preparing"
	mProposalNote        kit.Msg = "talk_proposal_note"
	mProposed            kit.Msg = "talk_proposed"
	mReminder            kit.Msg = "talk_reminder"
	mReminderMakeup      kit.Msg = "talk_reminder_makeup"
	mReopened            kit.Msg = "talk_reopened"
	mRoundClosed         kit.Msg = "talk_round_closed"
	mRosterAlready       kit.Msg = "talk_roster_already"
	mRosterAmbiguous     kit.Msg = "talk_roster_ambiguous"
	mRosterAsk           kit.Msg = "talk_roster_ask"
	mRosterBadType       kit.Msg = "talk_roster_bad_type"
	mRosterBtnConfirm    kit.Msg = "talk_roster_btn_confirm"
	mRosterBtnReupload   kit.Msg = "talk_roster_btn_reupload"
	mRosterBtnSkip       kit.Msg = "talk_roster_btn_skip"
	mRosterCancelled     kit.Msg = "talk_roster_cancelled"
	mRosterCandidate     kit.Msg = "talk_roster_candidate"
	mRosterConfirmAdd    kit.Msg = "talk_roster_confirm_add"
	mRosterConfirmOpen   kit.Msg = "talk_roster_confirm_open"
	mRosterEmpty         kit.Msg = "talk_roster_empty"
	mRosterLine          kit.Msg = "talk_roster_line"
	mRosterMatched       kit.Msg = "talk_roster_matched"
	mRosterMore          kit.Msg = "talk_roster_more"
	mRosterNoName        kit.Msg = "talk_roster_no_name"
	mRosterNobody        kit.Msg = "talk_roster_nobody"
	mRosterNotFile       kit.Msg = "talk_roster_not_file"
	mRosterPick          kit.Msg = "talk_roster_pick"
	mRosterReask         kit.Msg = "talk_roster_reask"
	mRosterSummary       kit.Msg = "talk_roster_summary"
	mRosterTooBig        kit.Msg = "talk_roster_too_big"
	mRosterTooMany       kit.Msg = "talk_roster_too_many"
	mRosterUnit          kit.Msg = "talk_roster_unit"
	mRosterUnmatched     kit.Msg = "talk_roster_unmatched"
	mRosterUnmatchedHint kit.Msg = "talk_roster_unmatched_hint"
	mRosterUnreadable    kit.Msg = "talk_roster_unreadable"
	mRosterUseButtons    kit.Msg = "talk_roster_use_buttons"
	mRosterWillOpen      kit.Msg = "talk_roster_will_open"
	mRosterAdded         kit.Msg = "talk_roster_added"
	mCoverageScope       kit.Msg = "talk_coverage_scope"
	mSessionLine         kit.Msg = "talk_session_line"
	mSlotTaken           kit.Msg = "talk_slot_taken"
	mSlotTakenLong       kit.Msg = "talk_slot_taken_long"
	mSlotsLine           kit.Msg = "talk_slots_line"
	mStatusLine          kit.Msg = "talk_status_line"
	mStatusMissed        kit.Msg = "talk_status_missed"
	mStatusPending       kit.Msg = "talk_status_pending"
	mStatusProposed      kit.Msg = "talk_status_proposed"
	mTagMakeup           kit.Msg = "talk_tag_makeup"
	mTimeAfterDeadline   kit.Msg = "talk_time_after_deadline"
	mTimePast            kit.Msg = "talk_time_past"
	mTimeTBD             kit.Msg = "talk_time_t_b_d"
	mToFaceOK            kit.Msg = "talk_to_face_o_k"
	mToday               kit.Msg = "talk_today"
	mTooLate             kit.Msg = "talk_too_late"
	mUnknown             kit.Msg = "talk_unknown"
	mUnreachedHeader     kit.Msg = "talk_unreached_header"
	mUsage               kit.Msg = "talk_usage"
	mVoiceKept           kit.Msg = "talk_voice_kept"
	mWeek                kit.Msg = "talk_week"
)

// catalog holds this feature's messages (lang → key → text).
var catalog = kit.Catalog{
	"zh": {
		mAccepted:            "已接受 %s 提议的时间 %s，已为其预约电话约谈。",
		mAlreadyBooked:       "您已登记这场面谈。",
		mAlreadyDone:         "您本轮谈话已完成，谢谢！",
		mAlreadyExcused:      "您本轮已免谈。",
		mAskPhone:            "📱 请提供接听电话约谈的号码：点下方「发送我的手机号」，或直接输入手机号（如 138 1234 5678）或带区号的固定电话（如 028-86123456）。\n/back 返回上一步 · /cancel 取消",
		mAskPhoneAgain:       "请点下方按钮发送您的手机号，或直接输入号码。",
		mAskProposal:         "请输入您方便的时间，例如「12-03 15:30」或「12月3日 15:30」。谈话人同意后生效。",
		mAskReason:           "请输入 %s 免谈的原因：",
		mAskSummary:          "📝 请输入与 %s 的谈话摘要（文字，也可先发一段语音）。摘要仅谈话人和本单位组织委员可见。",
		mAskSummaryAgain:     "请输入文字摘要，或发送语音。",
		mBadPhone:            "号码格式不对。请输入大陆手机号（1 开头 11 位，如 138 1234 5678）或带区号的固定电话（如 028-86123456）。",
		mBadTime:             "没看懂这个时间。请按「12-03 15:30」的格式输入。",
		mBooked:              "✅ 已预约「%s」%s\n时间：%s\n号码：%s\n谈话人：%s\n届时谈话人会给您打电话。开始前 %d 小时内不能再更改。",
		mBtnAccept:           "✅ 同意该时间",
		mBtnCall:             "📞 拨打电话",
		mBtnCancelBooking:    "❌ 取消预约",
		mBtnChangePhone:      "📱 换号码",
		mBtnChangeSlot:       "🕘 换时间",
		mBtnChangeTime:       "🕘 改时间",
		mBtnChart:            "📊 图表",
		mBtnDecline:          "🚫 不方便",
		mBtnDone:             "✅ 已谈（记录摘要）",
		mBtnFace:             "参加面谈",
		mBtnFaceAt:           "参加面谈 %s",
		mBtnFinish:           "完成",
		mBtnKeepPhone:        "使用这个号码",
		mBtnLedger:           "📥 台账",
		mBtnMissed:           "📵 未接通/爽约",
		mBtnNoSummary:        "✅ 已谈，不写摘要",
		mBtnOtherTime:        "其他时间…",
		mBtnPhone:            "无法参加，改为电话约谈",
		mBtnPhoneOnly:        "📞 预约电话约谈",
		mBtnRecord:           "记录：%s",
		mBtnShareContact:     "📱 发送我的手机号",
		mBtnToFace:           "改为面谈",
		mBtnToPhone:          "改为电话约谈",
		mCallText:            "📞 %s：%s（点下方名片即可拨打）",
		mCancelledBooking:    "已取消「%s」的预约。可随时重新选择：",
		mCancelledFlow:       "已取消，预约未做更改。",
		mClosedOK:            "已结束「%s」：已谈 %d / %d 人，免谈 %d 人。",
		mConfirm:             "请确认「%s」%s：\n时间：%s\n号码：%s\n谈话人：%s",
		mContactNotCN:        "这个号码不是大陆手机号或固定电话。请直接输入可接听的号码。",
		mCoverageHeader:      "🗣「%s」%s谈话覆盖 · 截至 %s",
		mCoverageLine:        "名单 %d 人 · 已谈 %d（面谈 %d / 电话 %d / 补谈 %d）· 覆盖率 %s",
		mCoverageLine2:       "已约 %d · 待谈 %d · 免谈 %d · 截止 %s",
		mCoverageUnit:        "%s：已谈 %d/%d · 已约 %d · 待谈 %d · 免谈 %d",
		mCoverageUsage:       "用法：/coverage [轮次] [页码]\n谈话轮次：\n%s",
		mDaily:               "🗓「%s」您还有 %d 人尚未谈到（截止 %s）：",
		mDailyMore:           "……另有 %d 人，发送 /mytalks 查看。",
		mDeadlineLine:        "完成时限：%s",
		mDeadlineSummary:     "⏳「%s」距谈话截止（%s）还有 3 天\n名单 %d 人 · 已谈 %d（面谈 %d / 电话 %d / 补谈 %d）\n已约 %d · 待谈 %d · 免谈 %d · 覆盖率 %s\n发送 /coverage 查看尚未谈到的人员。",
		mDeclined:            "已告知 %s 另选时间。",
		mDoneOK:              "✅ 已记录：与 %s 已谈（%s）。",
		mEntryReached:        "%s 已谈或已免谈。",
		mExcusedOK:           "已将 %s 记为「%s」免谈，原因：%s",
		mFaceBooked:          "✅ 已登记参加「%s」面谈\n时间：%s\n地点：%s\n如无法参加，可改为电话约谈。",
		mFlowGone:            "这次谈话已结束或已不需要预约。",
		mForeignContact:      "只能发送您本人的手机号。请点下方「发送我的手机号」，或直接输入号码。",
		mFullCoverage:        "🎉 已实现谈话对象全覆盖。",
		mHelpOfficial:        "/talks open|close <轮次> — 开启/结束谈心谈话\n/talks roster <轮次> — 上传名单（xlsx/csv）\n/talks excuse <轮次> <成员> <原因> — 免谈\n/coverage [轮次] — 谈话覆盖（图表、台账）\n/mytalks — 我负责的谈话",
		mHelpSupervisor:      "/mytalks — 我负责的谈话（今天、本周、尚未谈到）",
		mInvitation:          "📣 谈心谈话邀请：「%s」\n为深入了解大家的真实意愿和想法，组织上将与您一对一交心谈心。\n%s谈话人：%s\n请选择参加方式：",
		mIvAssigned:          "🗣 您是「%s」中 %d 人的谈话人。有人预约电话约谈时会通知您；发送 /mytalks 查看。",
		mIvBooked:            "📞 新的电话约谈：%s（%s）%s\n时间：%s\n轮次：「%s」\n开始前会提醒您。",
		mIvCancelled:         "ℹ️ %s 取消了 %s 的电话约谈。",
		mIvProposal:          "🕘 %s（%s）%s提议电话约谈时间：%s（「%s」）。是否方便？",
		mKeepPhone:           "或继续使用上次的号码 %s：",
		mKindFace:            "面谈",
		mKindMakeup:          "补谈",
		mKindPhone:           "电话约谈",
		mMemberAccepted:      "✅ 谈话人已同意：「%s」电话约谈时间 %s。",
		mMemberDeclined:      "谈话人不便在您提议的时间通话，请重新选择「%s」的谈话方式或时间：",
		mMemberMissed:        "📵 谈话人未能与您接通「%s」的电话约谈。请重新选择时间进行补谈：",
		mMemberThanks:        "🙏 感谢您参加「%s」交心谈心。",
		mMemberToFace:        "ℹ️ 您「%s」的谈话改为面谈：%s %s",
		mMissedOK:            "已记录未接通：%s（第 %d 次）。已请其重新预约补谈。",
		mMyHeader:            "🗣 %s 负责的谈话",
		mMyUnreached:         "「%s」尚未谈到 %d 人（截止 %s）：",
		mNoAgenda:            "今天和本周没有已约的谈话。",
		mOutcomeBooked:       "已预约",
		mChoseConfirmed:      "已确认",
		mOutcomeProposed:     "已提交时间提议，等待谈话人同意",
		mOutcomeRecorded:     "已记录",
		mNoPhone:             "此人没有留电话号码。",
		mNoRoster:            "「%s」的名单为空：所选单位和角色中没有已加入的成员。",
		mNoSession:           "没有可参加的面谈场次，请选择电话约谈。",
		mNoSlots:             "号码：%s\n谈话人暂无空闲时段。请点「其他时间…」提议一个时间。",
		mNoSuchPerson:        "「%[2]s」名单中没有 %[1]s（可用成员编号，或尚未谈到人员的姓名）。",
		mNone:                "还没有谈心谈话轮次。",
		mNotForYou:           "这次谈话不在您的名单中。",
		mNotOpen:             "谈话轮次 %s 未开启。",
		mNotScheduled:        "%s 当前没有已约的谈话。",
		mNothingBooked:       "您当前没有预约。",
		mOpenedTo:            "✅ 已开启「%s」：已向 %d 人发出谈话邀请，%d 位谈话人，截止 %s。发送 /coverage 查看进度。",
		mOutcomeAsk:          "📋 %s 的电话约谈（%s，「%s」）结果如何？",
		mPhoneNoted:          "号码已记下：%s",
		mPickSlot:            "号码：%s\n请选择通话时段（谈话人提供）：",
		mPreparing:           "正在生成…",
		mProposalNote:        "（这是您提议的时间，需谈话人同意后生效。）",
		mProposed:            "🕘 已提交「%s」的时间提议：%s\n号码：%s\n谈话人：%s\n谈话人同意后会通知您。",
		mReminder:            "⏰ %d 分钟后电话约谈：%s（%s）\n时间：%s\n号码：%s\n轮次：「%s」%s\n点下方名片即可拨打。",
		mReminderMakeup:      "\n备注：此前 %d 次未接通，本次为补谈。",
		mReopened:            "「%s」已在进行中：向新加入的 %d 人补发了邀请。",
		mRoundClosed:         "「%s」已结束。",
		mRosterAdded:         "✅ 已将 %d 人加入「%s」并发出谈话邀请（%d 位谈话人）。发送 /coverage 查看进度。",
		mRosterAlready:       "（其中 %d 人已在名单中）",
		mRosterAmbiguous:     "❓ 同名待确认 %d 个：%s",
		mRosterAsk:           "📎 请发送「%s」的名单文件（.xlsx 或 .csv，不超过 2 MB）。\n第一行为表头：「姓名」列（或第一列）为姓名，可选「单位」「电话」列。姓名将与您所辖单位中已加入的成员匹配。\n%s/cancel 取消",
		mRosterBadType:       "「%s」不是 .xlsx 或 .csv 文件。请在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后重新发送。",
		mRosterBtnConfirm:    "✅ 确认加入",
		mRosterBtnReupload:   "📎 重新上传",
		mRosterBtnSkip:       "跳过此人",
		mRosterCancelled:     "已取消，名单未做更改。",
		mRosterCandidate:     "%s · %s · 编号 %d",
		mRosterConfirmAdd:    "将把 %d 人加入「%s」并向其发出谈话邀请。",
		mRosterConfirmOpen:   "将以这 %d 人为名单开启「%s」并发出谈话邀请（截止 %s）。",
		mRosterEmpty:         "「%s」里没有找到姓名。请检查文件内容后重新发送。",
		mRosterLine:          "%s（第 %d 行）",
		mRosterMatched:       "✅ 匹配 %d 人",
		mRosterMore:          " 等 %d 个",
		mRosterNoName:        "「%s」中找不到姓名列。请在第一行加上「姓名」表头（或把姓名放在第一列）后重新发送。",
		mRosterNobody:        "没有可加入的人员。可核对后重新发送名单文件，或 /cancel 取消。",
		mRosterNotFile:       "请把名单作为文件（.xlsx 或 .csv）发送。/cancel 取消",
		mRosterPick:          "❓ 第 %d 行「%s」%s对应哪一位？",
		mRosterReask:         "请重新发送名单文件（.xlsx 或 .csv）。/cancel 取消",
		mRosterSummary:       "📋 名单「%s」共 %d 个姓名，与「%s」的匹配结果：",
		mRosterTooBig:        "「%s」超过 %d MB。请删去多余的列或工作表后重新发送。",
		mRosterTooMany:       "「%s」超过 %d 个姓名，请分批上传。",
		mRosterUnit:          "（单位：%s）",
		mRosterUnmatched:     "⚠️ 未匹配 %d 个：%s",
		mRosterUnmatchedHint: "未匹配的可能尚未加入、姓名有误或不在您所辖单位；核对后可重新上传。",
		mRosterUnreadable:    "抱歉，无法读取「%s」。请确认文件没有加密或损坏，或另存为 .csv 后重新发送。",
		mRosterUseButtons:    "请先点上方按钮完成本次名单；如需换文件，点「📎 重新上传」。",
		mRosterWillOpen:      "本轮尚未开启：确认后将以名单上的人员开启。\n",
		mCoverageScope:       "范围：%s及下级单位",
		mSessionLine:         "面谈：%s · %s",
		mSlotTaken:           "该时段刚被别人约了，请另选。",
		mSlotTakenLong:       "抱歉，该时段刚被别人约了。请另选一个时段：",
		mSlotsLine:           "电话约谈时段：%s 至 %s",
		mStatusLine:          "🗣「%s」[%s] 已谈 %d/%d（覆盖率 %s）· 已约 %d · 待谈 %d",
		mStatusMissed:        "未接通 %d 次，待补谈",
		mStatusPending:       "待谈",
		mStatusProposed:      "提议 %s，待确认",
		mTagMakeup:           "【补谈】",
		mTimeAfterDeadline:   "该时间晚于谈话截止时间（%s），请提前。",
		mTimePast:            "请提议至少 30 分钟之后的时间。",
		mTimeTBD:             "时间待定",
		mToFaceOK:            "已将 %s 改为面谈：%s。",
		mToday:               "今天：",
		mTooLate:             "距谈话开始已不足 %d 分钟，不能再更改。如有变动请直接联系谈话人。",
		mUnknown:             "没有谈话轮次 %s。\n谈话轮次：\n%s",
		mUnreachedHeader:     "尚未谈到 %d 人（第 %d/%d 页）：",
		mUsage:               "用法：\n/talks open <轮次> — 开启并发出谈话邀请\n/talks close <轮次> — 结束\n/talks roster <轮次> — 上传名单文件（xlsx/csv，按姓名匹配成员）\n/talks excuse <轮次> <成员编号或姓名> <原因> — 免谈\n谈话轮次：\n%s",
		mVoiceKept:           "🎙 语音已保存。可再输入文字摘要，或点「完成」。",
		mWeek:                "本周：",
	},
	"en": {
		mAccepted:            "Accepted the time %[2]s proposed by %[1]s; the phone talk is booked.",
		mAlreadyBooked:       "You are already registered for this session.",
		mAlreadyDone:         "Your talk of this round is done, thank you!",
		mAlreadyExcused:      "You are excused from this round.",
		mAskPhone:            "📱 Which number should the interviewer call? Tap “Share my number” below, or type a mobile (e.g. 138 1234 5678) or a landline with its area code (e.g. 028-86123456).\n/back goes back · /cancel stops",
		mAskPhoneAgain:       "Tap the button below to share your number, or type it.",
		mAskProposal:         "Type a time that suits you, e.g. “12-03 15:30”. It takes effect once the interviewer accepts it.",
		mAskReason:           "Type the reason why %s is excused:",
		mAskSummary:          "📝 Type a short summary of the talk with %s (text; you may send a voice note first). Only the interviewer and the unit's officials see it.",
		mAskSummaryAgain:     "Please type the summary, or send a voice note.",
		mBadPhone:            "That is not a valid number. Type a mainland mobile (11 digits starting with 1, e.g. 138 1234 5678) or a landline with its area code (e.g. 028-86123456).",
		mBadTime:             "I could not read that time. Please write it like “12-03 15:30”.",
		mBooked:              "✅ Booked: “%s” %s\nTime: %s\nNumber: %s\nInterviewer: %s\nThe interviewer will call you. Changes are possible until %d hours before.",
		mBtnAccept:           "✅ Accept this time",
		mBtnCall:             "📞 Call",
		mBtnCancelBooking:    "❌ Cancel booking",
		mBtnChangePhone:      "📱 Other number",
		mBtnChangeSlot:       "🕘 Other time",
		mBtnChangeTime:       "🕘 Change time",
		mBtnChart:            "📊 Chart",
		mBtnDecline:          "🚫 Not possible",
		mBtnDone:             "✅ Talked (record summary)",
		mBtnFace:             "Attend in person",
		mBtnFaceAt:           "Attend in person %s",
		mBtnFinish:           "Done",
		mBtnKeepPhone:        "Use this number",
		mBtnLedger:           "📥 Ledger",
		mBtnMissed:           "📵 No answer / no-show",
		mBtnNoSummary:        "✅ Talked, no summary",
		mBtnOtherTime:        "Another time…",
		mBtnPhone:            "Can't attend: phone talk instead",
		mBtnPhoneOnly:        "📞 Book a phone talk",
		mBtnRecord:           "Record: %s",
		mBtnShareContact:     "📱 Share my number",
		mBtnToFace:           "Switch to in person",
		mBtnToPhone:          "Switch to a phone talk",
		mCallText:            "📞 %s: %s (tap the card below to call)",
		mCancelledBooking:    "Your booking for “%s” is cancelled. You can choose again:",
		mCancelledFlow:       "Stopped; nothing was changed.",
		mClosedOK:            "“%s” closed: %d of %d talked with, %d excused.",
		mConfirm:             "Please confirm “%s” %s:\nTime: %s\nNumber: %s\nInterviewer: %s",
		mContactNotCN:        "That number is not a mainland mobile or landline. Please type a number you can answer.",
		mCoverageHeader:      "🗣 “%s”%s coverage · as of %s",
		mCoverageLine:        "Roster %d · talked %d (in person %d / phone %d / make-up %d) · coverage %s",
		mCoverageLine2:       "scheduled %d · not yet reached %d · excused %d · deadline %s",
		mCoverageUnit:        "%s: talked %d/%d · scheduled %d · waiting %d · excused %d",
		mCoverageUsage:       "Usage: /coverage [round] [page]\nRounds:\n%s",
		mDaily:               "🗓 “%s”: %d of your people not yet reached (deadline %s):",
		mDailyMore:           "…and %d more; send /mytalks.",
		mDeadlineLine:        "Deadline: %s",
		mDeadlineSummary:     "⏳ “%s”: 3 days to the deadline (%s)\nRoster %d · talked %d (in person %d / phone %d / make-up %d)\nscheduled %d · waiting %d · excused %d · coverage %s\nSend /coverage for who is not yet reached.",
		mDeclined:            "%s was asked to choose another time.",
		mDoneOK:              "✅ Recorded: talked with %s (%s).",
		mEntryReached:        "%s was already talked with or excused.",
		mExcusedOK:           "%s is excused from “%s”: %s",
		mFaceBooked:          "✅ You are registered for “%s” in person\nTime: %s\nPlace: %s\nIf you cannot come, switch to a phone talk.",
		mFlowGone:            "This talk is over or needs no booking any more.",
		mForeignContact:      "Only your own number, please: tap “Share my number” below, or type it.",
		mFullCoverage:        "🎉 Everyone on the roster has been reached.",
		mHelpOfficial:        "/talks open|close <round> — open/close a talk round\n/talks roster <round> — upload a roster (xlsx/csv)\n/talks excuse <round> <member> <reason> — excuse\n/coverage [round] — coverage (chart, ledger)\n/mytalks — talks assigned to me",
		mHelpSupervisor:      "/mytalks — talks assigned to me (today, this week, not yet reached)",
		mInvitation:          "📣 Invitation to a one-to-one talk: “%s”\n%sInterviewer: %s\nHow will you take part?",
		mIvAssigned:          "🗣 You interview %[2]d people in “%[1]s”. You will be told when someone books a phone talk; see /mytalks.",
		mIvBooked:            "📞 New phone talk: %s (%s) %s\nTime: %s\nRound: “%s”\nYou will be reminded before it.",
		mIvCancelled:         "ℹ️ %s cancelled the phone talk of %s.",
		mIvProposal:          "🕘 %s (%s) %s proposes a phone talk at %s (“%s”). Does it suit you?",
		mKeepPhone:           "Or keep the number you gave before, %s:",
		mKindFace:            "in person",
		mKindMakeup:          "make-up talk",
		mKindPhone:           "phone talk",
		mMemberAccepted:      "✅ The interviewer accepted: “%s” phone talk at %s.",
		mMemberDeclined:      "The interviewer cannot make the time you proposed; please choose again for “%s”:",
		mMemberMissed:        "📵 The interviewer could not reach you for “%s”. Please choose a new time for a make-up talk:",
		mMemberThanks:        "🙏 Thank you for your talk in “%s”.",
		mMemberToFace:        "ℹ️ Your talk in “%s” is now in person: %s %s",
		mMissedOK:            "Recorded no answer: %s (%d time(s)). They were asked to book a make-up talk.",
		mMyHeader:            "🗣 Talks of %s",
		mMyUnreached:         "“%s”: %d not yet reached (deadline %s):",
		mNoAgenda:            "No talks booked today or this week.",
		mOutcomeBooked:       "Booked",
		mChoseConfirmed:      "Confirmed",
		mOutcomeProposed:     "Time proposed; waiting for the interviewer",
		mOutcomeRecorded:     "Recorded",
		mNoPhone:             "No number was given.",
		mNoRoster:            "“%s” has an empty roster: nobody of those units and roles has joined.",
		mNoSession:           "No in-person session is left; please book a phone talk.",
		mNoSlots:             "Number: %s\nThe interviewer has no free slot; tap “Another time…” to propose one.",
		mNoSuchPerson:        "“%[2]s” has nobody %[1]s on its roster (use the user id, or the name of someone not yet reached).",
		mNone:                "No talk rounds yet.",
		mNotForYou:           "This talk round is not for you.",
		mNotOpen:             "Talk round %s is not open.",
		mNotScheduled:        "%s has no booked talk.",
		mNothingBooked:       "You have no booking.",
		mOpenedTo:            "✅ “%s” opened: %d people invited, %d interviewers, deadline %s. Send /coverage for progress.",
		mOutcomeAsk:          "📋 How did the phone talk with %s go (%s, “%s”)?",
		mPhoneNoted:          "Number noted: %s",
		mPickSlot:            "Number: %s\nChoose a time (offered by your interviewer):",
		mPreparing:           "Preparing…",
		mProposalNote:        "(Your proposal: it takes effect once the interviewer accepts.)",
		mProposed:            "🕘 Proposal sent for “%s”: %s\nNumber: %s\nInterviewer: %s\nYou will be told when it is accepted.",
		mReminder:            "⏰ Phone talk in %d minutes: %s (%s)\nTime: %s\nNumber: %s\nRound: “%s”%s\nTap the card below to call.",
		mReminderMakeup:      "\nNote: %d earlier attempt(s) failed; this is a make-up talk.",
		mReopened:            "“%s” is already open: %d newcomers invited.",
		mRoundClosed:         "“%s” is closed.",
		mRosterAdded:         "✅ Added %d people to “%s” and invited them (%d interviewers). Send /coverage to follow progress.",
		mRosterAlready:       " (%d already on the roster)",
		mRosterAmbiguous:     "❓ Shared by several members, %d: %s",
		mRosterAsk:           "📎 Send the roster file of “%s” (.xlsx or .csv, at most 2 MB).\nThe first row is a header: the “姓名” (name) column, or the first column, holds the names; “单位” (unit) and “电话” (phone) are optional. Names are matched to the members who joined in your units.\n%s/cancel stops",
		mRosterBadType:       "“%s” is not an .xlsx or .csv file. Please save it as .xlsx or .csv and send it again.",
		mRosterBtnConfirm:    "✅ Add them",
		mRosterBtnReupload:   "📎 Upload again",
		mRosterBtnSkip:       "Skip this name",
		mRosterCancelled:     "Cancelled; the roster is unchanged.",
		mRosterCandidate:     "%s · %s · id %d",
		mRosterConfirmAdd:    "%d people will be added to “%s” and invited.",
		mRosterConfirmOpen:   "“%[2]s” will be opened with these %[1]d people as its roster (deadline %[3]s).",
		mRosterEmpty:         "No names found in “%s”. Please check the file and send it again.",
		mRosterLine:          "%s (row %d)",
		mRosterMatched:       "✅ Matched %d",
		mRosterMore:          " and %d more",
		mRosterNoName:        "“%s” has no name column. Please put a “姓名” header in the first row (or the names in the first column) and send it again.",
		mRosterNobody:        "Nobody to add. Check the list and send the file again, or /cancel.",
		mRosterNotFile:       "Please send the roster as a file (.xlsx or .csv). /cancel stops",
		mRosterPick:          "❓ Row %d, “%s”%s: which member is it?",
		mRosterReask:         "Please send the roster file again (.xlsx or .csv). /cancel stops",
		mRosterSummary:       "📋 “%s”: %d names, matched for “%s”:",
		mRosterTooBig:        "“%s” is over %d MB. Please remove extra columns or sheets and send it again.",
		mRosterTooMany:       "“%s” has more than %d names; please upload it in parts.",
		mRosterUnit:          " (unit: %s)",
		mRosterUnmatched:     "⚠️ Not matched, %d: %s",
		mRosterUnmatchedHint: "Unmatched names may not have joined yet, be misspelt, or be outside your units; check them and upload again.",
		mRosterUnreadable:    "Sorry, “%s” could not be read. Make sure it is not encrypted or damaged, or save it as .csv and send it again.",
		mRosterUseButtons:    "Please finish this list with the buttons above first; to use another file tap “📎 Upload again”.",
		mRosterWillOpen:      "This round is not open yet: confirming opens it with the people of the list.\n",
		mCoverageScope:       "Scope: %s and its sub-units",
		mSessionLine:         "In person: %s · %s",
		mSlotTaken:           "That slot was just taken; please pick another.",
		mSlotTakenLong:       "Sorry, that slot was just taken. Please pick another:",
		mSlotsLine:           "Phone slots: %s to %s",
		mStatusLine:          "🗣 “%s” [%s] talked %d/%d (coverage %s) · scheduled %d · waiting %d",
		mStatusMissed:        "missed %d time(s), make-up due",
		mStatusPending:       "not yet scheduled",
		mStatusProposed:      "proposed %s, awaiting the interviewer",
		mTagMakeup:           "[make-up]",
		mTimeAfterDeadline:   "That is after the deadline (%s); please choose an earlier time.",
		mTimePast:            "Please propose a time at least 30 minutes from now.",
		mTimeTBD:             "time to be set",
		mToFaceOK:            "%s switched to in person: %s.",
		mToday:               "Today:",
		mTooLate:             "The talk starts in less than %d minutes; it can no longer be changed. Please contact your interviewer.",
		mUnknown:             "No talk round %s.\nRounds:\n%s",
		mUnreachedHeader:     "Not yet reached: %d (page %d/%d):",
		mUsage:               "Usage:\n/talks open <round> — open and invite\n/talks close <round> — close\n/talks roster <round> — upload a roster file (xlsx/csv, names matched to members)\n/talks excuse <round> <user id or name> <reason> — excuse\nRounds:\n%s",
		mVoiceKept:           "🎙 Voice note kept. Type a summary too, or tap “Done”.",
		mWeek:                "This week:",
	},
}
