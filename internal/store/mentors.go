package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"devpath/internal/app"
	"devpath/internal/mentor"
)

var _ mentor.Store = (*Store)(nil)

const mentorProfileColumns = `p.user_id, u.name, p.languages, p.time_zone, p.max_mentees, p.max_requests, p.windows, p.bio,
	p.public, p.updated_at, (SELECT COUNT(*) FROM mentorships m WHERE m.mentor_id = p.user_id AND m.ended_at IS NULL)`

func scanMentorProfile(row scanner, p *mentor.Profile) error {
	var langs, windows string
	err := row.Scan(&p.UserID, &p.Name, &langs, &p.TimeZone, &p.MaxMentees, &p.MaxRequests, &windows, &p.Bio,
		&p.Public, &p.UpdatedAt, &p.Mentees)
	if err != nil {
		return err
	}
	p.Languages, p.Topics = splitList(langs), []string{}
	return json.Unmarshal([]byte(windows), &p.Windows)
}

// PutMentorProfile writes a mentor's profile and their topics.
func (s *Store) PutMentorProfile(ctx context.Context, p mentor.Profile) (mentor.Profile, error) {
	windows, err := json.Marshal(p.Windows)
	if err != nil {
		return mentor.Profile{}, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`
			INSERT INTO mentor_profiles (user_id, languages, time_zone, max_mentees, max_requests, windows, bio, public, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET languages = excluded.languages, time_zone = excluded.time_zone,
				max_mentees = excluded.max_mentees, max_requests = excluded.max_requests, windows = excluded.windows,
				bio = excluded.bio, public = excluded.public, updated_at = excluded.updated_at`),
			p.UserID, joinList(p.Languages), p.TimeZone, p.MaxMentees, p.MaxRequests, string(windows), p.Bio, p.Public, p.UpdatedAt.UTC()); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM mentor_topics WHERE mentor_id = ?`), p.UserID); err != nil {
			return err
		}
		for _, t := range p.Topics {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO mentor_topics (mentor_id, topic) VALUES (?, ?)`), p.UserID, t); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return mentor.Profile{}, err
	}
	return s.MentorProfile(ctx, p.UserID)
}

// MentorProfile returns a mentor's profile.
func (s *Store) MentorProfile(ctx context.Context, user int64) (mentor.Profile, error) {
	p, err := queryOne(ctx, s.read, s.q(`SELECT `+mentorProfileColumns+` FROM mentor_profiles p JOIN users u ON u.id = p.user_id
		WHERE p.user_id = ?`), scanMentorProfile, user)
	if err != nil {
		return p, s.wrap(err, "mentor profile")
	}
	p.Topics, err = queryAll(ctx, s.read, s.q(`SELECT topic FROM mentor_topics WHERE mentor_id = ? ORDER BY topic`),
		func(row scanner, t *string) error { return row.Scan(t) }, user)
	if p.Topics == nil {
		p.Topics = []string{}
	}
	return p, err
}

// MentorProfiles returns every mentor's profile, by name.
func (s *Store) MentorProfiles(ctx context.Context) ([]mentor.Profile, error) {
	ps, err := queryAll(ctx, s.read, s.q(`SELECT `+mentorProfileColumns+` FROM mentor_profiles p JOIN users u ON u.id = p.user_id
		WHERE u.role IN ('mentor', 'admin') ORDER BY u.name, p.user_id`), scanMentorProfile)
	if err != nil {
		return nil, err
	}
	type topic struct {
		mentor int64
		id     string
	}
	ts, err := queryAll(ctx, s.read, `SELECT mentor_id, topic FROM mentor_topics ORDER BY topic`,
		func(row scanner, t *topic) error { return row.Scan(&t.mentor, &t.id) })
	if err != nil {
		return nil, err
	}
	at := map[int64]int{}
	for i, p := range ps {
		at[p.UserID] = i
	}
	for _, t := range ts {
		if i, ok := at[t.mentor]; ok {
			ps[i].Topics = append(ps[i].Topics, t.id)
		}
	}
	return ps, nil
}

const mentorRequestColumns = `r.id, r.learner_id, lu.name, r.topic, r.kind, r.item_id, r.item_title, r.item_body, r.question,
	r.language, r.want_mentor, r.mentor_id, COALESCE(mu.name, ''), r.status, r.locked_by, r.lock_until, r.created_at,
	r.answered_at, r.last_message_at, r.closed_at, r.rating, r.testimonial, r.testimonial_shown,
	(r.reminded_at IS NOT NULL AND r.reminded_at >= r.last_message_at)
	FROM mentor_requests r JOIN users lu ON lu.id = r.learner_id LEFT JOIN users mu ON mu.id = r.mentor_id`

func scanMentorRequest(row scanner, r *mentor.Request) error {
	var title, body string
	err := row.Scan(&r.ID, &r.LearnerID, &r.LearnerName, &r.Topic, &r.Kind, &r.ItemID, &title, &body, &r.Question,
		&r.Language, &r.WantMentor, &r.MentorID, &r.MentorName, &r.Status, &r.LockedBy, &r.LockUntil, &r.CreatedAt,
		&r.AnsweredAt, &r.LastMessage, &r.ClosedAt, &r.Rating, &r.Testimonial, &r.Shown, &r.Reminded)
	if title != "" || body != "" {
		r.Attachment = &mentor.Attachment{Title: title, Body: body}
	}
	return err
}

// CreateMentorRequest stores a learner's request.
func (s *Store) CreateMentorRequest(ctx context.Context, r mentor.Request) (mentor.Request, error) {
	var att mentor.Attachment
	if r.Attachment != nil {
		att = *r.Attachment
	}
	var id int64
	err := s.write.QueryRowContext(ctx, s.q(`
		INSERT INTO mentor_requests (learner_id, topic, kind, item_id, item_title, item_body, question, language,
			want_mentor, status, created_at, last_message_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) RETURNING id`),
		r.LearnerID, r.Topic, r.Kind, r.ItemID, att.Title, att.Body, r.Question, r.Language, r.WantMentor,
		r.CreatedAt.UTC(), r.LastMessage.UTC()).Scan(&id)
	if err != nil {
		return mentor.Request{}, s.wrap(err, "request")
	}
	return s.MentorRequest(ctx, id)
}

// MentorRequest returns one request, whoever's it is.
func (s *Store) MentorRequest(ctx context.Context, id int64) (mentor.Request, error) {
	r, err := queryOne(ctx, s.read, s.q(`SELECT `+mentorRequestColumns+` WHERE r.id = ?`), scanMentorRequest, id)
	if err == sql.ErrNoRows {
		return r, app.Errorf(app.NotFound, "request %d not found", id)
	}
	return r, err
}

// requests lists requests matching where, newest first.
func (s *Store) requests(ctx context.Context, where string, args ...any) ([]mentor.Request, error) {
	rs, err := queryAll(ctx, s.read, s.q(`SELECT `+mentorRequestColumns+` WHERE `+where+` ORDER BY r.created_at DESC, r.id DESC LIMIT 500`),
		scanMentorRequest, args...)
	if rs == nil {
		rs = []mentor.Request{}
	}
	return rs, err
}

// LearnerMentorRequests lists a learner's requests, newest first.
func (s *Store) LearnerMentorRequests(ctx context.Context, learner int64) ([]mentor.Request, error) {
	return s.requests(ctx, `r.learner_id = ?`, learner)
}

// TakenMentorRequests lists the requests a mentor took or holds locked at now.
func (s *Store) TakenMentorRequests(ctx context.Context, m int64, now time.Time) ([]mentor.Request, error) {
	return s.requests(ctx, `(r.mentor_id = ? OR (r.locked_by = ? AND r.lock_until > ?))`, m, m, now.UTC())
}

// MentorQueue lists the open requests on a mentor's topics, oldest first.
// Each topic's oldest few are read from the (topic, created_at) index and
// merged, so a mentor of many topics never sorts the whole backlog.
func (s *Store) MentorQueue(ctx context.Context, m int64, now time.Time, limit int) ([]mentor.QueueItem, error) {
	topics, err := queryAll(ctx, s.read, s.q(`SELECT topic FROM mentor_topics WHERE mentor_id = ?`),
		func(row scanner, t *string) error { return row.Scan(t) }, m)
	if err != nil || len(topics) == 0 {
		return nil, err
	}
	var q strings.Builder
	var args []any
	for i, t := range topics {
		if i > 0 {
			q.WriteString(" UNION ALL ")
		}
		fmt.Fprintf(&q, `SELECT * FROM (SELECT r.id, r.topic, r.kind, r.question, r.language, r.want_mentor IS NOT NULL AS for_you,
			COALESCE(r.locked_by = ?, FALSE) AS mine, r.created_at FROM mentor_requests r
			WHERE r.status = 'open' AND r.topic = ? AND r.learner_id <> ? AND (r.want_mentor IS NULL OR r.want_mentor = ?)
				AND (r.locked_by IS NULL OR r.locked_by = ? OR r.lock_until <= ?)
			ORDER BY r.created_at, r.id LIMIT ?) AS t%d`, i)
		args = append(args, m, t, m, m, m, now.UTC(), limit)
	}
	q.WriteString(` ORDER BY created_at, id LIMIT ?`)
	args = append(args, limit)
	return queryAll(ctx, s.read, s.q(q.String()), func(row scanner, it *mentor.QueueItem) error {
		return row.Scan(&it.ID, &it.Topic, &it.Kind, &it.Question, &it.Language, &it.ForYou, &it.LockedByMe, &it.CreatedAt)
	}, args...)
}

// LockMentorRequest holds an open request for a mentor, checking the
// lock rules in the transaction that writes it.
func (s *Store) LockMentorRequest(ctx context.Context, id, m int64, now, until time.Time, l mentor.Limits) (mentor.Request, error) {
	now, until = now.UTC(), until.UTC()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var r mentor.Request
		var mine bool
		err := tx.QueryRowContext(ctx, s.q(`SELECT status, learner_id, want_mentor, locked_by, lock_until,
			EXISTS (SELECT 1 FROM mentor_topics t WHERE t.mentor_id = ? AND t.topic = r.topic)
			FROM mentor_requests r WHERE id = ?`+s.dialect.forUpdate()), m, id).
			Scan(&r.Status, &r.LearnerID, &r.WantMentor, &r.LockedBy, &r.LockUntil, &mine)
		switch {
		case err == sql.ErrNoRows, err == nil && (!mine || r.LearnerID == m || (r.WantMentor != nil && *r.WantMentor != m)):
			return app.Errorf(app.NotFound, "request %d not found in your queue", id)
		case err != nil:
			return err
		case r.Status != mentor.Open:
			return app.Errorf(app.Conflict, "another mentor has taken this request")
		case r.Locked(now) && *r.LockedBy != m:
			return app.Errorf(app.Conflict, "another mentor holds this request until %s", r.LockUntil.Format("15:04 UTC"))
		}
		if !r.LockedFor(m, now) {
			if err := s.checkLockRoom(ctx, tx, m, r.LearnerID, now, l); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, s.q(`UPDATE mentor_requests SET locked_by = ?, lock_until = ? WHERE id = ?`), m, until, id)
		return err
	})
	if err != nil {
		return mentor.Request{}, err
	}
	return s.MentorRequest(ctx, id)
}

// checkLockRoom refuses a new lock beyond the mentor's limits.
func (s *Store) checkLockRoom(ctx context.Context, tx *sql.Tx, m, learner int64, now time.Time, l mentor.Limits) error {
	var locks, taken, mentees int
	var mentoring bool
	err := tx.QueryRowContext(ctx, s.q(`SELECT
		(SELECT COUNT(*) FROM mentor_requests WHERE locked_by = ? AND lock_until > ? AND status = 'open'),
		(SELECT COUNT(*) FROM mentor_requests WHERE mentor_id = ? AND status = 'active'),
		(SELECT COUNT(*) FROM mentorships WHERE mentor_id = ? AND ended_at IS NULL),
		EXISTS (SELECT 1 FROM mentorships WHERE mentor_id = ? AND learner_id = ? AND ended_at IS NULL)`),
		m, now, m, m, m, learner).Scan(&locks, &taken, &mentees, &mentoring)
	switch {
	case err != nil:
		return err
	case locks >= l.Locks:
		return app.Errorf(app.Conflict, "you hold %d requests already: answer or let one go first", locks)
	case locks+taken >= l.Requests:
		return app.Errorf(app.Conflict, "you have %d requests open, as many as your profile takes at once", locks+taken)
	case !mentoring && mentees >= l.Mentees:
		return app.Errorf(app.Conflict, "you mentor %d learners, as many as your profile takes at once", mentees)
	}
	return nil
}

// UnlockMentorRequest lets go of a mentor's lock.
func (s *Store) UnlockMentorRequest(ctx context.Context, id, m int64) error {
	res, err := s.write.ExecContext(ctx, s.q(`UPDATE mentor_requests SET locked_by = NULL, lock_until = NULL
		WHERE id = ? AND locked_by = ? AND status = 'open'`), id, m)
	return affected(res, err, "request %d not found among your locks", id)
}

// ReleaseMentorLocks clears the locks that ran out by now.
func (s *Store) ReleaseMentorLocks(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.write.ExecContext(ctx, s.q(`UPDATE mentor_requests SET locked_by = NULL, lock_until = NULL
		WHERE locked_by IS NOT NULL AND lock_until <= ?`), now.UTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// MentorWaits are the waits for a first answer of a topic's requests answered since.
func (s *Store) MentorWaits(ctx context.Context, topic string, since time.Time) ([]time.Duration, error) {
	return queryAll(ctx, s.read, s.q(`SELECT created_at, answered_at FROM mentor_requests
		WHERE topic = ? AND answered_at IS NOT NULL AND answered_at >= ?`), scanWait, topic, since.UTC())
}

func scanWait(row scanner, d *time.Duration) error {
	var asked, answered time.Time
	err := row.Scan(&asked, &answered)
	*d = answered.Sub(asked)
	return err
}

// Mentorships lists a person's live mentorships, as mentor and as learner.
func (s *Store) Mentorships(ctx context.Context, user int64) ([]mentor.Mentorship, error) {
	ms, err := queryAll(ctx, s.read, s.q(`SELECT m.id, m.mentor_id, mu.name, m.learner_id, lu.name, m.started_at
		FROM mentorships m JOIN users mu ON mu.id = m.mentor_id JOIN users lu ON lu.id = m.learner_id
		WHERE (m.mentor_id = ? OR m.learner_id = ?) AND m.ended_at IS NULL ORDER BY m.started_at, m.id`),
		func(row scanner, m *mentor.Mentorship) error {
			return row.Scan(&m.ID, &m.MentorID, &m.MentorName, &m.LearnerID, &m.LearnerName, &m.StartedAt)
		}, user, user)
	if ms == nil {
		ms = []mentor.Mentorship{}
	}
	return ms, err
}

// Mentoring tells whether mentor mentors learner now.
func (s *Store) Mentoring(ctx context.Context, m, learner int64) (bool, error) {
	var ok bool
	err := s.read.QueryRowContext(ctx, s.q(`SELECT EXISTS (SELECT 1 FROM mentorships
		WHERE mentor_id = ? AND learner_id = ? AND ended_at IS NULL)`), m, learner).Scan(&ok)
	return ok, err
}

// startMentorship starts the pair's mentorship unless it is live already.
func (s *Store) startMentorship(ctx context.Context, tx *sql.Tx, m, learner int64, at time.Time) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO mentorships (mentor_id, learner_id, started_at) VALUES (?, ?, ?)
		ON CONFLICT (mentor_id, learner_id) WHERE ended_at IS NULL DO NOTHING`), m, learner, at.UTC())
	return err
}

// EndMentorship ends a pair's mentorship; the mentor's active requests of
// the learner go back to the queue for any mentor.
func (s *Store) EndMentorship(ctx context.Context, m, learner int64, at time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE mentorships SET ended_at = ? WHERE mentor_id = ? AND learner_id = ? AND ended_at IS NULL`),
			at.UTC(), m, learner)
		if err := affected(res, err, "mentorship not found"); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`UPDATE mentor_requests SET status = 'open', mentor_id = NULL, want_mentor = NULL
			WHERE learner_id = ? AND ((mentor_id = ? AND status = 'active') OR (want_mentor = ? AND status = 'open'))`), learner, m, m)
		return err
	})
}

// MentorReply adds a message to a thread; take makes the request the
// mentor's first, in the same transaction.
func (s *Store) MentorReply(ctx context.Context, msg mentor.Message, take bool) (mentor.Message, error) {
	at := msg.CreatedAt.UTC()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if take {
			var learner int64
			err := tx.QueryRowContext(ctx, s.q(`UPDATE mentor_requests SET status = 'active', mentor_id = ?, locked_by = NULL, lock_until = NULL
				WHERE id = ? AND status = 'open' AND locked_by = ? AND lock_until > ? RETURNING learner_id`),
				msg.AuthorID, msg.RequestID, msg.AuthorID, at).Scan(&learner)
			if err == sql.ErrNoRows {
				return app.Errorf(app.Conflict, "your hold on this request ran out: take it from the queue again")
			}
			if err != nil {
				return err
			}
			if err := s.startMentorship(ctx, tx, msg.AuthorID, learner, at); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE mentor_requests SET last_message_at = ?,
			answered_at = CASE WHEN answered_at IS NULL AND mentor_id = ? THEN ? ELSE answered_at END WHERE id = ?`),
			at, msg.AuthorID, at, msg.RequestID); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, s.q(`INSERT INTO mentor_messages (request_id, author_id, body, created_at)
			VALUES (?, ?, ?, ?) RETURNING id`), msg.RequestID, msg.AuthorID, msg.Body, at).Scan(&msg.ID)
	})
	return msg, err
}

// MentorMessages lists a request's thread, oldest first.
func (s *Store) MentorMessages(ctx context.Context, request int64) ([]mentor.Message, error) {
	ms, err := queryAll(ctx, s.read, s.q(`SELECT m.id, m.request_id, COALESCE(m.author_id, 0), COALESCE(u.name, 'a former user'), m.body, m.created_at
		FROM mentor_messages m LEFT JOIN users u ON u.id = m.author_id WHERE m.request_id = ? ORDER BY m.id`),
		func(row scanner, m *mentor.Message) error {
			return row.Scan(&m.ID, &m.RequestID, &m.AuthorID, &m.AuthorName, &m.Body, &m.CreatedAt)
		}, request)
	if ms == nil {
		ms = []mentor.Message{}
	}
	return ms, err
}

// CloseMentorRequest closes a request and lets go of any lock on it.
func (s *Store) CloseMentorRequest(ctx context.Context, id int64, at time.Time) error {
	res, err := s.write.ExecContext(ctx, s.q(`UPDATE mentor_requests SET status = 'closed', closed_at = ?, locked_by = NULL, lock_until = NULL
		WHERE id = ? AND status <> 'closed'`), at.UTC(), id)
	return affected(res, err, "request %d not found", id)
}

// RateMentorRequest stores the learner's rating and testimonial.
func (s *Store) RateMentorRequest(ctx context.Context, id int64, rating int, testimonial string) error {
	res, err := s.write.ExecContext(ctx, s.q(`UPDATE mentor_requests SET rating = ?, testimonial = ?,
		testimonial_shown = CASE WHEN testimonial = ? THEN testimonial_shown ELSE FALSE END WHERE id = ? AND status = 'closed'`),
		rating, testimonial, testimonial, id)
	return affected(res, err, "request %d not found", id)
}

// ShowTestimonial shows or hides a testimonial the mentor received.
func (s *Store) ShowTestimonial(ctx context.Context, m, id int64, shown bool) error {
	res, err := s.write.ExecContext(ctx, s.q(`UPDATE mentor_requests SET testimonial_shown = ?
		WHERE id = ? AND mentor_id = ? AND testimonial <> ''`), shown, id, m)
	return affected(res, err, "testimonial %d not found", id)
}

// Testimonials lists what learners wrote of a mentor, newest first.
func (s *Store) Testimonials(ctx context.Context, m int64, shownOnly bool) ([]mentor.Testimonial, error) {
	q := `SELECT r.id, u.name, COALESCE(r.rating, 0), r.testimonial, r.testimonial_shown, r.closed_at
		FROM mentor_requests r JOIN users u ON u.id = r.learner_id
		WHERE r.mentor_id = ? AND r.testimonial <> '' AND r.closed_at IS NOT NULL`
	if shownOnly {
		q += ` AND r.testimonial_shown = TRUE`
	}
	ts, err := queryAll(ctx, s.read, s.q(q+` ORDER BY r.closed_at DESC LIMIT 100`), func(row scanner, t *mentor.Testimonial) error {
		return row.Scan(&t.RequestID, &t.LearnerName, &t.Rating, &t.Text, &t.Shown, &t.ClosedAt)
	}, m)
	if ts == nil {
		ts = []mentor.Testimonial{}
	}
	return ts, err
}

// MentorFigures counts a mentor's requests and ratings, with the time each
// of their requests waited for its first answer.
func (s *Store) MentorFigures(ctx context.Context, m int64) (mentor.Figures, []time.Duration, error) {
	var f mentor.Figures
	err := s.read.QueryRowContext(ctx, s.q(`SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'closed' THEN 1 ELSE 0 END), 0),
		(SELECT COUNT(*) FROM mentorships WHERE mentor_id = ? AND ended_at IS NULL)
		FROM mentor_requests WHERE mentor_id = ?`), m, m).Scan(&f.Handled, &f.Closed, &f.Mentees)
	if err != nil {
		return f, nil, err
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT rating, COUNT(*) FROM mentor_requests WHERE mentor_id = ? AND rating IS NOT NULL GROUP BY rating`), m)
	if err != nil {
		return f, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var rating, n int
		if err := rows.Scan(&rating, &n); err != nil {
			return f, nil, err
		}
		if rating >= 1 && rating <= 4 {
			f.Ratings[rating] = n
		}
	}
	if err := rows.Err(); err != nil {
		return f, nil, err
	}
	waits, err := queryAll(ctx, s.read, s.q(`SELECT created_at, answered_at FROM mentor_requests
		WHERE mentor_id = ? AND answered_at IS NOT NULL`), scanWait, m)
	return f, waits, err
}

// QuietMentorRequests lists active requests with no message since before.
func (s *Store) QuietMentorRequests(ctx context.Context, before time.Time) ([]mentor.Request, error) {
	return s.requests(ctx, `r.status = 'active' AND r.last_message_at < ?`, before.UTC())
}

// MarkMentorReminded records that a quiet request's people were reminded.
func (s *Store) MarkMentorReminded(ctx context.Context, id int64, at time.Time) error {
	_, err := s.write.ExecContext(ctx, s.q(`UPDATE mentor_requests SET reminded_at = ? WHERE id = ?`), at.UTC(), id)
	return err
}

const mentorInvitationColumns = `i.id, i.learner_id, u.name, i.email, i.expires_at, i.accepted_by, i.accepted_at, i.created_at
	FROM mentor_invitations i JOIN users u ON u.id = i.learner_id`

func scanMentorInvitation(row scanner, i *mentor.Invitation) error {
	return row.Scan(&i.ID, &i.LearnerID, &i.LearnerName, &i.Email, &i.ExpiresAt, &i.AcceptedBy, &i.AcceptedAt, &i.CreatedAt)
}

// CreateMentorInvitation stores an invitation by the hash of its code.
func (s *Store) CreateMentorInvitation(ctx context.Context, inv mentor.Invitation, hash []byte) (mentor.Invitation, error) {
	var id int64
	err := s.write.QueryRowContext(ctx, s.q(`INSERT INTO mentor_invitations (learner_id, email, code_hash, expires_at, created_at)
		VALUES (?, ?, ?, ?, ?) RETURNING id`), inv.LearnerID, inv.Email, hash, inv.ExpiresAt.UTC(), inv.CreatedAt.UTC()).Scan(&id)
	if err != nil {
		return mentor.Invitation{}, s.wrap(err, "invitation")
	}
	return queryOne(ctx, s.read, s.q(`SELECT `+mentorInvitationColumns+` WHERE i.id = ?`), scanMentorInvitation, id)
}

// MentorInvitationByHash finds an invitation by the hash of its code.
func (s *Store) MentorInvitationByHash(ctx context.Context, hash []byte) (mentor.Invitation, error) {
	inv, err := queryOne(ctx, s.read, s.q(`SELECT `+mentorInvitationColumns+` WHERE i.code_hash = ?`), scanMentorInvitation, hash)
	return inv, s.wrap(err, "invitation")
}

// PendingMentorInvitations lists the live invitations sent to email.
func (s *Store) PendingMentorInvitations(ctx context.Context, email string, now time.Time) ([]mentor.Invitation, error) {
	return queryAll(ctx, s.read, s.q(`SELECT `+mentorInvitationColumns+`
		WHERE i.email = ? AND i.email <> '' AND i.accepted_by IS NULL AND i.expires_at > ?`), scanMentorInvitation, email, now.UTC())
}

// LearnerMentorInvitations lists the invitations a learner sent, newest first.
func (s *Store) LearnerMentorInvitations(ctx context.Context, learner int64) ([]mentor.Invitation, error) {
	out, err := queryAll(ctx, s.read, s.q(`SELECT `+mentorInvitationColumns+` WHERE i.learner_id = ? ORDER BY i.id DESC LIMIT 100`),
		scanMentorInvitation, learner)
	if out == nil {
		out = []mentor.Invitation{}
	}
	return out, err
}

// AcceptMentorInvitation takes an invitation up, once, and starts the mentorship.
func (s *Store) AcceptMentorInvitation(ctx context.Context, id, m int64, at time.Time) (mentor.Invitation, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var learner int64
		err := tx.QueryRowContext(ctx, s.q(`UPDATE mentor_invitations SET accepted_by = ?, accepted_at = ?
			WHERE id = ? AND accepted_by IS NULL AND expires_at > ? RETURNING learner_id`), m, at.UTC(), id, at.UTC()).Scan(&learner)
		if err == sql.ErrNoRows {
			return app.FieldError("invitation", "has expired or was taken up: ask the learner for a new one")
		}
		if err != nil {
			return err
		}
		return s.startMentorship(ctx, tx, m, learner, at)
	})
	if err != nil {
		return mentor.Invitation{}, err
	}
	return queryOne(ctx, s.read, s.q(`SELECT `+mentorInvitationColumns+` WHERE i.id = ?`), scanMentorInvitation, id)
}

// WaitingMentees lists learners with open requests that name no mentor,
// with the topics and languages of those requests.
func (s *Store) WaitingMentees(ctx context.Context) ([]mentor.Waiting, error) {
	type row struct {
		learner         int64
		name, topic, lg string
	}
	rows, err := queryAll(ctx, s.read, `SELECT r.learner_id, u.name, r.topic, r.language FROM mentor_requests r
		JOIN users u ON u.id = r.learner_id WHERE r.status = 'open' AND r.want_mentor IS NULL ORDER BY r.learner_id, r.topic`,
		func(sc scanner, r *row) error { return sc.Scan(&r.learner, &r.name, &r.topic, &r.lg) })
	var out []mentor.Waiting
	for _, r := range rows {
		if len(out) == 0 || out[len(out)-1].LearnerID != r.learner {
			out = append(out, mentor.Waiting{LearnerID: r.learner, LearnerName: r.name})
		}
		w := &out[len(out)-1]
		if !slices.Contains(w.Topics, r.topic) {
			w.Topics = append(w.Topics, r.topic)
		}
		if r.lg != "" && !slices.Contains(w.Languages, r.lg) {
			w.Languages = append(w.Languages, r.lg)
		}
	}
	return out, err
}

// AssignMentors starts each pair's mentorship and gives the mentor the
// learner's open requests on their topics, all in one transaction.
func (s *Store) AssignMentors(ctx context.Context, pairs []mentor.Pair, at time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, p := range pairs {
			if err := s.startMentorship(ctx, tx, p.Mentor, p.Mentee, at); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE mentor_requests SET status = 'active', mentor_id = ?, locked_by = NULL, lock_until = NULL
				WHERE learner_id = ? AND status = 'open' AND want_mentor IS NULL
					AND topic IN (SELECT topic FROM mentor_topics WHERE mentor_id = ?)`), p.Mentor, p.Mentee, p.Mentor); err != nil {
				return err
			}
		}
		return nil
	})
}

const mentorSessionColumns = `s.id, s.mentor_id, mu.name, mu.email, s.learner_id, lu.name, lu.email, s.starts_at, s.ends_at, s.place,
	s.agenda, s.notes, s.actions, s.created_at FROM mentor_sessions s JOIN users mu ON mu.id = s.mentor_id JOIN users lu ON lu.id = s.learner_id`

func scanMentorSession(row scanner, s *mentor.Session) error {
	var actions string
	if err := row.Scan(&s.ID, &s.MentorID, &s.MentorName, &s.MentorEmail, &s.LearnerID, &s.LearnerName, &s.LearnerEmail,
		&s.StartsAt, &s.EndsAt, &s.Place, &s.Agenda, &s.Notes, &actions, &s.CreatedAt); err != nil {
		return err
	}
	return json.Unmarshal([]byte(actions), &s.Actions)
}

// CreateMentorSession stores a session unless it overlaps another of the
// mentor's; the check and the insert share a transaction.
func (s *Store) CreateMentorSession(ctx context.Context, sess mentor.Session, letter bool) (mentor.Session, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		// Two bookings of one mentor at once queue on the mentor's row.
		if _, err := tx.ExecContext(ctx, s.q(`SELECT id FROM users WHERE id = ?`+s.dialect.forUpdate()), sess.MentorID); err != nil {
			return err
		}
		var clash mentor.Session
		err := tx.QueryRowContext(ctx, s.q(`SELECT starts_at, ends_at FROM mentor_sessions
			WHERE mentor_id = ? AND starts_at < ? AND ends_at > ? ORDER BY starts_at LIMIT 1`),
			sess.MentorID, sess.EndsAt.UTC(), sess.StartsAt.UTC()).Scan(&clash.StartsAt, &clash.EndsAt)
		switch {
		case err == nil:
			return app.FieldError("starts_at", fmt.Sprintf("overlaps the mentor's session from %s to %s UTC",
				clash.StartsAt.UTC().Format("2 Jan 2006 15:04"), clash.EndsAt.UTC().Format("15:04")))
		case err != sql.ErrNoRows:
			return err
		}
		if err := tx.QueryRowContext(ctx, s.q(`INSERT INTO mentor_sessions (mentor_id, learner_id, starts_at, ends_at, place, agenda, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`), sess.MentorID, sess.LearnerID, sess.StartsAt.UTC(), sess.EndsAt.UTC(),
			sess.Place, sess.Agenda, sess.CreatedAt.UTC()).Scan(&id); err != nil || !letter {
			return err
		}
		return s.enqueue(ctx, tx, mentor.SessionLetterJob{SessionID: id})
	})
	if err != nil {
		return mentor.Session{}, err
	}
	return s.MentorSession(ctx, id)
}

// MentorSession returns one session.
func (s *Store) MentorSession(ctx context.Context, id int64) (mentor.Session, error) {
	sess, err := queryOne(ctx, s.read, s.q(`SELECT `+mentorSessionColumns+` WHERE s.id = ?`), scanMentorSession, id)
	return sess, s.wrap(err, "session")
}

// MentorSessions lists a person's sessions on either side, the latest first.
func (s *Store) MentorSessions(ctx context.Context, user int64) ([]mentor.Session, error) {
	out, err := queryAll(ctx, s.read, s.q(`SELECT `+mentorSessionColumns+`
		WHERE s.mentor_id = ? OR s.learner_id = ? ORDER BY s.starts_at DESC LIMIT 200`), scanMentorSession, user, user)
	if out == nil {
		out = []mentor.Session{}
	}
	return out, err
}

// RecordMentorSession writes a session's notes and action items.
func (s *Store) RecordMentorSession(ctx context.Context, id int64, notes string, actions []string) error {
	list, err := json.Marshal(actions)
	if err != nil {
		return err
	}
	res, err := s.write.ExecContext(ctx, s.q(`UPDATE mentor_sessions SET notes = ?, actions = ? WHERE id = ?`), notes, string(list), id)
	return affected(res, err, "session %d not found", id)
}
