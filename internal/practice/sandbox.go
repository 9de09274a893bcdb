package practice

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// snapshot is a serialized practice database: the schema with one dataset.
type snapshot struct {
	data     []byte
	pageSize int
}

// buildSnapshot runs the schema and one dataset on an empty in-memory
// database and serializes it, so that each grading starts from a copy of
// the bytes instead of running the SQL again.
func buildSnapshot(ctx context.Context, schema, rows string) (snapshot, error) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return snapshot{}, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return snapshot{}, err
	}
	defer conn.Close()
	for _, script := range []string{schema, rows} {
		if _, err := conn.ExecContext(ctx, script); err != nil {
			return snapshot{}, err
		}
	}
	var snap snapshot
	if err := conn.QueryRowContext(ctx, "PRAGMA page_size").Scan(&snap.pageSize); err != nil {
		return snapshot{}, err
	}
	err = conn.Raw(func(dc any) error {
		s, ok := dc.(interface{ Serialize() ([]byte, error) })
		if !ok {
			return fmt.Errorf("driver connection %T cannot serialize", dc)
		}
		snap.data, err = s.Serialize()
		return err
	})
	return snap, err
}

// sandbox is one private in-memory copy of the practice database in which
// untrusted statements run. Its defences, all the engine's own:
//   - defensive mode (SQLITE_DBCONFIG_DEFENSIVE), so no statement can
//     corrupt the schema or the journal;
//   - the authorizer (policy), which denies ATTACH, VACUUM, virtual tables,
//     load_extension() and every pragma that changes behaviour;
//   - sqlite3_limit: no attached databases at all, short strings and SQL
//     text, shallow triggers;
//   - max_page_count on the main and temp databases, so it cannot grow
//     past Limits.MaxDatabaseBytes;
//   - a context deadline on every statement, which the driver turns into
//     sqlite3_interrupt.
//
// The driver offers no other way to call sqlite3_db_config, so
// SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION cannot be switched off explicitly;
// it is off by default and the driver never turns it on, and the
// authorizer denies load_extension() in any case.
type sandbox struct {
	db     *sql.DB
	conn   *sql.Conn
	policy policy
	lim    Limits
	memory memoryGuard
}

func openSandbox(ctx context.Context, snap snapshot, lim Limits) (*sandbox, error) {
	// A plain ":memory:" name gives every connection its own database.
	db, err := sql.Open("sqlite", ":memory:?_defensive=1")
	if err != nil {
		return nil, err
	}
	s := &sandbox{db: db, lim: lim}
	if s.conn, err = db.Conn(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.setUp(ctx, snap); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// setUp loads the snapshot and applies the limits and the authorizer, which
// comes last because it would deny the pragmas before it.
func (s *sandbox) setUp(ctx context.Context, snap snapshot) error {
	err := s.conn.Raw(func(dc any) error {
		d, ok := dc.(interface{ Deserialize([]byte) error })
		if !ok {
			return fmt.Errorf("driver connection %T cannot deserialize", dc)
		}
		return d.Deserialize(snap.data)
	})
	if err != nil {
		return err
	}
	pages := max(1, s.lim.MaxDatabaseBytes/int64(snap.pageSize))
	pragmas := fmt.Sprintf(`PRAGMA foreign_keys = ON;
		PRAGMA trusted_schema = OFF; -- no functions with side effects in views and triggers
		PRAGMA main.max_page_count = %d;
		PRAGMA temp_store = MEMORY; -- sorts and temporary tables stay off the disk; first, as it resets temp
		PRAGMA temp.max_page_count = %d;`, pages, pages)
	if _, err := s.conn.ExecContext(ctx, pragmas); err != nil {
		return fmt.Errorf("sandbox pragmas: %w", err)
	}
	if err := s.setLimits(); err != nil {
		return err
	}
	return s.conn.Raw(func(dc any) error {
		r, ok := dc.(sqlite.AuthorizerRegisterer)
		if !ok {
			return fmt.Errorf("driver connection %T has no authorizer", dc)
		}
		return r.RegisterAuthorizer(s.policy.authorize)
	})
}

func (s *sandbox) setLimits() error {
	for _, l := range []struct{ id, value int }{
		{sqlite3.SQLITE_LIMIT_ATTACHED, 0}, // no ATTACH, whatever the authorizer says
		{sqlite3.SQLITE_LIMIT_LENGTH, s.lim.MaxValueBytes},
		{sqlite3.SQLITE_LIMIT_SQL_LENGTH, max(s.lim.MaxAnswerBytes, 64<<10)},
		{sqlite3.SQLITE_LIMIT_COLUMN, 500},
		{sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH, 10},
		{sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 1000},
		{sqlite3.SQLITE_LIMIT_WORKER_THREADS, 0},
	} {
		if _, err := sqlite.Limit(s.conn, l.id, l.value); err != nil {
			return err
		}
	}
	return nil
}

// Close discards the database.
func (s *sandbox) Close() {
	if s.conn != nil {
		s.conn.Close()
	}
	s.db.Close()
}

// run executes one statement and returns the table it produced, or nil for
// a statement that returns none. It runs the statement once.
//
// The driver interrupts a statement when its context ends only while a call
// into SQLite is under way, and reading rows is not one: a query whose
// rows come slowly (a UNION whose second half never ends, say) would outlive
// the time limit while its rows are read. So a query's rows are first
// written into a temporary table, by one INSERT that the deadline
// interrupts wherever it is, and then read from there, which takes as long
// as the rows are many, and those are capped. Statements that change
// something run once with no rows kept, as before.
func (s *sandbox) run(ctx context.Context, stmt string) (*table, error) {
	s.policy.reset()
	sctx, cancel := context.WithTimeout(ctx, s.lim.StatementTimeout)
	defer cancel()
	cols, err := s.columns(stmt) // compiles it: the authorizer now knows whether it writes
	if err != nil {
		return nil, s.explain(ctx, sctx, err)
	}
	if s.policy.wrote || len(cols) == 0 {
		if _, err := s.conn.ExecContext(sctx, stmt); err != nil {
			return nil, s.explain(ctx, sctx, err)
		}
		return nil, nil
	}
	t, err := s.materialize(sctx, stmt, cols)
	if err != nil {
		var re *runError
		if errors.As(err, &re) {
			return nil, re
		}
		return nil, s.explain(ctx, sctx, err)
	}
	return t, nil
}

// resultTable holds a query's rows while they are read. Its columns have no
// type, so SQLite stores every value as the query produced it.
const resultTable = "temp.devpath_result_rows"

// materialize runs a query into resultTable under ctx and reads the rows
// back. A statement that cannot be the source of an INSERT (PRAGMA, EXPLAIN:
// both cheap) is read directly instead.
func (s *sandbox) materialize(ctx context.Context, stmt string, cols []string) (*table, error) {
	defs := make([]string, len(cols))
	for i := range cols {
		defs[i] = fmt.Sprintf("c%d", i)
	}
	create := "CREATE TEMP TABLE " + strings.TrimPrefix(resultTable, "temp.") + " (" + strings.Join(defs, ", ") + ")"
	if _, err := s.conn.ExecContext(ctx, create); err != nil {
		return nil, err
	}
	defer s.conn.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS "+resultTable)
	if _, err := s.conn.ExecContext(ctx, "INSERT INTO "+resultTable+" "+stmt); err != nil {
		var se *sqlite.Error
		switch {
		case strings.Contains(err.Error(), "syntax error"):
			return s.read(ctx, stmt, cols)
		case errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_FULL && ctx.Err() == nil:
			return nil, s.resultTooLarge() // the rows alone outgrew the database's cap
		}
		return nil, err
	}
	return s.read(ctx, "SELECT * FROM "+resultTable+" ORDER BY rowid", cols)
}

// columns compiles stmt without running it and returns the names of the
// columns it returns, none for a statement that returns no rows.
func (s *sandbox) columns(stmt string) ([]string, error) {
	var names []string
	err := s.conn.Raw(func(dc any) error {
		ci, ok := dc.(interface {
			ColumnInfo(query string) ([]sqlite.ColumnInfo, error)
		})
		if !ok {
			return fmt.Errorf("driver connection %T cannot describe a statement", dc)
		}
		info, err := ci.ColumnInfo(stmt)
		for _, c := range info {
			names = append(names, c.Name)
		}
		return err
	})
	return names, err
}

// read runs a statement and reads back at most Limits.MaxRows rows and
// Limits.MaxResultBytes bytes, naming the columns cols: SQLite may produce a
// row of a megabyte cheaply, and thousands of them would fill the server's
// memory.
func (s *sandbox) read(ctx context.Context, stmt string, cols []string) (*table, error) {
	rows, err := s.conn.QueryContext(ctx, stmt)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	t := &table{columns: cols}
	vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	size := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := normalizeRow(vals)
		size += rowSize(row)
		switch {
		case len(t.rows) == s.lim.MaxRows:
			return nil, &runError{ReasonTooManyRows, fmt.Sprintf(
				"The statement returns more than %d rows, far more than any exercise needs. "+
					"Check your join conditions and your WHERE clause.", s.lim.MaxRows)}
		case size > s.lim.MaxResultBytes:
			return nil, s.resultTooLarge()
		}
		t.rows = append(t.rows, row)
	}
	return t, rows.Err()
}

func (s *sandbox) resultTooLarge() *runError {
	return &runError{ReasonTooLarge, fmt.Sprintf("The statement's result is larger than the %d MB an exercise may return. "+
		"If you did not mean to return that much, check your join conditions.", s.lim.MaxResultBytes>>20)}
}

// rowSize is roughly how much memory a row takes.
func rowSize(row []any) int {
	n := 16
	for _, v := range row {
		switch x := v.(type) {
		case string:
			n += 16 + len(x)
		case []byte:
			n += 24 + len(x)
		default:
			n += 16
		}
	}
	return n
}

// runError is a statement that could not run, with a message for the learner.
type runError struct {
	reason  Reason
	message string
}

func (e *runError) Error() string { return string(e.reason) + ": " + e.message }

// explain turns a driver error into a runError. ctx is the grading's
// context, sctx the statement's (which may be cancelled already: only its
// deadline passing means a timeout).
func (s *sandbox) explain(ctx, sctx context.Context, err error) *runError {
	switch {
	case s.memory.tripped.Load(): // before ctx: the guard ends the statement by cancelling it
		return &runError{ReasonTooLarge, fmt.Sprintf("The statement needed more than the %d MB of memory an exercise "+
			"may use: it sorted or grouped a great many rows. Check your join conditions.", s.lim.MaxWorkBytes>>20)}
	case ctx.Err() != nil:
		return &runError{ReasonCanceled, "Grading was cancelled before the statement finished."}
	case errors.Is(sctx.Err(), context.DeadlineExceeded):
		return &runError{ReasonTimeout, fmt.Sprintf("The statement was stopped after %s. "+
			"The usual causes are a recursive CTE with no condition that ends it, "+
			"or a join without a join condition, which multiplies rows.", s.lim.StatementTimeout)}
	case s.policy.denied != "":
		return &runError{ReasonDenied, s.policy.denied}
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_FULL:
			return &runError{ReasonTooLarge, fmt.Sprintf("The statement made the database larger than "+
				"the %d MB an exercise may use.", s.lim.MaxDatabaseBytes>>20)}
		case sqlite3.SQLITE_TOOBIG:
			return &runError{ReasonTooLarge, fmt.Sprintf("The statement built a value larger than "+
				"the %d KB an exercise may use.", s.lim.MaxValueBytes>>10)}
		}
	}
	return &runError{ReasonSQL, "SQLite says: " + cleanError(err)}
}

// cleanError drops the driver's decorations (a generic prefix naming the
// result code, the numeric code at the end) from an error message.
func cleanError(err error) string {
	msg := err.Error()
	msg = regexp.MustCompile(`\s*\(\d+\)$`).ReplaceAllString(msg, "")
	for _, prefix := range []string{"SQL logic error: ", "constraint failed: ", "sqlite: "} {
		msg = strings.TrimPrefix(msg, prefix)
	}
	return msg
}
