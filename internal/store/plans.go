package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"devpath/internal/app"
	"devpath/internal/plan"
)

var _ plan.Store = (*Store)(nil)

// Profile returns a learner's profile, NotFound before onboarding.
func (s *Store) Profile(ctx context.Context, user int64) (plan.Profile, error) {
	var data string
	err := s.read.QueryRowContext(ctx, s.q(`SELECT data FROM profiles WHERE user_id = ?`), user).Scan(&data)
	if err != nil {
		return plan.Profile{}, s.wrap(err, "profile")
	}
	var p plan.Profile
	if err := json.Unmarshal([]byte(data), &p); err != nil {
		return plan.Profile{}, err
	}
	return p, nil
}

// PutProfile creates or replaces a learner's profile.
func (s *Store) PutProfile(ctx context.Context, user int64, p plan.Profile, at time.Time) error {
	data, err := json.Marshal(p)
	if err != nil {
		return err
	}
	_, err = s.write.ExecContext(ctx, s.q(`
		INSERT INTO profiles (user_id, data, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`),
		user, string(data), at.UTC())
	return s.wrap(err, "")
}

// CalendarToken returns the learner's feed secret, storing fresh when there is none yet.
func (s *Store) CalendarToken(ctx context.Context, user int64, fresh string, at time.Time) (string, error) {
	if _, err := s.write.ExecContext(ctx, s.q(`
		INSERT INTO calendar_feeds (user_id, token, created_at) VALUES (?, ?, ?)
		ON CONFLICT (user_id) DO NOTHING`), user, fresh, at.UTC()); err != nil {
		return "", err
	}
	var token string
	err := s.write.QueryRowContext(ctx, s.q(`SELECT token FROM calendar_feeds WHERE user_id = ?`), user).Scan(&token)
	return token, s.wrap(err, "calendar feed")
}

// RotateCalendarToken replaces the learner's feed secret, so the old address stops working.
func (s *Store) RotateCalendarToken(ctx context.Context, user int64, fresh string, at time.Time) error {
	_, err := s.write.ExecContext(ctx, s.q(`
		INSERT INTO calendar_feeds (user_id, token, created_at) VALUES (?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at`),
		user, fresh, at.UTC())
	return s.wrap(err, "")
}

// UserByCalendarToken finds whose feed a secret opens.
func (s *Store) UserByCalendarToken(ctx context.Context, token string) (int64, error) {
	var user int64
	err := s.read.QueryRowContext(ctx, s.q(`SELECT user_id FROM calendar_feeds WHERE token = ?`), token).Scan(&user)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, app.Errorf(app.NotFound, "no such calendar feed: the address may have been replaced")
	}
	return user, err
}

// AddReview records that a learner went over a topic again.
func (s *Store) AddReview(ctx context.Context, user int64, roadmap, topic string, remembered bool, at time.Time) error {
	_, err := s.write.ExecContext(ctx, s.q(`
		INSERT INTO reviews (user_id, roadmap, topic, remembered, at) VALUES (?, ?, ?, ?, ?)`),
		user, roadmap, topic, remembered, at.UTC())
	return err
}

// Reviews returns a learner's reviews on a roadmap, oldest first.
func (s *Store) Reviews(ctx context.Context, user int64, roadmap string) ([]plan.TopicReview, error) {
	return queryAll(ctx, s.read, s.q(`
		SELECT topic, remembered, at FROM reviews WHERE user_id = ? AND roadmap = ? ORDER BY at, id`),
		func(rows scanner, r *plan.TopicReview) error {
			return rows.Scan(&r.Topic, &r.Remembered, &r.At)
		}, user, roadmap)
}

// DoneTimes returns when each topic last became done. The latest row per
// topic is picked in Go: MAX over a time column loses its type on SQLite.
func (s *Store) DoneTimes(ctx context.Context, user int64, roadmap string) (map[string]time.Time, error) {
	type done struct {
		topic string
		at    time.Time
	}
	rows, err := queryAll(ctx, s.read, s.q(`
		SELECT topic, at FROM progress_history
		WHERE user_id = ? AND roadmap = ? AND to_status = 'done' ORDER BY id`),
		func(rows scanner, d *done) error { return rows.Scan(&d.topic, &d.at) }, user, roadmap)
	if err != nil {
		return nil, err
	}
	out := make(map[string]time.Time, len(rows))
	for _, d := range rows {
		out[d.topic] = d.at
	}
	return out, nil
}
