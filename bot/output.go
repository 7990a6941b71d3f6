package bot

import (
	"context"
	"errors"
	"fmt"
	"sibu/flows"
	"sibu/flows/kit"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// send performs one output through the sender; a panic doing so (a
// report's rendering, say) comes back as a permanent error.
func (b *Bot) send(ctx context.Context, o kit.Output, kind Kind) (err error) {
	defer b.recovered(&err, "send "+string(o.Kind))
	return b.sendOutput(ctx, o, kind)
}

// sendOutput performs one output through the sender.
func (b *Bot) sendOutput(ctx context.Context, o kit.Output, kind Kind) error {
	switch o.Kind {
	case kit.OutSend, kit.OutPush:
		if o.File != nil {
			return b.sendFile(ctx, o, kind)
		}
		if o.Contact != nil {
			return b.sendContact(ctx, o, kind)
		}
		parts := kit.SplitText(o.Text)
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
		if parts := kit.SplitText(text); len(parts) > 1 {
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
	if kit.UTF16Len(caption) > kit.MaxCaption { // too long for a caption: send it as a message first
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
				r = append(r, models.KeyboardButton{Text: b.Text, RequestContact: b.RequestContact, RequestLocation: b.RequestLocation})
			}
			rows = append(rows, r)
		}
		return &models.ReplyKeyboardMarkup{Keyboard: rows, ResizeKeyboard: true, OneTimeKeyboard: true}
	case o.RemoveKeyboard:
		return &models.ReplyKeyboardRemove{RemoveKeyboard: true}
	}
	return nil
}

// maxRowButtons is Telegram's (unpublished) limit of buttons side by side.
const maxRowButtons = 8

// keyboard converts flow buttons into an inline keyboard (nil when none),
// within Telegram's limits (kit.FitButtons: replies stored before outputs
// were fitted at commit may exceed them). A row wider than Telegram allows
// (a 0–10 rating) is folded into even rows.
func keyboard(rows [][]kit.Button) models.ReplyMarkup {
	if len(rows) == 0 {
		return nil
	}
	rows = kit.FitButtons(rows)
	kb := make([][]models.InlineKeyboardButton, 0, len(rows)+1)
	for _, row := range rows {
		per := len(row)
		if per > maxRowButtons {
			lines := (len(row) + maxRowButtons - 1) / maxRowButtons
			per = (len(row) + lines - 1) / lines
		}
		for len(row) > 0 {
			k := min(per, len(row))
			kb = append(kb, inlineRow(row[:k]))
			row = row[k:]
		}
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
func answerText(s string) string { return kit.Shorten(s, maxAnswerText) }

// commands are the command menus per role.
func commands(role kit.Role, lang string) []models.BotCommand {
	zh := lang != "en"
	c := func(cmd, zhText, enText string) models.BotCommand {
		if zh {
			return models.BotCommand{Command: cmd, Description: zhText}
		}
		return models.BotCommand{Command: cmd, Description: enText}
	}
	research := []models.BotCommand{c("meeting", "登记座谈会（听）", "Log a meeting"), c("visit", "登记走访（访）", "Log a visit"),
		c("opinions", "意见台账", "Opinions ledger"), c("campaign", "调研进度", "Research campaign")}
	common := []models.BotCommand{c("back", "返回上一步", "Previous step"), c("cancel", "退出当前操作", "Leave the current task"),
		c("help", "帮助", "Help")}
	member := []models.BotCommand{c("surveys", "待填问卷", "Questionnaires for you"), c("promise", "申报公开承诺", "Declare commitments"),
		c("progress", "汇报履诺进展", "Report progress"), c("done", "承诺已完成", "Mark fulfilled"), c("extend", "申请延期", "Ask for more time"),
		c("mytalks", "我的谈话", "My talks"), c("checklist", "学习培训", "Study and training"), c("retro", "复盘", "Reviews"),
		c("tipoff", "匿名举报", "Anonymous tip-off")}
	switch role {
	case kit.RoleMember:
		return append(member, common...)
	case kit.RoleSupervisor:
		return append(append(member, c("review", "待审承诺", "Commitments to review"), c("overdue", "逾期事项", "Overdue items"),
			c("ledger", "承诺台账", "Commitments ledger"), c("urge", "督办", "Urge an item"),
			c("invite", "邀请成员", "Invite members")), append(research, common...)...)
	case kit.RoleMonitor:
		return append([]models.BotCommand{c("ledger", "承诺台账", "Commitments ledger"), c("overdue", "逾期事项", "Overdue items"),
			c("surveys", "待填问卷", "Questionnaires for you")}, common...)
	case kit.RoleInspector:
		return append([]models.BotCommand{c("tipoff", "举报线索", "Tip-offs"), c("nominees", "候选人审查", "Nominee vetting"),
			c("checklist", "学习培训", "Study and training"), c("surveys", "待填问卷", "Questionnaires for you")}, common...)
	case kit.RoleOfficial:
		return append([]models.BotCommand{c("status", "工作概况", "Status at a glance"), c("survey", "发放/结束问卷", "Open or close a questionnaire"),
			c("stats", "问卷统计", "Questionnaire results"), c("export", "导出答卷", "Export responses"),
			c("talks", "谈话轮次", "Talk rounds"), c("coverage", "谈话覆盖", "Talk coverage"), c("mytalks", "我的谈话", "My talks"),
			c("overdue", "逾期事项", "Overdue items"), c("ledger", "承诺台账", "Commitments ledger"), c("review", "待审承诺", "Commitments to review"),
			c("evaluate", "承诺评议", "Evaluation round"), c("invite", "生成邀请链接", "Invite link"), c("roster", "名单与加入情况", "Roster and joining"),
			c("retro", "复盘", "Reviews"), c("checklist", "学习培训（四必看·四必训）", "Study and training"),
			c("nominees", "候选人审查（四个凡提必）", "Nominee vetting"), c("tipoff", "匿名举报", "Anonymous tip-off"),
			c("surveys", "待填问卷", "Questionnaires for you")}, append(append(research, c("report", "调研报告", "Research report")), common...)...)
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
