package checker

import (
	"errors"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"testing"
)

func TestPolicyCheck(t *testing.T) {
	public := AddressPolicy{Mode: PublicOnly}
	loopback := AddressPolicy{Mode: LoopbackOnly}
	lab := AddressPolicy{Mode: PublicOnly, Allow: []netip.Prefix{netip.MustParsePrefix("10.20.0.0/16")}}
	docLab := AddressPolicy{Mode: PublicOnly, Allow: []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")}}
	// a server whose interfaces carry public addresses
	own := AddressPolicy{Mode: PublicOnly, Own: []netip.Addr{netip.MustParseAddr("81.2.69.160"), netip.MustParseAddr("2a00:1450:4001::5")}}
	ownAllowed := AddressPolicy{Mode: PublicOnly, Own: own.Own, Allow: []netip.Prefix{netip.MustParsePrefix("81.2.69.160/32")}}
	for _, tc := range []struct {
		policy AddressPolicy
		addr   string
		reason string // empty: allowed
	}{
		{public, "93.184.216.34", ""},
		{public, "2606:4700:4700::1111", ""},
		{public, "127.0.0.1", "loopback"},
		{public, "127.8.9.10", "loopback"},
		{public, "::1", "loopback"},
		{public, "::ffff:127.0.0.1", "loopback"},
		{public, "10.1.2.3", "private"},
		{public, "172.16.5.4", "private"},
		{public, "192.168.1.1", "private"},
		{public, "::ffff:192.168.1.1", "private"},
		{public, "fd00::1", "private"},
		{public, "169.254.169.254", "link-local"},
		{public, "fe80::1%eth0", "link-local"},
		{public, "0.0.0.0", "unspecified"},
		{public, "::", "unspecified"},
		{public, "224.0.0.251", "multicast"},
		{public, "ff02::1", "multicast"},
		{public, "100.64.1.1", "special-purpose"},
		{public, "64:ff9b::a00:1", "special-purpose"},
		{public, "255.255.255.255", "special-purpose"},
		{public, "::ffff:100.64.1.1", "special-purpose"},
		{public, "100.127.255.254", "special-purpose"},
		{public, "0.1.2.3", "special-purpose"},
		{public, "192.88.99.1", "special-purpose"},
		{public, "::127.0.0.1", "special-purpose"},         // IPv4-compatible
		{public, "::ffff:0:7f00:1", "special-purpose"},     // IPv4-translated
		{public, "2002:7f00:1::1", "special-purpose"},      // 6to4 of 127.0.0.1
		{public, "64:ff9b::7f00:1", "special-purpose"},     // NAT64 of 127.0.0.1
		{public, "2001:0:4136:e378::1", "special-purpose"}, // Teredo
		{public, "192.0.2.1", "documentation"},
		{public, "198.51.100.200", "documentation"},
		{public, "203.0.113.9", "documentation"},
		{public, "::ffff:203.0.113.9", "documentation"},
		{public, "2001:db8::1", "documentation"},
		{public, "2001:db8:ffff::1", "documentation"},
		{public, "3fff::1", "documentation"},
		{public, "192.0.3.1", ""},
		{public, "203.0.114.1", ""},
		{docLab, "192.0.2.1", ""},
		{docLab, "203.0.113.9", "documentation"},
		{own, "81.2.69.160", "an address of this server"},
		{own, "::ffff:81.2.69.160", "an address of this server"},
		{own, "2a00:1450:4001::5", "an address of this server"},
		{own, "81.2.69.161", ""},
		{own, "127.0.0.1", "loopback"},
		{ownAllowed, "81.2.69.160", ""},
		{ownAllowed, "2a00:1450:4001::5", "an address of this server"},
		{loopback, "192.0.2.1", "only checks servers on this machine"},
		{lab, "10.20.3.4", ""},
		{lab, "::ffff:10.20.3.4", ""},
		{lab, "10.21.3.4", "private"},
		{loopback, "127.0.0.1", ""},
		{loopback, "::1", ""},
		{loopback, "::ffff:127.0.0.1", ""},
		{loopback, "10.1.2.3", "only checks servers on this machine"},
		{loopback, "93.184.216.34", "only checks servers on this machine"},
		{AddressPolicy{}, "10.1.2.3", ""},
		{AddressPolicy{}, "169.254.169.254", ""},
	} {
		err := tc.policy.Check(netip.MustParseAddr(tc.addr))
		switch {
		case tc.reason == "" && err != nil:
			t.Errorf("mode %d, %s: refused: %v", tc.policy.Mode, tc.addr, err)
		case tc.reason != "" && (err == nil || !strings.Contains(err.Error(), tc.reason)):
			t.Errorf("mode %d, %s: got %v, want a refusal saying %q", tc.policy.Mode, tc.addr, err, tc.reason)
		}
	}
}

func TestPolicyControl(t *testing.T) {
	p := AddressPolicy{Mode: PublicOnly}
	err := p.Control("tcp6", "[::1]:8080", nil)
	var re *RefusedError
	if !errors.As(err, &re) || re.Addr != "[::1]:8080" {
		t.Errorf("Control on loopback: %v", err)
	}
	if err := p.Control("tcp4", "not an address", nil); err == nil {
		t.Error("Control accepted an address it cannot parse")
	}
	if err := p.Control("tcp4", "93.184.216.34:443", nil); err != nil {
		t.Errorf("Control refused a public address: %v", err)
	}
}

// A public policy refuses the addresses of the host's own interfaces, read
// when the policy is built; other modes do not need them.
func TestParsePolicyOwnAddresses(t *testing.T) {
	interfaces := func() ([]net.Addr, error) {
		return []net.Addr{
			&net.IPNet{IP: net.ParseIP("127.0.0.1"), Mask: net.CIDRMask(8, 32)},
			&net.IPNet{IP: net.ParseIP("81.2.69.160").To16(), Mask: net.CIDRMask(24, 32)},
			&net.IPAddr{IP: net.ParseIP("2a00:1450:4001::5")},
		}, nil
	}
	p, err := parsePolicy("public", nil, interfaces)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"81.2.69.160", "::ffff:81.2.69.160", "2a00:1450:4001::5"} {
		if err := p.Check(netip.MustParseAddr(a)); err == nil || !strings.Contains(err.Error(), "an address of this server") {
			t.Errorf("%s: got %v, want it refused as the server's own", a, err)
		}
	}
	if err := p.Check(netip.MustParseAddr("81.2.69.1")); err != nil {
		t.Errorf("a neighbour of the server's own address: %v", err)
	}

	if p, err := parsePolicy("loopback", nil, func() ([]net.Addr, error) { t.Error("read the interfaces"); return nil, nil }); err != nil || p.Own != nil {
		t.Errorf("loopback: %+v, %v", p, err)
	}
	broken := func() ([]net.Addr, error) { return nil, errors.New("no interfaces here") }
	if _, err := parsePolicy("public", nil, broken); err == nil || !strings.Contains(err.Error(), "no interfaces here") {
		t.Errorf("a public policy was built without the host's addresses: %v", err)
	}

	// and on this machine, whatever its addresses are
	real, err := ParsePolicy("public", nil)
	if err != nil {
		t.Fatal(err)
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range addrs {
		ip, ok := netip.AddrFromSlice(a.(*net.IPNet).IP)
		if ok && real.Check(ip) == nil {
			t.Errorf("this host's address %s is allowed", ip)
		}
	}
}

func TestParsePolicy(t *testing.T) {
	p, err := ParsePolicy("public", []string{"10.0.0.0/8", "192.168.1.7", " fd00::/8 "})
	if err != nil {
		t.Fatal(err)
	}
	if p.Mode != PublicOnly || len(p.Allow) != 3 || p.Allow[1] != netip.MustParsePrefix("192.168.1.7/32") {
		t.Errorf("got %+v", p)
	}
	for _, mode := range []string{"any", "Loopback"} {
		if _, err := ParsePolicy(mode, nil); err != nil {
			t.Errorf("mode %q: %v", mode, err)
		}
	}
	for _, mode := range []string{"private", ""} {
		if _, err := ParsePolicy(mode, nil); err == nil || !strings.Contains(err.Error(), "any, loopback or public") {
			t.Errorf("mode %q: %v", mode, err)
		}
	}
	if _, err := ParsePolicy("public", []string{"10.0.0.0/33"}); err == nil {
		t.Error("accepted a bad prefix")
	}
}

// The policy decides on the address dialled: a loopback server passes or is
// refused depending on the mode, and a name that resolves to loopback
// (localhost) is refused like the address itself.
func TestPolicyWhenDialling(t *testing.T) {
	url := serve(t, newNotesServer(NotesToken, 0))
	port := url[strings.LastIndex(url, ":")+1:]
	byName := "http://localhost:" + port
	allowLoopback := []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	for _, tc := range []struct {
		name   string
		url    string
		policy AddressPolicy
		refuse string // empty: the run passes
	}{
		{"loopback only, by address", url, AddressPolicy{Mode: LoopbackOnly}, ""},
		{"loopback only, by name", byName, AddressPolicy{Mode: LoopbackOnly}, ""},
		{"public only, by address", url, AddressPolicy{Mode: PublicOnly}, "refused to connect to 127.0.0.1:" + port},
		{"public only, by name", byName, AddressPolicy{Mode: PublicOnly}, "a loopback address"},
		{"public only, loopback allowed", byName, AddressPolicy{Mode: PublicOnly, Allow: allowLoopback}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := check(t, "notes-api", tc.url, Options{Policy: tc.policy})
			if tc.refuse == "" {
				expectPass(t, rep)
				return
			}
			expectFirst(t, rep, "health", StatusError, tc.refuse, "only checks public addresses")
		})
	}
}

// A redirect to a refused address is refused too: the check happens on every
// dial, not once on the URL given.
func TestPolicyOnRedirect(t *testing.T) {
	url := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// 127.0.0.2 is loopback too, but outside the allow list below.
		_, port, _ := net.SplitHostPort(r.Host)
		http.Redirect(w, r, "http://127.0.0.2:"+port+"/health", http.StatusFound)
	}))
	p := AddressPolicy{Mode: PublicOnly, Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}}
	rep := check(t, "notes-api", url, Options{Policy: p})
	expectFirst(t, rep, "health", StatusError, "refused to connect to 127.0.0.2:", "loopback")
	if !strings.Contains(rep.Results[0].Transcript, "# redirected by 302 Found to http://127.0.0.2:") {
		t.Errorf("the transcript does not show the redirect:\n%s", rep.Results[0].Transcript)
	}
}

// Spellings of an address that resolvers disagree on are rewritten before
// they are resolved, to what a browser would reach; no DNS query is made.
func TestDialHost(t *testing.T) {
	for _, tc := range []struct{ host, want string }{
		{"localhost", "localhost"},
		{"localhost.", "localhost"},
		{"LOCALHOST", "localhost"},
		{"LocalHost.", "localhost"},
		{"api.localhost", "localhost"},
		{"", "localhost"},
		{"127.0.0.1", "127.0.0.1"},
		{"127.0.0.1.", "127.0.0.1"},
		{"127.1", "127.0.0.1"},
		{"127.0.1", "127.0.0.1"},
		{"0x7f000001", "127.0.0.1"},
		{"0X7F.1", "127.0.0.1"},
		{"0x7f.0x0.0x0.0x1", "127.0.0.1"},
		{"2130706433", "127.0.0.1"},
		{"0177.0.0.1", "127.0.0.1"},
		{"017700000001", "127.0.0.1"},
		{"0x", "127.0.0.1"}, // "0x" is 0, the unspecified address
		{"0", "127.0.0.1"},
		{"0.0.0.0", "127.0.0.1"},
		{"::", "::1"},
		{"::ffff:0.0.0.0", "127.0.0.1"},
		{"::ffff:127.0.0.1", "::ffff:127.0.0.1"},
		{"::1", "::1"},
		{"169.254.43518", "169.254.169.254"},
		{"10.1", "10.0.0.1"},
		{"3232235777", "192.168.1.1"},
		{"example.org", "example.org"},
		{"Example.org.", "Example.org."},
		{"localhost.example.org", "localhost.example.org"},
		{"127.0.0.1.5", "127.0.0.1.5"},   // five parts: a name
		{"256.0.0.1", "256.0.0.1"},       // out of range: a name, which Go's resolver refuses
		{"127.16777216", "127.16777216"}, // the last part is too large
		{"0x1g", "0x1g"},
		{"08.0.0.1", "08.0.0.1"}, // 8 is not octal
		{"1..1", "1..1"},
		{"+1", "+1"},
		{"123abc", "123abc"},
	} {
		if got := dialHost(tc.host); got != tc.want {
			t.Errorf("dialHost(%q) = %q, want %q", tc.host, got, tc.want)
		}
	}
	if got := dialAddress("[0:0::1]:80"); got != "[::1]:80" {
		t.Errorf("dialAddress([0:0::1]:80) = %q", got)
	}
}

// However the learner spells this machine, the policy decides on the address
// dialled: allowed in loopback mode, refused in public mode.
func TestPolicySpellings(t *testing.T) {
	url := serve(t, newNotesServer(NotesToken, 0))
	port := url[strings.LastIndex(url, ":")+1:]
	for _, host := range []string{
		"localhost.", "LOCALHOST", "LocalHost.", "notes.localhost", "127.1", "127.0.1", "0x7f000001", "0x7f.1",
		"2130706433", "0177.0.0.1", "127.0.0.1.", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "0.0.0.0", "0", "",
	} {
		u := "http://" + host + ":" + port
		t.Run(u, func(t *testing.T) {
			rep := check(t, "notes-api", u, Options{Policy: AddressPolicy{Mode: LoopbackOnly}})
			if len(rep.Results) == 0 || rep.Results[0].Status != StatusPass {
				t.Fatalf("loopback mode: %+v", rep.Results)
			}
			rep = check(t, "notes-api", u, Options{Policy: AddressPolicy{Mode: PublicOnly}})
			expectFirst(t, rep, "health", StatusError, "refused to connect to 127.0.0.1:"+port, "a loopback address", "only checks public addresses")
		})
	}
}

// A redirect goes through the same rewriting as the URL given.
func TestPolicySpellingOnRedirect(t *testing.T) {
	url := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, port, _ := net.SplitHostPort(r.Host)
		http.Redirect(w, r, "http://0x7f000002:"+port+"/health", http.StatusFound)
	}))
	p := AddressPolicy{Mode: PublicOnly, Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}}
	rep := check(t, "notes-api", url, Options{Policy: p})
	expectFirst(t, rep, "health", StatusError, "refused to connect to 127.0.0.2:", "loopback")
}
