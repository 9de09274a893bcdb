package practice

import (
	"context"
	"testing"

	"modernc.org/sqlite"
)

// TestSandboxTempInMemory: sorts and temporary tables stay in memory, under
// the same cap as the database, and a query's rows are read from one run.
func TestSandboxTempInMemory(t *testing.T) {
	ctx := context.Background()
	g := newTestGrader(t, DefaultLimits())
	sb, err := openSandbox(ctx, g.visible, g.lim)
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	// read the settings the authorizer keeps from learners, then put it back
	setAuthorizer := func(fn sqlite.AuthorizerFn) {
		if err := sb.conn.Raw(func(dc any) error { return dc.(sqlite.AuthorizerRegisterer).RegisterAuthorizer(fn) }); err != nil {
			t.Fatal(err)
		}
	}
	setAuthorizer(nil)
	var store, pages int64
	if err := sb.conn.QueryRowContext(ctx, "PRAGMA temp_store").Scan(&store); err != nil {
		t.Fatal(err)
	}
	if err := sb.conn.QueryRowContext(ctx, "PRAGMA temp.max_page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if want := g.lim.MaxDatabaseBytes / int64(g.visible.pageSize); store != 2 || pages != want {
		t.Fatalf("temp_store %d (want 2, memory), temp.max_page_count %d (want %d)", store, pages, want)
	}
	setAuthorizer(sb.policy.authorize)
	// a query with a result, an ORDER BY and duplicate column names keeps
	// its order, its names and its values' types
	tb, err := sb.run(ctx, "SELECT name, name, 1.5 AS x, '7' AS s FROM areas ORDER BY name DESC")
	if err != nil {
		t.Fatal(err)
	}
	if got := tb.columns; len(got) != 4 || got[0] != "name" || got[1] != "name" || got[2] != "x" {
		t.Errorf("columns %v", got)
	}
	for i := 1; i < len(tb.rows); i++ {
		if tb.rows[i-1][0].(string) < tb.rows[i][0].(string) {
			t.Fatalf("rows out of order: %v", tb.rows)
		}
	}
	if _, ok := tb.rows[0][2].(float64); !ok {
		t.Errorf("1.5 came back as %T", tb.rows[0][2])
	}
	if _, ok := tb.rows[0][3].(string); !ok {
		t.Errorf("'7' came back as %T", tb.rows[0][3])
	}
}
