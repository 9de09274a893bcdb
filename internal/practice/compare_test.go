package practice

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestCompare(t *testing.T) {
	tbl := func(cols []string, rows ...[]any) *table { return &table{columns: cols, rows: rows} }
	ab := []string{"a", "b"}
	for _, tc := range []struct {
		name      string
		want, got *table
		ordered   bool
		match     ColumnMatch
		kind      DiffKind // "" when they should agree
		missing   int
		extra     int
	}{
		{"equal", tbl(ab, []any{int64(1), "x"}), tbl(ab, []any{int64(1), "x"}), false, ByPosition, "", 0, 0},
		{"integer equals real", tbl(ab, []any{int64(1), 2.0}), tbl(ab, []any{1.0, int64(2)}), false, ByPosition, "", 0, 0},
		{"float rounding noise", tbl(ab, []any{0.3, 18.333333333333332}), tbl(ab, []any{0.1 + 0.2, 18.333333333333336}), false, ByPosition, "", 0, 0},
		{"real difference", tbl(ab, []any{0.3, "x"}), tbl(ab, []any{0.31, "x"}), false, ByPosition, DiffRows, 1, 1},
		{"text is not a number", tbl(ab, []any{int64(5), "x"}), tbl(ab, []any{"5", "x"}), false, ByPosition, DiffRows, 1, 1},
		{"NULL equals NULL", tbl(ab, []any{nil, "x"}), tbl(ab, []any{nil, "x"}), false, ByPosition, "", 0, 0},
		{"NULL is not empty text", tbl(ab, []any{nil, "x"}), tbl(ab, []any{"", "x"}), false, ByPosition, DiffRows, 1, 1},
		{"order ignored", tbl(ab, []any{int64(1), "x"}, []any{int64(2), "y"}), tbl(ab, []any{int64(2), "y"}, []any{int64(1), "x"}), false, ByPosition, "", 0, 0},
		{"order checked", tbl(ab, []any{int64(1), "x"}, []any{int64(2), "y"}), tbl(ab, []any{int64(2), "y"}, []any{int64(1), "x"}), true, ByPosition, DiffOrder, 0, 0},
		{"duplicates count", tbl(ab, []any{int64(1), "x"}, []any{int64(1), "x"}), tbl(ab, []any{int64(1), "x"}), false, ByPosition, DiffRows, 1, 0},
		{"extra duplicate", tbl(ab, []any{int64(1), "x"}), tbl(ab, []any{int64(1), "x"}, []any{int64(1), "x"}), false, ByPosition, DiffRows, 0, 1},
		{"missing and extra", tbl(ab, []any{int64(1), "x"}, []any{int64(2), "y"}), tbl(ab, []any{int64(1), "x"}, []any{int64(3), "z"}), false, ByPosition, DiffRows, 1, 1},
		{"column count", tbl(ab, []any{int64(1), "x"}), tbl([]string{"a"}, []any{int64(1)}), false, ByPosition, DiffColumns, 0, 0},
		{"names ignored by position", tbl(ab, []any{int64(1), "x"}), tbl([]string{"p", "q"}, []any{int64(1), "x"}), false, ByPosition, "", 0, 0},
		{"names matched in any order and case", tbl(ab, []any{int64(1), "x"}), tbl([]string{"B", " A"}, []any{"x", int64(1)}), false, ByName, "", 0, 0},
		{"wrong name", tbl(ab, []any{int64(1), "x"}), tbl([]string{"a", "c"}, []any{int64(1), "x"}), false, ByName, DiffColumns, 0, 0},
		{"no table", tbl(ab, []any{int64(1), "x"}), nil, false, ByPosition, DiffColumns, 0, 0},
		{"text with separators", tbl(ab, []any{"a|b", "c"}), tbl(ab, []any{"a", "b|c"}), false, ByPosition, DiffRows, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := compare(tc.want, tc.got, tc.ordered, tc.match)
			switch {
			case tc.kind == "" && d != nil:
				t.Fatalf("got a %s difference, want none: %+v", d.Kind, d)
			case tc.kind == "":
				return
			case d == nil:
				t.Fatalf("got no difference, want %s", tc.kind)
			case d.Kind != tc.kind || d.MissingCount != tc.missing || d.ExtraCount != tc.extra:
				t.Fatalf("got %s missing %d extra %d, want %s missing %d extra %d",
					d.Kind, d.MissingCount, d.ExtraCount, tc.kind, tc.missing, tc.extra)
			}
		})
	}
}

func TestOrderDiffNamesTheFirstRowOutOfPlace(t *testing.T) {
	want := &table{columns: []string{"n"}, rows: [][]any{{int64(1)}, {int64(2)}, {int64(3)}}}
	got := &table{columns: []string{"n"}, rows: [][]any{{int64(1)}, {int64(3)}, {int64(2)}}}
	d := compare(want, got, true, ByPosition)
	if d == nil || d.Position != 2 || d.WantRow[0] != int64(2) || d.GotRow[0] != int64(3) {
		t.Fatalf("got %+v, want row 2 to be 2 instead of 3", d)
	}
}

func TestNormalizeRow(t *testing.T) {
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	at := time.Date(2024, 3, 1, 18, 30, 0, 0, time.UTC)
	row := normalizeRow([]any{nil, int64(1), 1.5, "x", []byte{0xca, 0xfe}, day, at})
	if row[5] != "2024-03-01" || row[6] != "2024-03-01 18:30:00" {
		t.Errorf("times became %q and %q", row[5], row[6])
	}
	if got := formatRow(displayRow(row)); got != "(NULL, 1, 1.5, 'x', X'CAFE', '2024-03-01', '2024-03-01 18:30:00')" {
		t.Errorf("formatRow = %s", got)
	}
	long := displayRow([]any{strings.Repeat("é", maxShownBytes), make([]byte, maxShownBytes)})
	if s := long[0].(string); len(s) > maxShownBytes+len("…") || !utf8.ValidString(s) || !strings.HasSuffix(s, "…") {
		t.Errorf("long text shown as %q", s)
	}
	if b := long[1].(blobText); !strings.HasSuffix(string(b), "(200 bytes)") {
		t.Errorf("long blob shown as %q", b)
	}
	if got := formatValue(45.0); got != "45.0" {
		t.Errorf("formatValue(45.0) = %s, want 45.0 (a REAL)", got)
	}
}
