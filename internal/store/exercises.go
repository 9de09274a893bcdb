package store

import (
	"context"
	"time"

	"devpath/internal/practice"
)

var _ practice.Store = (*Store)(nil)

// AddExerciseAttempt stores a graded answer.
func (s *Store) AddExerciseAttempt(ctx context.Context, a practice.Attempt) (practice.Attempt, error) {
	a.CreatedAt = a.CreatedAt.UTC()
	err := s.write.QueryRowContext(ctx, s.q(`
		INSERT INTO exercise_attempts (user_id, exercise, answer, verdict, reason, message, duration_ms, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		a.UserID, a.Exercise, a.Answer, a.Verdict, a.Reason, a.Message, a.Duration.Milliseconds(), a.CreatedAt).Scan(&a.ID)
	return a, s.wrap(err, "exercise attempt")
}

const attemptColumns = `id, user_id, exercise, answer, verdict, reason, message, duration_ms, created_at`

func scanAttempt(rows scanner, a *practice.Attempt) error {
	var ms int64
	err := rows.Scan(&a.ID, &a.UserID, &a.Exercise, &a.Answer, &a.Verdict, &a.Reason, &a.Message, &ms, &a.CreatedAt)
	a.Duration = time.Duration(ms) * time.Millisecond
	return err
}

// ExerciseAttempts lists a learner's attempts at one exercise, newest first.
func (s *Store) ExerciseAttempts(ctx context.Context, user int64, exercise string, limit int) ([]practice.Attempt, error) {
	return queryAll(ctx, s.read, s.q(`SELECT `+attemptColumns+`
		FROM exercise_attempts WHERE user_id = ? AND exercise = ? ORDER BY id DESC LIMIT ?`), scanAttempt, user, exercise, limit)
}

// ExerciseAttempt returns one of a learner's attempts.
func (s *Store) ExerciseAttempt(ctx context.Context, user, id int64) (practice.Attempt, error) {
	a, err := queryOne(ctx, s.read, s.q(`SELECT `+attemptColumns+` FROM exercise_attempts WHERE id = ? AND user_id = ?`), scanAttempt, id, user)
	return a, s.wrap(err, "exercise attempt")
}

// PassedExercises lists the exercises a learner has passed at least once.
func (s *Store) PassedExercises(ctx context.Context, user int64) ([]string, error) {
	return queryAll(ctx, s.read, s.q(`
		SELECT DISTINCT exercise FROM exercise_attempts WHERE user_id = ? AND verdict = 'pass'`),
		func(rows scanner, id *string) error { return rows.Scan(id) }, user)
}
