package flows

const (
	mpOwnerUp           msg = "pr_owner_up"
	mpOwnerDown         msg = "pr_owner_down"
	mpCard              msg = "pr_card"
	mpCardSource        msg = "pr_card_source"
	mpPromiseUsage      msg = "pr_promise_usage"
	mpNoUpper           msg = "pr_no_upper"
	mpAtMax             msg = "pr_at_max"
	mpIntro             msg = "pr_intro"
	mpReturnedHint      msg = "pr_returned_hint"
	mpAskContent        msg = "pr_ask_content"
	mpAskMeasures       msg = "pr_ask_measures"
	mpAskDeadline       msg = "pr_ask_deadline"
	mpDateHint          msg = "pr_date_hint"
	mpWeekHeader        msg = "pr_week_header"
	mpAskSource         msg = "pr_ask_source"
	mpBtnSkip           msg = "pr_btn_skip"
	mpSummary           msg = "pr_summary"
	mpMeasuresLabel     msg = "pr_measures_label"
	mpDeadlineLabel     msg = "pr_deadline_label"
	mpSummaryHint       msg = "pr_summary_hint"
	mpBtnAdd            msg = "pr_btn_add"
	mpBtnSubmit         msg = "pr_btn_submit"
	mpBtnDelLast        msg = "pr_btn_del_last"
	mpTextOnly          msg = "pr_text_only"
	mpTextLength        msg = "pr_text_length"
	mpTooMany           msg = "pr_too_many"
	mpTooFew            msg = "pr_too_few"
	mpSubmittedEdit     msg = "pr_submitted_edit"
	mpSubmitted         msg = "pr_submitted"
	mpReviewPush        msg = "pr_review_push"
	mpBtnApprove        msg = "pr_btn_approve"
	mpBtnReturn         msg = "pr_btn_return"
	mpNotYours          msg = "pr_not_yours"
	mpAlreadyHandled    msg = "pr_already_handled"
	mpEditMenu          msg = "pr_edit_menu"
	mpReturnComment     msg = "pr_return_comment"
	mpBtnEditContent    msg = "pr_btn_edit_content"
	mpBtnEditMeasures   msg = "pr_btn_edit_measures"
	mpBtnEditDeadline   msg = "pr_btn_edit_deadline"
	mpBtnResubmit       msg = "pr_btn_resubmit"
	mpBtnCancel         msg = "pr_btn_cancel"
	mpResubmitted       msg = "pr_resubmitted"
	mpApprovedBy        msg = "pr_approved_by"
	mpApprovedNext      msg = "pr_approved_next"
	mpApprovedOwner     msg = "pr_approved_owner"
	mpPublicNotice      msg = "pr_public_notice"
	mpApprovedFinal     msg = "pr_approved_final"
	mpPublished         msg = "pr_published"
	mpAskReturn         msg = "pr_ask_return"
	mpReturnedOwner     msg = "pr_returned_owner"
	mpBtnEditResubmit   msg = "pr_btn_edit_resubmit"
	mpReturnedDone      msg = "pr_returned_done"
	mpReviewNone        msg = "pr_review_none"
	mpReviewList        msg = "pr_review_list"
	mpReviewMore        msg = "pr_review_more"
	mpNoActive          msg = "pr_no_active"
	mpPickItem          msg = "pr_pick_item"
	mpNotActive         msg = "pr_not_active"
	mpAskProgress       msg = "pr_ask_progress"
	mpAskDone           msg = "pr_ask_done"
	mpEvidenceKinds     msg = "pr_evidence_kinds"
	mpEvidenceGot       msg = "pr_evidence_got"
	mpEvidenceFile      msg = "pr_evidence_file"
	mpAskPercent        msg = "pr_ask_percent"
	mpBtnNoPercent      msg = "pr_btn_no_percent"
	mpConfirmDone       msg = "pr_confirm_done"
	mpBtnConfirmDone    msg = "pr_btn_confirm_done"
	mpProgressSaved     msg = "pr_progress_saved"
	mpDoneSupervisor    msg = "pr_done_supervisor"
	mpEvidenceCaption   msg = "pr_evidence_caption"
	mpDoneSaved         msg = "pr_done_saved"
	mpUrgeNone          msg = "pr_urge_none"
	mpUrgePick          msg = "pr_urge_pick"
	mpAskUrge           msg = "pr_ask_urge"
	mpUrgeOwner         msg = "pr_urge_owner"
	mpUrgeSent          msg = "pr_urge_sent"
	mpBtnProgress       msg = "pr_btn_progress"
	mpBtnExtend         msg = "pr_btn_extend"
	mpBtnDone           msg = "pr_btn_done"
	mpBtnUrge           msg = "pr_btn_urge"
	mpExtPending        msg = "pr_ext_pending"
	mpAskExtendDate     msg = "pr_ask_extend_date"
	mpAskRectifyDate    msg = "pr_ask_rectify_date"
	mpExtNotLater       msg = "pr_ext_not_later"
	mpAskExtendReason   msg = "pr_ask_extend_reason"
	mpExtSupervisor     msg = "pr_ext_supervisor"
	mpBtnExtYes         msg = "pr_btn_ext_yes"
	mpBtnExtNo          msg = "pr_btn_ext_no"
	mpExtSent           msg = "pr_ext_sent"
	mpExtApprovedOwner  msg = "pr_ext_approved_owner"
	mpExtApproved       msg = "pr_ext_approved"
	mpExtRejectedOwner  msg = "pr_ext_rejected_owner"
	mpExtRejected       msg = "pr_ext_rejected"
	mpRectifyOwner      msg = "pr_rectify_owner"
	mpRectifySet        msg = "pr_rectify_set"
	mpOverdueNone       msg = "pr_overdue_none"
	mpOverdueHeader     msg = "pr_overdue_header"
	mpOverdueMore       msg = "pr_overdue_more"
	mpRectifyTag        msg = "pr_rectify_tag"
	mpOverdueDays       msg = "pr_overdue_days"
	mpOverdueHint       msg = "pr_overdue_hint"
	mpOverdueHintRead   msg = "pr_overdue_hint_read"
	mpNotYourUnit       msg = "pr_not_your_unit"
	mpLedgerHeader      msg = "pr_ledger_header"
	mpOverdueLabel      msg = "pr_overdue_label"
	mpStatusNone        msg = "pr_status_none"
	mpStatusLine        msg = "pr_status_line"
	mpEvalUsage         msg = "pr_eval_usage"
	mpEvalAlreadyOpen   msg = "pr_eval_already_open"
	mpEvalNotOpen       msg = "pr_eval_not_open"
	mpEvalNoItems       msg = "pr_eval_no_items"
	mpEvalOwnerPush     msg = "pr_eval_owner_push"
	mpBtnReport         msg = "pr_btn_report"
	mpEvalGraderPush    msg = "pr_eval_grader_push"
	mpBtnGrade          msg = "pr_btn_grade"
	mpEvalVoterPush     msg = "pr_eval_voter_push"
	mpBtnVote           msg = "pr_btn_vote"
	mpEvalOpened        msg = "pr_eval_opened"
	mpEvalClosedNow     msg = "pr_eval_closed_now"
	mpEvalDone          msg = "pr_eval_done"
	mpEvalItemHead      msg = "pr_eval_item_head"
	mpEvalPercent       msg = "pr_eval_percent"
	mpAskReport         msg = "pr_ask_report"
	mpEvalSelf          msg = "pr_eval_self"
	mpAskGrade          msg = "pr_ask_grade"
	mpAskVote           msg = "pr_ask_vote"
	mpBtnSatisfied      msg = "pr_btn_satisfied"
	mpBtnUnsatisfied    msg = "pr_btn_unsatisfied"
	mpEvalTally         msg = "pr_eval_tally"
	mpClosedOwner       msg = "pr_closed_owner"
	mpGradedOwner       msg = "pr_graded_owner"
	mpRectifySupervisor msg = "pr_rectify_supervisor"
	mpBtnRectifyDate    msg = "pr_btn_rectify_date"
	mpEvalPublic        msg = "pr_eval_public"
	mpEvalClosed        msg = "pr_eval_closed"
	mpRemindBefore      msg = "pr_remind_before"
	mpRemindToday       msg = "pr_remind_today"
	mpRemindOverdue     msg = "pr_remind_overdue"
	mpRectifyTagPush    msg = "pr_rectify_tag_push"
	mpOwnerBlocked      msg = "pr_owner_blocked"
	mpRemindSupervisor  msg = "pr_remind_supervisor"
	mpDigestHeader      msg = "pr_digest_header"
	mpDigestOverdue     msg = "pr_digest_overdue"
	mpDigestSoon        msg = "pr_digest_soon"
	mpDigestDays        msg = "pr_digest_days"
	mpDigestHint        msg = "pr_digest_hint"
	mpHelpMember        msg = "pr_help_member"
	mpHelpSupervisor    msg = "pr_help_supervisor"
	mpHelpOfficial      msg = "pr_help_official"
	mpHelpMonitor       msg = "pr_help_monitor"
	mpEvalOpinions      msg = "pr_eval_opinions"
	// A round's satisfaction questionnaire (满意度测评).
	mpEvalUsageSurvey   msg = "pr_eval_usage_survey"
	mpEvalSurveyUnknown msg = "pr_eval_survey_unknown"
	mpEvalSurveyNone    msg = "pr_eval_survey_none"
	mpEvalOpenedSurvey  msg = "pr_eval_opened_survey"
	mpEvalSurveyPush    msg = "pr_eval_survey_push"
	mpEvalVoteBySurvey  msg = "pr_eval_vote_by_survey"
	mpEvalSurveyFor     msg = "pr_eval_survey_for"
	mpEvalSurveyDone    msg = "pr_eval_survey_done"
	mpEvalSatNone       msg = "pr_eval_sat_none"
	mpEvalSatFigure     msg = "pr_eval_sat_figure"
	mpEvalSatSmall      msg = "pr_eval_sat_small"
	mpEvalSatOne        msg = "pr_eval_sat_one"
	mpEvalSatMost       msg = "pr_eval_sat_most"
	mpEvalSatMostNot    msg = "pr_eval_sat_most_not"
	mpEvalSatSplit      msg = "pr_eval_sat_split"
	mpEvalTallySurvey   msg = "pr_eval_tally_survey"
	mpDateBad           msg = "pr_date_bad"
	mpDatePast          msg = "pr_date_past"
	mpDateFar           msg = "pr_date_far"
	mpDateConfirm       msg = "pr_date_confirm"
	mpBtnConfirm        msg = "pr_btn_confirm"
	mpBtnRepick         msg = "pr_btn_repick"
)

// promiseCatalog holds this feature's messages (lang → key → text). The
// terms are the seed's: 定审履评, 台帐, 履诺记实, 督办, 好/较好/一般/差, 销号,
// 限期整改, 述诺, 公示.
func promiseCatalog() map[string]map[msg]string {
	return map[string]map[msg]string{
		"zh": {
			mpOwnerUp:                       "%s（向上级党组织承诺）",
			mpOwnerDown:                     "%s（向党员承诺）",
			mpCard:                          "承诺人：%s\n承诺事项：%s\n落实措施：%s\n完成时限：%s",
			mpCardSource:                    "意见来源：%s",
			"pr_st_review":                  "待审核",
			"pr_st_returned":                "已退回",
			"pr_st_active":                  "履诺中",
			"pr_st_fulfilled":               "已完成（待评）",
			"pr_st_graded":                  "已评议",
			"pr_st_rectify":                 "限期整改",
			"pr_st_closed":                  "已销号",
			mpPromiseUsage:                  "/promise — 申报个人公开承诺；书记可用 /promise up（本单位向上级党组织承诺）或 /promise down（本单位向党员承诺）。",
			mpNoUpper:                       "「%s」没有上级党组织，无法报审。",
			mpAtMax:                         "本期已申报 %d 项承诺（上限 %d 项），不能再增加。",
			mpIntro:                         "📝 公开承诺 · 定\n承诺人：%s · %s 年度\n每期 %d–%d 项（已申报 %d 项）。逐项填写承诺内容、落实措施和完成时限；随时 /back 返回上一步，/cancel 退出。",
			mpReturnedHint:                  "另有 %d 项被退回，请在退回通知中点【修改并重新提交】：",
			mpAskContent:                    "第 %d 项 · 请发送承诺内容（为群众办的实事好事，200 字以内）：",
			mpAskMeasures:                   "第 %d 项 · 请发送落实措施（300 字以内）：",
			mpAskDeadline:                   "第 %d 项 · 完成时限：",
			mpDateHint:                      "可直接输入日期（如 2026-12-31、12月31日、下周五、明天），或在日历中选择：",
			mpWeekHeader:                    "一 二 三 四 五 六 日",
			mpAskSource:                     "第 %d 项 · 意见来源（可选）：请选择，或直接输入：",
			mpBtnSkip:                       "跳过",
			mpSummary:                       "已填写 %d 项承诺：",
			mpMeasuresLabel:                 "措施：%s",
			mpDeadlineLabel:                 "时限：%s",
			mpSummaryHint:                   "每期需 %d–%d 项。可继续添加，或提交审核。",
			mpBtnAdd:                        "➕ 再加一项",
			mpBtnSubmit:                     "✅ 提交审核",
			mpBtnDelLast:                    "🗑 删除最后一项",
			mpTextOnly:                      "请发送文字。",
			mpTextLength:                    "内容应为 2–%d 个字，请重新发送。",
			mpTooMany:                       "每期最多 %d 项承诺。",
			mpTooFew:                        "每期至少 %d 项承诺，目前只有 %d 项，请再添加。",
			mpSubmittedEdit:                 "已提交 %d 项承诺。",
			mpSubmitted:                     "✅ 已提交 %d 项承诺，等待审核（审）。审核结果会通知您；通过后在本单位公示并进入台帐。",
			mpReviewPush:                    "【承诺审核 · 第 %d 级 · %s】",
			mpBtnApprove:                    "✅ 通过",
			mpBtnReturn:                     "↩️ 退回",
			mpNotYours:                      "这不是您的承诺事项。",
			mpAlreadyHandled:                "该事项已处理或状态已变化。",
			mpEditMenu:                      "修改被退回的承诺：\n承诺事项：%s\n落实措施：%s\n完成时限：%s",
			mpReturnComment:                 "退回意见：%s",
			mpBtnEditContent:                "改内容",
			mpBtnEditMeasures:               "改措施",
			mpBtnEditDeadline:               "改时限",
			mpBtnResubmit:                   "✅ 重新提交",
			mpBtnCancel:                     "取消",
			mpResubmitted:                   "已重新提交「%s」，等待审核。",
			mpApprovedBy:                    "第 %d 级审核通过（%s）",
			mpApprovedNext:                  "✅ 第 %d 级已通过，转「%s」审核。",
			mpApprovedOwner:                 "🎉 您的承诺「%s」已审核通过并公示，请按期履诺（时限 %s）。可用 /progress 记录履诺进展。",
			mpPublicNotice:                  "【公开承诺公示 · %s】",
			mpApprovedFinal:                 "✅ 已审核通过，进入台帐。",
			mpPublished:                     "已在本单位群公示。",
			mpAskReturn:                     "请输入退回「%s」的意见（将发给承诺人修改）：",
			mpReturnedOwner:                 "↩️ %s 退回了您的承诺「%s」：\n%s\n请修改后重新提交。",
			mpBtnEditResubmit:               "✏️ 修改并重新提交",
			mpReturnedDone:                  "已退回「%s」，意见已发给承诺人。",
			mpReviewNone:                    "没有待您审核的承诺事项。",
			mpReviewList:                    "待您审核的承诺事项共 %d 项：",
			mpReviewMore:                    "……另有 %d 项，处理后再发送 /review 查看。",
			mpNoActive:                      "您没有履诺中的承诺事项。",
			mpPickItem:                      "请选择承诺事项：",
			mpNotActive:                     "该事项当前状态为「%s」，不能进行此操作。",
			mpAskProgress:                   "履诺记实 ·「%s」（时限 %s）\n请发送履诺进展（文字），可附照片或文件作为佐证：",
			mpAskDone:                       "报告完成 ·「%s」（时限 %s）\n请发送完成情况说明，并附照片或文件作为佐证：",
			mpEvidenceKinds:                 "请发送文字、照片或文件。",
			mpEvidenceGot:                   "已收到：\n%s",
			mpEvidenceFile:                  "📎 已附佐证材料。",
			mpAskPercent:                    "可继续发送照片/文件补充佐证。完成进度约为：",
			mpBtnNoPercent:                  "不填进度，保存",
			mpConfirmDone:                   "可继续发送照片/文件补充佐证。确认该事项已完成？",
			mpBtnConfirmDone:                "✅ 确认已完成",
			mpProgressSaved:                 "✅ 已记录「%s」的履诺记实。",
			mpDoneSupervisor:                "✅ %s 报告承诺「%s」已完成：\n%s",
			mpEvidenceCaption:               "「%s」的佐证材料",
			mpDoneSaved:                     "✅ 已报告「%s」完成，等待考核评价（评）。",
			mpUrgeNone:                      "所辖范围内暂无逾期或三天内到期的承诺事项。",
			mpUrgePick:                      "选择要督办的承诺事项（逾期及三天内到期）：",
			mpAskUrge:                       "督办 · %s 的「%s」（时限 %s）\n请输入督办意见：",
			mpUrgeOwner:                     "📌【督办】%s：%s\n事项：「%s」（时限 %s）",
			mpUrgeSent:                      "督办意见已发给 %s。",
			mpBtnProgress:                   "📝 汇报进展",
			mpBtnExtend:                     "⏳ 申请延期",
			mpBtnDone:                       "✅ 已完成",
			mpBtnUrge:                       "📌 督办",
			mpExtPending:                    "已有延期申请等待审批。",
			mpAskExtendDate:                 "申请延期 ·「%s」（原定 %s）\n请选择新的完成时限：",
			mpAskRectifyDate:                "设定「%s」的整改期限：",
			mpExtNotLater:                   "新的时限须晚于原定的 %s。",
			mpAskExtendReason:               "新的时限：%s。请说明延期理由：",
			mpExtSupervisor:                 "⏳ %s 申请延期：「%s」\n原定 %s → 申请 %s\n理由：%s",
			mpBtnExtYes:                     "同意延期",
			mpBtnExtNo:                      "不同意",
			mpExtSent:                       "延期申请（至 %s）已提交审批。",
			mpExtApprovedOwner:              "✅「%s」的延期申请已同意：%s → %s。",
			mpExtApproved:                   "✅ 已同意延期至 %s。",
			mpExtRejectedOwner:              "❌「%s」的延期申请未获同意，请按原定时限 %s 完成。",
			mpExtRejected:                   "❌ 已不同意延期。",
			mpRectifyOwner:                  "⚠️「%s」考核评价：%s。责令限期整改，整改期限 %s。",
			mpRectifySet:                    "已将「%s」的整改期限设为 %s。",
			mpOverdueNone:                   "「%s」暂无逾期承诺事项。",
			mpOverdueHeader:                 "「%s」逾期承诺事项 %d 项（最早到期在前）：",
			mpOverdueMore:                   "……另有 %d 项",
			mpRectifyTag:                    "〔整改〕",
			mpOverdueDays:                   "时限 %s，逾期 %d 天",
			mpOverdueHint:                   "用 /urge 督办，/ledger 导出台帐。",
			mpOverdueHintRead:               "用 /ledger 导出台帐。",
			mpNotYourUnit:                   "只能查看「%s」及其下级单位。",
			mpLedgerHeader:                  "「%s」公开承诺台帐：共 %d 项",
			mpOverdueLabel:                  "其中逾期",
			mpStatusNone:                    "公开承诺：暂无申报。",
			mpStatusLine:                    "公开承诺：已申报 %d · 已通过 %d · 已履诺 %d · 逾期 %d · 已销号 %d",
			mpEvalUsage:                     "/evaluate open [单位编号] — 开启考核评价（评）：承诺人述诺、书记评定等次（好/较好/一般/差）、群众满意度测评\n/evaluate close [单位编号] — 结束评价：“好”且多数满意的销号，“差”或多数不满意的责令限期整改",
			mpEvalAlreadyOpen:               "「%s」的考核评价已在进行中。",
			mpEvalNotOpen:                   "「%s」没有进行中的考核评价。",
			mpEvalNoItems:                   "「%s」没有可评价的承诺事项。",
			mpEvalOwnerPush:                 "【考核评价 · %s】请对您的承诺事项进行述诺（履诺情况自述）。",
			mpBtnReport:                     "📝 述诺",
			mpEvalGraderPush:                "【考核评价 · %s】共 %d 项承诺事项待评定等次（好/较好/一般/差）。",
			mpBtnGrade:                      "开始评议",
			mpEvalVoterPush:                 "【群众满意度测评 · %s】请对 %d 项公开承诺的落实情况表明满意与否。",
			mpBtnVote:                       "参与测评",
			mpEvalOpened:                    "已开启「%s」考核评价：%d 项事项；已通知述诺 %d 人、评议 %d 人、满意度测评 %d 人。结束时发送 /evaluate close。",
			mpEvalClosedNow:                 "本轮考核评价已结束。",
			mpEvalDone:                      "本轮完成，共 %d 项。谢谢！",
			mpEvalItemHead:                  "第 %d/%d 项",
			mpEvalPercent:                   "完成进度 %d%% · %s",
			mpAskReport:                     "请发送该事项的履诺情况自述（述诺）：",
			mpEvalSelf:                      "述诺：%s",
			mpAskGrade:                      "请评定等次：",
			mpAskVote:                       "您对该承诺的落实情况：",
			mpBtnSatisfied:                  "满意",
			mpBtnUnsatisfied:                "不满意",
			mpEvalTally:                     "%s（满意 %d / 不满意 %d）",
			mpClosedOwner:                   "🎉「%s」考核评价：%s，已销号。",
			mpGradedOwner:                   "「%s」考核评价：%s。",
			"pr_out_closed":                 "销号",
			"pr_out_rectify":                "限期整改",
			"pr_out_graded":                 "已评议",
			mpRectifySupervisor:             "⚠️ %s 的「%s」责令限期整改，默认整改期限 %s，可点击按钮调整。",
			mpBtnRectifyDate:                "设定整改期限",
			mpEvalPublic:                    "【考核评价结果公示 · %s】",
			mpEvalClosed:                    "「%s」考核评价已结束：销号 %d 项，限期整改 %d 项，已评议 %d 项，未评 %d 项。",
			mpRemindBefore:                  "⏰ 承诺事项「%s」将于 %s 到期（还有 %d 天），请抓紧履诺。",
			mpRemindToday:                   "⏰ 承诺事项「%s」今天到期，请及时报告完成情况或申请延期。",
			mpRemindOverdue:                 "⚠️ 承诺事项「%s」已逾期 %d 天（时限 %s），请尽快履诺或申请延期。",
			mpRectifyTagPush:                "〔限期整改〕",
			mpOwnerBlocked:                  "⚠️ %s 已屏蔽本机器人，无法提醒其承诺「%s」（时限 %s），请当面督促。",
			mpRemindSupervisor:              "⚠️【逾期督办】%s 的承诺「%s」已逾期 %d 天（时限 %s）。",
			mpDigestHeader:                  "📋 公开承诺周报（%s 当周）",
			mpDigestOverdue:                 "逾期 %d 项：",
			mpDigestSoon:                    "7 天内到期 %d 项：",
			mpDigestDays:                    "，逾期 %d 天",
			mpDigestHint:                    "发送 /overdue 查看详情，/urge 督办。",
			mpHelpMember:                    "/promise — 申报公开承诺（定）\n/progress — 记录履诺进展（履诺记实）\n/done — 报告承诺完成\n/extend — 申请延期",
			mpHelpSupervisor:                "/promise [up|down] — 申报公开承诺（个人或本单位）\n/progress、/done、/extend — 履诺记实、完成、延期\n/review — 审核承诺（审）\n/urge — 督办\n/overdue [单位编号] — 逾期事项\n/ledger [单位编号] — 承诺台帐（XLSX）",
			mpHelpOfficial:                  "/review — 审核承诺（审）\n/urge — 督办\n/overdue [单位编号] — 逾期承诺事项\n/ledger [单位编号] — 承诺台帐（XLSX）\n/evaluate open|close [单位编号] — 考核评价（评）",
			mpHelpMonitor:                   "/overdue [单位编号] — 逾期承诺事项\n/ledger [单位编号] — 承诺台帐（XLSX）\n考核评价开启时，点推送中的「开始评议」评定等次。",
			mpEvalOpinions:                  "；履诺监督员：%s",
			mpEvalUsageSurvey:               "群众满意度测评默认使用问卷「%s」（%s）；可在 /evaluate open 单位编号 之后写另一个问卷编号。",
			mpEvalSurveyUnknown:             "问卷「%s」不能用于满意度测评：没有这个问卷，或它未设置满意判定（campaign.satisfied）。可用的问卷：\n%s",
			mpEvalSurveyNone:                "  （没有设置了满意判定的问卷）",
			mpEvalOpenedSurvey:              "已开启「%s」考核评价：%d 项事项；已通知述诺 %d 人、评议 %d 人；满意度测评问卷「%s」已发给 %d 人。结束时发送 /evaluate close。",
			mpEvalSurveyPush:                "【群众满意度测评 · %s】本轮公开承诺考核评价以问卷测评群众满意度，请如实填写。",
			mpEvalVoteBySurvey:              "本轮满意度测评以问卷「%s」进行，请点问卷邀请中的按钮填写。",
			mpEvalSurveyFor:                 "本问卷是「%s」公开承诺考核评价的群众满意度测评，只计入本轮。",
			mpEvalSurveyDone:                "您已在本轮考核评价中提交问卷「%s」，感谢参与！",
			mpEvalSatNone:                   "满意度测评「%s」：无人参与",
			mpEvalSatFigure:                 "满意度测评「%s」：满意 %d/%d（%s），%d 人参与",
			mpEvalSatSmall:                  "满意度测评「%s」：%d 人参与（匿名测评不足 %d 人，只公布结论）：%s",
			mpEvalSatOne:                    "满意度测评「%s」：仅 1 人参与（匿名测评，不公布结论）",
			mpEvalSatMost:                   "多数满意",
			mpEvalSatMostNot:                "多数不满意",
			mpEvalSatSplit:                  "满意与不满意各半",
			mpEvalTallySurvey:               "%s；%s",
			mpDateBad:                       "没看懂这个日期。请输入如 2026-12-31、12月31日、下周五、明天，或在日历中选择。",
			mpDatePast:                      "%s 已经过去，请选择今天或以后的日期。",
			mpDateFar:                       "%s 太远了，请选择两年以内的日期。",
			mpDateConfirm:                   "完成时限：%s，%d 天后。确认吗？",
			mpBtnConfirm:                    "✅ 确认",
			mpBtnRepick:                     "📅 重新选择",
			"pr_what_declared":              "申报",
			"pr_what_resubmitted":           "修改后重新提交",
			"pr_what_returned":              "退回",
			"pr_what_approved":              "审核通过",
			"pr_what_published":             "公示",
			"pr_what_progress":              "履诺记实",
			"pr_what_urged":                 "督办",
			"pr_what_extension_requested":   "申请延期",
			"pr_what_extended":              "同意延期",
			"pr_what_extension_rejected":    "不同意延期",
			"pr_what_fulfilled":             "报告完成",
			"pr_what_graded":                "考核评价",
			"pr_what_closed":                "销号",
			"pr_what_rectification_ordered": "限期整改",
			"pr_what_report":                "述诺",
		},
		"en": {
			mpOwnerUp:                       "%s (to the unit above)",
			mpOwnerDown:                     "%s (to its members)",
			mpCard:                          "By: %s\nCommitment: %s\nMeasures: %s\nDeadline: %s",
			mpCardSource:                    "Source: %s",
			"pr_st_review":                  "in review",
			"pr_st_returned":                "returned",
			"pr_st_active":                  "in progress",
			"pr_st_fulfilled":               "fulfilled (to evaluate)",
			"pr_st_graded":                  "evaluated",
			"pr_st_rectify":                 "rectifying",
			"pr_st_closed":                  "closed",
			mpPromiseUsage:                  "/promise — declare your commitments; secretaries: /promise up (the unit to the unit above) or /promise down (the unit to its members).",
			mpNoUpper:                       "%s has no unit above to review it.",
			mpAtMax:                         "%d commitments declared this period (at most %d); no more can be added.",
			mpIntro:                         "📝 Public commitments · declare\nBy: %s · %s\n%d–%d items per period (%d declared). Fill in content, measures and deadline for each; /back goes back a step, /cancel leaves.",
			mpReturnedHint:                  "%d item(s) were returned; use \"Edit and resubmit\" in the notice:",
			mpAskContent:                    "Item %d · send the commitment (what you will do for people, up to 200 characters):",
			mpAskMeasures:                   "Item %d · send the measures (up to 300 characters):",
			mpAskDeadline:                   "Item %d · deadline:",
			mpDateHint:                      "Type a date (2026-12-31, 12月31日, 下周五, tomorrow) or pick one:",
			mpWeekHeader:                    "Mo Tu We Th Fr Sa Su",
			mpAskSource:                     "Item %d · where the need came from (optional): pick or type:",
			mpBtnSkip:                       "Skip",
			mpSummary:                       "%d item(s) so far:",
			mpMeasuresLabel:                 "Measures: %s",
			mpDeadlineLabel:                 "Deadline: %s",
			mpSummaryHint:                   "%d–%d items per period. Add another, or submit for review.",
			mpBtnAdd:                        "➕ Add another",
			mpBtnSubmit:                     "✅ Submit for review",
			mpBtnDelLast:                    "🗑 Remove the last",
			mpTextOnly:                      "Please send text.",
			mpTextLength:                    "Please send 2–%d characters.",
			mpTooMany:                       "At most %d commitments per period.",
			mpTooFew:                        "At least %d commitments per period; there are %d. Please add more.",
			mpSubmittedEdit:                 "%d commitment(s) submitted.",
			mpSubmitted:                     "✅ %d commitment(s) submitted for review. You will be told the result; approved items are published to your unit and enter the ledger.",
			mpReviewPush:                    "[Review · level %d · %s]",
			mpBtnApprove:                    "✅ Approve",
			mpBtnReturn:                     "↩️ Return",
			mpNotYours:                      "This is not your commitment.",
			mpAlreadyHandled:                "This item was handled already or has changed.",
			mpEditMenu:                      "Edit the returned commitment:\nCommitment: %s\nMeasures: %s\nDeadline: %s",
			mpReturnComment:                 "Reviewer's comment: %s",
			mpBtnEditContent:                "Content",
			mpBtnEditMeasures:               "Measures",
			mpBtnEditDeadline:               "Deadline",
			mpBtnResubmit:                   "✅ Resubmit",
			mpBtnCancel:                     "Cancel",
			mpResubmitted:                   "\"%s\" resubmitted for review.",
			mpApprovedBy:                    "approved at level %d (%s)",
			mpApprovedNext:                  "✅ Approved at level %d; on to %s.",
			mpApprovedOwner:                 "🎉 Your commitment \"%s\" was approved and published; deadline %s. Record progress with /progress.",
			mpPublicNotice:                  "[Public commitment · %s]",
			mpApprovedFinal:                 "✅ Approved; entered in the ledger.",
			mpPublished:                     " Published to the unit's group.",
			mpAskReturn:                     "Why is \"%s\" returned? (sent to its owner to edit):",
			mpReturnedOwner:                 "↩️ %s returned your commitment \"%s\":\n%s\nPlease edit and resubmit.",
			mpBtnEditResubmit:               "✏️ Edit and resubmit",
			mpReturnedDone:                  "\"%s\" returned; the comment went to its owner.",
			mpReviewNone:                    "Nothing waits for your review.",
			mpReviewList:                    "%d item(s) wait for your review:",
			mpReviewMore:                    "…and %d more; send /review again after these.",
			mpNoActive:                      "You have no commitments in progress.",
			mpPickItem:                      "Choose the commitment:",
			mpNotActive:                     "This item is %s; that cannot be done now.",
			mpAskProgress:                   "Progress ·\"%s\" (deadline %s)\nSend what was done (text), with a photo or file as evidence if you have one:",
			mpAskDone:                       "Done ·\"%s\" (deadline %s)\nDescribe the result and attach a photo or file as evidence:",
			mpEvidenceKinds:                 "Please send text, a photo or a file.",
			mpEvidenceGot:                   "Received:\n%s",
			mpEvidenceFile:                  "📎 Evidence attached.",
			mpAskPercent:                    "You may send more photos/files. Roughly how far along is it?",
			mpBtnNoPercent:                  "Save without a percentage",
			mpConfirmDone:                   "You may send more photos/files. Is the commitment fulfilled?",
			mpBtnConfirmDone:                "✅ Yes, fulfilled",
			mpProgressSaved:                 "✅ Progress on \"%s\" recorded.",
			mpDoneSupervisor:                "✅ %s reports \"%s\" fulfilled:\n%s",
			mpEvidenceCaption:               "Evidence for \"%s\"",
			mpDoneSaved:                     "✅ \"%s\" reported fulfilled; it will be evaluated.",
			mpUrgeNone:                      "Nothing overdue or due within three days under you.",
			mpUrgePick:                      "Choose an item to urge (overdue or due within three days):",
			mpAskUrge:                       "Urge · %s: \"%s\" (deadline %s)\nType your note:",
			mpUrgeOwner:                     "📌 [Urged] %s: %s\nItem: \"%s\" (deadline %s)",
			mpUrgeSent:                      "Your note went to %s.",
			mpBtnProgress:                   "📝 Report progress",
			mpBtnExtend:                     "⏳ Ask for more time",
			mpBtnDone:                       "✅ Done",
			mpBtnUrge:                       "📌 Urge",
			mpExtPending:                    "An extension request already waits for approval.",
			mpAskExtendDate:                 "Extension ·\"%s\" (now %s)\nChoose the new deadline:",
			mpAskRectifyDate:                "Set the rectification deadline of \"%s\":",
			mpExtNotLater:                   "The new deadline must be after %s.",
			mpAskExtendReason:               "New deadline: %s. Why is more time needed?",
			mpExtSupervisor:                 "⏳ %s asks for more time: \"%s\"\n%s → %s\nReason: %s",
			mpBtnExtYes:                     "Approve",
			mpBtnExtNo:                      "Refuse",
			mpExtSent:                       "Extension to %s sent for approval.",
			mpExtApprovedOwner:              "✅ Extension of \"%s\" approved: %s → %s.",
			mpExtApproved:                   "✅ Extended to %s.",
			mpExtRejectedOwner:              "❌ Extension of \"%s\" refused; the deadline stays %s.",
			mpExtRejected:                   "❌ Extension refused.",
			mpRectifyOwner:                  "⚠️ \"%s\" evaluated: %s. Ordered to rectify by %s.",
			mpRectifySet:                    "Rectification deadline of \"%s\" set to %s.",
			mpOverdueNone:                   "Nothing overdue in %s.",
			mpOverdueHeader:                 "%s: %d overdue item(s), oldest first:",
			mpOverdueMore:                   "…and %d more",
			mpRectifyTag:                    " [rectifying]",
			mpOverdueDays:                   "due %s, %d day(s) overdue",
			mpOverdueHint:                   "/urge to urge, /ledger for the ledger.",
			mpOverdueHintRead:               "/ledger for the ledger.",
			mpNotYourUnit:                   "Only %s and the units below it.",
			mpLedgerHeader:                  "%s commitment ledger: %d item(s)",
			mpOverdueLabel:                  "overdue",
			mpStatusNone:                    "Commitments: none declared yet.",
			mpStatusLine:                    "Commitments: declared %d · approved %d · fulfilled %d · overdue %d · closed %d",
			mpEvalUsage:                     "/evaluate open [unit] — open an evaluation round: owners' self-reports (述诺), grades 好/较好/一般/差, a satisfaction vote\n/evaluate close [unit] — close it: 好 with a satisfied majority closes the item, 差 or an unsatisfied majority orders rectification",
			mpEvalAlreadyOpen:               "An evaluation of %s is already open.",
			mpEvalNotOpen:                   "No evaluation of %s is open.",
			mpEvalNoItems:                   "%s has no items to evaluate.",
			mpEvalOwnerPush:                 "[Evaluation · %s] Please report on your commitments (述诺).",
			mpBtnReport:                     "📝 Self-report",
			mpEvalGraderPush:                "[Evaluation · %s] %d item(s) to grade (好/较好/一般/差).",
			mpBtnGrade:                      "Start grading",
			mpEvalVoterPush:                 "[Satisfaction vote · %s] Are you satisfied with how %d commitment(s) were kept?",
			mpBtnVote:                       "Vote",
			mpEvalOpened:                    "Evaluation of %s opened: %d item(s); %d owner(s), %d grader(s) and %d voter(s) told. Send /evaluate close to finish.",
			mpEvalClosedNow:                 "This evaluation round is closed.",
			mpEvalDone:                      "Done: %d item(s). Thank you!",
			mpEvalItemHead:                  "Item %d/%d",
			mpEvalPercent:                   "%d%% done · %s",
			mpAskReport:                     "Send your self-report on this item:",
			mpEvalSelf:                      "Self-report: %s",
			mpAskGrade:                      "Grade:",
			mpAskVote:                       "How satisfied are you with how this was kept?",
			mpBtnSatisfied:                  "Satisfied",
			mpBtnUnsatisfied:                "Not satisfied",
			mpEvalTally:                     "%s (satisfied %d / not %d)",
			mpClosedOwner:                   "🎉 \"%s\" evaluated: %s. Closed (销号).",
			mpGradedOwner:                   "\"%s\" evaluated: %s.",
			"pr_out_closed":                 "closed",
			"pr_out_rectify":                "rectify",
			"pr_out_graded":                 "evaluated",
			mpRectifySupervisor:             "⚠️ %s: \"%s\" ordered to rectify by %s (default); the button changes it.",
			mpBtnRectifyDate:                "Set the deadline",
			mpEvalPublic:                    "[Evaluation results · %s]",
			mpEvalClosed:                    "Evaluation of %s closed: %d closed, %d to rectify, %d evaluated, %d not graded.",
			mpRemindBefore:                  "⏰ \"%s\" is due %s (%d day(s) left).",
			mpRemindToday:                   "⏰ \"%s\" is due today: report it done or ask for more time.",
			mpRemindOverdue:                 "⚠️ \"%s\" is %d day(s) overdue (due %s).",
			mpRectifyTagPush:                "[Rectification] ",
			mpOwnerBlocked:                  "⚠️ %s blocked the bot and cannot be reminded of \"%s\" (due %s); please follow up in person.",
			mpRemindSupervisor:              "⚠️ [Overdue] %s: \"%s\" is %d day(s) overdue (due %s).",
			mpDigestHeader:                  "📋 Weekly commitments digest (week of %s)",
			mpDigestOverdue:                 "%d overdue:",
			mpDigestSoon:                    "%d due within 7 days:",
			mpDigestDays:                    ", %d day(s) overdue",
			mpDigestHint:                    "/overdue for details, /urge to urge.",
			mpHelpMember:                    "/promise — declare public commitments\n/progress — record progress (履诺记实)\n/done — report a commitment fulfilled\n/extend — ask for more time",
			mpHelpSupervisor:                "/promise [up|down] — declare commitments (yours or the unit's)\n/progress, /done, /extend — progress, done, extension\n/review — review commitments\n/urge — urge an item\n/overdue [unit] — overdue items\n/ledger [unit] — the ledger (XLSX)",
			mpHelpOfficial:                  "/review — review commitments\n/urge — urge an item\n/overdue [unit] — overdue items\n/ledger [unit] — the ledger (XLSX)\n/evaluate open|close [unit] — evaluation rounds",
			mpHelpMonitor:                   "/overdue [unit] — overdue items\n/ledger [unit] — the ledger (XLSX)\nWhen an evaluation round opens, tap the grading button of its message to grade.",
			mpEvalOpinions:                  "; monitors: %s",
			mpEvalUsageSurvey:               "Satisfaction is measured by the questionnaire “%s” (%s); name another after /evaluate open <unit>.",
			mpEvalSurveyUnknown:             "“%s” cannot measure satisfaction: no such questionnaire, or it has no satisfied rule (campaign.satisfied). Questionnaires that can:\n%s",
			mpEvalSurveyNone:                "  (none has a satisfied rule)",
			mpEvalOpenedSurvey:              "Evaluation of %s opened: %d item(s); %d owner(s) and %d grader(s) told; satisfaction questionnaire “%s” sent to %d member(s). Send /evaluate close to finish.",
			mpEvalSurveyPush:                "[Satisfaction survey · %s] This evaluation round measures satisfaction with a questionnaire; please answer it.",
			mpEvalVoteBySurvey:              "This round measures satisfaction with the questionnaire “%s”: use the button of its invitation.",
			mpEvalSurveyFor:                 "This questionnaire measures satisfaction in the evaluation of %s; it counts for this round only.",
			mpEvalSurveyDone:                "You have submitted “%s” in this evaluation round. Thank you!",
			mpEvalSatNone:                   "satisfaction survey “%s”: no respondents",
			mpEvalSatFigure:                 "satisfaction survey “%s”: %d/%d satisfied (%s), %d respondent(s)",
			mpEvalSatSmall:                  "satisfaction survey “%s”: %d respondent(s) (anonymous and fewer than %d, so only the outcome is shown): %s",
			mpEvalSatOne:                    "satisfaction survey “%s”: a single respondent (anonymous, so no outcome is shown)",
			mpEvalSatMost:                   "most satisfied",
			mpEvalSatMostNot:                "most not satisfied",
			mpEvalSatSplit:                  "evenly split",
			mpEvalTallySurvey:               "%s; %s",
			mpDateBad:                       "That is not a date I understand. Type 2026-12-31, 12月31日, 下周五 or tomorrow, or pick one.",
			mpDatePast:                      "%s has passed; choose today or later.",
			mpDateFar:                       "%s is too far; choose a date within two years.",
			mpDateConfirm:                   "Deadline: %s, in %d days. Confirm?",
			mpBtnConfirm:                    "✅ Confirm",
			mpBtnRepick:                     "📅 Choose again",
			"pr_what_declared":              "declared",
			"pr_what_resubmitted":           "resubmitted",
			"pr_what_returned":              "returned",
			"pr_what_approved":              "approved",
			"pr_what_published":             "published",
			"pr_what_progress":              "progress",
			"pr_what_urged":                 "urged",
			"pr_what_extension_requested":   "extension requested",
			"pr_what_extended":              "extended",
			"pr_what_extension_rejected":    "extension refused",
			"pr_what_fulfilled":             "fulfilled",
			"pr_what_graded":                "graded",
			"pr_what_closed":                "closed",
			"pr_what_rectification_ordered": "rectification ordered",
			"pr_what_report":                "self-report",
		},
	}
}
