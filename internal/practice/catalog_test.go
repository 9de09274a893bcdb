package practice

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"devpath/content"
	"devpath/internal/roadmap"
)

// shipped loads the exercises devpath ships.
func shipped(t testing.TB) *Catalog {
	t.Helper()
	c, err := Load(content.Exercises, "exercises")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestShippedExercisesAreValid(t *testing.T) {
	c := shipped(t) // Load already checked each exercise and that ids are unique
	if len(c.Exercises) < 40 {
		t.Errorf("%d exercises, want at least 40", len(c.Exercises))
	}
	r, problems := roadmap.Load(content.Roadmaps, "roadmaps/backend")
	if problems != nil {
		t.Fatal(problems)
	}
	if err := c.CheckTopics(r); err != nil {
		t.Error(err)
	}
	g := newTestGrader(t, DefaultLimits())
	perArea := map[Area]int{}
	for _, ex := range c.Exercises {
		perArea[ex.Area]++
		if ex.Columns == ByName {
			checkNamedColumns(t, g, ex)
		}
	}
	for _, a := range []Area{AreaSelect, AreaFilter, AreaSort, AreaNull, AreaJoin, AreaGroup, AreaSubquery,
		AreaWindow, AreaCTE, AreaIndex, AreaTransaction, AreaDesign} {
		if perArea[a] < 2 {
			t.Errorf("area %s has %d exercises, want at least 2", a, perArea[a])
		}
	}
}

// checkNamedColumns: an exercise graded by column name must name each
// column once, or the pairing would be ambiguous.
func checkNamedColumns(t *testing.T, g *Grader, ex Exercise) {
	o, err := g.reference(context.Background(), Visible, ex)
	if err != nil {
		t.Fatalf("%s: %v", ex.ID, err)
	}
	seen := map[string]bool{}
	for _, c := range o.result.columns {
		if seen[foldName(c)] {
			t.Errorf("%s: column %q appears twice but columns are matched by name", ex.ID, c)
		}
		seen[foldName(c)] = true
	}
}

func TestSampleDatasetsShareTheSchema(t *testing.T) {
	g := newTestGrader(t, DefaultLimits())
	ex := Exercise{ID: "tables", Answer: "SELECT type, name, sql FROM sqlite_schema"}
	vis, err := g.reference(context.Background(), Visible, ex)
	if err != nil {
		t.Fatal(err)
	}
	hid, err := g.reference(context.Background(), Hidden, ex)
	if err != nil {
		t.Fatal(err)
	}
	if d := compare(vis.result, hid.result, false, ByPosition); d != nil {
		t.Errorf("the datasets' schemas differ: %+v", d)
	}
	if n := len(vis.result.rows); n < 5 {
		t.Errorf("the schema has %d objects, want tables and indexes", n)
	}
}

func TestLoadRejectsBadExercises(t *testing.T) {
	const good = `
  - id: ok-one
    title: t
    level: beginner
    topic: sql
    area: select
    prompt: p
    answer: SELECT 1
`
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"duplicate id", good + good, `id "ok-one" is used twice`},
		{"unknown field", good + "    colums: name\n", "colums"},
		{"bad slug", strings.Replace(good, "ok-one", "Not A Slug", 1), "id: must be a slug"},
		{"bad level", strings.Replace(good, "beginner", "easy", 1), "level:"},
		{"bad area", strings.Replace(good, "area: select", "area: null", 1), "area:"},
		{"missing answer", strings.Replace(good, "answer: SELECT 1", "answer: ''", 1), "answer: is required"},
		{"two statements not allowed", strings.Replace(good, "SELECT 1", "SELECT 1; SELECT 2", 1), "allow_multiple_statements"},
		{"bad probe", good + "    probes:\n      - sql: SELECT 1\n        expect: maybe\n", `probes[0].expect`},
		{"bad plan pattern", good + "    plan:\n      query: SELECT 1\n      must: ['(']\n", "plan: pattern"},
		{"bad columns", good + "    columns: order\n", "columns:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"x/schema.sql":     {Data: []byte("CREATE TABLE t (a);")},
				"x/data.sql":       {Data: []byte("")},
				"x/hidden.sql":     {Data: []byte("")},
				"x/exercises.yaml": {Data: []byte("exercises:\n" + tc.yaml)},
			}
			_, err := Load(fsys, "x")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Load error = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

func TestCatalogExercise(t *testing.T) {
	c := shipped(t)
	if ex, err := c.Exercise("select-all-areas"); err != nil || ex.ID != "select-all-areas" {
		t.Errorf("Exercise(select-all-areas) = %q, %v", ex.ID, err)
	}
	if _, err := c.Exercise("nope"); err == nil || !strings.Contains(err.Error(), "not_found") {
		t.Errorf("Exercise(nope) error = %v, want not_found", err)
	}
}
