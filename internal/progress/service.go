package progress

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"devpath/internal/app"
	"devpath/internal/roadmap"
)

// Service is the progress business: validating and recording changes,
// reading them back through the roadmap's aliases, summing them up.
type Service struct {
	store    Store
	roadmaps *roadmap.Catalog
	now      func() time.Time
}

// Logged returns everyone's changes after history id after, oldest first:
// credentials follow them to find finished steps without a word from the
// write itself.
func (s *Service) Logged(ctx context.Context, after int64, limit int) ([]Logged, error) {
	return s.store.Logged(ctx, after, limit)
}

// NewService returns the progress service.
func NewService(store Store, roadmaps *roadmap.Catalog, now func() time.Time) *Service {
	return &Service{store: store, roadmaps: roadmaps, now: now}
}

func statusProblem() string {
	all := Statuses()
	names := make([]string, len(all))
	for i, s := range all {
		names[i] = string(s)
	}
	return "must be one of " + strings.Join(names, ", ")
}

// CheckUpdate returns the problems Set would find in a status and a note.
func CheckUpdate(st *Status, note *string) error {
	p := app.Problems{}
	if st == nil && note == nil {
		p.Add("status", "send a status, a note or both")
	}
	if st != nil && !st.Valid() {
		p.Add("status", statusProblem())
	}
	if note != nil && utf8.RuneCountInString(*note) > MaxNote {
		p.Add("note", fmt.Sprintf("must be at most %d characters", MaxNote))
	}
	return p.Err()
}

// CheckStatus returns the problem Bulk would find in a status.
func CheckStatus(st Status) error {
	if !st.Valid() {
		return app.FieldError("status", statusProblem())
	}
	return nil
}

// Set records a learner's status and/or note for one topic (a former id is
// resolved to the current one).
func (s *Service) Set(ctx context.Context, user int64, slug, topic string, st *Status, note *string) (Entry, error) {
	r, err := s.roadmaps.Get(slug)
	if err != nil {
		return Entry{}, err
	}
	t, err := r.Topic(topic)
	if err != nil {
		return Entry{}, err
	}
	if err := CheckUpdate(st, note); err != nil {
		return Entry{}, err
	}
	ups := []Update{{Roadmap: slug, Topic: t.ID, Status: st, Note: note}}
	es, err := s.store.Apply(ctx, user, ups, s.now())
	if err != nil {
		return Entry{}, err
	}
	return es[0], nil
}

// Bulk sets every topic of a step (or, with step empty, of the whole
// roadmap) to st; todo resets. It returns how many topics changed.
func (s *Service) Bulk(ctx context.Context, user int64, slug, step string, st Status) (int, error) {
	r, err := s.roadmaps.Get(slug)
	if err != nil {
		return 0, err
	}
	if err := CheckStatus(st); err != nil {
		return 0, err
	}
	topics := r.Topics
	if step != "" {
		stp, err := r.Step(step)
		if err != nil {
			return 0, err
		}
		topics = stp.Topics
	}
	current, err := s.entries(ctx, user, r)
	if err != nil {
		return 0, err
	}
	var ups []Update
	for _, t := range topics {
		if e, ok := current[t.ID]; (ok && e.Status != st) || (!ok && st != Todo) {
			ups = append(ups, Update{Roadmap: slug, Topic: t.ID, Status: &st})
		}
	}
	if len(ups) == 0 {
		return 0, nil
	}
	if _, err = s.store.Apply(ctx, user, ups, s.now()); err != nil {
		return 0, err
	}
	return len(ups), nil
}

// View is a learner's entries on a roadmap, by current topic id, and their summary.
type View struct {
	Roadmap *roadmap.Roadmap
	Entries map[string]Entry
	Summary Summary
}

// Status returns the learner's status for a topic, todo when unrecorded.
func (v View) Status(topic string) Status {
	if e, ok := v.Entries[topic]; ok {
		return e.Status
	}
	return Todo
}

// Progress returns a learner's view of one roadmap.
func (s *Service) Progress(ctx context.Context, user int64, slug string) (View, error) {
	r, err := s.roadmaps.Get(slug)
	if err != nil {
		return View{}, err
	}
	es, err := s.entries(ctx, user, r)
	if err != nil {
		return View{}, err
	}
	return View{Roadmap: r, Entries: es, Summary: Summarise(r, es)}, nil
}

// entries reads a learner's rows and files them under current topic ids.
func (s *Service) entries(ctx context.Context, user int64, r *roadmap.Roadmap) (map[string]Entry, error) {
	rows, err := s.store.Entries(ctx, user, r.Slug)
	if err != nil {
		return nil, err
	}
	return FileEntries(r, rows), nil
}

// FileEntries files a learner's rows under the roadmap's current topic
// ids; when a topic has rows under its old and new ids, the newest wins.
// Rows of topics the roadmap no longer has are left out.
func FileEntries(r *roadmap.Roadmap, rows []Entry) map[string]Entry {
	es := make(map[string]Entry, len(rows))
	for _, e := range rows {
		id, ok := r.Resolve(e.Topic)
		if !ok {
			continue // a topic removed from the roadmap: kept in the database, not shown
		}
		if old, seen := es[id]; seen && old.UpdatedAt.After(e.UpdatedAt) {
			continue
		}
		e.Topic = id
		es[id] = e
	}
	return es
}

// History returns a learner's changes on a roadmap, newest first; topic narrows it.
func (s *Service) History(ctx context.Context, user int64, slug, topic string, limit int) ([]Change, error) {
	r, err := s.roadmaps.Get(slug)
	if err != nil {
		return nil, err
	}
	if topic != "" {
		t, err := r.Topic(topic)
		if err != nil {
			return nil, err
		}
		topic = t.ID
	}
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	return s.store.History(ctx, user, slug, topic, limit)
}

// Activity returns a learner's streaks and heatmap in time zone loc.
func (s *Service) Activity(ctx context.Context, user int64, loc *time.Location) (Activity, error) {
	times, err := s.store.Activity(ctx, user, time.Time{})
	if err != nil {
		return Activity{}, err
	}
	return SummariseActivity(times, s.now(), loc), nil
}

// Overview is a learner's summary on every roadmap, in catalog order.
func (s *Service) Overview(ctx context.Context, user int64) ([]View, error) {
	var vs []View
	for _, r := range s.roadmaps.All() {
		v, err := s.Progress(ctx, user, r.Slug)
		if err != nil {
			return nil, err
		}
		vs = append(vs, v)
	}
	return vs, nil
}
