package practice_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/devpathtest"
	"devpath/internal/practice"
	"devpath/internal/progress"
	"devpath/internal/roadmap"
	"devpath/internal/store"
)

// A small world for the service: one table, and a roadmap whose topic sql
// was once called old-sql. Two exercises practise it (one naming the old
// id), a third names a topic the roadmap lacks.
const (
	schemaSQL = "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
	dataSQL   = "INSERT INTO t VALUES (1, 10), (2, 20);"
	hiddenSQL = "INSERT INTO t VALUES (1, 5), (3, 30), (4, 40);"

	exercisesYAML = `exercises:
  - {id: count-rows, title: Count, level: beginner, topic: old-sql, area: group, prompt: Count the rows., answer: SELECT count(*) FROM t}
  - {id: sum-n, title: Sum, level: beginner, topic: sql, area: group, prompt: Add up n., answer: SELECT sum(n) FROM t}
  - {id: largest-n, title: Largest, level: beginner, topic: no-such-topic, area: group, prompt: The largest n., answer: SELECT max(n) FROM t}
`
	roadmapYAML = `slug: demo
title: Demo
version: 1
steps:
  - {id: s, title: S}
topics:
  - {id: sql, title: SQL, step: s, estimate_hours: 5, aliases: [old-sql]}
`
	topicMD = "---\nresources:\n  - {kind: docs, title: D, url: 'https://example.org', free: true}\n---\nText.\n"
)

type world struct {
	svc      *practice.Service
	store    practice.Store // what svc stores into, read past the history a learner sees
	progress *progress.Service
	user     int64
	log      *bytes.Buffer // what the service logged
}

func newWorld(t *testing.T, e devpathtest.Engine, lim practice.Limits) world {
	t.Helper()
	ctx := context.Background()
	cat, err := practice.Load(fstest.MapFS{
		"ex/schema.sql":     {Data: []byte(schemaSQL)},
		"ex/data.sql":       {Data: []byte(dataSQL)},
		"ex/hidden.sql":     {Data: []byte(hiddenSQL)},
		"ex/exercises.yaml": {Data: []byte(exercisesYAML)},
	}, "ex")
	if err != nil {
		t.Fatal(err)
	}
	r, problems := roadmap.Load(fstest.MapFS{
		"demo/roadmap.yaml":  {Data: []byte(roadmapYAML)},
		"demo/topics/sql.md": {Data: []byte(topicMD)},
	}, "demo")
	if problems != nil {
		t.Fatal(problems)
	}
	roadmaps := roadmap.NewCatalog(r)

	st, err := store.Open(e.URL, filepath.Join(t.TempDir(), "devpath.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx, devpathtest.Logger(t)); err != nil {
		t.Fatal(err)
	}
	u, err := st.CreateUser(ctx, account.NewUser{Email: "ada@example.org", Name: "Ada", PasswordHash: "x"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	g, err := practice.NewGrader(ctx, cat.Sample, lim)
	if err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	clock := func() time.Time { return time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC) }
	prog := progress.NewService(st, roadmaps, clock)
	svc := practice.NewService(st, cat, g, prog, roadmaps, slog.New(slog.NewTextHandler(&logged, nil)), clock)
	return world{svc: svc, store: st, progress: prog, user: u.ID, log: &logged}
}

func (w world) attempt(t *testing.T, id, answer string, want practice.Outcome) practice.Result {
	t.Helper()
	res, err := w.svc.Attempt(context.Background(), w.user, id, answer)
	if err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	if res.Verdict.Verdict != want {
		t.Fatalf("%s: %q gets %s, want %s: %s", id, answer, res.Verdict.Verdict, want, res.Verdict.Message)
	}
	return res
}

func (w world) status(t *testing.T) progress.Status {
	t.Helper()
	v, err := w.progress.Progress(context.Background(), w.user, "demo")
	if err != nil {
		t.Fatal(err)
	}
	return v.Status("sql")
}

// TestPassingEveryExerciseMarksTheTopicDone: the topic is marked done by the
// pass that completes its exercises (whichever id they name it by), once.
func TestPassingEveryExerciseMarksTheTopicDone(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		w := newWorld(t, e, practice.DefaultLimits())
		if !strings.Contains(w.log.String(), "no-such-topic") {
			t.Errorf("the unknown topic was not logged: %s", w.log)
		}
		w.attempt(t, "count-rows", "SELECT 2", practice.Fail) // fits the sample rows only
		if res := w.attempt(t, "count-rows", "SELECT count(*) FROM t", practice.Pass); res.TopicDone {
			t.Fatal("one exercise of two marked the topic done")
		}
		if st := w.status(t); st != progress.Todo {
			t.Fatalf("after one pass the topic is %s", st)
		}
		if res := w.attempt(t, "sum-n", "SELECT total(n) FROM t", practice.Pass); !res.TopicDone {
			t.Fatal("the last exercise of the topic did not mark it done")
		}
		if st := w.status(t); st != progress.Done {
			t.Fatalf("after every pass the topic is %s", st)
		}
		if res := w.attempt(t, "sum-n", "SELECT sum(n) FROM t", practice.Pass); res.TopicDone {
			t.Fatal("passing again marked the topic done again")
		}
		if res := w.attempt(t, "largest-n", "SELECT max(n) FROM t", practice.Pass); res.TopicDone {
			t.Fatal("an exercise of an unknown topic marked something done")
		}

		history, err := w.svc.Attempts(context.Background(), w.user, "count-rows")
		if err != nil {
			t.Fatal(err)
		}
		if len(history) != 2 || history[0].Verdict != practice.Pass || history[1].Answer != "SELECT 2" ||
			!strings.Contains(history[1].Message, "another dataset") {
			t.Fatalf("history, newest first: %+v", history)
		}
		passed, err := w.svc.Progress(context.Background(), w.user)
		if err != nil || len(passed) != 3 {
			t.Fatalf("passed: %v %v", passed, err)
		}
	})
}

// TestAttemptRefusesWhatCannotBeGraded: such answers are errors, not
// attempts, and nothing is stored.
func TestAttemptRefusesWhatCannotBeGraded(t *testing.T) {
	lim := practice.DefaultLimits()
	lim.Concurrency, lim.QueueWait = 1, time.Millisecond
	// The endless answer ends when the test cancels it, not at a deadline
	// that a loaded machine could reach before another answer was turned
	// away; the minute only keeps a broken grader from hanging the test.
	lim.StatementTimeout, lim.GradingTimeout = time.Minute, time.Minute
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) { refuses(t, newWorld(t, e, lim)) })
}

func refuses(t *testing.T, w world) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, id, answer string
		code             app.Code
	}{
		{"empty", "sum-n", " \n\t", app.Invalid},
		{"too long", "sum-n", "SELECT 1 " + strings.Repeat("-- padding\n", 3000), app.Invalid},
		{"a NUL", "sum-n", "SELECT 1\x00", app.Invalid},
		{"not UTF-8", "sum-n", "SELECT '\xff'", app.Invalid},
		{"unknown exercise", "no-such-exercise", "SELECT 1", app.NotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := w.svc.Attempt(ctx, w.user, tc.id, tc.answer)
			var e *app.Error
			if !errors.As(err, &e) || e.Code != tc.code {
				t.Fatalf("got %v, want %s", err, tc.code)
			}
			if tc.code == app.Invalid && e.Fields["answer"] == "" {
				t.Fatalf("the error does not name the answer: %v", err)
			}
		})
	}

	// With the only grading slot taken by an endless answer, the next one is
	// turned away at once rather than queued behind it. The endless answer
	// may itself be turned away while a quick one holds the slot: then it
	// tries again.
	type outcome struct {
		res practice.Result
		err error
	}
	slow := make(chan outcome, 1)
	endless, cancelEndless := context.WithCancel(ctx)
	defer cancelEndless()
	startSlow := func() {
		go func() {
			res, err := w.svc.Attempt(endless, w.user, "sum-n", "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT max(n) FROM r")
			slow <- outcome{res, err}
		}()
	}
	startSlow()
	graded := 0 // quick answers that got the slot
	for {
		_, err := w.svc.Attempt(ctx, w.user, "count-rows", "SELECT count(*) FROM t")
		if app.ErrorCode(err) == app.TooMany {
			break // only the endless answer can hold the slot now
		}
		graded++
		select {
		case o := <-slow:
			if app.ErrorCode(o.err) != app.TooMany {
				t.Fatalf("the endless answer ended before any other was turned away: %+v %v", o.res.Verdict, o.err)
			}
			startSlow()
		case <-time.After(5 * time.Millisecond):
		}
	}
	// Cancelled, it is not an attempt either: nothing is stored.
	cancelEndless()
	if o := <-slow; !errors.Is(o.err, context.Canceled) {
		t.Fatalf("the cancelled endless answer: %+v %v", o.res.Verdict, o.err)
	}
	if stored, err := w.store.ExerciseAttempts(ctx, w.user, "sum-n", 10); err != nil || len(stored) != 0 {
		t.Fatalf("%d attempts at sum-n stored (%v), want none", len(stored), err)
	}
	// From the store: how often the endless answer loses the race for the
	// slot varies, and the learner's history shows only the newest 50.
	if stored, err := w.store.ExerciseAttempts(ctx, w.user, "count-rows", graded+10); err != nil || len(stored) != graded {
		t.Fatalf("%d attempts stored (%v), want the %d graded ones", len(stored), err, graded)
	}
}

// TestAfter: the way on from an exercise is an open one of the same topic,
// else the next open one in catalog order, coming round to the start.
func TestAfter(t *testing.T) {
	w := newWorld(t, devpathtest.Engine{Name: "sqlite"}, practice.DefaultLimits())
	for _, tc := range []struct {
		from   string
		passed []string
		want   string // "" for none
	}{
		{"count-rows", nil, "sum-n"},                       // same topic first
		{"sum-n", []string{"count-rows"}, "largest-n"},     // then the catalog's next
		{"largest-n", nil, "count-rows"},                   // round to the start
		{"largest-n", []string{"count-rows", "sum-n"}, ""}, // all others passed
		{"count-rows", []string{"sum-n", "largest-n"}, ""}, // never itself
	} {
		passed := map[string]bool{}
		for _, id := range tc.passed {
			passed[id] = true
		}
		got, ok := w.svc.After(tc.from, passed)
		if ok != (tc.want != "") || got.ID != tc.want {
			t.Errorf("After(%s, %v) = %q %v, want %q", tc.from, tc.passed, got.ID, ok, tc.want)
		}
	}
}
