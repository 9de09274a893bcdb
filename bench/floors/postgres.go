package main

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pgSchema is devpath's progress tables on PostgreSQL
// (internal/store/migrations/postgres), with the users table reduced to
// what the foreign keys need.
const pgSchema = `
CREATE TABLE IF NOT EXISTS users (id BIGINT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS progress (
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    roadmap    TEXT NOT NULL,
    topic      TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('todo', 'learning', 'done', 'skipped')),
    note       TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, roadmap, topic)
);
CREATE TABLE IF NOT EXISTS progress_history (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    roadmap     TEXT NOT NULL,
    topic       TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS progress_history_user ON progress_history (user_id, roadmap, at);`

// pgFloor is the PostgreSQL floor: the same two statements as the SQLite
// floors in one transaction per request, on a pgx pool of devpath's size
// (32), with synchronous_commit on as devpath's sessions have it.
type pgFloor struct{ pool *pgxpool.Pool }

func openPG(ctx context.Context, url string, learners int) (*pgFloor, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, err
	}
	cfg.MaxConns = 32
	cfg.ConnConfig.RuntimeParams["synchronous_commit"] = "on"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if _, err := pool.Exec(ctx, pgSchema); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	if _, err := pool.Exec(ctx, `INSERT INTO users (id) SELECT generate_series(1, $1) ON CONFLICT DO NOTHING`, learners); err != nil {
		return nil, fmt.Errorf("learners: %w", err)
	}
	return &pgFloor{pool}, nil
}

func (f *pgFloor) write(ctx context.Context, c change) error {
	return pgx.BeginFunc(ctx, f.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `
			INSERT INTO progress_history (user_id, roadmap, topic, from_status, to_status, at)
			VALUES ($1, 'backend', $2, COALESCE((SELECT status FROM progress
				WHERE user_id = $1 AND roadmap = 'backend' AND topic = $2), 'todo'), $3, $4)`,
			c.User, c.Topic, c.Status, c.At); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
			INSERT INTO progress (user_id, roadmap, topic, status, note, updated_at)
			VALUES ($1, 'backend', $2, $3, $4, $5)
			ON CONFLICT (user_id, roadmap, topic) DO UPDATE
			SET status = excluded.status, note = excluded.note, updated_at = excluded.updated_at`,
			c.User, c.Topic, c.Status, c.Note, c.At)
		return err
	})
}
