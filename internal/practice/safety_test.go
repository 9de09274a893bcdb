package practice

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

const endlessCTE = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT max(n) FROM r"

// TestHostileAnswers: statements that try to leave the exercise database,
// change how it behaves or exhaust the server end with a clear error within
// the time limit, and the grader keeps working afterwards.
//
// Which limit ends a statement must not depend on the machine's speed. A
// case that expects the statement deadline gets a short one and a statement
// that no machine can finish before it. Every other case expects the
// authorizer or a cap (rows, bytes, a value's size, the database's size) and
// gets a deadline it cannot reach, so that a slow or loaded machine cannot
// turn its cap into a timeout.
func TestHostileAnswers(t *testing.T) {
	short := DefaultLimits()
	short.StatementTimeout = time.Second // keeps the test short; the default is 2 s
	unhurried := DefaultLimits()
	unhurried.StatementTimeout, unhurried.GradingTimeout = time.Minute, 2*time.Minute
	deadline, other := newTestGrader(t, short), newTestGrader(t, unhurried)
	dir := t.TempDir()
	attached, vacuumed := filepath.Join(dir, "attached.db"), filepath.Join(dir, "vacuumed.db")
	const outside = "an exercise can only use its own database"
	for _, tc := range []struct {
		name, exercise, answer string
		reason                 Reason
		message                string
	}{
		{"attach a memory database", "select-all-areas", "ATTACH DATABASE ':memory:' AS other", ReasonDenied, outside},
		{"attach a file", "select-all-areas", "ATTACH '" + attached + "' AS other", ReasonDenied, outside},
		{"attach a URI", "select-all-areas", "ATTACH 'file:" + attached + "?mode=rwc' AS other", ReasonDenied, outside},
		{"vacuum into a file", "select-all-areas", "VACUUM INTO '" + vacuumed + "'", ReasonDenied, outside},
		{"vacuum", "select-all-areas", "VACUUM", ReasonDenied, outside},
		{"load an extension", "select-all-areas", "SELECT load_extension('/tmp/evil.so')", ReasonDenied, "load_extension() is not available"},
		{"writable schema", "select-all-areas", "PRAGMA writable_schema = ON", ReasonDenied, "PRAGMA writable_schema is not available"},
		{"foreign keys off", "select-all-areas", "PRAGMA foreign_keys = OFF", ReasonDenied, "PRAGMA foreign_keys"},
		{"a larger database", "select-all-areas", "PRAGMA max_page_count = 1000000", ReasonDenied, "PRAGMA max_page_count"},
		{"a temp directory", "select-all-areas", "PRAGMA temp_store_directory = '/tmp'", ReasonDenied, "PRAGMA temp_store_directory"},
		{"a pragma function", "select-all-areas", "SELECT * FROM pragma_journal_mode", ReasonDenied, "PRAGMA journal_mode"},
		{"a virtual table", "select-all-areas", "CREATE VIRTUAL TABLE notes USING fts5(body)", ReasonDenied, "Virtual tables"},
		{"randomness", "select-all-areas", "SELECT random()", ReasonDenied, "same result every time"},
		{"the clock", "select-all-areas", "SELECT current_timestamp", ReasonDenied, "same result every time"},
		{
			"a trigger smuggling a function", "design-add-phone",
			"CREATE TRIGGER t AFTER INSERT ON areas BEGIN SELECT load_extension('x'); END;\n" +
				"INSERT INTO areas (name, kind, capacity) VALUES ('Loft', 'lead', 5);",
			ReasonDenied, "Statement 2 of 2: load_extension() is not available",
		},
		{"the schema table", "select-all-areas", "UPDATE sqlite_schema SET sql = 'x' WHERE name = 'areas'", ReasonSQL, "may not be modified"},
		{"the pages themselves", "select-all-areas", "UPDATE sqlite_dbpage SET data = zeroblob(4096) WHERE pgno = 1", ReasonSQL, ""},
		{"an endless recursive CTE", "select-all-areas", endlessCTE, ReasonTimeout, "recursive CTE"},
		// bookings has 117 rows: four of them joined are 187 million rows,
		// which a fast machine counts in about a second; five are 117 times
		// that.
		{"a slow second row", "select-all-areas",
			"SELECT 1 UNION ALL SELECT count(*) FROM bookings a, bookings b, bookings c, bookings d, bookings e", ReasonTimeout, "stopped after 1s"},
		// its rows outgrow the sandbox's cap long before any deadline
		{"a huge cross join", "select-all-areas", "SELECT * FROM bookings a, bookings b, bookings c, bookings d, bookings e", ReasonTooLarge, "check your join conditions"},
		{"too many rows", "select-all-areas", "SELECT * FROM bookings a, bookings b", ReasonTooManyRows, "more than 10000 rows"},
		// 117 rows of 900 KB: the 4 MB cap trips at the fifth, well under the
		// row cap.
		{"a huge result", "select-all-areas", "SELECT zeroblob(900000) FROM bookings", ReasonTooLarge, "result is larger than"},
		// sorts stay in memory: a sort of large rows stops at the memory
		// bound long before it could reach its deadline
		{"a sort of large rows", "select-all-areas", "SELECT zeroblob(100000) || a.booking_id AS z FROM bookings a, bookings b ORDER BY 1",
			ReasonTooLarge, "MB of memory"},
		{"a huge blob", "select-all-areas", "SELECT zeroblob(100000000)", ReasonTooLarge, "value larger than"},
		{"a huge string", "select-all-areas", "SELECT printf('%.*c', 100000000, 'x')", ReasonTooLarge, "value larger than"},
		{"filling the database", "select-all-areas",
			"CREATE TABLE big AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r LIMIT 100000) SELECT n, zeroblob(500000) AS b FROM r",
			ReasonTooLarge, "database larger than"},
		{"filling the temp database", "select-all-areas",
			"CREATE TEMP TABLE big AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r LIMIT 100000) SELECT n, zeroblob(500000) AS b FROM r",
			ReasonTooLarge, "database larger than"},
		{"a second statement", "select-all-areas", "SELECT 1; ATTACH ':memory:' AS x", ReasonStatements, "single statement"},
		{"a long answer", "select-all-areas", "SELECT 1" + strings.Repeat(" ", 21<<10), ReasonTooLarge, "at most 20 KB"},
		{"a NUL byte", "select-all-areas", "SELECT 1;\x00ATTACH ':memory:' AS x", ReasonSQL, "NUL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := other
			if tc.reason == ReasonTimeout {
				g = deadline
			}
			start := time.Now()
			v := g.Grade(context.Background(), exercise(t, tc.exercise), tc.answer)
			took := time.Since(start)
			gradeCase{verdict: Error, reason: tc.reason, message: tc.message}.check(t, v)
			// The deadline interrupted the statement rather than letting it
			// run on: left alone, these run for minutes or for ever. The
			// slack is for a loaded machine, not for the statement.
			if limit := short.StatementTimeout + 10*time.Second; g == deadline && took > limit {
				t.Errorf("took %s, want about %s", took, short.StatementTimeout)
			}
		})
	}
	for _, f := range []string{attached, vacuumed} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("%s exists (stat error %v): a statement reached the file system", f, err)
		}
	}
	for _, g := range []*Grader{deadline, other} {
		v := g.Grade(context.Background(), exercise(t, "select-all-areas"), "SELECT * FROM areas")
		if v.Verdict != Pass {
			t.Errorf("after the hostile answers, a correct one gets %s: %s", v.Verdict, v.Message)
		}
	}
}

// TestReadOnlyPragmasWork: the pragmas that describe the schema stay
// available, so a learner can look around.
func TestReadOnlyPragmasWork(t *testing.T) {
	g := newTestGrader(t, DefaultLimits())
	for _, answer := range []string{
		"PRAGMA table_info(bookings)",
		"SELECT name FROM pragma_index_list('bookings')",
		"PRAGMA foreign_keys",
		"PRAGMA foreign_key_list(sessions)",
	} {
		v := g.Grade(context.Background(), exercise(t, "select-all-areas"), answer)
		if v.Verdict != Fail || len(v.Rows) == 0 {
			t.Errorf("%s: got %s with %d rows, want a wrong answer that shows rows: %s", answer, v.Verdict, len(v.Rows), v.Message)
		}
	}
}

// TestGradingBudget: many statements that are each quick enough still end
// when the grading as a whole runs out of time.
//
// Each statement counts to a million, a few tens of milliseconds on a fast
// machine, so that the twenty together outlast the budget on any machine;
// on a slow one the budget still ends the grading first, since a statement's
// own deadline never comes before it.
func TestGradingBudget(t *testing.T) {
	lim := DefaultLimits()
	lim.GradingTimeout = 200 * time.Millisecond
	g := newTestGrader(t, lim)
	slow := "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 1000000) SELECT count(*) FROM r;\n"
	start := time.Now()
	v := g.Grade(context.Background(), exercise(t, "design-add-phone"), strings.Repeat(slow, lim.MaxStatements))
	gradeCase{verdict: Error, reason: ReasonTimeout, message: "all its statements together may run for at most 200ms"}.check(t, v)
	// Without the budget the twenty statements run for seconds.
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("took %s, want about 200ms", took)
	}
}

// TestGradingCanBeCancelled: a grading ends when its caller gives up,
// before any limit of the grader's own would end it.
func TestGradingCanBeCancelled(t *testing.T) {
	lim := DefaultLimits()
	lim.StatementTimeout, lim.GradingTimeout = time.Minute, time.Minute // only the caller ends it
	g := newTestGrader(t, lim)
	ex := exercise(t, "select-all-areas")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	gradeCase{verdict: Error, reason: ReasonCanceled, message: "cancelled"}.check(t, g.Grade(ctx, ex, "SELECT * FROM areas"))

	ctx, cancel = context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	gradeCase{verdict: Error, reason: ReasonCanceled, message: "cancelled"}.check(t, g.Grade(ctx, ex, endlessCTE))
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("a grading cancelled after 100ms took %s", took)
	}
}

// TestGradingIsBounded: with every slot taken by a slow answer, another
// grading gives up after QueueWait with a clear message instead of piling
// up, and goes through once a slot is free.
//
// The slow grading ends when the test cancels it, not at a deadline that a
// loaded machine could reach before the other grading was turned away; the
// minute-long limits only keep a broken grader from hanging the test.
func TestGradingIsBounded(t *testing.T) {
	lim := DefaultLimits()
	lim.Concurrency, lim.QueueWait = 1, 100*time.Millisecond
	lim.StatementTimeout, lim.GradingTimeout = time.Minute, time.Minute
	g := newTestGrader(t, lim)
	ex := exercise(t, "select-all-areas")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	slow := make(chan Verdict)
	go func() { slow <- g.Grade(ctx, ex, endlessCTE) }()
	for len(g.slots) == 0 { // wait until the slow grading holds the only slot
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	gradeCase{verdict: Error, reason: ReasonBusy, message: "try again"}.check(t, g.Grade(context.Background(), ex, "SELECT * FROM areas"))
	if took := time.Since(start); took > 20*lim.QueueWait {
		t.Errorf("a busy grading took %s to give up, want about %s", took, lim.QueueWait)
	}
	cancel()
	if v := <-slow; v.Reason != ReasonCanceled {
		t.Errorf("the slow grading ended with %s, want cancelled", v.Reason)
	}
	if v := g.Grade(context.Background(), ex, "SELECT * FROM areas"); v.Verdict != Pass {
		t.Errorf("once the slot is free, a correct answer gets %s: %s", v.Verdict, v.Message)
	}
}

// TestConcurrentGrading runs many gradings at once, hostile ones among them
// (run it with -race): each gets its own verdict, and a slow answer holding
// one slot does not keep the others from finishing.
//
// The grader keeps its real statement limit, so a correct answer slowed
// down by a loaded machine still passes; the endless answers end when
// their callers give up, after half a second.
func TestConcurrentGrading(t *testing.T) {
	lim := DefaultLimits()
	lim.QueueWait = time.Minute
	g := newTestGrader(t, lim)
	cases := []struct {
		exercise, answer string
		want             Outcome
	}{
		{"select-all-areas", "SELECT * FROM areas", Pass},
		{"group-regulars", exercise(t, "group-regulars").Answer, Pass},
		{"design-full-session-trigger", exercise(t, "design-full-session-trigger").Answer, Pass},
		{"transaction-refunds", exercise(t, "transaction-refunds").Answer, Pass},
		{"null-no-email", "SELECT first_name, last_name FROM members WHERE email = NULL", Fail},
		{"sort-newest-members", "SELECT member_id, first_name, last_name, joined_on FROM members ORDER BY joined_on DESC", Fail},
		{"select-all-areas", "ATTACH ':memory:' AS x", Error},
		{"select-all-areas", endlessCTE, Error},
	}
	var wg sync.WaitGroup
	for i := range 4 * len(cases) {
		c := cases[i%len(cases)]
		ex := exercise(t, c.exercise)
		wg.Go(func() {
			ctx := context.Background()
			if c.answer == endlessCTE {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, 500*time.Millisecond)
				defer cancel()
			}
			if v := g.Grade(ctx, ex, c.answer); v.Verdict != c.want {
				t.Errorf("%s: %q got %s, want %s: %s", c.exercise, c.answer, v.Verdict, c.want, v.Message)
			}
		})
	}
	wg.Wait()
}
