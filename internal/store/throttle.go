package store

import (
	"context"
	"database/sql"
	"time"

	"devpath/internal/account"
)

// UpdateCounters runs fn on the throttling counters of keys inside one
// transaction. Each row is created if missing, then locked (FOR UPDATE on
// PostgreSQL; the single writer on SQLite), so that instances counting the
// same key queue rather than both reading the old level. Callers pass keys
// in one order (the pair before the address), so two locks never cross.
func (s *Store) UpdateCounters(ctx context.Context, keys [][]byte, now time.Time, fn func([]account.Counter) error) error {
	now = now.UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		cur := make([]account.Counter, len(keys))
		for i, k := range keys {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO throttle_counters (id, level, updated_at, expires_at)
				VALUES (?, 0, ?, ?) ON CONFLICT (id) DO NOTHING`), k, now, now); err != nil {
				return err
			}
			err := tx.QueryRowContext(ctx, s.q(`SELECT level, updated_at, expires_at FROM throttle_counters WHERE id = ?`+
				s.dialect.forUpdate()), k).Scan(&cur[i].Level, &cur[i].At, &cur[i].ExpiresAt)
			if err != nil {
				return err
			}
		}
		if err := fn(cur); err != nil {
			return err
		}
		for i, k := range keys {
			if err := s.putCounter(ctx, tx, k, cur[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// putCounter stores a counter, or deletes it once nothing is left of it.
func (s *Store) putCounter(ctx context.Context, tx *sql.Tx, key []byte, c account.Counter) error {
	if c.Level <= 0 {
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM throttle_counters WHERE id = ?`), key)
		return err
	}
	_, err := tx.ExecContext(ctx, s.q(`UPDATE throttle_counters SET level = ?, updated_at = ?, expires_at = ? WHERE id = ?`),
		c.Level, c.At.UTC(), c.ExpiresAt.UTC(), key)
	return err
}
