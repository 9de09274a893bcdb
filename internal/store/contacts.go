package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"devpath/internal/network"
)

var _ network.Store = (*Store)(nil)

const contactColumns = `id, name, how_met, company, role, email, linkedin, github, website, other_link, notes,
	tags, topics, cadence_days, last_contact, COALESCE(next_due, ''), created_at, updated_at`

func scanContact(row scanner, c *network.Contact) error {
	var tags, topics string
	err := row.Scan(&c.ID, &c.Name, &c.HowMet, &c.Company, &c.Role, &c.Email, &c.Links.LinkedIn, &c.Links.GitHub,
		&c.Links.Website, &c.Links.Other, &c.Notes, &tags, &topics, &c.Cadence, &c.LastContact, &c.NextDue,
		&c.CreatedAt, &c.UpdatedAt)
	c.Tags, c.Topics = splitList(tags), splitList(topics)
	return err
}

// joinList stores a list as ",a,b,", so that one item is found with
// LIKE '%,a,%' (items never hold a comma).
func joinList(items []string) string {
	if len(items) == 0 {
		return ","
	}
	return "," + strings.Join(items, ",") + ","
}

func splitList(s string) []string {
	s = strings.Trim(s, ",")
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

// nullDay is a day column that is NULL when empty, so it sorts after every day.
func nullDay(day string) any {
	if day == "" {
		return nil
	}
	return day
}

// contactValues are the editable columns in the order of the INSERT and UPDATE below.
func contactValues(c network.Contact) []any {
	return []any{c.Name, c.HowMet, c.Company, c.Role, c.Email, c.Links.LinkedIn, c.Links.GitHub, c.Links.Website,
		c.Links.Other, c.Notes, joinList(c.Tags), joinList(c.Topics), c.Cadence}
}

// CreateContact adds a contact to a learner's network.
func (s *Store) CreateContact(ctx context.Context, user int64, c network.Contact, addedOn string, at time.Time) (network.Contact, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = s.insertContact(ctx, tx, user, c, addedOn, at)
		return err
	})
	if err != nil {
		return network.Contact{}, s.wrap(err, "contact")
	}
	return s.Contact(ctx, user, id)
}

// insertContact inserts a contact added on addedOn, due a cadence later.
func (s *Store) insertContact(ctx context.Context, tx *sql.Tx, user int64, c network.Contact, addedOn string, at time.Time) (int64, error) {
	at = at.UTC()
	args := append([]any{user}, contactValues(c)...)
	args = append(args, addedOn, nullDay(network.NextDue(c.Cadence, "", addedOn)), at, at)
	var id int64
	err := tx.QueryRowContext(ctx, s.q(`
		INSERT INTO contacts (user_id, name, how_met, company, role, email, linkedin, github, website, other_link,
			notes, tags, topics, cadence_days, added_on, next_due, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`), args...).Scan(&id)
	return id, err
}

// Contact returns one of a learner's contacts.
func (s *Store) Contact(ctx context.Context, user, id int64) (network.Contact, error) {
	c, err := queryOne(ctx, s.read, s.q(`SELECT `+contactColumns+` FROM contacts WHERE id = ? AND user_id = ?`), scanContact, id, user)
	return c, s.wrap(err, "contact")
}

// Contacts lists a learner's contacts, the soonest due first (those
// without a cadence last), then by name.
func (s *Store) Contacts(ctx context.Context, user int64, f network.Filter) ([]network.Contact, error) {
	q := `SELECT ` + contactColumns + ` FROM contacts WHERE user_id = ?`
	args := []any{user}
	if f.DueBy != "" {
		q += ` AND next_due <= ?`
		args = append(args, f.DueBy)
	}
	if f.Tag != "" {
		q += ` AND tags LIKE ?`
		args = append(args, "%,"+likeEscape(strings.ToLower(f.Tag))+",%")
	}
	if f.HowMet != "" {
		q += ` AND how_met = ?`
		args = append(args, f.HowMet)
	}
	if f.Query != "" {
		q += ` AND (LOWER(name) LIKE ? OR LOWER(company) LIKE ? OR LOWER(email) LIKE ?)`
		like := "%" + likeEscape(strings.ToLower(f.Query)) + "%"
		args = append(args, like, like, like)
	}
	// next_due IS NULL first in the key puts contacts without a cadence
	// last on both engines, and lets the (user_id, next_due) index order
	// the rest.
	q += ` ORDER BY next_due IS NULL, next_due, name, id LIMIT ? OFFSET ?`
	args = append(args, f.Limit, f.Offset)
	out, err := queryAll(ctx, s.read, s.q(q), scanContact, args...)
	if out == nil {
		out = []network.Contact{}
	}
	return out, err
}

// likeEscape keeps what a person typed from acting as a LIKE pattern.
var likeEscape = strings.NewReplacer(`%`, ``, `_`, ``).Replace

// UpdateContact writes a contact's fields; its next due day follows the
// new cadence from the last contact.
func (s *Store) UpdateContact(ctx context.Context, user int64, c network.Contact, at time.Time) (network.Contact, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var last, added string
		if err := tx.QueryRowContext(ctx, s.q(`SELECT last_contact, added_on FROM contacts WHERE id = ? AND user_id = ?`+s.dialect.forUpdate()),
			c.ID, user).Scan(&last, &added); err != nil {
			return s.wrap(err, "contact")
		}
		args := append(contactValues(c), nullDay(network.NextDue(c.Cadence, last, added)), at.UTC(), c.ID, user)
		_, err := tx.ExecContext(ctx, s.q(`
			UPDATE contacts SET name = ?, how_met = ?, company = ?, role = ?, email = ?, linkedin = ?, github = ?,
				website = ?, other_link = ?, notes = ?, tags = ?, topics = ?, cadence_days = ?, next_due = ?, updated_at = ?
			WHERE id = ? AND user_id = ?`), args...)
		return err
	})
	if err != nil {
		return network.Contact{}, err
	}
	return s.Contact(ctx, user, c.ID)
}

// DeleteContact removes a learner's contact with their log.
func (s *Store) DeleteContact(ctx context.Context, user, id int64) error {
	res, err := s.write.ExecContext(ctx, s.q(`DELETE FROM contacts WHERE id = ? AND user_id = ?`), id, user)
	return affected(res, err, "contact not found")
}

// ContactApplications lists the learner's applications a contact is a
// person of, or referred, newest first.
func (s *Store) ContactApplications(ctx context.Context, user, contact int64) ([]network.Application, error) {
	if _, err := s.Contact(ctx, user, contact); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, s.read, s.q(`
		SELECT a.id, a.company, a.title, a.stage, COALESCE(a.referred_by = ?, FALSE) FROM applications a
		WHERE a.user_id = ? AND (a.referred_by = ? OR a.id IN (SELECT application_id FROM application_contacts WHERE contact_id = ?))
		ORDER BY a.id DESC`),
		func(row scanner, a *network.Application) error {
			return row.Scan(&a.ID, &a.Company, &a.Title, &a.Stage, &a.Referred)
		}, contact, user, contact, contact)
	if out == nil {
		out = []network.Application{}
	}
	return out, err
}

// NetworkSummary counts a learner's network from monthStart to today.
func (s *Store) NetworkSummary(ctx context.Context, user int64, monthStart, today string) (network.Summary, error) {
	var sum network.Summary
	err := s.read.QueryRowContext(ctx, s.q(`
		SELECT COUNT(*),
			COALESCE(SUM(CASE WHEN added_on >= ? THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN next_due <= ? THEN 1 ELSE 0 END), 0)
		FROM contacts WHERE user_id = ?`), monthStart, today, user).Scan(&sum.Contacts, &sum.AddedMonth, &sum.Due)
	if err != nil {
		return sum, err
	}
	err = s.read.QueryRowContext(ctx, s.q(`
		SELECT COUNT(DISTINCT contact_id),
			COALESCE(SUM(CASE WHEN kind = ? THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN kind = ? THEN 1 ELSE 0 END), 0)
		FROM interactions WHERE user_id = ? AND on_day >= ?`), network.GaveHelp, network.AskedHelp, user, monthStart).
		Scan(&sum.MetMonth, &sum.HelpGiven, &sum.HelpAsked)
	return sum, err
}

// Identities lists each of a learner's contacts' email and LinkedIn address.
func (s *Store) Identities(ctx context.Context, user int64) ([]network.Identity, error) {
	return queryAll(ctx, s.read, s.q(`SELECT id, email, linkedin FROM contacts WHERE user_id = ? AND (email <> '' OR linkedin <> '')`),
		func(row scanner, i *network.Identity) error { return row.Scan(&i.ID, &i.Email, &i.LinkedIn) }, user)
}

// CreateContacts adds contacts to a learner's network in one transaction.
func (s *Store) CreateContacts(ctx context.Context, user int64, cs []network.Contact, addedOn string, at time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, c := range cs {
			if _, err := s.insertContact(ctx, tx, user, c, addedOn, at); err != nil {
				return err
			}
		}
		return nil
	})
}
