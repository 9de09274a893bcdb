package main

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/goccy/go-yaml"
)

// cohortTopics is how many topics the cohort's roadmap has: the budget in
// DESIGN.md is set for 10,000 learners x 150 topics. The backend roadmap's
// own topics come first; synthetic ones, spread over its steps, make up the rest.
const cohortTopics = 150

// cohort is a generated population of learners on one roadmap: every learner
// has a row for every topic, as a learner who has been through the whole
// roadmap once would, and a history that leads to it.
type cohort struct {
	learners int
	topics   []string
	step     map[string]string // topic -> step
	real     int               // how many of topics are the roadmap's own
	status   []uint8           // learner*len(topics) + topic -> index into statuses
	updated  []time.Time
}

// loadSteps reads topic ids and their steps from the backend roadmap's source.
func loadSteps(root string) (topics []string, step map[string]string, steps []string, err error) {
	b, err := os.ReadFile(filepath.Join(root, "content", "roadmaps", "backend", "roadmap.yaml"))
	if err != nil {
		return nil, nil, nil, err
	}
	var doc struct {
		Steps []struct {
			ID string `yaml:"id"`
		} `yaml:"steps"`
		Topics []struct {
			ID   string `yaml:"id"`
			Step string `yaml:"step"`
		} `yaml:"topics"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, nil, nil, fmt.Errorf("roadmap.yaml: %w", err)
	}
	step = map[string]string{}
	for _, t := range doc.Topics {
		topics = append(topics, t.ID)
		step[t.ID] = t.Step
	}
	for _, s := range doc.Steps {
		steps = append(steps, s.ID)
	}
	return topics, step, steps, nil
}

// newCohort generates learners deterministically. Each learner has reached
// a random point of the roadmap: topics before it are done (one in ten
// skipped), the next one or two are being learned, the rest are todo. Rows
// were last changed at a random moment of the past year.
func newCohort(root string, learners int) (*cohort, error) {
	topics, step, steps, err := loadSteps(root)
	if err != nil {
		return nil, err
	}
	c := &cohort{learners: learners, topics: topics, step: step, real: len(topics)}
	for i := 1; len(c.topics) < cohortTopics; i++ {
		id := fmt.Sprintf("bench-extra-%02d", i)
		c.topics = append(c.topics, id)
		c.step[id] = steps[i%len(steps)]
	}
	r := rand.New(rand.NewPCG(7, 11))
	now := time.Now().UTC().Truncate(time.Second)
	n := len(c.topics)
	c.status = make([]uint8, learners*n)
	c.updated = make([]time.Time, learners*n)
	for u := range learners {
		reached, learning := r.IntN(n+1), 1+r.IntN(2)
		for t := range n {
			i := u*n + t
			c.status[i] = statusAt(r, t, reached, learning)
			c.updated[i] = now.Add(-time.Duration(r.Int64N(int64(365 * 24 * time.Hour))))
		}
	}
	return c, nil
}

// Indexes into statuses.
const (
	stTodo uint8 = iota
	stLearning
	stDone
	stSkipped
)

func statusAt(r *rand.Rand, t, reached, learning int) uint8 {
	switch {
	case t < reached && r.IntN(10) == 0:
		return stSkipped
	case t < reached:
		return stDone
	case t < reached+learning:
		return stLearning
	}
	return stTodo
}

// users yields the users table's rows: email, name, password hash, role, created.
func (c *cohort) users() iter.Seq[[]any] {
	created := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	return func(yield func([]any) bool) {
		for u := range c.learners {
			email := fmt.Sprintf("cohort%d@bench.example", u+1)
			if !yield([]any{email, fmt.Sprintf("Learner %d", u+1), "not-a-hash", "learner", created}) {
				return
			}
		}
	}
}

// cohorts yields the cohorts table's one row, the cohort whose dashboard
// is timed: name, roadmap, start, end, target, weekly hours, time zone,
// thresholds, created.
func (c *cohort) cohorts() iter.Seq[[]any] {
	return func(yield func([]any) bool) {
		yield([]any{"Bench cohort", "backend", "2026-01-05", "2026-12-18", "2026-12-01", 20, "UTC", 7, 10, 3, 3,
			time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)})
	}
}

// members yields (cohort_id, user_id, joined_at): the first
// dashboardLearners learners are the cohort's.
func (c *cohort) members() iter.Seq[[]any] {
	joined := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	return func(yield func([]any) bool) {
		for u := range min(dashboardLearners, c.learners) {
			if !yield([]any{int64(1), int64(u + 1), joined}) {
				return
			}
		}
	}
}

// progress yields (user_id, roadmap, topic, status, note, updated_at) rows;
// user ids are 1..learners, in the order users yields them.
func (c *cohort) progress() iter.Seq[[]any] {
	return func(yield func([]any) bool) {
		for i, st := range c.status {
			u, t := i/len(c.topics), i%len(c.topics)
			if !yield([]any{int64(u + 1), "backend", c.topics[t], statuses[st], "", c.updated[i]}) {
				return
			}
		}
	}
}

// history yields (user_id, roadmap, topic, from_status, to_status, at) rows:
// todo -> learning -> done for a done topic, one step for the others.
func (c *cohort) history() iter.Seq[[]any] {
	return func(yield func([]any) bool) {
		for i, st := range c.status {
			user, topic, at := int64(i/len(c.topics)+1), c.topics[i%len(c.topics)], c.updated[i]
			ok := true
			switch st {
			case stDone:
				ok = yield([]any{user, "backend", topic, "todo", "learning", at.Add(-72 * time.Hour)}) &&
					yield([]any{user, "backend", topic, "learning", "done", at})
			case stLearning, stSkipped:
				ok = yield([]any{user, "backend", topic, "todo", statuses[st], at})
			}
			if !ok {
				return
			}
		}
	}
}

// stepValues returns "(?, ?), (?, ?), ..." and its arguments: the topic ->
// step table that the completion query joins, passed in as the service
// would pass it from the roadmap it has in memory.
func (c *cohort) stepValues() (string, []any) {
	var sql []byte
	var args []any
	for i, t := range c.topics {
		if i > 0 {
			sql = append(sql, ", "...)
		}
		sql = append(sql, "(?, ?)"...)
		args = append(args, t, c.step[t])
	}
	return string(sql), args
}
