package notify

import (
	"context"
	"fmt"
	"time"
)

// Source finds what one person should hear about, of one kind, at now (in
// the person's time zone); ok is false when nothing is due.
type Source struct {
	Kind Kind
	Due  func(ctx context.Context, user int64, now time.Time) (m Message, ok bool, err error)
}

// Scan asks every source about the people with ids above after, a page of
// them, and queues the scan of the next page. A person gets at most one
// notification of a kind a day: its key is the day in their time zone, and
// a source is not asked again once the day's notification exists.
func (s *Service) Scan(ctx context.Context, after int64) error {
	ids, err := s.store.Learners(ctx, after, scanPage)
	if err != nil {
		return err
	}
	now := s.now()
	failed, first := 0, error(nil)
	for _, user := range ids {
		if err := s.scanOne(ctx, user, now); err != nil {
			s.log.Warn("looking for what is due", "user", user, "err", err)
			if failed++; first == nil {
				first = err
			}
		}
	}
	if len(ids) == scanPage {
		if err := s.queue.Insert(ctx, ScanJob{After: ids[len(ids)-1]}); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("notifications for %d people failed; the first: %w", failed, first)
	}
	return nil
}

func (s *Service) scanOne(ctx context.Context, user int64, now time.Time) error {
	local := now.In(s.zones.Zone(ctx, user))
	day := local.Format(time.DateOnly)
	for _, src := range s.Sources {
		has, err := s.store.HasNotification(ctx, user, string(src.Kind)+":"+day)
		if err != nil {
			return err
		}
		if has {
			continue
		}
		m, ok, err := src.Due(ctx, user, local)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if _, err := s.Notify(ctx, user, src.Kind, day, m); err != nil {
			return err
		}
	}
	return nil
}
