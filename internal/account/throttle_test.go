package account

import (
	"testing"
	"time"
)

// Waits double past the free attempts, from 1 s to at most 15 minutes, and
// the level leaks away.
func TestLimitWaits(t *testing.T) {
	t0 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	l := limit{free: 5, leak: 15 * time.Minute}
	var c Counter
	var waits []time.Duration
	for range 17 {
		waits = append(waits, l.wait(c, t0))
		l.add(&c, 1, t0)
	}
	want := []time.Duration{0, 0, 0, 0, 0, time.Second, 2 * time.Second, 4 * time.Second}
	for i, w := range want {
		if d := waits[i].Round(time.Millisecond); d != w {
			t.Errorf("wait before attempt %d: %s, want %s", i+1, d, w)
		}
	}
	if last := waits[len(waits)-1]; last != maxWait {
		t.Errorf("wait after %d attempts: %s, want the cap %s", len(waits)-1, last, maxWait)
	}
	if got := l.wait(c, t0.Add(maxWait)); got != 0 {
		t.Errorf("after the longest wait: %s", got)
	}
	if !c.ExpiresAt.Equal(t0.Add(17 * 15 * time.Minute)) {
		t.Errorf("17 attempts leak away at %s", c.ExpiresAt)
	}
	if got := l.level(c, t0.Add(time.Hour)); got != 13 {
		t.Errorf("level an hour later: %v, want 13", got)
	}
}

func TestAddressKey(t *testing.T) {
	for in, want := range map[string]string{
		"192.0.2.7":               "192.0.2.7",
		"::ffff:192.0.2.7":        "192.0.2.7",
		"2001:db8:1:2:3:4:5:6":    "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff::1":    "2001:db8:1:2::/64",
		"fe80::1%eth0":            "fe80::/64",
		"":                        "",
		"not an address, kept as": "not an address, kept as",
	} {
		if got := addressKey(in); got != want {
			t.Errorf("addressKey(%q) = %q, want %q", in, got, want)
		}
	}
}
