package talk_test

import (
	"testing"

	"sibu/flows/talk"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"13812345678", "+8613812345678", true},
		{"+86 138-1234-5678", "+8613812345678", true},
		{"8613812345678", "+8613812345678", true},
		{"0086 138 1234 5678", "+8613812345678", true},
		{"028-86123456", "+862886123456", true},
		{"010 6123 4567", "+861061234567", true},
		{"0818-2123456", "+868182123456", true},
		{"+86 28 8612 3456", "+862886123456", true},
		{"12812345678", "", false},  // 12x is no mobile prefix
		{"1381234567", "", false},   // 10 digits
		{"138123456789", "", false}, // 12 digits
		{"12345678", "", false},     // no area code
		{"028-0234567", "", false},  // local numbers never start with 0 or 1
		{"028-12345678", "", false},
		{"+1 415 555 0100", "", false},
		{"abc", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := talk.NormalizePhone(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("NormalizePhone(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestNormalizeContactPhone(t *testing.T) {
	for in, want := range map[string]string{"8613900000022": "+8613900000022", "+8613900000022": "+8613900000022", "14155550100": ""} {
		got, ok := talk.NormalizeContactPhone(in)
		if got != want || ok != (want != "") {
			t.Errorf("NormalizeContactPhone(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestPhoneDisplay(t *testing.T) {
	for in, want := range map[string]string{"+8613812345678": "138 1234 5678", "+862886123456": "028-86123456",
		"+861061234567": "010-61234567", "+868182123456": "0818-2123456"} {
		if got := talk.PhoneDisplay(in); got != want {
			t.Errorf("PhoneDisplay(%q) = %q, want %q", in, got, want)
		}
	}
}
