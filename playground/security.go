package playground

import (
	"net"
	"net/http"
	"strings"
)

// hostAllowed reports whether a request's Host names this playground. A
// page on another site can re-point its own name at 127.0.0.1 (DNS
// rebinding); the browser then sends that name as Host and as Origin, so
// sameOrigin alone lets it through. An IP address cannot be rebound.
func (s *Server) hostAllowed(hostport string) bool {
	host := hostOf(hostport)
	if host == "localhost" || host == s.listenHost && host != "" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && (ip.IsLoopback() || s.anyAddress)
}

// hostOf returns the host of "host:port", "host", "[::1]:port" or "[::1]",
// lower case, without brackets or a final dot.
func hostOf(hostport string) string {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	return strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
}

// sameOrigin refuses POSTs from other sites' pages (a page elsewhere must
// not play people or move the clock through a browser on this machine).
func sameOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return r.Header.Get("Sec-Fetch-Site") == "" || r.Header.Get("Sec-Fetch-Site") == "same-origin"
	}
	return strings.TrimPrefix(strings.TrimPrefix(origin, "http://"), "https://") == r.Host
}
