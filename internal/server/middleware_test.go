package server

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

// The client is the right-most forwarded address that is not a trusted
// proxy; a peer that is not trusted is the client, whatever it forwards.
func TestClientAddress(t *testing.T) {
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	for _, tc := range []struct {
		name, peer string
		xff        []string
		want       string
	}{
		{"no proxy", "192.0.2.1:5000", nil, "192.0.2.1"},
		{"untrusted peer's header ignored", "192.0.2.1:5000", []string{"203.0.113.5"}, "192.0.2.1"},
		{"trusted peer, no header", "10.1.2.3:5000", nil, "10.1.2.3"},
		{"one proxy", "10.1.2.3:5000", []string{"203.0.113.5"}, "203.0.113.5"},
		{"a spoofed entry left of the real one", "10.1.2.3:5000", []string{"1.1.1.1, 203.0.113.5"}, "203.0.113.5"},
		{"two proxies", "10.1.2.3:5000", []string{"203.0.113.5, 10.9.9.9"}, "203.0.113.5"},
		{"two headers", "10.1.2.3:5000", []string{"1.1.1.1", "203.0.113.5, 10.9.9.9"}, "203.0.113.5"},
		{"with a port", "10.1.2.3:5000", []string{"203.0.113.5:4711"}, "203.0.113.5"},
		{"IPv6 peer", "[::1]:5000", []string{"2001:db8::7"}, "2001:db8::7"},
		{"mapped IPv4", "[::ffff:10.1.2.3]:5000", []string{"::ffff:203.0.113.5"}, "203.0.113.5"},
		{"garbage from the client", "10.1.2.3:5000", []string{"<script>"}, "10.1.2.3"},
		{"only proxies", "10.1.2.3:5000", []string{"10.0.0.1, 10.0.0.2"}, "10.0.0.1"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.peer
		for _, v := range tc.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		if got := clientAddress(r, trusted); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr, r.Header["X-Forwarded-For"] = "10.1.2.3:5000", []string{"203.0.113.5"}
	if got := clientAddress(r, nil); got != "10.1.2.3" {
		t.Errorf("with no trusted proxies the header counts: %q", got)
	}
}
