package account

import (
	"context"
	"crypto/sha256"
	"fmt"
	"math"
	"net/netip"
	"time"

	"devpath/internal/app"
)

// Counter is one throttling count, kept in the database so that every
// instance sharing it counts together.
type Counter struct {
	Level     float64   // attempts not yet forgotten; it leaks away over time
	At        time.Time // when Level was set
	ExpiresAt time.Time // when Level will have leaked to zero, for the sweep
}

// limit is how one kind of counter slows attempts down: free attempts at
// once, then a wait after each further attempt that doubles each time, from
// firstWait up to maxWait. One attempt is forgotten every leak.
type limit struct {
	free float64
	leak time.Duration
}

const (
	firstWait = time.Second
	maxWait   = 15 * time.Minute
)

var (
	// pairLimit counts failed logins to one account from one address. It
	// is the one that slows guessing; as it never counts an account from
	// everywhere, an attacker cannot lock its owner out.
	pairLimit = limit{free: 5, leak: 15 * time.Minute}
	// addressLimit counts failed logins from one address to any account, so
	// that one address cannot try a few passwords on every account. It
	// leaks fast enough for a school behind one address where people mistype.
	addressLimit = limit{free: 100, leak: 30 * time.Second}
	// resetLimit counts "forgot password" requests from one address, which
	// send email to people who did not ask for it.
	resetLimit = limit{free: 5, leak: time.Minute}
)

// level is what is left of c's level at now.
func (l limit) level(c Counter, now time.Time) float64 {
	return max(0, c.Level-float64(now.Sub(c.At))/float64(l.leak))
}

// wait is how long from now until c allows another attempt; zero for at
// once. The free attempts are used up until a whole one has leaked away.
func (l limit) wait(c Counter, now time.Time) time.Duration {
	if l.level(c, now) <= l.free-1 {
		return 0
	}
	d := maxWait
	if over := max(0, c.Level-l.free); over < 20 {
		d = min(maxWait, time.Duration(float64(firstWait)*math.Exp2(over)))
	}
	return max(0, c.At.Add(d).Sub(now))
}

// add counts n more attempts on c at now (a negative n forgets some).
func (l limit) add(c *Counter, n float64, now time.Time) {
	c.Level = max(0, l.level(*c, now)+n)
	c.At = now
	c.ExpiresAt = now.Add(time.Duration(c.Level * float64(l.leak)))
}

// counted is one counter: its key and its limit.
type counted struct {
	key   []byte
	limit limit
}

// counterKey is the key of what is counted, hashed: keys stay small whatever
// a person typed, and the table holds no email addresses.
func counterKey(parts ...string) []byte {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum(nil)
}

// loginCounters are the counters of logins to email from address: the pair
// and the address.
func loginCounters(email, address string) (pair, addr counted) {
	a := addressKey(address)
	return counted{counterKey("login", email, a), pairLimit}, counted{counterKey("address", a), addressLimit}
}

// addressKey counts an IPv6 address by its /64, the block one subscriber
// usually holds, so that a fresh address from it does not bring a fresh count.
func addressKey(address string) string {
	a, err := netip.ParseAddr(address)
	if err != nil {
		return address
	}
	if a = a.Unmap(); a.Is4() {
		return a.String()
	}
	p, _ := a.WithZone("").Prefix(64)
	return p.String()
}

// counters runs fn on the counters of cs at one instant, under the store's lock.
func (s *Service) counters(ctx context.Context, cs []counted, fn func(now time.Time, cur []Counter) error) error {
	keys := make([][]byte, len(cs))
	for i, c := range cs {
		keys[i] = c.key
	}
	now := s.now()
	return s.store.UpdateCounters(ctx, keys, now, func(cur []Counter) error { return fn(now, cur) })
}

// admit counts one attempt on spend, or refuses it while spend or any of
// check must wait. The attempt is counted before it is made, so that many
// made at once cannot all slip through before the first fails.
func (s *Service) admit(ctx context.Context, spend counted, check ...counted) error {
	cs := append([]counted{spend}, check...)
	return s.counters(ctx, cs, func(now time.Time, cur []Counter) error {
		var wait time.Duration
		for i, c := range cs {
			wait = max(wait, c.limit.wait(cur[i], now))
		}
		if wait > 0 {
			return app.Errorf(app.TooMany, "too many attempts from your network address: try again in %s", inWords(wait))
		}
		spend.limit.add(&cur[0], 1, now)
		return nil
	})
}

// count adds n attempts to c (a negative n forgets them); a failure to
// count is logged, as the answer to the person stands either way.
func (s *Service) count(ctx context.Context, c counted, n float64) {
	err := s.counters(ctx, []counted{c}, func(now time.Time, cur []Counter) error {
		c.limit.add(&cur[0], n, now)
		return nil
	})
	if err != nil {
		app.Logger(ctx).Error("login throttle", "err", err)
	}
}

// inWords says a wait the way a person reads it, rounded up.
func inWords(d time.Duration) string {
	n, unit := math.Ceil(d.Seconds()), "second"
	if d > time.Minute {
		n, unit = math.Ceil(d.Minutes()), "minute"
	}
	if n != 1 {
		unit += "s"
	}
	return fmt.Sprintf("%d %s", int(n), unit)
}
