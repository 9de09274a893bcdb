package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"devpath/internal/portfolio"
)

var _ portfolio.Store = (*Store)(nil)

const portfolioColumns = `id, user_id, kind, title, role, repository_url, live_url, start_date, end_date,
	description, topics, check_run_id, public, created_at, updated_at`

func scanPortfolioProject(row scanner, p *portfolio.Project) error {
	var topics string
	if err := row.Scan(&p.ID, &p.UserID, &p.Kind, &p.Title, &p.Role, &p.RepositoryURL, &p.LiveURL, &p.StartDate,
		&p.EndDate, &p.Description, &topics, &p.CheckRunID, &p.Public, &p.CreatedAt, &p.UpdatedAt); err != nil {
		return err
	}
	return json.Unmarshal([]byte(topics), &p.Topics)
}

// PortfolioProjects lists a learner's projects, newest first.
func (s *Store) PortfolioProjects(ctx context.Context, user int64) ([]portfolio.Project, error) {
	return queryAll(ctx, s.read, s.q(`SELECT `+portfolioColumns+` FROM portfolio_projects WHERE user_id = ? ORDER BY id DESC`),
		scanPortfolioProject, user)
}

// PortfolioProject returns one of a learner's projects; another learner's is NotFound.
func (s *Store) PortfolioProject(ctx context.Context, user, id int64) (portfolio.Project, error) {
	p, err := queryOne(ctx, s.read, s.q(`SELECT `+portfolioColumns+` FROM portfolio_projects WHERE id = ? AND user_id = ?`),
		scanPortfolioProject, id, user)
	return p, s.wrap(err, "portfolio project")
}

// CreatePortfolioProject stores a new project for p.UserID.
func (s *Store) CreatePortfolioProject(ctx context.Context, p portfolio.Project, at time.Time) (portfolio.Project, error) {
	topics, err := json.Marshal(p.Topics)
	if err != nil {
		return portfolio.Project{}, err
	}
	p.CreatedAt, p.UpdatedAt = at.UTC(), at.UTC()
	err = s.write.QueryRowContext(ctx, s.q(`
		INSERT INTO portfolio_projects (user_id, kind, title, role, repository_url, live_url, start_date, end_date,
			description, topics, check_run_id, public, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		p.UserID, p.Kind, p.Title, p.Role, p.RepositoryURL, p.LiveURL, p.StartDate, p.EndDate,
		p.Description, string(topics), p.CheckRunID, p.Public, p.CreatedAt, p.UpdatedAt).Scan(&p.ID)
	return p, s.wrap(err, "portfolio project")
}

// UpdatePortfolioProject replaces a project's fields; another learner's is NotFound.
func (s *Store) UpdatePortfolioProject(ctx context.Context, p portfolio.Project, at time.Time) (portfolio.Project, error) {
	topics, err := json.Marshal(p.Topics)
	if err != nil {
		return portfolio.Project{}, err
	}
	p.UpdatedAt = at.UTC()
	err = s.write.QueryRowContext(ctx, s.q(`
		UPDATE portfolio_projects SET kind = ?, title = ?, role = ?, repository_url = ?, live_url = ?,
			start_date = ?, end_date = ?, description = ?, topics = ?, check_run_id = ?, public = ?, updated_at = ?
		WHERE id = ? AND user_id = ? RETURNING created_at`),
		p.Kind, p.Title, p.Role, p.RepositoryURL, p.LiveURL, p.StartDate, p.EndDate, p.Description,
		string(topics), p.CheckRunID, p.Public, p.UpdatedAt, p.ID, p.UserID).Scan(&p.CreatedAt)
	return p, s.wrap(err, "portfolio project")
}

// DeletePortfolioProject removes one of a learner's projects.
func (s *Store) DeletePortfolioProject(ctx context.Context, user, id int64) error {
	res, err := s.write.ExecContext(ctx, s.q(`DELETE FROM portfolio_projects WHERE id = ? AND user_id = ?`), id, user)
	return affected(res, err, "portfolio project %d not found", id)
}

// PortfolioSettings returns a learner's page settings; zero (a page that is
// off, with no handle) when they never saved any.
func (s *Store) PortfolioSettings(ctx context.Context, user int64) (portfolio.Settings, error) {
	var set portfolio.Settings
	var handle sql.NullString
	err := s.read.QueryRowContext(ctx, s.q(`
		SELECT handle, public, show_progress, headline FROM portfolio_settings WHERE user_id = ?`), user).
		Scan(&handle, &set.Public, &set.ShowProgress, &set.Headline)
	if errors.Is(err, sql.ErrNoRows) {
		return portfolio.Settings{}, nil
	}
	set.Handle = handle.String
	return set, err
}

// PutPortfolioSettings creates or replaces a learner's page settings. The
// handle is stored as NULL while empty, so that any number of learners can
// be without one while the chosen ones stay unique.
func (s *Store) PutPortfolioSettings(ctx context.Context, user int64, set portfolio.Settings, at time.Time) error {
	handle := sql.NullString{String: set.Handle, Valid: set.Handle != ""}
	_, err := s.write.ExecContext(ctx, s.q(`
		INSERT INTO portfolio_settings (user_id, handle, public, show_progress, headline, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET handle = excluded.handle, public = excluded.public,
			show_progress = excluded.show_progress, headline = excluded.headline, updated_at = excluded.updated_at`),
		user, handle, set.Public, set.ShowProgress, set.Headline, at.UTC())
	if err != nil && s.dialect.uniqueViolation(err) {
		return portfolio.HandleTaken(set.Handle)
	}
	return s.wrap(err, "")
}

// PortfolioOwner finds the learner behind a handle, with their name and settings.
func (s *Store) PortfolioOwner(ctx context.Context, handle string) (portfolio.Owner, error) {
	var o portfolio.Owner
	var h sql.NullString
	err := s.read.QueryRowContext(ctx, s.q(`
		SELECT s.user_id, u.name, s.handle, s.public, s.show_progress, s.headline
		FROM portfolio_settings s JOIN users u ON u.id = s.user_id WHERE s.handle = ?`), handle).
		Scan(&o.UserID, &o.Name, &h, &o.Settings.Public, &o.Settings.ShowProgress, &o.Settings.Headline)
	o.Settings.Handle = h.String
	return o, s.wrap(err, "portfolio")
}
