package practice

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"devpath/internal/app"
	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

// Attempt is one graded answer as the store keeps it: what the learner
// wrote and what they were told, nothing of the grader's half.
type Attempt struct {
	ID        int64
	UserID    int64
	Exercise  string
	Answer    string
	Verdict   Outcome
	Reason    Reason
	Message   string
	Duration  time.Duration
	CreatedAt time.Time
}

// Store is the storage the practice service needs.
type Store interface {
	AddExerciseAttempt(ctx context.Context, a Attempt) (Attempt, error)
	// ExerciseAttempts lists a learner's attempts at one exercise, newest first.
	ExerciseAttempts(ctx context.Context, user int64, exercise string, limit int) ([]Attempt, error)
	// ExerciseAttempt returns one of a learner's attempts; others' are NotFound.
	ExerciseAttempt(ctx context.Context, user, id int64) (Attempt, error)
	// PassedExercises lists the exercises a learner has passed at least once.
	PassedExercises(ctx context.Context, user int64) ([]string, error)
}

// historyLength is how many attempts at one exercise a learner sees.
const historyLength = 50

// Service grades learners' answers and keeps their attempts. Exercises name
// a topic of the home roadmap (the first one served); a learner who has
// passed every exercise of a topic has that topic marked done.
type Service struct {
	store    Store
	catalog  *Catalog
	grader   *Grader
	progress *progress.Service
	home     string            // the home roadmap's slug; "" when no roadmap is loaded
	topics   map[string]string // exercise id -> current topic id on the home roadmap
	now      func() time.Time
	// Passed, when set, hears of every passing attempt once it is stored
	// (credentials look for topics whose exercises are all passed).
	Passed func(ctx context.Context, user int64)
}

// NewService returns the practice service. An exercise whose topic the home
// roadmap lacks is logged and still served; it just never marks a topic done.
func NewService(store Store, catalog *Catalog, grader *Grader, progress *progress.Service,
	roadmaps *roadmap.Catalog, log *slog.Logger, now func() time.Time) *Service {
	s := &Service{store: store, catalog: catalog, grader: grader, progress: progress,
		topics: map[string]string{}, now: now}
	home := roadmaps.Home()
	if home == nil {
		log.Warn("no roadmap is loaded: passing exercises will not mark topics done")
		return s
	}
	s.home = home.Slug
	if err := catalog.CheckTopics(home); err != nil {
		log.Warn("exercises name unknown topics", "roadmap", home.Slug, "err", err)
	}
	for _, ex := range catalog.Exercises {
		if id, ok := home.Resolve(ex.Topic); ok {
			s.topics[ex.ID] = id
		}
	}
	return s
}

// Briefs returns every exercise as learners may see it, in catalog order.
func (s *Service) Briefs() []Brief {
	bs := make([]Brief, len(s.catalog.Exercises))
	for i, ex := range s.catalog.Exercises {
		bs[i] = ex.Brief()
	}
	return bs
}

// Brief returns one exercise as learners may see it, or NotFound.
func (s *Service) Brief(id string) (Brief, error) {
	ex, err := s.catalog.Exercise(id)
	return ex.Brief(), err
}

// Schema is the practice database's DDL, which learners may read.
func (s *Service) Schema() string { return s.catalog.Sample.Schema }

// Topic returns the roadmap topic an exercise practises, when the home
// roadmap has it.
func (s *Service) Topic(id string) (slug, topic string, ok bool) {
	topic, ok = s.topics[id]
	return s.home, topic, ok
}

// Result is a graded attempt: what was stored, the verdict in full (with
// the learner's result table and the diff), and whether passing finished
// the exercise's topic.
type Result struct {
	Attempt   Attempt
	Verdict   Verdict
	TopicDone bool // this attempt passed the topic's last exercise and marked it done
}

// Attempt grades a learner's answer to exercise id and stores it. A wrong
// answer, or one that could not run, is a stored attempt like any other;
// only answers that cannot be graded at all are errors: an empty, oversized
// or malformed answer (Invalid, naming answer) and a grader too busy to take
// it (TooMany: nothing was stored, try again shortly).
func (s *Service) Attempt(ctx context.Context, user int64, id, answer string) (Result, error) {
	ex, err := s.catalog.Exercise(id)
	if err != nil {
		return Result{}, err
	}
	if err := s.checkAnswer(answer); err != nil {
		return Result{}, err
	}
	v := s.grader.Grade(ctx, ex, answer)
	switch v.Reason {
	case ReasonBusy:
		return Result{}, app.Errorf(app.TooMany, "%s", v.Message)
	case ReasonCanceled:
		return Result{}, fmt.Errorf("grading %s: %w", ex.ID, context.Cause(ctx))
	case ReasonInternal:
		app.Logger(ctx).Error("an exercise could not be graded", "exercise", ex.ID, "err", v.Cause)
	}
	a, err := s.store.AddExerciseAttempt(ctx, Attempt{UserID: user, Exercise: ex.ID, Answer: answer,
		Verdict: v.Verdict, Reason: v.Reason, Message: storable(v.Message), Duration: v.Duration, CreatedAt: s.now()})
	if err != nil {
		return Result{}, err
	}
	res := Result{Attempt: a, Verdict: v}
	if v.Verdict == Pass {
		// The attempt is stored and its verdict is what the learner came
		// for; a topic left unmarked is marked by their next pass.
		if res.TopicDone, err = s.finishTopic(ctx, user, ex); err != nil {
			app.Logger(ctx).Error("marking an exercise's topic done", "exercise", ex.ID, "err", err)
		}
		if s.Passed != nil {
			s.Passed(ctx, user)
		}
	}
	return res, nil
}

// checkAnswer refuses what is not worth grading or cannot be stored.
func (s *Service) checkAnswer(answer string) error {
	switch {
	case strings.TrimSpace(answer) == "":
		return app.FieldError("answer", "is empty: write a SQL statement")
	case len(answer) > s.grader.lim.MaxAnswerBytes:
		return app.FieldError("answer", fmt.Sprintf("is %d KB long; answers may be at most %d KB",
			(len(answer)+1023)>>10, s.grader.lim.MaxAnswerBytes>>10))
	case !utf8.ValidString(answer) || strings.ContainsRune(answer, 0):
		return app.FieldError("answer", "must be UTF-8 text without NUL characters")
	}
	return nil
}

// storable makes a verdict message fit a text column on both engines: it
// may quote values the learner's statements built, which can hold any byte.
func storable(msg string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(msg, "\uFFFD"), "\x00", "\uFFFD")
}

// finishTopic marks the exercise's topic done once the learner has passed
// every exercise of it, and reports whether it did. A topic already done
// stays as it is, so passing again adds nothing to the progress history.
func (s *Service) finishTopic(ctx context.Context, user int64, ex Exercise) (bool, error) {
	topic, ok := s.topics[ex.ID]
	if !ok {
		return false, nil
	}
	passed, err := s.Progress(ctx, user)
	if err != nil {
		return false, err
	}
	for _, other := range s.catalog.Exercises {
		if s.topics[other.ID] == topic && !passed[other.ID] {
			return false, nil
		}
	}
	v, err := s.progress.Progress(ctx, user, s.home)
	if err != nil || v.Status(topic) == progress.Done {
		return false, err
	}
	done := progress.Done
	if _, err := s.progress.Set(ctx, user, s.home, topic, &done, nil); err != nil {
		return false, err
	}
	return true, nil
}

// Attempts returns the learner's attempts at exercise id, newest first.
func (s *Service) Attempts(ctx context.Context, user int64, id string) ([]Attempt, error) {
	ex, err := s.catalog.Exercise(id)
	if err != nil {
		return nil, err
	}
	return s.store.ExerciseAttempts(ctx, user, ex.ID, historyLength)
}

// GetAttempt returns one of the learner's attempts by its id.
func (s *Service) GetAttempt(ctx context.Context, user, id int64) (Attempt, error) {
	return s.store.ExerciseAttempt(ctx, user, id)
}

// Next returns the first exercise, in catalog order, that practises one of
// the given topics of the home roadmap and that the learner has not passed;
// ok is false when there is none.
func (s *Service) Next(ctx context.Context, user int64, topics []string) (b Brief, ok bool, err error) {
	passed, err := s.Progress(ctx, user)
	if err != nil {
		return Brief{}, false, err
	}
	for _, ex := range s.catalog.Exercises {
		if !passed[ex.ID] && slices.Contains(topics, s.topics[ex.ID]) {
			return ex.Brief(), true, nil
		}
	}
	return Brief{}, false, nil
}

// After returns the exercise to go on to from id: the first one not passed
// that practises the same topic, else the first one not passed after id in
// catalog order (coming round to the start); ok is false when all are passed.
func (s *Service) After(id string, passed map[string]bool) (b Brief, ok bool) {
	list := s.catalog.Exercises
	at := slices.IndexFunc(list, func(ex Exercise) bool { return ex.ID == id })
	open := func(ex Exercise) bool { return ex.ID != id && !passed[ex.ID] }
	for _, ex := range list {
		if open(ex) && s.topics[ex.ID] != "" && s.topics[ex.ID] == s.topics[id] {
			return ex.Brief(), true
		}
	}
	for i := range list {
		if ex := list[(at+1+i)%len(list)]; open(ex) {
			return ex.Brief(), true
		}
	}
	return Brief{}, false
}

// Progress returns the exercises the learner has passed, by id.
func (s *Service) Progress(ctx context.Context, user int64) (map[string]bool, error) {
	ids, err := s.store.PassedExercises(ctx, user)
	if err != nil {
		return nil, err
	}
	passed := make(map[string]bool, len(ids))
	for _, id := range ids {
		passed[id] = true
	}
	return passed, nil
}
