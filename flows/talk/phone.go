package talk

import "strings"

// NormalizeContactPhone is NormalizePhone for a shared contact, which
// Telegram gives in international form (with or without "+"): only +86
// numbers are accepted.
func NormalizeContactPhone(s string) (string, bool) {
	d := strings.TrimPrefix(strings.TrimSpace(s), "+")
	if !strings.HasPrefix(d, "86") {
		return "", false
	}
	return NormalizePhone("+" + d)
}

// PhoneDisplay formats a normalized number for reading: 138 1234 5678
// or 028-12345678.
func PhoneDisplay(p string) string {
	d := strings.TrimPrefix(p, "+86")
	if len(d) == 11 && d[0] == '1' {
		return d[:3] + " " + d[3:7] + " " + d[7:]
	}
	if len(d) >= 9 {
		area := 3
		if d[0] == '1' || d[0] == '2' {
			area = 2
		}
		return "0" + d[:area] + "-" + d[area:]
	}
	return p
}

// NormalizePhone validates a mainland mobile (1[3-9] and 9 digits, with or
// without +86 / 86 / 0086, spaces or dashes) or a landline with its area
// code (010/02x and 7–8 digits, 0xxx and 7–8 digits), and returns it as
// +86…; ok=false when it is neither.
func NormalizePhone(s string) (string, bool) {
	var b strings.Builder
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0, r == ' ', r == '-', r == '(', r == ')', r == '（', r == '）':
		default:
			return "", false
		}
	}
	d := b.String()
	if strings.HasPrefix(strings.TrimSpace(s), "+") && !strings.HasPrefix(d, "86") {
		return "", false // another country
	}
	intl := false
	switch {
	case strings.HasPrefix(d, "0086"):
		d, intl = d[4:], true
	case strings.HasPrefix(d, "86") && len(d) >= 11:
		d, intl = d[2:], true
	}
	if len(d) == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9' {
		return "+86" + d, true
	}
	if intl && len(d) > 0 && d[0] != '0' {
		d = "0" + d // +86 28 12345678: the trunk 0 dropped
	}
	if len(d) < 10 || d[0] != '0' || d[1] == '0' || d[1] == '1' && d[2] != '0' {
		return "", false
	}
	area := 4 // 0xxx
	if d[1] == '1' || d[1] == '2' {
		area = 3 // 010, 02x
	}
	local := len(d) - area
	if local < 7 || local > 8 || d[area] == '0' || d[area] == '1' {
		return "", false
	}
	return "+86" + d[1:], true
}
