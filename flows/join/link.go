package join

import (
	"fmt"
	"net/url"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// ReportPoster is the QR code poster of a unit's join link (A4 and phone
// size); the OutReport's SurveyID is the link's code.
const ReportPoster = "join_poster"

// linkWords ask /invite for the unit's join link instead of a personal one.
var linkWords = []string{"链接", "单位链接", "二维码", "海报", "link", "qr"}

// DeepLink is the t.me link that starts bot with code.
func DeepLink(bot, code string) string { return fmt.Sprintf("https://t.me/%s?start=%s", bot, code) }

// DeepLink is the t.me link that starts this bot with code.
func (f *Feature) DeepLink(code string) string { return DeepLink(f.Env.BotUsername, code) }

// shareURL is Telegram's share link for link, with text beside it.
func shareURL(link, text string) string {
	return "https://t.me/share/url?url=" + url.QueryEscape(link) + "&text=" + url.QueryEscape(text)
}

// unitLink answers /invite [unit] 链接: the unit's join link (made when it
// has none that can still be used), to share or print as a QR poster,
// and the button that stops it.
func (st step) unitLink(unit string) error {
	if !access.Check(st.Step, access.Invite, access.Object{Unit: unit, Role: kit.RoleMember}).Allowed {
		return nil
	}
	r, ok := st.reader()
	if !ok {
		st.Send(kit.T(st.Lang, kit.MsgSomethingWrong))
		return nil
	}
	link, found, err := r.LinkOf(unit)
	if err != nil {
		return fmt.Errorf("unit link: %w", err)
	}
	if !found || !link.Usable(st.Now) {
		replaces := ""
		if found {
			replaces = link.Code
		}
		link = UnitLink{Code: st.Env.NewCode(), Unit: unit, By: st.Me.ID, CreatedAt: st.Now, ExpiresAt: st.Now.Add(LinkTTL)}
		st.Emit(LinkCreated{Link: link, Replaces: replaces})
	}
	deep := st.f.DeepLink(link.Code)
	share := shareURL(deep, catalog.T("zh", mLinkShareText, st.UnitName(unit)))
	st.Send(st.t(mLinkShow, st.UnitName(unit), st.when(link.ExpiresAt), deep),
		[]kit.Button{{Text: st.t(mBtnShareLink), URL: share}},
		[]kit.Button{{Text: st.t(mBtnPoster), Data: "ul:" + link.Code + ":qr"}, {Text: st.t(mBtnRevoke), Data: "ul:" + link.Code + ":off"}})
	return nil
}

// linkEntry handles the buttons of a unit link, "ul:<code>:<verb>": qr (the
// poster), off (asks to confirm) and offy (stops the link).
func (st step) linkEntry(rest string) error {
	code, verb, _ := strings.Cut(rest, ":")
	r, ok := st.reader()
	if _, known := access.Verb("ul", verb); !ok || !known {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return nil
	}
	link, found, err := r.UnitLink(code)
	if err != nil {
		return fmt.Errorf("unit link: %w", err)
	}
	if !found {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return nil
	}
	if !access.Check(st.Step, access.Invite, access.Object{Unit: link.Unit, Role: kit.RoleMember}).Allowed {
		return nil
	}
	cur, _, err := r.LinkOf(link.Unit)
	if err != nil {
		return fmt.Errorf("unit link: %w", err)
	}
	if cur.Code != code || !link.Usable(st.Now) {
		st.Answer(st.t(mLinkGone), true)
		st.DropButtons(st.In.MessageID)
		return nil
	}
	switch verb {
	case "qr":
		st.Answer(st.t(mPreparing), false)
		st.Out(kit.Output{Kind: kit.OutReport, ChatID: st.In.ChatID, Report: ReportPoster, SurveyID: code})
	case "off":
		st.Answer("", false)
		st.Send(st.t(mRevokeAsk, st.UnitName(link.Unit)), []kit.Button{{Text: st.t(mBtnRevokeYes), Data: "ul:" + code + ":offy"}})
	default:
		st.Emit(LinkRevoked{Code: code, Unit: link.Unit, By: st.Me.ID, At: st.Now})
		st.Chose(st.t(mRevokeAsk, st.UnitName(link.Unit)), st.t(mRevokedShort))
		st.Send(st.t(mRevoked, st.UnitName(link.Unit)))
	}
	return nil
}

// linkButton is the /invite button that shows the unit's join link.
func (st step) linkButton(unit string) []kit.Button {
	d, ok := kit.CommandData("invite", unit, linkWords[0])
	if !ok {
		return nil
	}
	return []kit.Button{{Text: st.t(mBtnUnitLink), Data: d}}
}

// PosterText is what a unit's poster says besides the unit and the link,
// in lang: the line under the unit's name, the one-line instruction under
// the QR code, the validity (of the date until) and the small print.
func PosterText(lang, until string) (title, instruction, valid, note string) {
	return catalog.T(lang, mPosterTitle), catalog.T(lang, mPosterLine), catalog.T(lang, mPosterValid, until), catalog.T(lang, mPosterNote)
}
