package join

import "sibu/flows/kit"

// Messages of unit join links, joining by one's own number, and join
// requests.
const (
	mLinkShareText      kit.Msg = "link_share_text"
	mLinkShow           kit.Msg = "link_show"
	mBtnShareLink       kit.Msg = "link_btn_share"
	mBtnPoster          kit.Msg = "link_btn_poster"
	mBtnRevoke          kit.Msg = "link_btn_revoke"
	mBtnRevokeYes       kit.Msg = "link_btn_revoke_yes"
	mBtnUnitLink        kit.Msg = "link_btn_unit_link"
	mLinkGone           kit.Msg = "link_gone"
	mRevokeAsk          kit.Msg = "link_revoke_ask"
	mRevokedShort       kit.Msg = "link_revoked_short"
	mRevoked            kit.Msg = "link_revoked_done"
	mPosterLine         kit.Msg = "link_poster_line"
	mPosterTitle        kit.Msg = "link_poster_title"
	mPosterValid        kit.Msg = "link_poster_valid"
	mPosterNote         kit.Msg = "link_poster_note"
	mLinkRevoked        kit.Msg = "link_revoked"
	mLinkExpired        kit.Msg = "link_expired"
	mLinkWelcome        kit.Msg = "link_welcome"
	mBtnShareContact    kit.Msg = "link_btn_share_contact"
	mForeignContact     kit.Msg = "link_foreign_contact"
	mTypedNumber        kit.Msg = "link_typed_number"
	mAskContactAgain    kit.Msg = "link_ask_contact_again"
	mNotMainland        kit.Msg = "link_not_mainland"
	mNumberTaken        kit.Msg = "link_number_taken"
	mNumberTakenShort   kit.Msg = "link_number_taken_short"
	mPhoneNoted         kit.Msg = "link_phone_noted"
	mNotOnRoster        kit.Msg = "link_not_on_roster"
	mMatched            kit.Msg = "link_matched"
	mMatchPosition      kit.Msg = "link_match_position"
	mBtnNotMe           kit.Msg = "link_btn_not_me"
	mRequested          kit.Msg = "request_sent"
	mRequestedShort     kit.Msg = "request_sent_short"
	mRequestWaiting     kit.Msg = "request_waiting"
	mRequestPush        kit.Msg = "request_push"
	mRequestTail        kit.Msg = "request_tail"
	mRequestNoTail      kit.Msg = "request_no_tail"
	mRequestRosterName  kit.Msg = "request_roster_name"
	mRequestNotOnRoster kit.Msg = "request_not_on_roster"
	mNotMeAsk           kit.Msg = "link_not_me_ask"
	mNotMeChosen        kit.Msg = "link_not_me_chosen"
	mBtnApprove         kit.Msg = "request_btn_approve"
	mBtnRefuse          kit.Msg = "request_btn_refuse"
	mApprovedShort      kit.Msg = "request_approved_short"
	mRefusedShort       kit.Msg = "request_refused_short"
	mApprovedPush       kit.Msg = "request_approved_push"
	mRefusedPush        kit.Msg = "request_refused_push"
	mDecidedBy          kit.Msg = "request_decided_by"
	mTodoRequest        kit.Msg = "request_todo"
)

// linkCatalog holds the messages above in Chinese and English. Pushes to
// other people (requests and their outcome) are in Chinese.
var linkCatalog = kit.Catalog{
	"zh": {
		mLinkShareText: "请点开这个链接，加入「%s」的「四步」工作助手（发送本人手机号即可）。",
		mLinkShow: "🔗「%s」加入链接（多人可用，%s 前有效）：\n%s\n\n" +
			"打开链接的人点「发送我的手机号」：号码在名单上的，确认姓名后直接加入；不在名单上的，由支部书记确认后加入。\n" +
			"可以转发到本支部的群里，也可以打印二维码海报贴在活动室。",
		mBtnShareLink:       "📤 转发链接",
		mBtnPoster:          "🖼 二维码海报",
		mBtnRevoke:          "🚫 停用链接",
		mBtnRevokeYes:       "🚫 确定停用",
		mBtnUnitLink:        "🔗 单位加入链接（多人可用）",
		mLinkGone:           "这个链接已经停用或过期了。发送 /invite 链接 取得新的链接。",
		mRevokeAsk:          "停用后，已转发的链接和已打印的海报都不能再用来加入「%s」。确定停用吗？",
		mRevokedShort:       "已停用",
		mRevoked:            "已停用「%s」的加入链接。需要时发送 /invite 链接 生成新的链接。",
		mPosterLine:         "用手机扫码打开，点「开始」，再点「发送我的手机号」即可加入",
		mPosterTitle:        "「四步」工作助手 · 加入二维码",
		mPosterValid:        "有效期至 %s",
		mPosterNote:         "手机号只用于核对名单，不会公开",
		mLinkRevoked:        "这个加入链接已经停用了。请向支部书记索取新的链接或二维码。",
		mLinkExpired:        "这个加入链接已经过期了。请向支部书记索取新的链接或二维码。",
		mLinkWelcome:        "您好！欢迎加入「%s」的「四步」工作助手。\n请点下方「📱 发送我的手机号」按钮，我们按名单核对后为您办理加入。（号码只用于核对名单，不会公开。）",
		mBtnShareContact:    "📱 发送我的手机号",
		mForeignContact:     "只能发送您本人的手机号。请点下方「📱 发送我的手机号」按钮。",
		mTypedNumber:        "手动输入的号码不能用来核对名单。请点下方「📱 发送我的手机号」按钮，发送您本人的号码。",
		mAskContactAgain:    "请点下方「📱 发送我的手机号」按钮。/cancel 取消",
		mNotMainland:        "您的号码不是大陆手机号，无法按名单核对。",
		mNumberTaken:        "名单上这个号码已经有人加入了。如果不是您本人加入的，请联系支部书记。",
		mNumberTakenShort:   "号码已有人加入",
		mPhoneNoted:         "📱 已收到您的号码 %s。",
		mNotOnRoster:        "您的号码不在「%s」的名单上。没关系：请发送您的真实姓名，支部书记确认后即可加入。",
		mMatched:            "✅ 名单上有您：\n姓名：%s\n单位：%s\n身份：%s%s\n\n请确认您的姓名：%s",
		mMatchPosition:      "\n职务：%s",
		mBtnNotMe:           "✏️ 不是这个名字",
		mRequested:          "📨 已提交加入「%s」的申请。支部书记确认后会通知您，请耐心等候，不用重复申请。",
		mRequestedShort:     "已提交申请",
		mRequestWaiting:     "您加入「%s」的申请已经提交，正在等待支部确认，确认后会通知您。",
		mRequestPush:        "📨 加入申请：%s（%s）申请加入「%s」。%s\n认识的话请点「同意加入」；不认识或不该加入请点「不同意」。",
		mRequestNotOnRoster: "号码不在名单上。",
		mNotMeAsk:           "好的。请发送您的真实姓名，支部书记核对后为您办理加入。",
		mNotMeChosen:        "不是我的名字",
		mRequestTail:        "手机尾号 %s",
		mRequestNoTail:      "非大陆手机号",
		mRequestRosterName:  "号码在名单上，但登记的姓名是「%s」，本人说不是这个名字。",
		mBtnApprove:         "✅ 同意加入",
		mBtnRefuse:          "✖ 不同意",
		mApprovedShort:      "已同意加入",
		mRefusedShort:       "未同意",
		mApprovedPush:       "✅ 加入成功！%s，您加入「%s」的申请已通过。发送 /start 查看您的待办，/help 查看能做的事。",
		mRefusedPush:        "您加入「%s」的申请这次没有通过。如有疑问，请直接联系所在支部书记。",
		mDecidedBy:          "%s（%s 已处理）",
		mTodoRequest:        "📨 加入申请：%s 申请加入「%s」",
	},
	"en": {
		mLinkShareText: "Open this link to join “%s” on the Four Steps assistant (share your own number and you are in).",
		mLinkShow: "🔗 Join link of “%s” (for everyone, valid until %s):\n%s\n\n" +
			"Whoever opens it taps “Share my number”: people on the roster confirm their name and are in; anyone else is confirmed by the secretary.\n" +
			"Forward it to your branch's group, or print the QR poster for the meeting room.",
		mBtnShareLink:     "📤 Forward the link",
		mBtnPoster:        "🖼 QR poster",
		mBtnRevoke:        "🚫 Stop the link",
		mBtnRevokeYes:     "🚫 Stop it",
		mBtnUnitLink:      "🔗 Unit join link (for everyone)",
		mLinkGone:         "This link was stopped or has expired. Send /invite link for a new one.",
		mRevokeAsk:        "Once stopped, the forwarded link and printed posters no longer let anyone join “%s”. Stop it?",
		mRevokedShort:     "Stopped",
		mRevoked:          "The join link of “%s” is stopped. Send /invite link for a new one when needed.",
		mPosterLine:       "Scan with your phone, tap Start, then tap “Share my number” to join",
		mPosterTitle:      "Four Steps assistant · join code",
		mPosterValid:      "Valid until %s",
		mPosterNote:       "Your number is used for the roster only, never shown",
		mLinkRevoked:      "This join link was stopped. Please ask your branch secretary for a new link or QR code.",
		mLinkExpired:      "This join link has expired. Please ask your branch secretary for a new link or QR code.",
		mLinkWelcome:      "Hello! Welcome to the Four Steps assistant of “%s”.\nTap “📱 Share my number” below: we check the roster and let you in. (The number is used for the roster only, never shown.)",
		mBtnShareContact:  "📱 Share my number",
		mForeignContact:   "Only your own number can be shared. Tap “📱 Share my number” below.",
		mTypedNumber:      "A typed number cannot be checked against the roster. Tap “📱 Share my number” below to share your own.",
		mAskContactAgain:  "Tap “📱 Share my number” below. /cancel stops",
		mNotMainland:      "Your number is not a mainland mobile, so it cannot be checked against the roster.",
		mNumberTaken:      "Someone has already joined with this number. If it was not you, please contact your branch secretary.",
		mNumberTakenShort: "Number already used",
		mPhoneNoted:       "📱 Got your number %s.",
		mNotOnRoster:      "Your number is not on the roster of “%s”. No problem: send your real name and the secretary will confirm you.",
		mMatched:          "✅ You are on the roster:\nName: %s\nUnit: %s\nRole: %s%s\n\nPlease confirm your name: %s",
		mMatchPosition:    "\nPosition: %s",
		mBtnNotMe:         "✏️ Not my name",
		mRequested:        "📨 Your request to join “%s” is sent. The secretary will confirm it and you will be told; no need to ask again.",
		mRequestedShort:   "Request sent",
		mRequestWaiting:   "Your request to join “%s” is waiting for the branch to confirm it; you will be told.",
		mNotMeAsk:         "All right. Send your real name; the secretary will check it and let you in.",
		mNotMeChosen:      "Not my name",
		mApprovedShort:    "Approved",
		mRefusedShort:     "Refused",
		mDecidedBy:        "%s (by %s)",
		mTodoRequest:      "📨 Join request: %s asks to join “%s”",
	},
}
