package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"sibu/flows"
	"sibu/reports"
)

// rosterDownloadTimeout bounds getFile plus the download of one roster.
const rosterDownloadTimeout = 30 * time.Second

// talkRosterInput turns a document sent while the chat waits for a talk
// roster (flows.Session.WantsTalkRoster) into the input the talk flow
// reads: Other = flows.OtherTalkRoster and Text = the file's names as a
// flows.TalkRosterUpload in JSON. Files that cannot be used (not .xlsx or
// .csv, over 2 MB, unreadable) become an upload with a Problem, which the
// flow answers politely; the file is not downloaded when its name or size
// already rules it out. An error is returned only when ctx ended, so the
// update is applied again later.
func (b *Bot) talkRosterInput(ctx context.Context, u *models.Update, in flows.Input) (flows.Input, error) {
	up := flows.TalkRosterUpload{File: in.FileName}
	if up.File == "" {
		up.File = "?"
	}
	var doc *models.Document
	if u.Message != nil {
		doc = u.Message.Document
	}
	switch ext := strings.ToLower(filepath.Ext(in.FileName)); {
	case doc == nil:
		up.Problem = flows.RosterUnreadable
	case ext != ".xlsx" && ext != ".xlsm" && ext != ".csv" && ext != ".txt":
		up.Problem = flows.RosterBadType
	case doc.FileSize > flows.TalkRosterMaxBytes:
		up.Problem = flows.RosterTooBig
	default:
		data, err := b.downloadRoster(ctx, doc.FileID)
		switch {
		case ctx.Err() != nil:
			return in, fmt.Errorf("download roster: %w", ctx.Err())
		case errors.Is(err, errRosterTooBig):
			up.Problem = flows.RosterTooBig
		case err != nil:
			b.log.WarnContext(ctx, "roster file not downloaded", "chat_id", in.ChatID, "err", err)
			up.Problem = flows.RosterUnreadable
		default:
			up = reports.ParseTalkRoster(up.File, data)
		}
	}
	raw, err := json.Marshal(up)
	if err != nil {
		return in, fmt.Errorf("encode roster upload: %w", err)
	}
	in.Other, in.Text = flows.OtherTalkRoster, string(raw)
	return in, nil
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
	if f.FileSize > flows.TalkRosterMaxBytes {
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
	data, err := io.ReadAll(io.LimitReader(resp.Body, flows.TalkRosterMaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("download: %w", redactURL(err))
	}
	if len(data) > flows.TalkRosterMaxBytes {
		return nil, errRosterTooBig
	}
	return data, nil
}

// redactURL drops the URL (which holds the bot token) from a client error.
func redactURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}
