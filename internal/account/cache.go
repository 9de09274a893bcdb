package account

import (
	"sync"
	"time"
)

// principalTTL is how long a token's principal is trusted without reading the
// database. It is also how long a logout, revocation or role change made on
// another instance may go unnoticed here: this instance drops its own entries
// at once, but cannot hear of other instances' changes.
const principalTTL = 5 * time.Second

// principalLimit bounds the cache; past it, entries are dropped wholesale
// rather than tracked for eviction (they are cheap to read again).
const principalLimit = 1 << 16

// principalCache maps a token's SHA-256 to who holds it, for a few seconds,
// so that most requests authenticate without a database read. Token expiry
// is still checked on every request by the caller.
type principalCache struct {
	mu sync.RWMutex
	m  map[[32]byte]cachedPrincipal
	// gen counts drops. A lookup notes it before reading the database and
	// stores its answer only if no drop happened meanwhile, so that a logout
	// racing a request cannot be undone by the request's older read.
	gen uint64
}

type cachedPrincipal struct {
	p     *Principal
	until time.Time
}

func newPrincipalCache() *principalCache {
	return &principalCache{m: map[[32]byte]cachedPrincipal{}}
}

// get returns the principal of hash if it was read less than principalTTL ago.
func (c *principalCache) get(hash [32]byte, now time.Time) (*Principal, bool) {
	c.mu.RLock()
	e, ok := c.m[hash]
	c.mu.RUnlock()
	if !ok || !now.Before(e.until) {
		return nil, false
	}
	return e.p, true
}

// generation is the drop count to hand back to put.
func (c *principalCache) generation() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.gen
}

// put remembers p for hash unless a drop happened since gen was read.
func (c *principalCache) put(hash [32]byte, p *Principal, now time.Time, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return
	}
	if len(c.m) >= principalLimit {
		clear(c.m)
	}
	c.m[hash] = cachedPrincipal{p: p, until: now.Add(principalTTL)}
}

// dropUser forgets every token of a user: their sessions or role changed.
func (c *principalCache) dropUser(userID int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for h, e := range c.m {
		if e.p.User.ID == userID {
			delete(c.m, h)
		}
	}
}
