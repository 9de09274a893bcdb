package practice

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

func newTestGrader(t testing.TB, lim Limits) *Grader {
	t.Helper()
	g, err := NewGrader(context.Background(), shipped(t).Sample, lim)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// exercise returns a shipped exercise by id.
func exercise(t testing.TB, id string) Exercise {
	t.Helper()
	ex, err := shipped(t).Exercise(id)
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// TestReferenceAnswersPass grades every shipped exercise's own answer: it
// must pass on both datasets, and a query exercise must return rows on
// each, different ones, so that hard-coding the visible rows cannot pass.
func TestReferenceAnswersPass(t *testing.T) {
	g := newTestGrader(t, DefaultLimits())
	for _, ex := range shipped(t).Exercises {
		t.Run(ex.ID, func(t *testing.T) {
			if err := g.CheckReference(context.Background(), ex); err != nil {
				t.Error(err)
			}
		})
	}
}

// gradeCase is one answer to a shipped exercise and what grading it says.
type gradeCase struct {
	name     string
	exercise string
	answer   string
	verdict  Outcome
	kind     DiffKind // for Fail
	dataset  Dataset  // for Fail
	reason   Reason   // for Error
	message  string   // a fragment of the message
}

func (tc gradeCase) check(t *testing.T, v Verdict) {
	t.Helper()
	if v.Verdict != tc.verdict {
		t.Fatalf("verdict %s (%s), want %s; message:\n%s", v.Verdict, v.Reason, tc.verdict, v.Message)
	}
	if tc.verdict == Fail && (v.Diff == nil || v.Diff.Kind != tc.kind || v.Diff.Dataset != tc.dataset) {
		t.Fatalf("diff %+v, want a %s difference on the %s dataset; message:\n%s", v.Diff, tc.kind, tc.dataset, v.Message)
	}
	if tc.verdict == Error && v.Reason != tc.reason {
		t.Fatalf("reason %s, want %s; message:\n%s", v.Reason, tc.reason, v.Message)
	}
	if !strings.Contains(v.Message, tc.message) {
		t.Fatalf("message does not contain %q:\n%s", tc.message, v.Message)
	}
}

func TestGradeQueries(t *testing.T) {
	g := newTestGrader(t, DefaultLimits())
	for _, tc := range []gradeCase{
		{
			name: "another correct query", exercise: "select-hourly-price",
			answer:  "select title, round(price / (minutes / 60.0), 2) as hourly from sessions -- same thing",
			verdict: Pass, message: "Correct",
		},
		{
			name: "named columns in another order and case", exercise: "select-member-contacts",
			answer:  "SELECT email, last_name AS LAST, first_name AS First FROM members",
			verdict: Pass, message: "Correct",
		},
		{
			name: "named columns without aliases", exercise: "select-member-contacts",
			answer:  "SELECT first_name, last_name, email FROM members",
			verdict: Fail, kind: DiffColumns, dataset: Visible, message: "Name a column with AS",
		},
		{
			name: "too few columns", exercise: "select-all-areas",
			answer:  "SELECT name FROM areas",
			verdict: Fail, kind: DiffColumns, dataset: Visible, message: "should have 4 columns",
		},
		{
			name: "no table at all", exercise: "select-all-areas",
			answer:  "CREATE TABLE notes (body TEXT)",
			verdict: Fail, kind: DiffColumns, dataset: Visible, message: "returned no table",
		},
		{
			name: "NULL kept", exercise: "select-distinct-cities",
			answer:  "SELECT DISTINCT city FROM members",
			verdict: Fail, kind: DiffRows, dataset: Visible, message: "1 row should not be there:\n\n    (NULL)",
		},
		{
			name: "= NULL finds nothing", exercise: "null-no-email",
			answer:  "SELECT first_name, last_name FROM members WHERE email = NULL",
			verdict: Fail, kind: DiffRows, dataset: Visible, message: "4 rows are missing",
		},
		{
			name: "NOT IN with a NULL in the list", exercise: "null-never-referred",
			answer:  "SELECT member_id, first_name, last_name FROM members WHERE member_id NOT IN (SELECT referred_by FROM members)",
			verdict: Fail, kind: DiffRows, dataset: Visible, message: "no rows at all",
		},
		{
			name: "inner join drops open sessions", exercise: "join-sessions-with-coach",
			answer: `SELECT s.session_id, a.name, st.name FROM sessions s JOIN areas a ON a.area_id = s.area_id
			         JOIN staff st ON st.staff_id = s.coach_id`,
			verdict: Fail, kind: DiffRows, dataset: Visible, message: "rows are missing",
		},
		{
			name: "COUNT(*) counts the empty area", exercise: "join-area-session-counts",
			answer:  "SELECT a.name, COUNT(*) FROM areas a LEFT JOIN sessions s ON s.area_id = a.area_id GROUP BY a.area_id",
			verdict: Fail, kind: DiffRows, dataset: Visible, message: "As many rows are wrong as are missing",
		},
		{
			name: "a join repeats members", exercise: "subquery-lead-climbers",
			answer: `SELECT m.member_id, m.first_name, m.last_name FROM members m JOIN bookings b ON b.member_id = m.member_id
			         JOIN sessions s ON s.session_id = b.session_id JOIN areas a ON a.area_id = s.area_id WHERE a.kind = 'lead'`,
			verdict: Fail, kind: DiffRows, dataset: Visible, message: "appear more often than they should",
		},
		{
			name: "wrong order", exercise: "group-monthly-revenue",
			answer:  "SELECT substr(paid_on, 1, 7) AS m, SUM(amount) FROM payments GROUP BY m ORDER BY m DESC",
			verdict: Fail, kind: DiffOrder, dataset: Visible, message: "not in the right order: row 1 should be ('2024-03', 803.0)",
		},
		{
			name: "empty answer", exercise: "select-all-areas",
			answer: "  -- just a comment\n", verdict: Error, reason: ReasonStatements, message: "empty",
		},
		{
			name: "two statements where one is expected", exercise: "select-all-areas",
			answer: "SELECT * FROM areas; SELECT 1;", verdict: Error, reason: ReasonStatements, message: "your answer has 2",
		},
		{
			name: "syntax error", exercise: "select-all-areas",
			answer: "SELECT * FORM areas", verdict: Error, reason: ReasonSQL, message: `near "FORM": syntax error`,
		},
		{
			name: "unknown column", exercise: "select-all-areas",
			answer: "SELECT colour FROM areas", verdict: Error, reason: ReasonSQL, message: "no such column: colour",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.check(t, g.Grade(context.Background(), exercise(t, tc.exercise), tc.answer))
		})
	}
}

// TestGradeCatchesAccidents: answers that fit the visible rows by accident
// or by hard-coding pass the visible dataset and fail the hidden one.
func TestGradeCatchesAccidents(t *testing.T) {
	g := newTestGrader(t, DefaultLimits())
	for _, tc := range []gradeCase{
		{
			name: "hard-coded cities", exercise: "select-distinct-cities",
			answer: "VALUES ('Lyon'), ('Grenoble'), ('Annecy'), ('Chambery')",
		},
		{
			name: "hard-coded counts", exercise: "group-bookings-by-status",
			answer: "SELECT 'attended', 82 UNION ALL SELECT 'booked', 2 UNION ALL SELECT 'cancelled', 21 UNION ALL SELECT 'no-show', 12",
		},
		{
			name: "hard-coded ids", exercise: "group-full-sessions",
			answer: "SELECT session_id, title, spots FROM sessions WHERE session_id = 14",
		},
		{
			name: "AND before OR", exercise: "filter-names-and-cities",
			answer: "SELECT member_id, first_name, last_name, city FROM members WHERE last_name LIKE 'M%' AND city = 'Lyon' OR city = 'Annecy'",
		},
		{
			name: "ties not broken", exercise: "sort-newest-members", kind: DiffOrder,
			answer: "SELECT member_id, first_name, last_name, joined_on FROM members ORDER BY joined_on DESC",
		},
		{
			name: "storage order is not booking order", exercise: "window-first-booking",
			answer: `SELECT member_id, session_id, booked_at FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY member_id ORDER BY booking_id) AS n
			         FROM bookings) WHERE n = 1`,
		},
		{
			name: "same-day payments are peers", exercise: "window-running-total",
			answer: `SELECT payment_id, member_id, paid_on, amount, SUM(amount) OVER (PARTITION BY member_id ORDER BY paid_on)
			         FROM payments ORDER BY member_id, paid_on, payment_id`,
		},
		{
			name: "equal totals need a tie-break", exercise: "group-coach-hours", kind: DiffOrder,
			answer: `SELECT st.name, SUM(s.minutes) / 60.0 AS hours FROM staff st JOIN sessions s ON s.coach_id = st.staff_id
			         GROUP BY st.staff_id ORDER BY hours DESC`,
		},
	} {
		tc.verdict, tc.dataset, tc.message = Fail, Hidden, "fits the sample data but not another dataset"
		if tc.kind == "" {
			tc.kind = DiffRows
		}
		t.Run(tc.name, func(t *testing.T) {
			v := g.Grade(context.Background(), exercise(t, tc.exercise), tc.answer)
			tc.check(t, v)
			hiddenStaysHidden(t, g, v)
		})
	}
}

// hiddenStaysHidden: a verdict about the hidden dataset shows none of its
// rows: no row in the difference, and no value of the hidden result in the
// message.
func hiddenStaysHidden(t *testing.T, g *Grader, v Verdict) {
	t.Helper()
	d := v.Diff
	if d == nil || d.Dataset != Hidden {
		return
	}
	if d.Missing != nil || d.Extra != nil || d.WantRow != nil || d.GotRow != nil || d.Error != "" {
		t.Errorf("the difference shows hidden rows: %+v", d)
	}
	if !strings.Contains(v.Message, "not another dataset") {
		t.Errorf("message: %s", v.Message)
	}
	if d.Kind == DiffRows && d.MissingCount+d.ExtraCount == 0 {
		t.Errorf("the counts are gone too: %+v", d)
	}
}

// TestHiddenRowsNeverShown: an answer that leaks the hidden rows into its
// own result (members' emails, here) fails on the hidden dataset without
// any of those rows reaching the learner, and errors there say only their
// kind.
func TestHiddenRowsNeverShown(t *testing.T) {
	g := newTestGrader(t, DefaultLimits())
	ex := exercise(t, "select-distinct-cities")
	v := g.Grade(context.Background(), ex, "SELECT DISTINCT city FROM members WHERE city IS NOT NULL UNION ALL SELECT email FROM members WHERE email LIKE '%.net'")
	if v.Verdict != Fail || v.Diff == nil || v.Diff.Dataset != Hidden {
		t.Fatalf("verdict %s on %+v: %s", v.Verdict, v.Diff, v.Message)
	}
	hiddenStaysHidden(t, g, v)
	if strings.Contains(v.Message, "@") {
		t.Errorf("an email reached the message: %s", v.Message)
	}
	// an error that only the hidden rows cause says its kind, not its text
	v = g.Grade(context.Background(), ex, "SELECT DISTINCT city FROM members WHERE city IS NOT NULL AND "+
		"(CASE WHEN (SELECT count(*) FROM members WHERE email LIKE '%.net') > 0 THEN zeroblob(2000000000) END) IS NULL")
	if v.Verdict != Error || v.Reason != ReasonTooLarge || !strings.Contains(v.Message, "hidden dataset") ||
		strings.Contains(v.Message, "KB") || strings.Contains(v.Message, "SQLite says") {
		t.Errorf("hidden error: %s %s: %s", v.Verdict, v.Reason, v.Message)
	}
}

func TestGradeStatements(t *testing.T) {
	g := newTestGrader(t, DefaultLimits())
	for _, tc := range []gradeCase{
		{
			name: "forgotten COMMIT", exercise: "transaction-sign-up",
			answer: `BEGIN;
			  INSERT INTO members (member_id, first_name, last_name, email, joined_on, plan_id)
			  VALUES (100, 'Noor', 'Haddad', 'noor@example.org', '2024-05-20', 2);
			  INSERT INTO payments (member_id, paid_on, amount, method, note) VALUES (100, '2024-05-20', 45.0, 'card', 'monthly fee');`,
			verdict: Fail, kind: DiffRows, dataset: Visible, message: "Did you forget COMMIT?",
		},
		{
			name: "committing the mistake", exercise: "transaction-rollback",
			answer: `BEGIN; DELETE FROM bookings WHERE session_id = 9; COMMIT;
			         UPDATE sessions SET price = price + 2 WHERE session_id = 9;`,
			verdict: Fail, kind: DiffRows, dataset: Visible, message: "this check gives a different result",
		},
		{
			name: "no savepoint", exercise: "transaction-savepoint",
			answer: `BEGIN;
			  INSERT INTO payments (member_id, paid_on, amount, method, note) VALUES (7, '2024-05-20', 29.0, 'card', 'monthly fee');
			  INSERT INTO payments (member_id, paid_on, amount, method, note) VALUES (7, '2024-05-20', 29.0, 'card', 'monthly fee');
			  COMMIT;`,
			verdict: Fail, kind: DiffRows, dataset: Visible, message: "1 row should not be there",
		},
		{
			name: "a missing CHECK", exercise: "design-gear-table",
			answer: `CREATE TABLE gear (gear_id INTEGER PRIMARY KEY, kind TEXT NOT NULL, size TEXT,
			         bought_on TEXT NOT NULL, retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)))`,
			verdict: Fail, kind: DiffProbe, dataset: Visible, message: "should fail, but it worked:\n\n    INSERT INTO gear (gear_id, kind, bought_on) VALUES (3, 'skis'",
		},
		{
			name: "no cascade", exercise: "design-waitlist",
			answer: `CREATE TABLE waitlist (session_id INTEGER NOT NULL REFERENCES sessions, member_id INTEGER NOT NULL REFERENCES members,
			         added_at TEXT NOT NULL, PRIMARY KEY (session_id, member_id))`,
			verdict: Fail, kind: DiffProbe, dataset: Visible, message: "ON DELETE CASCADE",
		},
		{
			name: "a NULL in a primary key", exercise: "design-waitlist",
			answer: `CREATE TABLE waitlist (session_id INTEGER REFERENCES sessions ON DELETE CASCADE, member_id INTEGER NOT NULL REFERENCES members,
			         added_at TEXT NOT NULL, PRIMARY KEY (session_id, member_id))`,
			verdict: Fail, kind: DiffProbe, dataset: Visible, message: "even a primary key column accepts NULL",
		},
		{
			name: "trigger counts cancelled bookings", exercise: "design-full-session-trigger",
			answer: `CREATE TRIGGER full BEFORE INSERT ON bookings
			         WHEN (SELECT COUNT(*) FROM bookings WHERE session_id = NEW.session_id) >= (SELECT spots FROM sessions WHERE session_id = NEW.session_id)
			         BEGIN SELECT RAISE(ABORT, 'session is full'); END;`,
			verdict: Fail, kind: DiffProbe, dataset: Visible, message: "should work, but it failed",
		},
		{
			name: "view drops members with nothing attended", exercise: "design-activity-view",
			answer: `CREATE VIEW member_activity AS SELECT m.member_id, m.first_name, COUNT(*) AS attended
			         FROM members m JOIN bookings b ON b.member_id = m.member_id WHERE b.status = 'attended' GROUP BY m.member_id`,
			verdict: Fail, kind: DiffRows, dataset: Visible, message: "missing",
		},
		{
			name: "a table is not a view", exercise: "design-activity-view",
			answer: `CREATE TABLE member_activity AS SELECT m.member_id, m.first_name, COUNT(b.booking_id) AS attended FROM members m
			         LEFT JOIN bookings b ON b.member_id = m.member_id AND b.status = 'attended' GROUP BY m.member_id`,
			verdict: Fail, kind: DiffRows, dataset: Visible, message: "(3, 'Chloe', 4)",
		},
		{
			name: "check cannot run", exercise: "design-add-phone",
			answer:  "ALTER TABLE members ADD COLUMN mobile TEXT; UPDATE members SET mobile = '+33 6 12 34 56 78' WHERE member_id = 3;",
			verdict: Fail, kind: DiffCheck, dataset: Visible, message: "no such column: phone",
		},
		{
			name: "index on the wrong column", exercise: "index-bookings-by-member",
			answer:  "CREATE INDEX b_time ON bookings (booked_at)",
			verdict: Fail, kind: DiffPlan, dataset: Visible, message: "SCAN bookings",
		},
		{
			name: "composite index in the wrong order", exercise: "index-two-conditions",
			answer:  "CREATE INDEX b_open ON bookings (booked_at, status)",
			verdict: Fail, kind: DiffPlan, dataset: Visible, message: "(status=? AND booked_at>?)",
		},
		{
			name: "index that does not cover", exercise: "index-covering",
			answer:  "CREATE INDEX p_member ON payments (member_id)",
			verdict: Fail, kind: DiffPlan, dataset: Visible, message: "covers the query",
		},
		{
			name: "index on the column, not the expression", exercise: "index-on-expression",
			answer:  "CREATE INDEX m_email ON members (email COLLATE NOCASE)",
			verdict: Fail, kind: DiffPlan, dataset: Visible, message: "<expr>",
		},
		{
			name: "date types are fine", exercise: "design-gear-table",
			answer: `CREATE TABLE gear (gear_id INTEGER PRIMARY KEY, kind VARCHAR(10) NOT NULL CHECK (kind IN ('shoes', 'harness', 'helmet', 'rope')),
			         size VARCHAR(5), bought_on DATE NOT NULL, retired BOOLEAN NOT NULL DEFAULT FALSE CHECK (retired BETWEEN 0 AND 1))`,
			verdict: Pass, message: "Correct",
		},
		{
			name: "datetime is fine", exercise: "design-waitlist",
			answer: `CREATE TABLE waitlist (session_id INT NOT NULL REFERENCES sessions ON DELETE CASCADE,
			         member_id INT NOT NULL REFERENCES members, added_at DATETIME NOT NULL, UNIQUE (session_id, member_id))`,
			verdict: Pass, message: "Correct",
		},
		{
			name: "a covering index serves the lookup too", exercise: "index-bookings-by-member",
			answer:  "CREATE INDEX b_member ON bookings (member_id, session_id, status)",
			verdict: Pass, message: "Correct",
		},
		{
			name: "errors say which statement failed", exercise: "design-add-phone",
			answer:  "ALTER TABLE members ADD COLUMN phone TEXT; UPDATE members SET phone = 1 WHERE nope = 3;",
			verdict: Error, reason: ReasonSQL, message: "Statement 2 of 2: SQLite says: no such column: nope",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.check(t, g.Grade(context.Background(), exercise(t, tc.exercise), tc.answer))
		})
	}
}

func TestVerdictCarriesTheLearnersTable(t *testing.T) {
	lim := DefaultLimits()
	lim.ShowRows = 5
	g := newTestGrader(t, lim)
	v := g.Grade(context.Background(), exercise(t, "join-attended-bookings"),
		"SELECT m.first_name, m.last_name, s.title, s.starts_at FROM bookings b JOIN members m USING (member_id) JOIN sessions s USING (session_id)")
	if v.Verdict != Fail || v.Diff.ExtraCount == 0 || len(v.Diff.Extra) != sampleRows {
		t.Fatalf("want a fail with extra rows, got %s %+v", v.Verdict, v.Diff)
	}
	if len(v.Columns) != 4 || len(v.Rows) != 5 || v.TotalRows != 117 {
		t.Errorf("got %d columns, %d rows of %d; want 4 columns, 5 rows of 117", len(v.Columns), len(v.Rows), v.TotalRows)
	}
	if v.Duration <= 0 {
		t.Error("no duration")
	}
}

func TestBrokenExerciseIsOurFault(t *testing.T) {
	g := newTestGrader(t, DefaultLimits())
	ex := exercise(t, "select-all-areas")
	ex.Answer = "SELECT * FROM climbing_walls"
	v := g.Grade(context.Background(), ex, "SELECT * FROM areas")
	gradeCase{verdict: Error, reason: ReasonInternal, message: "our mistake, not yours"}.check(t, v)
	if v.Cause == nil || !strings.Contains(v.Cause.Error(), "climbing_walls") {
		t.Errorf("Cause = %v, want the reference's error for the log", v.Cause)
	}
	if err := g.CheckReference(context.Background(), ex); err == nil {
		t.Error("CheckReference accepts a broken reference")
	}
}

func TestBriefLeavesOutTheGradersHalf(t *testing.T) {
	for _, ex := range shipped(t).Exercises {
		b := ex.Brief()
		if b.ID != ex.ID || b.Prompt != ex.Prompt || b.Columns == "" {
			t.Fatalf("%s: brief %+v", ex.ID, b)
		}
	}
	// The type itself has no field that could carry the answer.
	for _, f := range []string{"Answer", "Check", "Probes", "Plan"} {
		if _, ok := reflect.TypeOf(Brief{}).FieldByName(f); ok {
			t.Errorf("Brief has a field %s", f)
		}
	}
}
