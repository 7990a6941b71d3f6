package bot

import (
	"math/rand"
	"strings"
	"testing"
)

// TestSplitText: pieces join back to the text, none is over Telegram's 4096
// UTF-16 units, no rune is cut — also with emoji (2 units) and invalid bytes.
func TestSplitText(t *testing.T) {
	alphabet := []string{"a", "中", "😀", "\n", " ", "é"}
	r := rand.New(rand.NewSource(1))
	check := func(s string) {
		t.Helper()
		parts := splitText(s)
		if strings.Join(parts, "") != s {
			t.Fatalf("pieces of a %d-byte text do not join back", len(s))
		}
		for _, p := range parts {
			if utf16Len(p) > maxText {
				t.Fatalf("a piece has %d UTF-16 units", utf16Len(p))
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
}
