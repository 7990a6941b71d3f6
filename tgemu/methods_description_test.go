package tgemu

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	tgbot "github.com/go-telegram/bot"
)

// TestDescriptions: the bot's description and short description per
// language, through the client library, within the spec's limits, and as a
// user of each language sees them.
func TestDescriptions(t *testing.T) {
	srv, _ := newServer(t)
	b := newBot(t, srv)
	ctx := context.Background()
	events, stop := srv.Subscribe()
	defer stop()

	for _, p := range []*tgbot.SetMyDescriptionParams{
		{Description: "默认说明"},
		{Description: "English description", LanguageCode: "en"},
	} {
		if ok, err := b.SetMyDescription(ctx, p); err != nil || !ok {
			t.Fatalf("setMyDescription %+v: %v %v", p, ok, err)
		}
	}
	if _, err := b.SetMyShortDescription(ctx, &tgbot.SetMyShortDescriptionParams{ShortDescription: "简介"}); err != nil {
		t.Fatal(err)
	}
	if ev := <-events; ev.Type != EventDescription || ev.Description == nil || ev.Description.Description != "默认说明" {
		t.Errorf("first event = %+v, want the default description", ev)
	}

	got, err := b.GetMyDescription(ctx, &tgbot.GetMyDescriptionParams{LanguageCode: "en"})
	if err != nil || got.Description != "English description" {
		t.Errorf("getMyDescription en = %q, %v", got.Description, err)
	}
	short, err := b.GetMyShortDescription(ctx, &tgbot.GetMyShortDescriptionParams{LanguageCode: "en"})
	if err != nil || short.ShortDescription != "" {
		t.Errorf("getMyShortDescription en = %q, %v; want none: it is set for no language but the default", short.ShortDescription, err)
	}

	for _, tt := range []struct{ lang, long, short string }{
		{"zh-hans", "默认说明", "简介"},
		{"en-GB", "English description", "简介"},
		{"en", "English description", "简介"},
		{"", "默认说明", "简介"},
	} {
		long, short := srv.Description(tt.lang)
		if long != tt.long || short != tt.short {
			t.Errorf("Description(%q) = %q, %q; want %q, %q", tt.lang, long, short, tt.long, tt.short)
		}
	}

	// An empty text removes the language's own.
	if r := call(t, srv, "setMyDescription", map[string]string{"description": "", "language_code": "en"}); !r.OK {
		t.Fatalf("remove: %s", r.Description)
	}
	if long, _ := srv.Description("en"); long != "默认说明" {
		t.Errorf("after removing en: %q, want the default", long)
	}
	assertNoViolations(t, srv)

	for _, tt := range []struct {
		method string
		params map[string]string
		want   string
	}{
		{"setMyDescription", map[string]string{"description": strings.Repeat("长", 513)}, "description must be 0-512 characters"},
		{"setMyShortDescription", map[string]string{"short_description": strings.Repeat("短", 121)}, "short_description must be 0-120 characters"},
		{"setMyDescription", map[string]string{"description": "x", "language_code": "English"}, "LANG_CODE_INVALID"},
		{"getMyShortDescription", map[string]string{"language_code": "zh-hans"}, "LANG_CODE_INVALID"},
	} {
		r := call(t, srv, tt.method, tt.params)
		if r.OK || r.ErrorCode != 400 || !strings.Contains(r.Description, tt.want) {
			t.Errorf("%s %v = %d %q, want 400 %q", tt.method, tt.params, r.ErrorCode, r.Description, tt.want)
		}
	}
	var desc struct {
		Description string `json:"description"`
	}
	r := call(t, srv, "getMyDescription", nil)
	if json.Unmarshal(r.Result, &desc); desc.Description != "默认说明" {
		t.Errorf("after refused calls: %q", desc.Description)
	}
}
