package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"devpath/internal/story"
)

var _ story.Store = (*Store)(nil)

// Story returns a learner's story document; a zero one when they wrote none.
func (s *Store) Story(ctx context.Context, user int64) (story.Document, bool, error) {
	var doc string
	var published bool
	err := s.read.QueryRowContext(ctx, s.q(`SELECT document, published FROM stories WHERE user_id = ?`), user).Scan(&doc, &published)
	if err == sql.ErrNoRows {
		return story.Document{}, false, nil
	}
	if err != nil {
		return story.Document{}, false, err
	}
	var d story.Document
	return d, published, json.Unmarshal([]byte(doc), &d)
}

// PutStory stores a learner's story document.
func (s *Store) PutStory(ctx context.Context, user int64, d story.Document, published bool, at time.Time) error {
	doc, err := json.Marshal(d)
	if err != nil {
		return err
	}
	_, err = s.write.ExecContext(ctx, s.q(`
		INSERT INTO stories (user_id, document, published, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET document = excluded.document, published = excluded.published,
			updated_at = excluded.updated_at`), user, string(doc), published, at.UTC())
	return s.wrap(err, "story")
}

// Columns read plainly, without COALESCE: SQLite gives a time only for a
// column declared DATETIME, which an expression is not.
const storyOwnerColumns = `p.user_id, u.name, p.handle, u.created_at, st.published, st.document, st.updated_at`

func scanStoryOwner(row scanner, o *story.Owner) error {
	var doc sql.NullString
	var published *bool
	var updated *time.Time
	if err := row.Scan(&o.UserID, &o.Name, &o.Handle, &o.Began, &published, &doc, &updated); err != nil {
		return err
	}
	o.Published = published != nil && *published
	if updated != nil {
		o.UpdatedAt = *updated
	}
	if !doc.Valid {
		return nil
	}
	return json.Unmarshal([]byte(doc.String), &o.Document)
}

// StoryOwner finds the learner whose portfolio handle is handle.
func (s *Store) StoryOwner(ctx context.Context, handle string) (story.Owner, error) {
	o, err := queryOne(ctx, s.read, s.q(`SELECT `+storyOwnerColumns+`
		FROM portfolio_settings p JOIN users u ON u.id = p.user_id LEFT JOIN stories st ON st.user_id = p.user_id
		WHERE p.handle = ?`), scanStoryOwner, handle)
	return o, s.wrap(err, "story")
}

// PublishedStories lists published stories whose learner has a handle, newest first.
func (s *Store) PublishedStories(ctx context.Context, limit int) ([]story.Owner, error) {
	return queryAll(ctx, s.read, s.q(`SELECT `+storyOwnerColumns+`
		FROM stories st JOIN portfolio_settings p ON p.user_id = st.user_id JOIN users u ON u.id = st.user_id
		WHERE st.published AND p.handle IS NOT NULL ORDER BY st.updated_at DESC, st.user_id LIMIT ?`), scanStoryOwner, limit)
}
