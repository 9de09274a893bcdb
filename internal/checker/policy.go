package checker

import (
	"fmt"
	"net/netip"
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
	// PublicOnly refuses loopback, private, link-local, unspecified, multicast
	// and other special-purpose addresses: a multi-user server, which must not
	// become a way into its own network.
	PublicOnly
)

// AddressPolicy decides on the address actually dialled, after DNS resolution,
// so a name that resolves to a refused address is refused as well, and so is a
// redirect to one. The zero value allows any address.
type AddressPolicy struct {
	Mode DialMode
	// Allow lists addresses permitted whatever Mode says, e.g. a lab network.
	Allow []netip.Prefix
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
// "public"; allow holds CIDR prefixes or single addresses.
func ParsePolicy(mode string, allow []string) (AddressPolicy, error) {
	var p AddressPolicy
	switch strings.ToLower(strings.TrimSpace(mode)) {
	case "", "any":
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
	return p, nil
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
		if kind := nonPublic(addr); kind != "" {
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
	for _, s := range strings.Fields(specialPrefixes) {
		if netip.MustParsePrefix(s).Contains(a) {
			return "a special-purpose address (" + s + ")"
		}
	}
	return ""
}

// Special-purpose ranges that the netip predicates do not cover and that can
// lead into private networks: "this network", shared address space (carrier
// NAT, some cloud internals), IETF protocol assignments, benchmarking, reserved
// and broadcast, NAT64 (which embeds IPv4 addresses), 6to4 and Teredo, and the
// deprecated IPv6 site-local range.
const specialPrefixes = "0.0.0.0/8 100.64.0.0/10 192.0.0.0/24 198.18.0.0/15 240.0.0.0/4 " +
	"64:ff9b::/96 64:ff9b:1::/48 2002::/16 2001::/32 fec0::/10"
