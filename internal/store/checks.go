package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"devpath/internal/app"
	"devpath/internal/checker"
)

var _ checker.Store = (*Store)(nil)

// StartRun stores a run that has just begun and queues the job that will
// work it, in one transaction: a running run exists if and only if its job
// does.
// The partial unique index on running runs makes a learner's second run a
// Conflict on every instance at once.
func (s *Store) StartRun(ctx context.Context, r checker.StoredRun) (checker.StoredRun, error) {
	r.StartedAt = r.StartedAt.UTC()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		err := s.txQueryRow(ctx, tx, `
			INSERT INTO check_runs (user_id, project, url, status, stages, started_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			r.UserID, r.Project, r.URL, r.Status, r.Stages, r.StartedAt).Scan(&r.ID)
		if s.dialect.uniqueViolation(err) {
			return app.Errorf(app.Conflict, "a check of yours is still running: wait for it to finish")
		}
		if err != nil || r.Status != checker.Running {
			return err // a run stored as finished (an import, a test's fixture) needs no work
		}
		return s.enqueue(ctx, tx, checker.RunJob{RunID: r.ID})
	})
	return r, err
}

// FinishRun records how a run ended, with its report.
func (s *Store) FinishRun(ctx context.Context, id int64, status checker.RunStatus, passed int, report []byte, at time.Time) error {
	_, err := s.write.ExecContext(ctx, s.q(`
		UPDATE check_runs SET status = ?, passed = ?, report = ?, finished_at = ? WHERE id = ?`),
		status, passed, string(report), at.UTC(), id)
	return err
}

const checkRunColumns = `id, user_id, project, url, status, passed, stages, report, started_at, finished_at`

func scanRun(rows scanner, r *checker.StoredRun) error {
	var report string
	if err := rows.Scan(&r.ID, &r.UserID, &r.Project, &r.URL, &r.Status, &r.Passed, &r.Stages, &report,
		&r.StartedAt, &r.FinishedAt); err != nil {
		return err
	}
	if report == "" {
		return nil
	}
	r.Report = &checker.ReportJSON{}
	return json.Unmarshal([]byte(report), r.Report)
}

// CheckRun returns one of a learner's runs; another learner's is NotFound.
func (s *Store) CheckRun(ctx context.Context, user, id int64) (checker.StoredRun, error) {
	r, err := queryOne(ctx, s.read, s.q(`SELECT `+checkRunColumns+` FROM check_runs WHERE id = ? AND user_id = ?`), scanRun, id, user)
	return r, s.wrap(err, "check run")
}

// CheckRuns lists a learner's runs, newest first; an empty project means all.
func (s *Store) CheckRuns(ctx context.Context, user int64, project string, limit int) ([]checker.StoredRun, error) {
	return queryAll(ctx, s.read, s.q(`
		SELECT `+checkRunColumns+` FROM check_runs
		WHERE user_id = ? AND (? = '' OR project = ?) ORDER BY id DESC LIMIT ?`),
		scanRun, user, project, project, limit)
}

// Run returns any learner's run.
func (s *Store) Run(ctx context.Context, id int64) (checker.StoredRun, error) {
	r, err := queryOne(ctx, s.write, s.q(`SELECT `+checkRunColumns+` FROM check_runs WHERE id = ?`), scanRun, id)
	return r, s.wrap(err, "check run")
}

// RunningRuns counts the runs not finished yet.
func (s *Store) RunningRuns(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM check_runs WHERE status = 'running'`).Scan(&n)
	return n, err
}

// AbandonRuns ends as failed, with report, the runs still running that started before cutoff.
func (s *Store) AbandonRuns(ctx context.Context, cutoff time.Time, report []byte, at time.Time) (int64, error) {
	res, err := s.write.ExecContext(ctx, s.q(`
		UPDATE check_runs SET status = 'failed', report = ?, finished_at = ?
		WHERE status = 'running' AND started_at < ?`), string(report), at.UTC(), cutoff.UTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
