package store

import (
	"context"
	"database/sql"

	"devpath/internal/cohort"
)

// Record appends an entry to the cohorts' audit log.
func (s *Store) Record(ctx context.Context, e cohort.AuditEntry) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return s.recordTx(ctx, tx, e) })
}

// recordTx appends an entry inside the transaction of the action it tells of.
func (s *Store) recordTx(ctx context.Context, tx *sql.Tx, e cohort.AuditEntry) error {
	_, err := tx.ExecContext(ctx, s.q(`
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
