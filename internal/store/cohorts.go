package store

import (
	"context"
	"database/sql"
	"time"

	"devpath/internal/cohort"
)

var _ cohort.Store = (*Store)(nil)

const cohortColumns = `c.id, c.name, c.roadmap, c.start_date, c.end_date, c.target_date, c.weekly_hours, c.time_zone,
	c.inactive_days, c.behind_hours, c.learning_factor, c.repeated_failures, c.created_at`

func scanCohort(row scanner, c *cohort.Cohort) error {
	t := &c.Thresholds
	return row.Scan(&c.ID, &c.Name, &c.Roadmap, &c.StartDate, &c.EndDate, &c.TargetDate, &c.WeeklyHours, &c.TimeZone,
		&t.InactiveDays, &t.BehindHours, &t.LearningFactor, &t.RepeatedFailures, &c.CreatedAt)
}

// CreateCohort inserts a cohort.
func (s *Store) CreateCohort(ctx context.Context, c cohort.Cohort, at time.Time) (cohort.Cohort, error) {
	c.CreatedAt = at.UTC()
	t := c.Thresholds
	err := s.write.QueryRowContext(ctx, s.q(`
		INSERT INTO cohorts (name, roadmap, start_date, end_date, target_date, weekly_hours, time_zone,
			inactive_days, behind_hours, learning_factor, repeated_failures, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		c.Name, c.Roadmap, c.StartDate, c.EndDate, c.TargetDate, c.WeeklyHours, c.TimeZone,
		t.InactiveDays, t.BehindHours, t.LearningFactor, t.RepeatedFailures, c.CreatedAt).Scan(&c.ID)
	return c, s.wrap(err, "cohort")
}

// UpdateCohort changes a cohort's settings.
func (s *Store) UpdateCohort(ctx context.Context, c cohort.Cohort) (cohort.Cohort, error) {
	t := c.Thresholds
	res, err := s.write.ExecContext(ctx, s.q(`
		UPDATE cohorts SET name = ?, roadmap = ?, start_date = ?, end_date = ?, target_date = ?, weekly_hours = ?,
			time_zone = ?, inactive_days = ?, behind_hours = ?, learning_factor = ?, repeated_failures = ?
		WHERE id = ?`),
		c.Name, c.Roadmap, c.StartDate, c.EndDate, c.TargetDate, c.WeeklyHours, c.TimeZone,
		t.InactiveDays, t.BehindHours, t.LearningFactor, t.RepeatedFailures, c.ID)
	if err := affected(res, err, "cohort %d not found", c.ID); err != nil {
		return cohort.Cohort{}, err
	}
	return s.Cohort(ctx, c.ID)
}

// Cohort returns one cohort.
func (s *Store) Cohort(ctx context.Context, id int64) (cohort.Cohort, error) {
	c, err := queryOne(ctx, s.read, s.q(`SELECT `+cohortColumns+` FROM cohorts c WHERE c.id = ?`), scanCohort, id)
	return c, s.wrap(err, "cohort")
}

// Cohorts returns every cohort, newest first.
func (s *Store) Cohorts(ctx context.Context) ([]cohort.Cohort, error) {
	return queryAll(ctx, s.read, `SELECT `+cohortColumns+` FROM cohorts c ORDER BY c.start_date DESC, c.id DESC`, scanCohort)
}

// Memberships lists the cohorts a user is staff or a learner of.
func (s *Store) Memberships(ctx context.Context, user int64) ([]cohort.Membership, error) {
	return queryAll(ctx, s.read, s.q(`
		SELECT `+cohortColumns+`, COALESCE(st.role, ''), m.user_id IS NOT NULL
		FROM cohorts c
		LEFT JOIN cohort_staff st ON st.cohort_id = c.id AND st.user_id = ?
		LEFT JOIN cohort_members m ON m.cohort_id = c.id AND m.user_id = ?
		WHERE st.user_id IS NOT NULL OR m.user_id IS NOT NULL
		ORDER BY c.start_date DESC, c.id DESC`),
		func(row scanner, m *cohort.Membership) error {
			c, t := &m.Cohort, &m.Cohort.Thresholds
			return row.Scan(&c.ID, &c.Name, &c.Roadmap, &c.StartDate, &c.EndDate, &c.TargetDate, &c.WeeklyHours, &c.TimeZone,
				&t.InactiveDays, &t.BehindHours, &t.LearningFactor, &t.RepeatedFailures, &c.CreatedAt, &m.Role, &m.Learner)
		}, user, user)
}

// SetStaff gives user a role in a cohort, replacing the one they had.
func (s *Store) SetStaff(ctx context.Context, id, user int64, role cohort.Role) error {
	_, err := s.write.ExecContext(ctx, s.q(`
		INSERT INTO cohort_staff (cohort_id, user_id, role) VALUES (?, ?, ?)
		ON CONFLICT (cohort_id, user_id) DO UPDATE SET role = excluded.role`), id, user, role)
	return s.wrap(err, "")
}

// RemoveStaff takes user's role in a cohort away.
func (s *Store) RemoveStaff(ctx context.Context, id, user int64) error {
	res, err := s.write.ExecContext(ctx, s.q(`DELETE FROM cohort_staff WHERE cohort_id = ? AND user_id = ?`), id, user)
	return affected(res, err, "user %d is not staff of cohort %d", user, id)
}

// Staff lists a cohort's admins and mentors by name.
func (s *Store) Staff(ctx context.Context, id int64) ([]cohort.Person, error) {
	return queryAll(ctx, s.read, s.q(`
		SELECT u.id, u.name, u.email, st.role FROM cohort_staff st JOIN users u ON u.id = st.user_id
		WHERE st.cohort_id = ? ORDER BY st.role, u.name, u.id`),
		func(row scanner, p *cohort.Person) error { return row.Scan(&p.ID, &p.Name, &p.Email, &p.Role) }, id)
}

// StaffRole returns user's role in a cohort.
func (s *Store) StaffRole(ctx context.Context, id, user int64) (cohort.Role, error) {
	var r cohort.Role
	err := s.read.QueryRowContext(ctx, s.q(`SELECT role FROM cohort_staff WHERE cohort_id = ? AND user_id = ?`), id, user).Scan(&r)
	return r, s.wrap(err, "staff role")
}

// Links lists the cohorts in which staff has a role and learner learns.
func (s *Store) Links(ctx context.Context, staff, learner int64) ([]cohort.Link, error) {
	return queryAll(ctx, s.read, s.q(`
		SELECT st.cohort_id, st.role FROM cohort_staff st
		JOIN cohort_members m ON m.cohort_id = st.cohort_id AND m.user_id = ?
		WHERE st.user_id = ? ORDER BY st.cohort_id`),
		func(row scanner, l *cohort.Link) error { return row.Scan(&l.CohortID, &l.Role) }, learner, staff)
}

// AddMember makes user a learner of a cohort.
func (s *Store) AddMember(ctx context.Context, id, user int64, at time.Time) error {
	_, err := s.write.ExecContext(ctx, s.q(`INSERT INTO cohort_members (cohort_id, user_id, joined_at) VALUES (?, ?, ?)`),
		id, user, at.UTC())
	return s.wrap(err, "membership")
}

// RemoveMember takes user out of a cohort's learners; nothing else of theirs changes.
func (s *Store) RemoveMember(ctx context.Context, id, user int64) error {
	res, err := s.write.ExecContext(ctx, s.q(`DELETE FROM cohort_members WHERE cohort_id = ? AND user_id = ?`), id, user)
	return affected(res, err, "user %d is not a learner of cohort %d", user, id)
}

// Members lists a cohort's learners by name.
func (s *Store) Members(ctx context.Context, id int64) ([]cohort.Person, error) {
	return queryAll(ctx, s.read, s.q(`
		SELECT u.id, u.name, u.email, m.joined_at, COALESCE(m.mentor_id, 0), COALESCE(mu.name, '')
		FROM cohort_members m JOIN users u ON u.id = m.user_id LEFT JOIN users mu ON mu.id = m.mentor_id
		WHERE m.cohort_id = ? ORDER BY u.name, u.id`),
		func(row scanner, p *cohort.Person) error {
			return row.Scan(&p.ID, &p.Name, &p.Email, &p.JoinedAt, &p.MentorID, &p.Mentor)
		}, id)
}

// SetMentor assigns a learner's mentor (0: nobody) with its audit entry.
func (s *Store) SetMentor(ctx context.Context, id, learner, mentor int64, e cohort.AuditEntry) error {
	var m any // NULL for nobody
	if mentor != 0 {
		m = mentor
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE cohort_members SET mentor_id = ? WHERE cohort_id = ? AND user_id = ?`), m, id, learner)
		if err := affected(res, err, "user %d is not a learner of cohort %d", learner, id); err != nil {
			return err
		}
		return s.recordTx(ctx, tx, e)
	})
}

// IsMember tells whether user is a learner of a cohort.
func (s *Store) IsMember(ctx context.Context, id, user int64) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM cohort_members WHERE cohort_id = ? AND user_id = ?`), id, user).Scan(&n)
	return n > 0, err
}

// MemberCount counts a cohort's learners.
func (s *Store) MemberCount(ctx context.Context, id int64) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM cohort_members WHERE cohort_id = ?`), id).Scan(&n)
	return n, err
}

// PersonByEmail finds a user by email.
func (s *Store) PersonByEmail(ctx context.Context, email string) (cohort.Person, error) {
	p, err := queryOne(ctx, s.read, s.q(`SELECT id, name, email FROM users WHERE email = ?`),
		func(row scanner, p *cohort.Person) error { return row.Scan(&p.ID, &p.Name, &p.Email) }, email)
	return p, s.wrap(err, "user")
}

// memberTx adds a learner inside tx, telling a second membership apart.
func (s *Store) memberTx(ctx context.Context, tx *sql.Tx, id, user int64, at time.Time) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO cohort_members (cohort_id, user_id, joined_at) VALUES (?, ?, ?)`),
		id, user, at.UTC())
	return s.wrap(err, "membership")
}
