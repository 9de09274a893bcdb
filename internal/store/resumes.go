package store

import (
	"context"
	"devpath/internal/resume"
	"encoding/json"
	"time"
)

var _ resume.Store = (*Store)(nil)

// MasterResume returns a learner's master resume, NotFound before the first save.
func (s *Store) MasterResume(ctx context.Context, user int64) (resume.MasterResume, error) {
	var m resume.MasterResume
	var doc string
	err := s.read.QueryRowContext(ctx, s.q(`SELECT document, updated_at FROM resumes WHERE user_id = ?`), user).
		Scan(&doc, &m.UpdatedAt)
	m.Document = []byte(doc)
	return m, s.wrap(err, "master resume")
}

// PutMasterResume creates or replaces a learner's master resume, storing the
// document as text exactly as given.
func (s *Store) PutMasterResume(ctx context.Context, user int64, doc []byte, at time.Time) (resume.MasterResume, error) {
	at = at.UTC()
	_, err := s.write.ExecContext(ctx, s.q(`
		INSERT INTO resumes (user_id, document, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at`),
		user, string(doc), at)
	return resume.MasterResume{Document: doc, UpdatedAt: at}, s.wrap(err, "")
}

const tailoredColumns = `id, name, application_id, ops, created_at, updated_at`

func scanTailored(row scanner, t *resume.TailoredResume) error {
	var ops string
	if err := row.Scan(&t.ID, &t.Name, &t.ApplicationID, &ops, &t.CreatedAt, &t.UpdatedAt); err != nil {
		return err
	}
	return json.Unmarshal([]byte(ops), &t.Tailoring)
}

// TailoredResumes lists a learner's tailored copies, newest first.
func (s *Store) TailoredResumes(ctx context.Context, user int64) ([]resume.TailoredResume, error) {
	return queryAll(ctx, s.read, s.q(`SELECT `+tailoredColumns+` FROM tailored_resumes WHERE user_id = ? ORDER BY id DESC`),
		scanTailored, user)
}

// TailoredResume returns one of a learner's tailored copies; another learner's is NotFound.
func (s *Store) TailoredResume(ctx context.Context, user, id int64) (resume.TailoredResume, error) {
	t, err := queryOne(ctx, s.read, s.q(`SELECT `+tailoredColumns+` FROM tailored_resumes WHERE id = ? AND user_id = ?`),
		scanTailored, id, user)
	return t, s.wrap(err, "tailored resume")
}

// CreateTailoredResume stores a new tailored copy.
func (s *Store) CreateTailoredResume(ctx context.Context, user int64, t resume.TailoredResume, at time.Time) (resume.TailoredResume, error) {
	ops, err := json.Marshal(t.Tailoring)
	if err != nil {
		return resume.TailoredResume{}, err
	}
	t.CreatedAt, t.UpdatedAt = at.UTC(), at.UTC()
	err = s.write.QueryRowContext(ctx, s.q(`
		INSERT INTO tailored_resumes (user_id, name, application_id, ops, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`),
		user, t.Name, t.ApplicationID, string(ops), t.CreatedAt, t.UpdatedAt).Scan(&t.ID)
	return t, s.wrap(err, "tailored resume")
}

// UpdateTailoredResume replaces a tailored copy's name, application and
// operations; another learner's copy is NotFound.
func (s *Store) UpdateTailoredResume(ctx context.Context, user int64, t resume.TailoredResume, at time.Time) (resume.TailoredResume, error) {
	ops, err := json.Marshal(t.Tailoring)
	if err != nil {
		return resume.TailoredResume{}, err
	}
	t.UpdatedAt = at.UTC()
	err = s.write.QueryRowContext(ctx, s.q(`
		UPDATE tailored_resumes SET name = ?, application_id = ?, ops = ?, updated_at = ?
		WHERE id = ? AND user_id = ? RETURNING created_at`),
		t.Name, t.ApplicationID, string(ops), t.UpdatedAt, t.ID, user).Scan(&t.CreatedAt)
	return t, s.wrap(err, "tailored resume")
}

// DeleteTailoredResume removes one of a learner's tailored copies.
func (s *Store) DeleteTailoredResume(ctx context.Context, user, id int64) error {
	res, err := s.write.ExecContext(ctx, s.q(`DELETE FROM tailored_resumes WHERE id = ? AND user_id = ?`), id, user)
	return affected(res, err, "tailored resume %d not found", id)
}
