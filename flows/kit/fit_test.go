package kit

import (
	"math/rand"
	"strings"
	"testing"
)

// TestSplitText: pieces join back to the text (less pieces of only
// whitespace, which Telegram would refuse as empty), none is over Telegram's
// 4096 UTF-16 units, no rune is cut — also with emoji (2 units) and invalid
// bytes.
func TestSplitText(t *testing.T) {
	alphabet := []string{"a", "中", "😀", "\n", " ", "é"}
	r := rand.New(rand.NewSource(1))
	check := func(s string) {
		t.Helper()
		parts := SplitText(s)
		if strings.Join(strings.Fields(strings.Join(parts, "")), " ") != strings.Join(strings.Fields(s), " ") {
			t.Fatalf("pieces of a %d-byte text do not join back", len(s))
		}
		for _, p := range parts {
			if strings.TrimSpace(p) == "" {
				t.Fatalf("a piece of only whitespace: %q", p)
			}
			if UTF16Len(p) > MaxText {
				t.Fatalf("a piece has %d UTF-16 units", UTF16Len(p))
			}
		}
	}
	for it := 0; it < 500; it++ {
		var sb strings.Builder
		for i, n := 0, r.Intn(12000); i < n; i++ {
			sb.WriteString(alphabet[r.Intn(len(alphabet))])
		}
		check(sb.String())
	}
	check(strings.Repeat("a", 4095) + "\xff" + "中中中" + strings.Repeat("b", 10))
	check(strings.Repeat("字", MaxText) + "\n\n  ")
	check("")
	check(" \n ")
	if n := len(SplitText(" \n ")); n != 0 {
		t.Errorf("blank text gives %d pieces, want none", n)
	}
}

// TestFitCutsToTheLimits: a long text becomes messages with the markup
// on the last, an edit's rest is sent after it, a long caption goes first,
// and buttons keep within the limits.
func TestFitCutsToTheLimits(t *testing.T) {
	long := strings.Repeat("意见\n", 2000) // 6,000 units
	way := [][]Button{{{Text: "提交", Data: "3:s"}}}
	got := Fit([]Output{
		{Kind: OutEdit, ChatID: 1, MessageID: 9, Text: long, Buttons: way},
		{Kind: OutSend, ChatID: 1, Text: strings.Repeat("字", 2000), File: &File{Kind: "photo", ID: "p"}, Buttons: way},
		{Kind: OutSend, ChatID: 1, Text: "ok", Buttons: [][]Button{{{Text: strings.Repeat("长", 100), Data: strings.Repeat("d", 65)}}}},
	})
	kinds := ""
	for _, o := range got {
		kinds += string(o.Kind) + " "
	}
	if kinds != "edit send send send send " {
		t.Fatalf("kinds %q", kinds)
	}
	if got[0].MessageID != 9 || got[0].Buttons != nil || got[1].Buttons == nil || got[1].Text+got[0].Text == "" {
		t.Errorf("edit pieces %+v", got[:2])
	}
	if got[0].Text+got[1].Text != long {
		t.Errorf("the edit's pieces do not add up")
	}
	if got[2].File != nil || got[3].File == nil || got[3].Text != "" || got[3].Buttons == nil {
		t.Errorf("caption pieces %+v", got[2:4])
	}
	if b := got[4].Buttons[0][0]; b.Data != staleData || UTF16Len(b.Text) != MaxButtonText || !strings.HasSuffix(b.Text, "…") {
		t.Errorf("button %+v", b)
	}
	short := []Output{{Kind: OutSend, ChatID: 1, Text: "hi", Buttons: way}}
	if got := Fit(short); len(got) != 1 || &got[0].Buttons[0][0] != &way[0][0] {
		t.Errorf("an output within the limits was changed: %+v", got)
	}
}
