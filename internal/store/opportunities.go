package store

import (
	"context"
	"database/sql"
	"time"

	"devpath/internal/cohort"
	"devpath/internal/jobsearch"
)

const opportunityColumns = `id, cohort_id, kind, company, title, description, deadline, link, created_at`

func scanOpportunity(row scanner, o *cohort.Opportunity) error {
	return row.Scan(&o.ID, &o.CohortID, &o.Kind, &o.Company, &o.Title, &o.Description, &o.Deadline, &o.Link, &o.CreatedAt)
}

// CreateOpportunity stores a posting and its audit entry in one transaction.
func (s *Store) CreateOpportunity(ctx context.Context, o cohort.Opportunity, by int64, e cohort.AuditEntry) (cohort.Opportunity, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, s.q(`
			INSERT INTO cohort_opportunities (cohort_id, kind, company, title, description, deadline, link, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			o.CohortID, o.Kind, o.Company, o.Title, o.Description, o.Deadline, o.Link, by, o.CreatedAt.UTC()).Scan(&o.ID); err != nil {
			return err
		}
		return s.recordTx(ctx, tx, e)
	})
	return o, s.wrap(err, "opportunity")
}

// Opportunity returns one posting of a cohort.
func (s *Store) Opportunity(ctx context.Context, id, opp int64) (cohort.Opportunity, error) {
	o, err := queryOne(ctx, s.read, s.q(`SELECT `+opportunityColumns+` FROM cohort_opportunities WHERE id = ? AND cohort_id = ?`),
		scanOpportunity, opp, id)
	return o, s.wrap(err, "opportunity")
}

// Opportunities lists a cohort's postings, newest first.
func (s *Store) Opportunities(ctx context.Context, id int64) ([]cohort.Opportunity, error) {
	return queryAll(ctx, s.read, s.q(`SELECT `+opportunityColumns+` FROM cohort_opportunities WHERE cohort_id = ? ORDER BY id DESC`),
		scanOpportunity, id)
}

// DeleteOpportunity takes a posting down with its audit entry; the
// applications made from it stay.
func (s *Store) DeleteOpportunity(ctx context.Context, id, opp int64, e cohort.AuditEntry) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM cohort_opportunities WHERE id = ? AND cohort_id = ?`), opp, id)
		if err := affected(res, err, "opportunity %d not found", opp); err != nil {
			return err
		}
		return s.recordTx(ctx, tx, e)
	})
}

// OpportunityStages counts the applications made from each posting by stage.
func (s *Store) OpportunityStages(ctx context.Context, id int64) (map[int64]map[jobsearch.Stage]int, error) {
	type count struct {
		opp   int64
		stage jobsearch.Stage
		n     int
	}
	rows, err := queryAll(ctx, s.read, s.q(`
		SELECT oa.opportunity_id, a.stage, COUNT(*)
		FROM cohort_opportunities o
		JOIN opportunity_applications oa ON oa.opportunity_id = o.id
		JOIN applications a ON a.id = oa.application_id
		WHERE o.cohort_id = ? GROUP BY oa.opportunity_id, a.stage`),
		func(row scanner, c *count) error { return row.Scan(&c.opp, &c.stage, &c.n) }, id)
	out := map[int64]map[jobsearch.Stage]int{}
	for _, c := range rows {
		if out[c.opp] == nil {
			out[c.opp] = map[jobsearch.Stage]int{}
		}
		out[c.opp][c.stage] = c.n
	}
	return out, err
}

// AppliedTo maps the cohort's postings a learner applied to to their applications.
func (s *Store) AppliedTo(ctx context.Context, id, user int64) (map[int64]int64, error) {
	pairs, err := queryAll(ctx, s.read, s.q(`
		SELECT oa.opportunity_id, oa.application_id FROM opportunity_applications oa
		JOIN cohort_opportunities o ON o.id = oa.opportunity_id
		WHERE o.cohort_id = ? AND oa.user_id = ?`),
		func(row scanner, p *[2]int64) error { return row.Scan(&p[0], &p[1]) }, id, user)
	out := make(map[int64]int64, len(pairs))
	for _, p := range pairs {
		out[p[0]] = p[1]
	}
	return out, err
}

// ApplyTo stores the learner's application and ties it to the posting in
// one transaction: a second application from one posting is a Conflict
// and leaves nothing behind.
func (s *Store) ApplyTo(ctx context.Context, opp int64, a jobsearch.Application, at time.Time) (jobsearch.Application, error) {
	err := s.tx(ctx, func(tx *sql.Tx) (err error) {
		if a.ID, err = s.insertApplication(ctx, tx, a, at); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`
			INSERT INTO opportunity_applications (opportunity_id, user_id, application_id) VALUES (?, ?, ?)`), opp, a.UserID, a.ID)
		return err
	})
	if err != nil {
		return jobsearch.Application{}, s.wrap(err, "application")
	}
	return s.Application(ctx, a.UserID, a.ID)
}

// SetResult records where a learner ended up, replacing what was recorded.
func (s *Store) SetResult(ctx context.Context, id, user int64, r cohort.Result, e cohort.AuditEntry) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`
			INSERT INTO cohort_outcomes (cohort_id, user_id, outcome, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (cohort_id, user_id) DO UPDATE
			SET outcome = excluded.outcome, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`),
			id, user, r, e.ActorID, e.At.UTC()); err != nil {
			return err
		}
		return s.recordTx(ctx, tx, e)
	})
}

// Results maps a cohort's learners to where they ended up, for those recorded.
func (s *Store) Results(ctx context.Context, id int64) (map[int64]cohort.Result, error) {
	type pair struct {
		user int64
		r    cohort.Result
	}
	rows, err := queryAll(ctx, s.read, s.q(`
		SELECT o.user_id, o.outcome FROM cohort_outcomes o
		JOIN cohort_members m ON m.cohort_id = o.cohort_id AND m.user_id = o.user_id
		WHERE o.cohort_id = ?`),
		func(row scanner, p *pair) error { return row.Scan(&p.user, &p.r) }, id)
	out := make(map[int64]cohort.Result, len(rows))
	for _, p := range rows {
		out[p.user] = p.r
	}
	return out, err
}
