package store

import (
	"context"

	"devpath/internal/cohort"
)

// MemberEntries lists the progress rows, other than todo, of a cohort's
// learners on a roadmap: one read for the whole dashboard, through the
// progress key (user, roadmap, topic) of each learner.
func (s *Store) MemberEntries(ctx context.Context, id int64, roadmap string) ([]cohort.MemberEntry, error) {
	st, err := s.prepared(ctx, s.read, `
		SELECT p.user_id, p.topic, p.status, p.updated_at
		FROM cohort_members m JOIN progress p ON p.user_id = m.user_id AND p.roadmap = ?
		WHERE m.cohort_id = ? AND p.status <> 'todo'`)
	if err != nil {
		return nil, err
	}
	return rowsOf(func(row scanner, e *cohort.MemberEntry) error {
		return row.Scan(&e.User, &e.Topic, &e.Status, &e.UpdatedAt)
	})(st.QueryContext(ctx, roadmap, id))
}

// MemberPractice lists a cohort's learners' records per exercise and per
// checker project: passed or not, and failures since the last pass.
func (s *Store) MemberPractice(ctx context.Context, id int64) ([]cohort.Practice, error) {
	return queryAll(ctx, s.read, s.q(`
		WITH tries AS (
			SELECT a.user_id, 'exercise' AS kind, a.exercise AS item, a.id, CASE WHEN a.verdict = 'pass' THEN 1 ELSE 0 END AS ok
			FROM exercise_attempts a JOIN cohort_members m ON m.user_id = a.user_id AND m.cohort_id = ?
			UNION ALL
			SELECT r.user_id, 'project', r.project, r.id, CASE WHEN r.status = 'passed' THEN 1 ELSE 0 END
			FROM check_runs r JOIN cohort_members m ON m.user_id = r.user_id AND m.cohort_id = ?
			WHERE r.status <> 'running'),
		last AS (
			SELECT user_id, kind, item, MAX(CASE WHEN ok = 1 THEN id ELSE 0 END) AS pass_id
			FROM tries GROUP BY user_id, kind, item)
		SELECT t.user_id, t.kind, t.item, MAX(l.pass_id) > 0, SUM(CASE WHEN t.id > l.pass_id THEN 1 ELSE 0 END)
		FROM tries t JOIN last l ON l.user_id = t.user_id AND l.kind = t.kind AND l.item = t.item
		GROUP BY t.user_id, t.kind, t.item`),
		func(row scanner, p *cohort.Practice) error {
			return row.Scan(&p.User, &p.Kind, &p.Item, &p.Passed, &p.Failures)
		}, id, id)
}

// LearnerCount counts the accounts with the learner role.
func (s *Store) LearnerCount(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE role = 'learner'`).Scan(&n)
	return n, err
}

// MemberReviews lists a cohort's learners' reviews of a roadmap's topics.
func (s *Store) MemberReviews(ctx context.Context, id int64, roadmap string) ([]cohort.MemberReview, error) {
	return queryAll(ctx, s.read, s.q(`
		SELECT r.user_id, r.topic, r.remembered, r.at
		FROM cohort_members m JOIN reviews r ON r.user_id = m.user_id AND r.roadmap = ?
		WHERE m.cohort_id = ? ORDER BY r.at, r.id`),
		func(row scanner, rv *cohort.MemberReview) error {
			return row.Scan(&rv.User, &rv.Topic, &rv.Remembered, &rv.At)
		}, roadmap, id)
}
