package store

import (
	"context"

	"devpath/internal/cohort"
)

// Record appends an entry to the cohorts' audit log.
func (s *Store) Record(ctx context.Context, e cohort.AuditEntry) error {
	_, err := s.write.ExecContext(ctx, s.q(`
		INSERT INTO cohort_audit (cohort_id, actor_id, action, detail, at) VALUES (?, ?, ?, ?, ?)`),
		e.CohortID, e.ActorID, e.Action, e.Detail, e.At.UTC())
	return err
}

// Audit lists a cohort's audit entries, newest first.
func (s *Store) Audit(ctx context.Context, id int64, limit int) ([]cohort.AuditEntry, error) {
	return queryAll(ctx, s.read, s.q(`
		SELECT a.id, a.cohort_id, COALESCE(a.actor_id, 0), COALESCE(u.name, ''), a.action, a.detail, a.at
		FROM cohort_audit a LEFT JOIN users u ON u.id = a.actor_id
		WHERE a.cohort_id = ? ORDER BY a.id DESC LIMIT ?`),
		func(row scanner, e *cohort.AuditEntry) error {
			return row.Scan(&e.ID, &e.CohortID, &e.ActorID, &e.Actor, &e.Action, &e.Detail, &e.At)
		}, id, limit)
}
