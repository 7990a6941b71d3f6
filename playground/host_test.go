package playground_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"sibu/playground"
)

// TestHostMustBeTheListenAddress: a page on another site that re-points
// its own name at 127.0.0.1 (DNS rebinding) is same-origin for the browser
// — Origin and Host both name the attacker's site — so the Origin check
// alone let it read the demo chats and play people. The Host must name
// loopback or the address the playground listens on (issue 11, finding 7).
func TestHostMustBeTheListenAddress(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		listen, host string
		ok           bool
	}{
		{"127.0.0.1:8080", "rebind.attacker.example:8080", false},
		{"127.0.0.1:8080", "127.0.0.1.rebind.example:8080", false},
		{"127.0.0.1:8080", "localhost.attacker.example", false},
		{"127.0.0.1:8080", "127.0.0.1:8080", true},
		{"127.0.0.1:8080", "localhost:8080", true},
		{"127.0.0.1:8080", "LocalHost:8080", true},
		{"127.0.0.1:8080", "[::1]:8080", true},
		{"", "localhost", true},
		{"", "attacker.example", false},
		{"127.0.0.1:8080", "192.168.1.20:8080", false}, // loopback only: not reachable that way anyway
		{"demo-pc.lan:8080", "demo-pc.lan:8080", true},
		{"demo-pc.lan:8080", "attacker.example:8080", false},
		{"192.168.1.20:8080", "192.168.1.20:8080", true},
		{"0.0.0.0:8080", "192.168.1.20:8080", true}, // on a LAN by address: an address cannot be rebound
		{"0.0.0.0:8080", "[fe80::1]:8080", true},
		{":8080", "10.0.0.7:8080", true},
		{"0.0.0.0:8080", "rebind.attacker.example:8080", false},
		{"[::]:8080", "rebind.attacker.example:8080", false},
	}
	for _, tt := range tests {
		srv := playground.New(playground.Options{Emulator: f.emu, People: f.people, Clock: f.clock, Advancer: f.adv, Listen: tt.listen})
		get := httptest.NewRequest("GET", "/api/state", nil)
		get.Host = tt.host
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, get)
		if got := rec.Code == http.StatusOK; got != tt.ok {
			t.Errorf("listen %q, GET with Host %q: %d, want allowed = %v", tt.listen, tt.host, rec.Code, tt.ok)
		}

		before := len(f.adv.by)
		post := httptest.NewRequest("POST", "/api/clock", strings.NewReader(`{"advance":"1h"}`))
		post.Host = tt.host
		post.Header.Set("Origin", "http://"+tt.host) // what the browser sends after rebinding
		rec = httptest.NewRecorder()
		srv.ServeHTTP(rec, post)
		moved := len(f.adv.by) > before
		if moved != tt.ok || (rec.Code == http.StatusOK) != tt.ok {
			t.Errorf("listen %q, POST with Host and Origin %q: %d, clock moved %v; want allowed = %v", tt.listen, tt.host, rec.Code, moved, tt.ok)
		}
	}
}
