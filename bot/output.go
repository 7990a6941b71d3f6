package bot

import (
	"context"
	"errors"
	"fmt"
	"sibu/flows"
	"sibu/flows/kit"
	"slices"
	"strings"
	"unicode/utf8"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// send performs one output through the sender.
func (b *Bot) send(ctx context.Context, o kit.Output, kind Kind) error {
	switch o.Kind {
	case kit.OutSend, kit.OutPush:
		if o.File != nil {
			return b.sendFile(ctx, o, kind)
		}
		if o.Contact != nil {
			return b.sendContact(ctx, o, kind)
		}
		parts := splitText(o.Text)
		for i, part := range parts {
			p := &tgbot.SendMessageParams{Text: part}
			if i == len(parts)-1 {
				p.ReplyMarkup = markup(o)
			}
			err := b.sender.Do(ctx, "sendMessage", o.ChatID, kind, func(ctx context.Context, chat int64) error {
				p.ChatID = chat
				_, err := b.tg.SendMessage(ctx, p)
				return err
			})
			if err != nil {
				return err
			}
		}
		return nil
	case kit.OutEdit:
		if o.KeepText {
			return b.sender.Do(ctx, "editMessageReplyMarkup", o.ChatID, kind, func(ctx context.Context, chat int64) error {
				_, err := b.tg.EditMessageReplyMarkup(ctx, &tgbot.EditMessageReplyMarkupParams{ChatID: chat,
					MessageID: o.MessageID, ReplyMarkup: keyboard(o.Buttons)})
				return err
			})
		}
		text := o.Text
		if parts := splitText(text); len(parts) > 1 {
			text = parts[0]
		}
		return b.sender.Do(ctx, "editMessageText", o.ChatID, kind, func(ctx context.Context, chat int64) error {
			_, err := b.tg.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: chat, MessageID: o.MessageID,
				Text: text, ReplyMarkup: keyboard(o.Buttons)})
			return err
		})
	case kit.OutAnswer:
		err := b.sender.Do(ctx, "answerCallbackQuery", o.ChatID, Free, func(ctx context.Context, _ int64) error {
			_, err := b.tg.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: o.CallbackID,
				Text: answerText(o.Text), ShowAlert: o.Alert})
			return err
		})
		if err != nil && errors.Is(err, tgbot.ErrorBadRequest) {
			return nil // the query expired (15 s or so); the rest of the step still counts
		}
		return err
	case kit.OutCommands:
		return b.setCommands(ctx, o.ChatID, o.Role, o.Lang)
	case kit.OutReport:
		return b.sendReport(ctx, o, kind)
	}
	return nil
}

// sendFile sends a stored file by file_id, with Text as its caption.
func (b *Bot) sendFile(ctx context.Context, o kit.Output, kind Kind) error {
	caption := o.Text
	if utf16Len(caption) > 1024 { // too long for a caption: send it as a message first
		if err := b.send(ctx, kit.Output{Kind: o.Kind, ChatID: o.ChatID, Text: o.Text}, kind); err != nil {
			return err
		}
		caption = ""
	}
	f := &models.InputFileString{Data: o.File.ID}
	method := map[string]string{"photo": "sendPhoto", "voice": "sendVoice", "audio": "sendAudio", "video": "sendVideo"}[o.File.Kind]
	if method == "" {
		method = "sendDocument"
	}
	return b.sender.Do(ctx, method, o.ChatID, kind, func(ctx context.Context, chat int64) error {
		var err error
		switch method {
		case "sendPhoto":
			_, err = b.tg.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: chat, Photo: f, Caption: caption, ReplyMarkup: markup(o)})
		case "sendVoice":
			_, err = b.tg.SendVoice(ctx, &tgbot.SendVoiceParams{ChatID: chat, Voice: f, Caption: caption, ReplyMarkup: markup(o)})
		case "sendAudio":
			_, err = b.tg.SendAudio(ctx, &tgbot.SendAudioParams{ChatID: chat, Audio: f, Caption: caption, ReplyMarkup: markup(o)})
		case "sendVideo":
			_, err = b.tg.SendVideo(ctx, &tgbot.SendVideoParams{ChatID: chat, Video: f, Caption: caption, ReplyMarkup: markup(o)})
		default:
			_, err = b.tg.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: chat, Document: f, Caption: caption, ReplyMarkup: markup(o)})
		}
		return err
	})
}

// sendContact sends Text (if any) and then a contact card (tap to call).
func (b *Bot) sendContact(ctx context.Context, o kit.Output, kind Kind) error {
	if o.Text != "" {
		if err := b.send(ctx, kit.Output{Kind: o.Kind, ChatID: o.ChatID, Text: o.Text}, kind); err != nil {
			return err
		}
	}
	return b.sender.Do(ctx, "sendContact", o.ChatID, kind, func(ctx context.Context, chat int64) error {
		_, err := b.tg.SendContact(ctx, &tgbot.SendContactParams{ChatID: chat, PhoneNumber: o.Contact.Phone,
			FirstName: o.Contact.FirstName, ReplyMarkup: markup(o)})
		return err
	})
}

// markup is the reply_markup of an output: its inline buttons, else its
// reply keyboard, else a keyboard removal, else none.
func markup(o kit.Output) models.ReplyMarkup {
	switch {
	case len(o.Buttons) > 0:
		return keyboard(o.Buttons)
	case len(o.Keyboard) > 0:
		rows := make([][]models.KeyboardButton, 0, len(o.Keyboard))
		for _, row := range o.Keyboard {
			r := make([]models.KeyboardButton, 0, len(row))
			for _, b := range row {
				r = append(r, models.KeyboardButton{Text: b.Text, RequestContact: b.RequestContact})
			}
			rows = append(rows, r)
		}
		return &models.ReplyKeyboardMarkup{Keyboard: rows, ResizeKeyboard: true, OneTimeKeyboard: true}
	case o.RemoveKeyboard:
		return &models.ReplyKeyboardRemove{RemoveKeyboard: true}
	}
	return nil
}

// Telegram's (unpublished) inline keyboard limits: at most 8 buttons side
// by side and 100 in all. A markup beyond them is refused with the whole
// message.
const (
	maxRowButtons = 8
	maxButtons    = 100
)

// keyboard converts flow buttons into an inline keyboard (nil when none).
// A row wider than Telegram allows (a 0–10 rating) is folded into even rows,
// and buttons beyond the total limit are left off rather than lose the
// message — from the end of the rows before the last, which carries the
// way on (完成, 提交, 下一页) and is kept whole.
func keyboard(rows [][]kit.Button) models.ReplyMarkup {
	if len(rows) == 0 {
		return nil
	}
	total := 0
	for _, row := range rows {
		total += len(row)
	}
	var last []kit.Button
	if l := rows[len(rows)-1]; total > maxButtons && len(rows) > 1 && len(l) <= maxRowButtons {
		rows, last = rows[:len(rows)-1], l
	}
	budget := maxButtons - len(last)
	kb := make([][]models.InlineKeyboardButton, 0, len(rows)+1)
	n := 0
	for _, row := range rows {
		per := len(row)
		if per > maxRowButtons {
			lines := (len(row) + maxRowButtons - 1) / maxRowButtons
			per = (len(row) + lines - 1) / lines
		}
		for len(row) > 0 && n < budget {
			k := min(per, len(row), budget-n)
			kb = append(kb, inlineRow(row[:k]))
			row, n = row[k:], n+k
		}
	}
	if len(last) > 0 {
		kb = append(kb, inlineRow(last))
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: kb}
}

// inlineRow converts one row of flow buttons.
func inlineRow(row []kit.Button) []models.InlineKeyboardButton {
	r := make([]models.InlineKeyboardButton, 0, len(row))
	for _, b := range row {
		r = append(r, models.InlineKeyboardButton{Text: b.Text, CallbackData: b.Data, URL: b.URL})
	}
	return r
}

// maxAnswerText is Telegram's limit on a callback answer's text.
const maxAnswerText = 200

// answerText fits a callback answer's text into Telegram's 200 characters
// (a longer one is refused, and the person would see nothing at all).
func answerText(s string) string {
	if utf16Len(s) <= maxAnswerText {
		return s
	}
	n := 0
	for i, r := range s {
		w := utf16Width(r)
		if n+w > maxAnswerText-1 {
			return s[:i] + "…"
		}
		n += w
	}
	return s
}

// maxText is Telegram's limit on message text, in UTF-16 code units.
const maxText = 4096

// splitText cuts text into pieces Telegram accepts, at line breaks when it
// can. Blank text gives no piece.
func splitText(text string) []string {
	var out []string
	for utf16Len(text) > maxText {
		cut := 0
		n := 0
		for i, r := range text {
			w := utf16Width(r)
			if n+w > maxText {
				break
			}
			n += w
			_, size := utf8.DecodeRuneInString(text[i:]) // 1 for an invalid byte
			cut = i + size
		}
		if nl := strings.LastIndex(text[:cut], "\n"); nl > cut/2 {
			cut = nl + 1
		}
		out = append(out, text[:cut])
		text = text[cut:]
	}
	out = append(out, text)
	// Telegram trims a message and refuses one left empty: a piece of
	// nothing but whitespace (after a cut, or the whole text) is not sent.
	return slices.DeleteFunc(out, func(p string) bool { return strings.TrimSpace(p) == "" })
}

// utf16Len is the length of s in UTF-16 code units, as Telegram counts.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Width(r)
	}
	return n
}

// utf16Width is the number of UTF-16 code units of r: 2 beyond the BMP
// (most emoji), else 1.
func utf16Width(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// commands are the command menus per role.
func commands(role kit.Role, lang string) []models.BotCommand {
	zh := lang != "en"
	c := func(cmd, zhText, enText string) models.BotCommand {
		if zh {
			return models.BotCommand{Command: cmd, Description: zhText}
		}
		return models.BotCommand{Command: cmd, Description: enText}
	}
	common := []models.BotCommand{c("back", "返回上一步", "Previous step"), c("cancel", "退出当前操作", "Leave the current task"),
		c("help", "帮助", "Help")}
	member := []models.BotCommand{c("surveys", "待填问卷", "Questionnaires for you"), c("promise", "申报公开承诺", "Declare commitments"),
		c("progress", "汇报履诺进展", "Report progress"), c("done", "承诺已完成", "Mark fulfilled"), c("extend", "申请延期", "Ask for more time")}
	switch role {
	case kit.RoleMember:
		return append(member, common...)
	case kit.RoleSupervisor:
		return append(append(member, c("review", "待审承诺", "Commitments to review"), c("overdue", "逾期事项", "Overdue items"),
			c("ledger", "承诺台账", "Commitments ledger"), c("urge", "督办", "Urge an item"), c("mytalks", "我的谈话", "My talks"),
			c("invite", "邀请成员", "Invite members")), common...)
	case kit.RoleMonitor:
		return append([]models.BotCommand{c("ledger", "承诺台账", "Commitments ledger"), c("overdue", "逾期事项", "Overdue items"),
			c("surveys", "待填问卷", "Questionnaires for you")}, common...)
	case kit.RoleOfficial:
		return append([]models.BotCommand{c("status", "工作概况", "Status at a glance"), c("survey", "发放/结束问卷", "Open or close a questionnaire"),
			c("stats", "问卷统计", "Questionnaire results"), c("export", "导出答卷", "Export responses"),
			c("talks", "谈话轮次", "Talk rounds"), c("coverage", "谈话覆盖", "Talk coverage"), c("mytalks", "我的谈话", "My talks"),
			c("overdue", "逾期事项", "Overdue items"), c("ledger", "承诺台账", "Commitments ledger"), c("review", "待审承诺", "Commitments to review"),
			c("evaluate", "承诺评议", "Evaluation round"), c("invite", "生成邀请链接", "Invite link"),
			c("surveys", "待填问卷", "Questionnaires for you")}, common...)
	}
	return []models.BotCommand{c("start", "开始", "Start"), c("help", "帮助", "Help")}
}

// Setup sets what Telegram shows of the bot before anyone writes to it:
// the command menus (strangers' by default, officials' for the configured
// admins) and the descriptions. One failing does not keep the other from
// being set; their errors are joined.
func (b *Bot) Setup(ctx context.Context) error {
	return errors.Join(b.setMenus(ctx), b.describe(ctx))
}

// setMenus registers the command menus.
func (b *Bot) setMenus(ctx context.Context) error {
	for _, lang := range []string{"", "en"} {
		if _, err := b.tg.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: commands("", lang), LanguageCode: lang}); err != nil {
			return fmt.Errorf("setMyCommands: %w", err)
		}
	}
	for _, id := range b.opt.Admins {
		b.setCommands(ctx, id, kit.RoleOfficial, "zh")
	}
	return nil
}

// describe sets the bot's description (shown in an empty chat: what the bot
// is for and how to join) and short description (its profile page, and
// beside a shared link), in Chinese for everyone and in English for English
// clients. Each is read first and set only when it differs: every replica
// runs this at every start, and Telegram's limits on these methods are not
// published.
func (b *Bot) describe(ctx context.Context) error {
	for _, lang := range []string{"", "en"} {
		long, short := flows.Description(lang)
		cur, err := b.tg.GetMyDescription(ctx, &tgbot.GetMyDescriptionParams{LanguageCode: lang})
		if err != nil {
			return fmt.Errorf("getMyDescription: %w", err)
		}
		if cur.Description != long {
			if _, err := b.tg.SetMyDescription(ctx, &tgbot.SetMyDescriptionParams{Description: long, LanguageCode: lang}); err != nil {
				return fmt.Errorf("setMyDescription: %w", err)
			}
		}
		curShort, err := b.tg.GetMyShortDescription(ctx, &tgbot.GetMyShortDescriptionParams{LanguageCode: lang})
		if err != nil {
			return fmt.Errorf("getMyShortDescription: %w", err)
		}
		if curShort.ShortDescription != short {
			if _, err := b.tg.SetMyShortDescription(ctx, &tgbot.SetMyShortDescriptionParams{ShortDescription: short, LanguageCode: lang}); err != nil {
				return fmt.Errorf("setMyShortDescription: %w", err)
			}
		}
	}
	return nil
}

// setCommands sets one chat's command menu for its role and language.
func (b *Bot) setCommands(ctx context.Context, chat int64, role kit.Role, lang string) error {
	return b.sender.Do(ctx, "setMyCommands", chat, Free, func(ctx context.Context, chat int64) error {
		_, err := b.tg.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: commands(role, lang),
			Scope: &models.BotCommandScopeChat{ChatID: chat}})
		return err
	})
}
