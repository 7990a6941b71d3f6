package anonymity

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
)

func mustGenerate(t *testing.T) *Key {
	t.Helper()
	k, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestSealOpensOnlyWithItsKey(t *testing.T) {
	k, other := mustGenerate(t), mustGenerate(t)
	plain := []byte(`{"a":{"overall":"不满意"}}`)
	a, err := k.Seal(plain)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := k.Seal(plain)
	if a == b {
		t.Error("two seals of one text are equal: a reader could match them")
	}
	if strings.Contains(a, "overall") {
		t.Error("sealed text shows the plain text")
	}
	got, err := k.Open(a)
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("Open = %q, %v", got, err)
	}
	if _, err := other.Open(a); err == nil {
		t.Error("another key opened the sealed text")
	}
}

func TestConcealIsDeterministicAndRevealsOnlyWithItsKey(t *testing.T) {
	k, other := mustGenerate(t), mustGenerate(t)
	plain := []byte(`{"message":{"text":"comment_marker"}}`)
	c := k.Conceal(plain)
	if !bytes.Equal(c, k.Conceal(plain)) {
		t.Error("Conceal is not deterministic: a concealed inbox entry could not be found again")
	}
	if bytes.Contains(c, []byte("comment_marker")) || !IsConcealed(c) {
		t.Errorf("concealed = %q", c)
	}
	if bytes.Equal(c, k.Conceal([]byte(`{"message":{"text":"comment_markes"}}`))) {
		t.Error("two texts concealed alike")
	}
	if got, err := k.Reveal(c); err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("Reveal = %q, %v", got, err)
	}
	if _, err := other.Reveal(c); !errors.Is(err, ErrNotOurs) {
		t.Errorf("another key: %v, want ErrNotOurs", err)
	}
	tampered := append([]byte{}, c...)
	tampered[len(tampered)-3] ^= 1
	if _, err := k.Reveal(tampered); !errors.Is(err, ErrNotOurs) {
		t.Errorf("altered: %v, want ErrNotOurs", err)
	}
	if got, err := k.Reveal(plain); err != nil || !bytes.Equal(got, plain) {
		t.Errorf("state written before concealing: %q, %v", got, err)
	}
}

func TestParseReadsAKeyFileAndNeverEchoesIt(t *testing.T) {
	k := mustGenerate(t)
	got, err := Parse(string(k.file()))
	if err != nil || got.Recipient() != k.Recipient() {
		t.Fatalf("Parse(key file) = %v, %v", got, err)
	}
	secret := "AGE-SECRET-KEY-1NOTAKEY"
	for _, bad := range []string{secret, "", "# only a comment\n", string(k.file()) + string(mustGenerate(t).file())} {
		_, err := Parse(bad)
		if err == nil {
			t.Errorf("Parse(%.20q) accepted", bad)
			continue
		}
		if strings.Contains(err.Error(), "NOTAKEY") {
			t.Errorf("the error repeats the key: %v", err)
		}
	}
}

func TestLoadCreatesTheDefaultFileOnceWithMode600(t *testing.T) {
	t.Chdir(t.TempDir())
	k, from, err := Load("", "")
	if err != nil || !from.Created || from.Source != DefaultFile {
		t.Fatalf("first Load = %+v, %v; want created %s", from, err, DefaultFile)
	}
	fi, err := os.Stat(DefaultFile)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode = %v, %v; want 600", fi.Mode().Perm(), err)
	}
	again, from, err := Load("", "")
	if err != nil || from.Created || again.Recipient() != k.Recipient() {
		t.Fatalf("second Load = %+v, %v: the key must be read back, not made anew", from, err)
	}
	other := mustGenerate(t)
	if got, from, err := Load(other.id.String(), DefaultFile); err != nil || got.Recipient() != other.Recipient() || from.Source != "SIBU_ANONYMITY_KEY" {
		t.Errorf("SIBU_ANONYMITY_KEY must win: %+v, %v", from, err)
	}
	if _, _, err := Load("", "missing.key"); err == nil || !strings.Contains(err.Error(), "anonymity.key_file") {
		t.Errorf("a missing key_file: %v", err)
	}
	entries, _ := os.ReadDir(".")
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}
