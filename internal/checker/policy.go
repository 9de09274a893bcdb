package checker

import (
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// DialMode says which addresses the checker may connect to.
type DialMode int

const (
	// AllowAny puts no limit on addresses: the CLI on the learner's own machine.
	AllowAny DialMode = iota
	// LoopbackOnly allows only this machine (127.0.0.0/8, ::1): a single-user
	// install, where the learner's server runs next to devpath.
	LoopbackOnly
	// PublicOnly refuses loopback, private, link-local, unspecified, multicast,
	// documentation and other special-purpose addresses, and the server's own
	// addresses: a multi-user server, which must not become a way into its own
	// network or to its own ports.
	PublicOnly
)

// AddressPolicy decides on the address actually dialled, after DNS resolution,
// so a name that resolves to a refused address is refused as well, and so is a
// redirect to one. The zero value allows any address.
type AddressPolicy struct {
	Mode DialMode
	// Allow lists addresses permitted whatever Mode says, e.g. a lab network.
	Allow []netip.Prefix
	// Own lists this host's addresses, refused in PublicOnly mode even when
	// public: a server with a public address would otherwise reach its own
	// ports (those firewalled from the outside included) through it.
	Own []netip.Addr
}

// RefusedError is returned when the policy refuses an address.
type RefusedError struct {
	Addr   string // the address that was about to be dialled, host:port
	Reason string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("refused to connect to %s: %s", e.Addr, e.Reason)
}

// ParsePolicy reads a policy from configuration: mode is "any", "loopback" or
// "public", never empty, since no limit at all must be asked for; allow holds
// CIDR prefixes or single addresses. A public policy takes this host's own
// addresses from its network interfaces, as they are when it is built.
func ParsePolicy(mode string, allow []string) (AddressPolicy, error) {
	return parsePolicy(mode, allow, net.InterfaceAddrs)
}

// parsePolicy is ParsePolicy with the host's addresses read through interfaceAddrs.
func parsePolicy(mode string, allow []string, interfaceAddrs func() ([]net.Addr, error)) (AddressPolicy, error) {
	var p AddressPolicy
	switch strings.ToLower(strings.TrimSpace(mode)) {
	case "any":
		p.Mode = AllowAny
	case "loopback":
		p.Mode = LoopbackOnly
	case "public":
		p.Mode = PublicOnly
	default:
		return p, fmt.Errorf("unknown address policy %q: use any, loopback or public", mode)
	}
	for _, s := range allow {
		prefix, err := parsePrefix(strings.TrimSpace(s))
		if err != nil {
			return p, fmt.Errorf("allowed address %q: %w", s, err)
		}
		p.Allow = append(p.Allow, prefix)
	}
	if p.Mode == PublicOnly {
		own, err := ownAddrs(interfaceAddrs)
		if err != nil {
			return p, err
		}
		p.Own = own
	}
	return p, nil
}

// ownAddrs lists the addresses of this host's network interfaces.
func ownAddrs(interfaceAddrs func() ([]net.Addr, error)) ([]netip.Addr, error) {
	addrs, err := interfaceAddrs()
	if err != nil {
		return nil, fmt.Errorf("listing this host's addresses, which a public policy refuses: %w", err)
	}
	var own []netip.Addr
	for _, a := range addrs {
		var ip net.IP
		switch a := a.(type) {
		case *net.IPNet:
			ip = a.IP
		case *net.IPAddr:
			ip = a.IP
		}
		if a, ok := netip.AddrFromSlice(ip); ok {
			own = append(own, a.Unmap())
		}
	}
	return own, nil
}

func parsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		return p.Masked(), err
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	return netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()), nil
}

// Control is a net.Dialer Control hook: it runs after DNS resolution and before
// the connection is made, with the numeric address about to be dialled.
func (p AddressPolicy) Control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &RefusedError{Addr: address, Reason: "the address cannot be parsed"}
	}
	if reason := p.refuse(ap.Addr()); reason != "" {
		return &RefusedError{Addr: address, Reason: reason}
	}
	return nil
}

// dialAddress rewrites the host of host:port before it is resolved, so that
// spellings resolvers disagree on reach what a browser would reach, and the
// policy decides on that address: see dialHost.
func dialAddress(hostport string) string {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		return hostport
	}
	return net.JoinHostPort(dialHost(host), port)
}

// dialHost turns a name under localhost, in any case and with or without the
// trailing dot, into "localhost" (RFC 6761: always this machine; Go's resolver
// would otherwise ask DNS about "localhost."); an IPv4 address in a browser's
// spellings (127.1, 0x7f000001, 2130706433, 0177.0.0.1) into its usual form
// (Go's resolver refuses most of them, C's accepts them); and the unspecified
// address, or no host, into loopback, which is where a connection to it goes.
// Any other host is returned as it is.
func dialHost(host string) string {
	name := strings.ToLower(strings.TrimSuffix(host, "."))
	if name == "" || name == "localhost" || strings.HasSuffix(name, ".localhost") {
		return "localhost"
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		var ok bool
		if a, ok = parseIPv4(name); !ok {
			return host
		}
	}
	switch {
	case a.Unmap() == netip.IPv4Unspecified():
		return "127.0.0.1"
	case a == netip.IPv6Unspecified():
		return "::1"
	}
	return a.String()
}

// parseIPv4 reads an IPv4 address as the WHATWG URL standard (browsers) does:
// one to four numbers separated by dots, each decimal, hexadecimal (0x) or
// octal (a leading 0), the last one filling the bytes that remain.
func parseIPv4(s string) (netip.Addr, bool) {
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	var n uint64
	for i, part := range parts {
		v, ok := ipv4Number(part)
		if !ok {
			return netip.Addr{}, false
		}
		bits := 8
		if i == len(parts)-1 {
			bits = 8 * (5 - len(parts))
		}
		if v >= 1<<bits {
			return netip.Addr{}, false
		}
		n = n<<bits | v
	}
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}), true
}

func ipv4Number(s string) (uint64, bool) {
	base := 10
	switch {
	case strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X"):
		s, base = s[2:], 16
		if s == "" {
			return 0, true // "0x" is 0
		}
	case len(s) > 1 && s[0] == '0':
		s, base = s[1:], 8
	}
	if s == "" || s[0] == '+' || s[0] == '-' {
		return 0, false
	}
	v, err := strconv.ParseUint(s, base, 64)
	return v, err == nil
}

// Check says whether addr may be dialled: nil, or a *RefusedError.
func (p AddressPolicy) Check(addr netip.Addr) error {
	if reason := p.refuse(addr); reason != "" {
		return &RefusedError{Addr: addr.String(), Reason: reason}
	}
	return nil
}

// refuse returns why addr is refused, or "" when it is allowed.
func (p AddressPolicy) refuse(addr netip.Addr) string {
	addr = addr.WithZone("").Unmap() // ::ffff:127.0.0.1 is 127.0.0.1
	for _, a := range p.Allow {
		if a.Contains(addr) {
			return ""
		}
	}
	switch p.Mode {
	case LoopbackOnly:
		if !addr.IsLoopback() {
			return "this installation only checks servers on this machine (loopback addresses such as 127.0.0.1)"
		}
	case PublicOnly:
		kind := nonPublic(addr)
		if kind == "" && slices.Contains(p.Own, addr) {
			kind = "an address of this server"
		}
		if kind != "" {
			return "it is " + kind + ", and this server only checks public addresses"
		}
	}
	return ""
}

// nonPublic names the kind of a non-public address, or returns "".
func nonPublic(a netip.Addr) string {
	switch {
	case !a.IsValid():
		return "not a valid address"
	case a.IsLoopback():
		return "a loopback address (the server itself)"
	case a.IsPrivate():
		return "a private network address"
	case a.IsLinkLocalUnicast():
		return "a link-local address (cloud metadata services live there)"
	case a.IsUnspecified():
		return "an unspecified address"
	case a.IsMulticast(), a.IsLinkLocalMulticast(), a.IsInterfaceLocalMulticast():
		return "a multicast address"
	}
	for _, p := range documentationPrefixes {
		if p.Contains(a) {
			return "a documentation address (" + p.String() + ")"
		}
	}
	for _, p := range specialPrefixes {
		if p.Contains(a) {
			return "a special-purpose address (" + p.String() + ")"
		}
	}
	return ""
}

// Ranges reserved for examples in documentation (RFC 5737, 3849, 9637): no
// public server lives there, but a network may use them internally.
var documentationPrefixes = prefixes("192.0.2.0/24 198.51.100.0/24 203.0.113.0/24 2001:db8::/32 3fff::/20")

// Special-purpose ranges that the netip predicates do not cover and that can
// lead into private networks: "this network", shared address space (carrier
// NAT, some cloud internals), IETF protocol assignments, the deprecated 6to4
// relay anycast, benchmarking, reserved and broadcast; in IPv6, addresses that
// embed IPv4 ones (IPv4-compatible, IPv4-translated, NAT64, 6to4 and Teredo),
// discard-only, benchmarking and the deprecated site-local range.
var specialPrefixes = prefixes("0.0.0.0/8 100.64.0.0/10 192.0.0.0/24 192.88.99.0/24 198.18.0.0/15 240.0.0.0/4 " +
	"::/96 ::ffff:0:0:0/96 64:ff9b::/96 64:ff9b:1::/48 100::/64 2001::/32 2001:2::/48 2002::/16 fec0::/10")

func prefixes(list string) []netip.Prefix {
	var out []netip.Prefix
	for _, s := range strings.Fields(list) {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}
