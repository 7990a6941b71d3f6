package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf16"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"sibu/flows/discipline"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/talk"
	"sibu/reports"
)

// toInput translates an update into a flow input. ok=false: nothing for the
// flows (edits, channel posts, reactions…), acknowledged without a step.
func toInput(u *models.Update, botUsername string) (kit.Input, bool) {
	switch {
	case u.Message != nil:
		return messageInput(u.Message, botUsername)
	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		in := kit.Input{Kind: kit.InputCallback, UserID: q.From.ID, Lang: q.From.LanguageCode,
			UserName: fullName(&q.From), CallbackID: q.ID, Data: q.Data, ChatID: q.From.ID, Private: true}
		if m := q.Message.Message; m != nil {
			in.ChatID, in.MessageID, in.Private = m.Chat.ID, m.ID, m.Chat.Type == models.ChatTypePrivate
		} else if m := q.Message.InaccessibleMessage; m != nil {
			in.ChatID, in.MessageID, in.Private = m.Chat.ID, m.MessageID, m.Chat.Type == models.ChatTypePrivate
		}
		return in, true
	}
	return kit.Input{}, false
}

// fullName is a user's first and last name.
func fullName(u *models.User) string {
	if u == nil {
		return ""
	}
	return strings.TrimSpace(u.FirstName + " " + u.LastName)
}

// messageInput translates a message: a command, text, a shared contact, or
// other content (media, files) named by otherKind.
func messageInput(m *models.Message, botUsername string) (kit.Input, bool) {
	in := kit.Input{ChatID: m.Chat.ID, Private: m.Chat.Type == models.ChatTypePrivate}
	if m.From == nil {
		return in, false // channel or anonymous admin posts
	}
	in.UserID, in.Lang, in.UserName = m.From.ID, m.From.LanguageCode, fullName(m.From)
	switch {
	case m.Text != "":
		if cmd, args, target, ok := command(m); ok {
			if target != "" && !strings.EqualFold(target, botUsername) {
				return in, false // a command for another bot in a group
			}
			in.Kind, in.Command, in.Args = kit.InputCommand, cmd, args
			in.Addressed = target != ""
			return in, true
		}
		in.Kind, in.Text = kit.InputText, m.Text
	case m.Contact != nil:
		in.Kind, in.ContactPhone, in.ContactUserID = kit.InputContact, m.Contact.PhoneNumber, m.Contact.UserID
	default:
		in.Kind, in.Other = kit.InputOther, otherKind(m)
		if in.Other == "" {
			return in, false // service messages: joins, pins, title changes…
		}
		in.FileID, in.FileName = fileOf(m)
		in.Caption = m.Caption
		if m.Location != nil {
			in.Lat, in.Lon = m.Location.Latitude, m.Location.Longitude
		}
	}
	return in, true
}

// fileOf returns the file_id (and name) of a message's photo (largest size),
// document, voice note, audio or video, for keeping as evidence.
func fileOf(m *models.Message) (string, string) {
	switch {
	case len(m.Photo) > 0:
		return m.Photo[len(m.Photo)-1].FileID, ""
	case m.Document != nil:
		return m.Document.FileID, m.Document.FileName
	case m.Voice != nil:
		return m.Voice.FileID, ""
	case m.Audio != nil:
		return m.Audio.FileID, m.Audio.FileName
	case m.Video != nil:
		return m.Video.FileID, m.Video.FileName
	}
	return "", ""
}

// command parses a bot_command entity at offset 0. Entity offsets count
// UTF-16 code units (the library's MatchTypeCommand gets this wrong after
// non-ASCII text), so they are converted before slicing.
func command(m *models.Message) (cmd, args, target string, ok bool) {
	for _, e := range m.Entities {
		if e.Type != models.MessageEntityTypeBotCommand || e.Offset != 0 {
			continue
		}
		u := utf16.Encode([]rune(m.Text))
		if e.Length > len(u) || e.Length < 2 {
			return "", "", "", false
		}
		word := string(utf16.Decode(u[:e.Length]))
		rest := string(utf16.Decode(u[e.Length:]))
		word = strings.TrimPrefix(word, "/")
		word, target, _ = strings.Cut(word, "@")
		return strings.ToLower(word), strings.TrimSpace(rest), target, true
	}
	// Clients always send the entity; accept a bare "/cmd" typed without one too.
	if strings.HasPrefix(m.Text, "/") && len(m.Text) > 1 {
		word, rest, _ := strings.Cut(m.Text[1:], " ")
		word, target, _ = strings.Cut(word, "@")
		if word != "" && isASCIIWord(word) {
			return strings.ToLower(word), strings.TrimSpace(rest), target, true
		}
	}
	return "", "", "", false
}

// isASCIIWord reports whether s could be a command name typed by hand.
func isASCIIWord(s string) bool {
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// otherKind names the content of a message that is neither text nor a
// contact, or "" for a service message (joins, pins, timers…), which gets
// no answer. Telegram sends an animation with a document beside it and a
// venue with its location, so those are looked at first.
func otherKind(m *models.Message) string {
	switch {
	case m.Sticker != nil:
		return "sticker"
	case m.Photo != nil:
		return "photo"
	case m.Animation != nil:
		return "animation"
	case m.Document != nil:
		return "document"
	case m.Voice != nil:
		return "voice"
	case m.Audio != nil:
		return "audio"
	case m.Video != nil:
		return "video"
	case m.VideoNote != nil:
		return "video_note"
	case m.Venue != nil:
		return "venue"
	case m.Location != nil:
		return "location"
	case m.Poll != nil:
		return "poll"
	case m.Dice != nil:
		return "dice"
	case m.Game != nil:
		return "game"
	case m.Story != nil:
		return "story"
	case m.PaidMedia != nil:
		return "paid_media"
	case m.Checklist != nil:
		return "checklist"
	case m.Invoice != nil:
		return "invoice"
	case m.Giveaway != nil || m.GiveawayWinners != nil:
		return "giveaway"
	case m.Caption != "":
		return "media"
	}
	return ""
}

// rosterDownloadTimeout bounds getFile plus the download of one roster.
const rosterDownloadTimeout = 30 * time.Second

// wantsRoster reports whether the chat of session s waits for a roster
// file: a talk round's (/talks roster), a checklist's list of names (read
// the same way), or the roster of people expected to join (/roster).
func wantsRoster(s kit.Session) bool {
	return talk.WantsRoster(s) || discipline.WantsList(s) || join.WantsRoster(s)
}

// readRoster turns a document sent while the chat waits for a roster
// (wantsRoster) into the input its flow reads: a talk.RosterUpload as JSON
// with Other = talk.OtherRoster, or a join.RosterUpload with Other =
// join.OtherRoster. Files that cannot be used become an upload with a
// Problem, which the flow answers politely. An error is returned only when
// ctx ended, so the update is applied again later.
func (b *Bot) readRoster(ctx context.Context, u *models.Update, in kit.Input, s kit.Session) (kit.Input, error) {
	name := in.FileName
	if name == "" {
		name = "?"
	}
	data, problem, err := b.fetchRoster(ctx, u, in)
	if err != nil {
		return in, err
	}
	var up any
	if join.WantsRoster(s) {
		p := join.RosterUpload{File: name, Problem: problem}
		if problem == talk.RosterOK {
			p = reports.ParsePeopleRoster(name, data, reports.ChatRoster)
		}
		in.Other, up = join.OtherRoster, p
	} else {
		p := talk.RosterUpload{File: name, Problem: problem}
		if problem == talk.RosterOK {
			p = reports.ParseTalkRoster(name, data)
		}
		in.Other, up = talk.OtherRoster, p
	}
	raw, err := json.Marshal(up)
	if err != nil {
		return in, fmt.Errorf("encode roster upload: %w", err)
	}
	in.Text = string(raw)
	return in, nil
}

// fetchRoster downloads the document of a roster upload, or says why it
// cannot be used (not .xlsx or .csv, over 2 MB, unreadable): the file is
// not downloaded when its name or size already rules it out.
func (b *Bot) fetchRoster(ctx context.Context, u *models.Update, in kit.Input) ([]byte, talk.RosterProblem, error) {
	var doc *models.Document
	if u.Message != nil {
		doc = u.Message.Document
	}
	switch ext := strings.ToLower(filepath.Ext(in.FileName)); {
	case doc == nil:
		return nil, talk.RosterUnreadable, nil
	case ext != ".xlsx" && ext != ".xlsm" && ext != ".csv" && ext != ".txt":
		return nil, talk.RosterBadType, nil
	case doc.FileSize > talk.RosterMaxBytes:
		return nil, talk.RosterTooBig, nil
	}
	data, err := b.downloadRoster(ctx, doc.FileID)
	switch {
	case ctx.Err() != nil:
		return nil, "", fmt.Errorf("download roster: %w", ctx.Err())
	case errors.Is(err, errRosterTooBig):
		return nil, talk.RosterTooBig, nil
	case err != nil:
		b.log.WarnContext(ctx, "roster file not downloaded", "chat_id", in.ChatID, "err", err)
		return nil, talk.RosterUnreadable, nil
	}
	return data, talk.RosterOK, nil
}

var errRosterTooBig = errors.New("roster file too big")

// downloadRoster fetches a file by file_id (getFile, then the file path
// under {api}/file/bot{token}/), reading at most TalkRosterMaxBytes. The
// token is part of the download URL, so errors never carry the URL.
func (b *Bot) downloadRoster(ctx context.Context, fileID string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, rosterDownloadTimeout)
	defer cancel()
	f, err := b.tg.GetFile(ctx, &tgbot.GetFileParams{FileID: fileID})
	if err != nil {
		return nil, fmt.Errorf("get file: %w", err)
	}
	if f.FileSize > talk.RosterMaxBytes {
		return nil, errRosterTooBig
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.tg.FileDownloadLink(f), nil)
	if err != nil {
		return nil, fmt.Errorf("download request: %w", redactURL(err))
	}
	resp, err := (&http.Client{Timeout: rosterDownloadTimeout}).Do(req)
	if err != nil {
		return nil, fmt.Errorf("download: %w", redactURL(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download: status %d", resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, talk.RosterMaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("download: %w", redactURL(err))
	}
	if len(data) > talk.RosterMaxBytes {
		return nil, errRosterTooBig
	}
	return data, nil
}
