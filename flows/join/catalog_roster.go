package join

import "sibu/flows/kit"

// Messages of rosters (/roster and its import) and the reasons a row is
// refused.
const (
	mRosterAsk        kit.Msg = "roster_ask"
	mRosterNotFile    kit.Msg = "roster_not_file"
	mRosterBadType    kit.Msg = "roster_bad_type"
	mRosterTooBig     kit.Msg = "roster_too_big"
	mRosterEmpty      kit.Msg = "roster_empty"
	mRosterNoName     kit.Msg = "roster_no_name"
	mRosterNoPhone    kit.Msg = "roster_no_phone"
	mRosterTooMany    kit.Msg = "roster_too_many"
	mRosterUnreadable kit.Msg = "roster_unreadable"
	mRosterCancelled  kit.Msg = "roster_cancelled"
	mImportHead       kit.Msg = "roster_import_head"
	mImportNoChange   kit.Msg = "roster_import_no_change"
	mImportRejected   kit.Msg = "roster_import_rejected"
	mImportRejLine    kit.Msg = "roster_import_rej_line"
	mImportMore       kit.Msg = "roster_import_more"
	mImportMissing    kit.Msg = "roster_import_missing"
	mImportNext       kit.Msg = "roster_import_next"
	mImportedShort    kit.Msg = "roster_imported_short"
	mOverviewHead     kit.Msg = "roster_overview_head"
	mOverviewTotal    kit.Msg = "roster_overview_total"
	mOverviewUnit     kit.Msg = "roster_overview_unit"
	mOverviewNone     kit.Msg = "roster_overview_none"
	mOverviewHint     kit.Msg = "roster_overview_hint"
	mBtnImport        kit.Msg = "roster_btn_import"
	mBtnWaitingXLSX   kit.Msg = "roster_btn_waiting_xlsx"
	mBtnUnitWaiting   kit.Msg = "roster_btn_unit_waiting"
	mBtnOverview      kit.Msg = "roster_btn_overview"
	mWaitingHead      kit.Msg = "roster_waiting_head"
	mWaitingNone      kit.Msg = "roster_waiting_none"
	mWaitingLine      kit.Msg = "roster_waiting_line"
	mRosterBadArg     kit.Msg = "roster_bad_arg"
	mPreparing        kit.Msg = "roster_preparing"
	mStatusRoster     kit.Msg = "roster_status"
	mDigestWaiting    kit.Msg = "roster_digest_waiting"
	mBtnShowRoster    kit.Msg = "roster_btn_show"
	mHelpRoster       kit.Msg = "roster_help"

	rjNoName    kit.Msg = "roster_rj_no_name"
	rjName      kit.Msg = "roster_rj_name"
	rjNoUnit    kit.Msg = "roster_rj_no_unit"
	rjUnit      kit.Msg = "roster_rj_unit"
	rjRole      kit.Msg = "roster_rj_role"
	rjNoPhone   kit.Msg = "roster_rj_no_phone"
	rjPhone     kit.Msg = "roster_rj_phone"
	rjDuplicate kit.Msg = "roster_rj_duplicate"
	rjElsewhere kit.Msg = "roster_rj_elsewhere"
)

// catalogOf is one catalog of the package's parts (the package's messages
// are written in parts, one per concern, and looked up as one).
func catalogOf(parts ...kit.Catalog) kit.Catalog {
	c := kit.Catalog{}
	for _, part := range parts {
		for lang, msgs := range part {
			if c[lang] == nil {
				c[lang] = map[kit.Msg]string{}
			}
			for k, v := range msgs {
				c[lang][k] = v
			}
		}
	}
	return c
}

// rosterCatalog holds the messages above in Chinese and English.
var rosterCatalog = kit.Catalog{
	"zh": {
		mRosterAsk: "📎 请发送名单文件（.xlsx 或 .csv，最多 2 MB、%d 行）。\n" +
			"第一行是表头：姓名、单位、角色、手机、职务（也可用英文 name, unit, role, phone, position）。单位写名称或编号；角色写成员、支部书记、监督员或组织部门，不填即为成员；职务可不填。\n" +
			"导入后，名单上的人打开本单位的加入链接、发送本人手机号即可加入。\n/cancel 取消",
		mRosterNotFile:    "请以文件形式发送名单（.xlsx 或 .csv）。/cancel 取消",
		mRosterBadType:    "「%s」不是 .xlsx 或 .csv 文件，请另存为 .xlsx 或 .csv 后重新发送。",
		mRosterTooBig:     "「%s」超过 %d MB。请删去多余的列或工作表、或分单位分批发送。",
		mRosterEmpty:      "「%s」里没有找到姓名。请检查文件后重新发送。",
		mRosterNoName:     "「%s」没有“姓名”列。请在第一行写上表头：姓名、单位、角色、手机、职务，然后重新发送。",
		mRosterNoPhone:    "「%s」没有“手机”列。加入时按本人手机号核对名单，请加上“手机”列后重新发送。",
		mRosterTooMany:    "「%s」超过 %d 行。请分单位分批发送，或请管理员用 sibu roster import 一次导入。",
		mRosterUnreadable: "「%s」打不开（文件损坏或加了密码）。请另存为 .xlsx 或 .csv 后重新发送。",
		mRosterCancelled:  "已取消，名单没有变化。",
		mImportHead:       "📋 名单「%s」共 %d 行：接受 %d 行（新增 %d · 更新 %d · 无变化 %d），未接受 %d 行。",
		mImportNoChange:   "名单没有变化。",
		mImportRejected:   "未接受的行（原因也写在附件表格的“原因”列，改好后可以只发这些行）：",
		mImportRejLine:    "  第 %d 行%s：%s",
		mImportMore:       "  ……另有 %d 行，见附件。",
		mImportMissing:    "名单上原有、这次文件里没有的 %d 人（仍保留在名单上，没有删除）：%s",
		mImportNext:       "下一步：发送 /invite 链接 取得本单位的加入链接和二维码海报；名单上的人打开链接、发送本人手机号即可加入。发送 /roster 查看谁还没有加入。",
		mImportedShort:    "已导入",
		mOverviewHead:     "👥 名单与加入情况（%s及下级单位）",
		mOverviewTotal:    "合计：名单 %d 人 · 已加入 %d · 未加入 %d · 待确认申请 %d",
		mOverviewUnit:     "  %s：名单 %d · 已加入 %d · 未加入 %d · 待确认 %d",
		mOverviewNone:     "还没有导入名单。点下面的「导入名单」发送名单文件（表头：姓名、单位、角色、手机、职务）。",
		mOverviewHint:     "点单位查看还没有加入的人。",
		mBtnImport:        "📎 导入名单",
		mBtnWaitingXLSX:   "📥 名单表格",
		mBtnUnitWaiting:   "%s（未加入 %d）",
		mBtnOverview:      "◀ 返回总览",
		mWaitingHead:      "👤 %s · 未加入 %d 人（第 %d/%d 页）：",
		mWaitingNone:      "👤 %s：名单上的人都已加入。",
		mWaitingLine:      "%d. %s · %s%s · %s",
		mRosterBadArg:     "没有叫「%s」的单位。可以发送 /roster 查看总览，或 /roster 导入 发送名单文件。",
		mPreparing:        "正在生成，请稍候…",
		mStatusRoster:     "👥 名单：应加入 %d · 已加入 %d · 未加入 %d · 待确认申请 %d（/roster）",
		mDigestWaiting:    "👥「%s」名单上还有 %d 人未加入（已加入 %d / 名单 %d）",
		mBtnShowRoster:    "查看名单",
		mHelpRoster:       "📋 名单\n/roster — 导入名单（谁应加入）、查看谁还没有加入、下载名单表格\n/invite 链接 — 单位加入链接和二维码海报（多人可用）",

		rjNoName:    "没有填写姓名",
		rjName:      "姓名「%s」不对（应为 2–20 个字）",
		rjNoUnit:    "没有填写单位",
		rjUnit:      "没有叫「%s」的单位（请写单位名称或编号）",
		rjRole:      "角色「%s」无法识别（可写：成员、支部书记、监督员、组织部门）",
		rjNoPhone:   "没有填写手机号",
		rjPhone:     "「%s」不是有效的大陆手机号",
		rjDuplicate: "手机号与第 %s 行重复（同一号码只能对应一个人）",
		rjElsewhere: "这个手机号已在「%s」的名单上，不在您的管辖范围内",
	},
	"en": {
		mRosterAsk: "📎 Send the roster file (.xlsx or .csv, at most 2 MB and %d rows).\n" +
			"The first row is the header: 姓名, 单位, 角色, 手机, 职务 (or name, unit, role, phone, position). Units by name or id; roles member, supervisor, monitor or official (member when empty); position optional.\n" +
			"Once imported, the people on it join by opening their unit's join link and sharing their own number.\n/cancel stops",
		mRosterNotFile:    "Please send the roster as a file (.xlsx or .csv). /cancel stops",
		mRosterBadType:    "“%s” is not an .xlsx or .csv file. Please save it as .xlsx or .csv and send it again.",
		mRosterTooBig:     "“%s” is over %d MB. Remove extra columns or sheets, or send it unit by unit.",
		mRosterEmpty:      "No names found in “%s”. Please check the file and send it again.",
		mRosterNoName:     "“%s” has no name column. Put the header 姓名, 单位, 角色, 手机, 职务 (or name, unit, role, phone, position) in the first row and send it again.",
		mRosterNoPhone:    "“%s” has no phone column. People are matched by their own number when they join: add a 手机 (phone) column and send it again.",
		mRosterTooMany:    "“%s” has more than %d rows. Send it unit by unit, or ask the administrator to run sibu roster import.",
		mRosterUnreadable: "“%s” could not be opened (damaged or password-protected). Save it as .xlsx or .csv and send it again.",
		mRosterCancelled:  "Cancelled; the roster is unchanged.",
		mImportHead:       "📋 Roster “%s”, %d rows: %d accepted (%d new · %d updated · %d unchanged), %d not accepted.",
		mImportNoChange:   "Nothing changed.",
		mImportRejected:   "Rows not accepted (the reasons are also in the attached table's 原因 column; send just those rows once fixed):",
		mImportRejLine:    "  row %d%s: %s",
		mImportMore:       "  …and %d more rows, see the attachment.",
		mImportMissing:    "%d people on the roster are not in this file (they stay on the roster, nothing was deleted): %s",
		mImportNext:       "Next: send /invite link for your unit's join link and QR poster; people on the roster open it and share their own number to join. /roster shows who has not joined yet.",
		mImportedShort:    "Imported",
		mOverviewHead:     "👥 Roster and joining (%s and the units below)",
		mOverviewTotal:    "In all: %d on the roster · %d joined · %d not joined · %d requests waiting",
		mOverviewUnit:     "  %s: roster %d · joined %d · not joined %d · requests %d",
		mOverviewNone:     "No roster imported yet. Tap “Import roster” below and send the file (header: name, unit, role, phone, position).",
		mOverviewHint:     "Tap a unit to see who has not joined.",
		mBtnImport:        "📎 Import roster",
		mBtnWaitingXLSX:   "📥 Roster table",
		mBtnUnitWaiting:   "%s (%d not joined)",
		mBtnOverview:      "◀ Overview",
		mWaitingHead:      "👤 %s · %d not joined (page %d/%d):",
		mWaitingNone:      "👤 %s: everyone on the roster has joined.",
		mWaitingLine:      "%d. %s · %s%s · %s",
		mRosterBadArg:     "There is no unit “%s”. Send /roster for the overview, or /roster import to send a roster file.",
		mPreparing:        "Preparing, one moment…",
		mStatusRoster:     "👥 Roster: %d expected · %d joined · %d not joined · %d requests waiting (/roster)",
		mDigestWaiting:    "👥 “%s”: %d people on the roster have not joined (%d joined of %d)",
		mBtnShowRoster:    "Show roster",
		mHelpRoster:       "📋 Roster\n/roster — import the roster (who should join), see who has not joined, download the table\n/invite link — the unit's join link and QR poster (for everyone)",

		rjNoName:    "no name",
		rjName:      "the name “%s” is not valid (2–20 characters)",
		rjNoUnit:    "no unit",
		rjUnit:      "there is no unit “%s” (write its name or id)",
		rjRole:      "the role “%s” is unknown (member, supervisor, monitor, official)",
		rjNoPhone:   "no mobile number",
		rjPhone:     "“%s” is not a valid mainland mobile number",
		rjDuplicate: "the number is also on row %s (one number, one person)",
		rjElsewhere: "this number is on the roster of “%s”, outside your units",
	},
}
