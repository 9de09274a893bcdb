package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"devpath/internal/app"
	"devpath/internal/jobsearch"
	"devpath/internal/network"
)

var _ jobsearch.Store = (*Store)(nil)

const appColumns = `id, user_id, kind, company, title, location, remote, salary_min, salary_max, currency,
	source_url, description, deadline, start_date, end_date, stage, applied_on, follow_up,
	offer_amount, offer_currency, notes, resume_id, referred_by, created_at, updated_at`

func scanApp(row scanner, a *jobsearch.Application) error {
	return row.Scan(&a.ID, &a.UserID, &a.Kind, &a.Company, &a.Title, &a.Location, &a.Remote, &a.SalaryMin,
		&a.SalaryMax, &a.Currency, &a.SourceURL, &a.Description, &a.Deadline, &a.StartDate, &a.EndDate,
		&a.Stage, &a.AppliedOn, &a.FollowUp, &a.Offer.Amount, &a.Offer.Currency, &a.Notes, &a.ResumeID,
		&a.ReferredBy, &a.CreatedAt, &a.UpdatedAt)
}

// appValues are the editable columns in the order of the INSERT and UPDATE below.
func appValues(a jobsearch.Application) []any {
	return []any{a.Kind, a.Company, a.Title, a.Location, a.Remote, a.SalaryMin, a.SalaryMax, a.Currency,
		a.SourceURL, a.Description, a.Deadline, a.StartDate, a.EndDate, a.AppliedOn, a.FollowUp,
		a.Offer.Amount, a.Offer.Currency, a.Notes, a.ResumeID, a.ReferredBy}
}

// CreateApplication inserts an application and its first stage.
func (s *Store) CreateApplication(ctx context.Context, a jobsearch.Application, at time.Time) (jobsearch.Application, error) {
	err := s.tx(ctx, func(tx *sql.Tx) (err error) {
		a.ID, err = s.insertApplication(ctx, tx, a, at)
		return err
	})
	if err != nil {
		return jobsearch.Application{}, s.wrap(err, "application")
	}
	return s.Application(ctx, a.UserID, a.ID)
}

// insertApplication stores a new application with its first stage inside tx.
func (s *Store) insertApplication(ctx context.Context, tx *sql.Tx, a jobsearch.Application, at time.Time) (id int64, err error) {
	at = at.UTC()
	args := append([]any{a.UserID, a.Stage}, appValues(a)...)
	args = append(args, at, at)
	if err := tx.QueryRowContext(ctx, s.q(`
		INSERT INTO applications (user_id, stage, kind, company, title, location, remote, salary_min, salary_max,
			currency, source_url, description, deadline, start_date, end_date, applied_on, follow_up,
			offer_amount, offer_currency, notes, resume_id, referred_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`), args...).Scan(&id); err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, s.q(`INSERT INTO application_stages (application_id, stage, at) VALUES (?, ?, ?)`), id, a.Stage, at)
	return id, err
}

// Application returns one of a learner's applications with its history, interviews and contacts.
func (s *Store) Application(ctx context.Context, user, id int64) (jobsearch.Application, error) {
	a, err := queryOne(ctx, s.read, s.q(`SELECT `+appColumns+` FROM applications WHERE id = ? AND user_id = ?`), scanApp, id, user)
	if err != nil {
		return a, s.wrap(err, "application")
	}
	hist, err := s.stageHistory(ctx, []int64{id})
	if err != nil {
		return a, err
	}
	a.History = hist[id]
	if a.Interviews, err = queryAll(ctx, s.read, s.q(`SELECT id, at, kind, people, notes FROM interviews WHERE application_id = ? ORDER BY at, id`),
		func(rows scanner, iv *jobsearch.InterviewEntry) error {
			return rows.Scan(&iv.ID, &iv.At, &iv.Kind, &iv.People, &iv.Notes)
		}, id); err != nil {
		return a, err
	}
	a.Contacts, err = queryAll(ctx, s.read, s.q(`
		SELECT c.id, c.name, c.role, c.email, c.linkedin, c.github, c.website, c.other_link, c.notes
		FROM application_contacts ac JOIN contacts c ON c.id = ac.contact_id
		WHERE ac.application_id = ? ORDER BY c.id`),
		func(rows scanner, c *jobsearch.Contact) error {
			var l network.Links
			err := rows.Scan(&c.ID, &c.Name, &c.Role, &c.Email, &l.LinkedIn, &l.GitHub, &l.Website, &l.Other, &c.Notes)
			c.URL = l.First()
			return err
		}, id)
	return a, err
}

// stageHistory reads the stage changes of several applications at once, oldest first.
func (s *Store) stageHistory(ctx context.Context, ids []int64) (map[int64][]jobsearch.StageChange, error) {
	out := map[int64][]jobsearch.StageChange{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	type row struct {
		app int64
		jobsearch.StageChange
	}
	rows, err := queryAll(ctx, s.read, s.q(`SELECT application_id, stage, notes, at FROM application_stages
		WHERE application_id IN (?`+strings.Repeat(", ?", len(ids)-1)+`) ORDER BY id`),
		func(rows scanner, r *row) error { return rows.Scan(&r.app, &r.Stage, &r.Notes, &r.At) }, args...)
	for _, r := range rows {
		out[r.app] = append(out[r.app], r.StageChange)
	}
	return out, err
}

// Applications lists a learner's applications, newest first, with their stage histories.
func (s *Store) Applications(ctx context.Context, user int64, f jobsearch.Filter) ([]jobsearch.Application, error) {
	q := `SELECT ` + appColumns + ` FROM applications WHERE user_id = ?`
	args := []any{user}
	if f.Stage != "" {
		q += ` AND stage = ?`
		args = append(args, f.Stage)
	}
	if f.Kind != "" {
		q += ` AND kind = ?`
		args = append(args, f.Kind)
	}
	if f.Query != "" {
		q += ` AND (LOWER(company) LIKE ? OR LOWER(title) LIKE ?)`
		like := "%" + strings.ToLower(f.Query) + "%"
		args = append(args, like, like)
	}
	apps, err := queryAll(ctx, s.read, s.q(q+` ORDER BY id DESC`), scanApp, args...)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(apps))
	for i, a := range apps {
		ids[i] = a.ID
	}
	hist, err := s.stageHistory(ctx, ids)
	for i := range apps {
		apps[i].History = hist[apps[i].ID]
	}
	return apps, err
}

// UpdateApplication writes the fields and stage of a learner's application
// in one transaction, only if its stage is still from, so that two tabs
// cannot write a history that skips a stage; a move is recorded with notes.
func (s *Store) UpdateApplication(ctx context.Context, a jobsearch.Application, from jobsearch.Stage, notes string, at time.Time) (jobsearch.Application, error) {
	at = at.UTC()
	args := append(appValues(a), a.Stage, at, a.ID, a.UserID, from)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`
			UPDATE applications SET kind = ?, company = ?, title = ?, location = ?, remote = ?, salary_min = ?,
				salary_max = ?, currency = ?, source_url = ?, description = ?, deadline = ?, start_date = ?,
				end_date = ?, applied_on = ?, follow_up = ?, offer_amount = ?, offer_currency = ?, notes = ?,
				resume_id = ?, referred_by = ?, stage = ?, updated_at = ?
			WHERE id = ? AND user_id = ? AND stage = ?`), args...)
		if err := affected(res, err, "application %d not found", a.ID); err != nil {
			if app.ErrorCode(err) == app.NotFound {
				return app.Errorf(app.Conflict, "the application changed meanwhile: reload and try again")
			}
			return err
		}
		if a.Stage == from {
			return nil
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO application_stages (application_id, stage, notes, at) VALUES (?, ?, ?, ?)`), a.ID, a.Stage, notes, at)
		return err
	})
	if err != nil {
		return jobsearch.Application{}, err
	}
	return s.Application(ctx, a.UserID, a.ID)
}

// DeleteApplication removes a learner's application and all that hangs off it.
func (s *Store) DeleteApplication(ctx context.Context, user, id int64) error {
	res, err := s.write.ExecContext(ctx, s.q(`DELETE FROM applications WHERE id = ? AND user_id = ?`), id, user)
	return affected(res, err, "application %d not found", id)
}

// HasApplication tells whether the learner has an application with this id.
func (s *Store) HasApplication(ctx context.Context, user, id int64) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, s.q(`SELECT count(*) FROM applications WHERE id = ? AND user_id = ?`), id, user).Scan(&n)
	return n > 0, err
}

// owns checks that an application is the learner's, so children are never attached to another's.
func (s *Store) owns(ctx context.Context, tx *sql.Tx, user, id int64) error {
	var one int
	err := tx.QueryRowContext(ctx, s.q(`SELECT 1 FROM applications WHERE id = ? AND user_id = ?`), id, user).Scan(&one)
	return s.wrap(err, "application")
}

// AddInterview records an interview of a learner's application.
func (s *Store) AddInterview(ctx context.Context, user, appID int64, iv jobsearch.InterviewRecord) (jobsearch.InterviewEntry, error) {
	e := jobsearch.InterviewEntry{InterviewRecord: iv}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.owns(ctx, tx, user, appID); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, s.q(`INSERT INTO interviews (application_id, at, kind, people, notes) VALUES (?, ?, ?, ?, ?) RETURNING id`),
			appID, iv.At, iv.Kind, iv.People, iv.Notes).Scan(&e.ID)
	})
	return e, s.wrap(err, "application")
}

// AddContact records a person at the company of a learner's application:
// a new contact of the learner's network, linked to the application.
func (s *Store) AddContact(ctx context.Context, user, appID int64, c jobsearch.Contact, addedOn string, at time.Time) (jobsearch.Contact, error) {
	at = at.UTC()
	l := network.LinksOf(c.URL)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.owns(ctx, tx, user, appID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, s.q(`
			INSERT INTO contacts (user_id, name, company, role, email, linkedin, github, website, notes, added_on, created_at, updated_at)
			SELECT user_id, ?, company, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM applications WHERE id = ? RETURNING id`),
			c.Name, c.Role, c.Email, l.LinkedIn, l.GitHub, l.Website, c.Notes, addedOn, at, at, appID).Scan(&c.ID); err != nil {
			return err
		}
		return s.linkContact(ctx, tx, user, appID, c.ID)
	})
	return c, s.wrap(err, "application")
}

// LinkContact makes one of the learner's contacts a person of one of their applications.
func (s *Store) LinkContact(ctx context.Context, user, appID, contact int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.owns(ctx, tx, user, appID); err != nil {
			return err
		}
		return s.linkContact(ctx, tx, user, appID, contact)
	})
}

func (s *Store) linkContact(ctx context.Context, tx *sql.Tx, user, appID, contact int64) error {
	res, err := tx.ExecContext(ctx, s.q(`
		INSERT INTO application_contacts (application_id, contact_id)
		SELECT ?, id FROM contacts WHERE id = ? AND user_id = ? ON CONFLICT DO NOTHING`), appID, contact, user)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return s.ownsContact(ctx, tx, user, contact)
	}
	return nil
}

// ownsContact answers NotFound unless the contact is the learner's.
func (s *Store) ownsContact(ctx context.Context, tx *sql.Tx, user, id int64) error {
	var one int
	err := tx.QueryRowContext(ctx, s.q(`SELECT 1 FROM contacts WHERE id = ? AND user_id = ?`), id, user).Scan(&one)
	return s.wrap(err, "contact")
}

// HasContact tells whether the learner has a contact with this id.
func (s *Store) HasContact(ctx context.Context, user, id int64) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, s.q(`SELECT count(*) FROM contacts WHERE id = ? AND user_id = ?`), id, user).Scan(&n)
	return n > 0, err
}
