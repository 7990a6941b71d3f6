package playground_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"strings"
	"sync"
	"testing"

	tgbot "github.com/go-telegram/bot"

	"sibu/flows/kit"
	"sibu/playground"
	"sibu/tgemu"
)

// upload posts the 📎 form: kind, caption and, when data is not nil, a file.
func (f *fixture) upload(person int64, kind, caption, name string, data []byte) (int, string) {
	f.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("kind", kind)
	if caption != "" {
		mw.WriteField("caption", caption)
	}
	if data != nil {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", f.srv.URL+"/api/chats/"+itoa(person)+"/files", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Error string `json:"error"`
	}
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out.Error
}

func itoa(id int64) string { b, _ := json.Marshal(id); return string(b) }

// TestAttachPhotos: 📎 sends the sample photo, or a picked image as
// Telegram keeps it (a JPEG at most 1280 pixels wide), with its caption.
func TestAttachPhotos(t *testing.T) {
	f := newFixture(t)
	zhang := f.people[2]
	last := func() tgemu.Message {
		msgs := f.emu.Messages(zhang.ID)
		return msgs[len(msgs)-1]
	}

	if code, msg := f.upload(zhang.ID, "photo", "走访照片", "", nil); code != 200 {
		t.Fatalf("sample photo: %d %s", code, msg)
	}
	if m := last(); len(m.Photo) == 0 || m.Caption != "走访照片" || m.Photo[0].Width != 960 {
		t.Errorf("sample photo sent as %+v", m)
	}

	// A wide transparent PNG arrives as a JPEG 1280 pixels wide.
	img := image.NewNRGBA(image.Rect(0, 0, 2000, 1000))
	img.Set(10, 10, color.NRGBA{255, 0, 0, 255})
	var pngData bytes.Buffer
	png.Encode(&pngData, img)
	if code, msg := f.upload(zhang.ID, "photo", "", "wide.png", pngData.Bytes()); code != 200 {
		t.Fatalf("picked photo: %d %s", code, msg)
	}
	p := last().Photo[0]
	if p.Width != 1280 || p.Height != 640 {
		t.Errorf("picked photo kept at %dx%d, want 1280x640", p.Width, p.Height)
	}
	if f, _ := f.emu.File(p.FileID); !bytes.HasPrefix(f.Data, []byte{0xff, 0xd8}) {
		t.Errorf("picked photo is not kept as a JPEG")
	}

}

// TestAttachFileAndVoice: a file keeps its name (no folders); the sample
// voice note is OGG/Opus with its duration, drawn and served as one.
func TestAttachFileAndVoice(t *testing.T) {
	f := newFixture(t)
	zhang := f.people[2]
	last := func() tgemu.Message {
		msgs := f.emu.Messages(zhang.ID)
		return msgs[len(msgs)-1]
	}
	if code, _ := f.upload(zhang.ID, "document", "佐证", `C:\材料\证明.pdf`, []byte("%PDF-1.4 证明")); code != 200 {
		t.Fatalf("document: %d", code)
	}
	if m := last(); m.Document == nil || m.Document.FileName != "证明.pdf" || m.Caption != "佐证" {
		t.Errorf("document sent as %+v", m)
	}

	if code, msg := f.upload(zhang.ID, "voice", "", "", nil); code != 200 {
		t.Fatalf("sample voice: %d %s", code, msg)
	}
	if m := last(); m.Voice == nil || m.Voice.Duration != 6 || m.Voice.MimeType != "audio/ogg" {
		t.Errorf("sample voice sent as %+v", m)
	}
	var c struct {
		Messages []struct {
			Voice *struct {
				ID       string `json:"id"`
				Duration int    `json:"duration"`
			} `json:"voice"`
		} `json:"messages"`
	}
	f.do("GET", "/api/chats/10003", nil, &c)
	if v := c.Messages[len(c.Messages)-1].Voice; v == nil || v.Duration != 6 {
		t.Errorf("the page is sent the voice note as %+v", v)
	}
	resp, err := http.Get(f.srv.URL + "/api/files/" + c.Messages[len(c.Messages)-1].Voice.ID)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "audio/ogg" {
		t.Errorf("voice note served as %q", ct)
	}

}

// TestAttachRefused: what is not what it claims, or too long, or from
// someone not in the demo, is refused and sends nothing.
func TestAttachRefused(t *testing.T) {
	f := newFixture(t)
	zhang := f.people[2]
	before := len(f.emu.Messages(zhang.ID))
	for _, tt := range []struct {
		kind, name string
		data       []byte
		want       string
	}{
		{"photo", "notes.txt", []byte("not an image"), "不是图片"},
		{"document", "", nil, "没有选择文件"},
		{"voice", "voice.mp3", []byte("ID3 mp3"), "OGG/Opus"},
		{"sticker", "", nil, "kind must be"},
	} {
		if code, msg := f.upload(zhang.ID, tt.kind, "", tt.name, tt.data); code != 400 || !strings.Contains(msg, tt.want) {
			t.Errorf("%s %s: %d %q, want 400 %q", tt.kind, tt.name, code, msg, tt.want)
		}
	}
	if code, _ := f.upload(zhang.ID, "photo", strings.Repeat("长", 1025), "", nil); code != 400 {
		t.Errorf("a caption over 1024 characters: %d", code)
	}
	if code, _ := f.upload(404, "photo", "", "", nil); code != 404 {
		t.Errorf("someone not in the demo: %d", code)
	}
	// A form on another site's page (multipart needs no preflight).
	req, _ := http.NewRequest("POST", f.srv.URL+"/api/chats/10003/files", strings.NewReader("--x--\r\n"))
	req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	req.Header.Set("Origin", "http://elsewhere.example")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("a cross-origin upload answered %s", resp.Status)
	}
	if n := len(f.emu.Messages(zhang.ID)); n != before {
		t.Errorf("refused uploads left %d messages", n-before)
	}
}

// directory is a Directory the test changes.
type directory struct {
	mu     sync.Mutex
	people map[int64]kit.Person
}

func (d *directory) Person(_ context.Context, id int64) (kit.Person, bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	p, ok := d.people[id]
	return p, ok, nil
}

// TestNewcomerJoinsAndDescription: the newcomer's label follows the store
// once they join (in the list and on the bot's next message), and their
// empty chat carries the bot's description.
func TestNewcomerJoinsAndDescription(t *testing.T) {
	dir := &directory{people: map[int64]kit.Person{}}
	units := []kit.Unit{{ID: "root", Name: "通川区委组织部"}, {ID: "dc-b1", Name: "东城街道第一党支部", Parent: "root"}}
	f := newFixture(t, func(o *playground.Options) { o.Directory, o.Units = dir, units })
	ctx := context.Background()
	type person struct {
		ID        int64  `json:"id"`
		Title     string `json:"title"`
		RoleLabel string `json:"role_label"`
	}
	newcomer := func() person {
		var st struct{ People []person }
		f.do("GET", "/api/state", nil, &st)
		for _, p := range st.People {
			if p.ID == 10099 {
				return p
			}
		}
		t.Fatal("no newcomer in the state")
		return person{}
	}
	if p := newcomer(); p.RoleLabel != "访客" || !strings.Contains(p.Title, "尚未加入") {
		t.Errorf("before joining: %+v", p)
	}

	f.bot.SetMyDescription(ctx, &tgbot.SetMyDescriptionParams{Description: "「四步」工作助手"})
	f.bot.SetMyShortDescription(ctx, &tgbot.SetMyShortDescriptionParams{ShortDescription: "基层工作助手"})
	var c struct {
		Messages    []json.RawMessage `json:"messages"`
		Description string            `json:"description"`
		About       string            `json:"about"`
	}
	f.do("GET", "/api/chats/10099", nil, &c)
	if len(c.Messages) != 0 || c.Description != "「四步」工作助手" || c.About != "基层工作助手" {
		t.Errorf("the newcomer's empty chat = %+v", c)
	}

	f.emu.SendText(f.people[6].User(), "/start t-me-invite-code")
	evs := sse(t, f.srv.URL)
	dir.mu.Lock()
	dir.people[10099] = kit.Person{ID: 10099, Name: "王五", Unit: "dc-b1", Role: kit.RoleMember}
	dir.mu.Unlock()
	if _, err := f.bot.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: 10099, Text: "欢迎加入！"}); err != nil {
		t.Fatal(err)
	}
	ev := next(t, evs, "message")
	pv, _ := ev["person"].(map[string]any)
	if pv["role_label"] != "成员" || pv["title"] != "东城街道第一党支部 · 成员" {
		t.Errorf("the bot's message after the join carries the person %v", pv)
	}
	if p := newcomer(); p.RoleLabel != "成员" || p.Title != "东城街道第一党支部 · 成员" {
		t.Errorf("after joining: %+v", p)
	}
	f.bot.SetMyDescription(ctx, &tgbot.SetMyDescriptionParams{Description: "新说明"})
	next(t, evs, "description")
}
