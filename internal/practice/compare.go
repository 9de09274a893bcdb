package practice

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// sampleRows is how many example rows a Diff carries for each list.
const sampleRows = 3

// maxShownBytes is the longest text or blob a Verdict shows in full; longer
// values are cut (they are compared whole).
const maxShownBytes = 200

// table is a result set: column names and rows of values that are nil,
// int64, float64, string or []byte.
type table struct {
	columns []string
	rows    [][]any
}

// normalizeRow copies one row of driver values. The driver turns text in
// columns declared DATE, DATETIME or TIMESTAMP into time.Time; it goes back
// to text here so that a learner's table with a DATE column compares with a
// TEXT one.
func normalizeRow(vals []any) []any {
	row := make([]any, len(vals))
	for i, v := range vals {
		switch x := v.(type) {
		case []byte:
			row[i] = bytes.Clone(x)
		case time.Time:
			row[i] = formatTime(x)
		default:
			row[i] = x
		}
	}
	return row
}

func formatTime(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04:05.999999999")
}

// valueKey is a value's identity for comparison. Numbers compare by value
// whatever their type: an integral float keys like the integer, and other
// floats are rounded to 10 significant digits, which absorbs the error of
// summing in another order. Text never equals a number, and NULL equals
// NULL (unlike in SQL, because two results both showing NULL agree).
func valueKey(v any) string {
	switch x := v.(type) {
	case nil:
		return "n"
	case int64:
		return "#" + strconv.FormatInt(x, 10)
	case float64:
		return "#" + floatKey(x)
	case string:
		return "t" + strconv.Quote(x)
	case []byte:
		return "b" + hex.EncodeToString(x)
	}
	return "?" + fmt.Sprint(v)
}

func floatKey(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'g', 10, 64)
}

func rowKey(row []any) string {
	keys := make([]string, len(row))
	for i, v := range row {
		keys[i] = valueKey(v)
	}
	// Quoted text cannot contain an unescaped '|', so the join is unambiguous.
	return strings.Join(keys, "|")
}

// compare returns the first difference between the expected table and the
// learner's, or nil when they agree. got may be nil: no table at all.
func compare(want, got *table, ordered bool, match ColumnMatch) *Diff {
	if got == nil {
		return &Diff{Kind: DiffColumns, WantColumns: want.columns}
	}
	aligned, d := alignColumns(want, got, match)
	if d != nil {
		return d
	}
	if d := compareRows(want.rows, aligned.rows); d != nil {
		return d
	}
	if ordered {
		return compareOrder(want.rows, aligned.rows)
	}
	return nil
}

// alignColumns returns got with its columns in the order of want's, or a
// Diff when they cannot be paired.
func alignColumns(want, got *table, match ColumnMatch) (*table, *Diff) {
	mismatch := &Diff{Kind: DiffColumns, WantColumns: want.columns, GotColumns: got.columns}
	if len(got.columns) != len(want.columns) {
		return nil, mismatch
	}
	if match != ByName {
		return got, nil
	}
	at := make(map[string]int, len(got.columns))
	for i, c := range got.columns {
		at[foldName(c)] = i
	}
	order := make([]int, len(want.columns))
	for i, c := range want.columns {
		j, ok := at[foldName(c)]
		if !ok {
			return nil, mismatch
		}
		order[i] = j
	}
	out := &table{columns: want.columns, rows: make([][]any, len(got.rows))}
	for r, row := range got.rows {
		out.rows[r] = make([]any, len(order))
		for i, j := range order {
			out.rows[r][i] = row[j]
		}
	}
	return out, nil
}

func foldName(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// compareRows compares rows as multisets.
func compareRows(want, got [][]any) *Diff {
	left := make(map[string]int, len(got)) // got rows not yet matched
	for _, r := range got {
		left[rowKey(r)]++
	}
	d := &Diff{Kind: DiffRows}
	wanted := make(map[string]bool, len(want))
	for _, r := range want {
		k := rowKey(r)
		wanted[k] = true
		if left[k] > 0 {
			left[k]--
			continue
		}
		d.MissingCount++
		if len(d.Missing) < sampleRows {
			d.Missing = append(d.Missing, displayRow(r))
		}
	}
	dupes := true // every extra row also appears among the expected ones
	for _, r := range got {
		k := rowKey(r)
		if left[k] == 0 {
			continue
		}
		left[k]--
		dupes = dupes && wanted[k]
		d.ExtraCount++
		if len(d.Extra) < sampleRows {
			d.Extra = append(d.Extra, displayRow(r))
		}
	}
	if d.MissingCount+d.ExtraCount == 0 {
		return nil
	}
	d.hint = rowsHint(d, dupes, len(got))
	return d
}

func rowsHint(d *Diff, dupes bool, got int) string {
	switch {
	case got == 0:
		return "Your result has no rows at all: check your WHERE clause and your joins."
	case d.MissingCount == 0 && dupes:
		return "Some rows appear more often than they should: a join may be multiplying rows, or DISTINCT is missing."
	case d.MissingCount == d.ExtraCount:
		return "As many rows are wrong as are missing: perhaps a value is computed, rounded or formatted differently."
	}
	return ""
}

// compareOrder finds the first row out of place; the rows are known to be
// the same multiset.
func compareOrder(want, got [][]any) *Diff {
	for i := range want {
		if rowKey(want[i]) != rowKey(got[i]) {
			return &Diff{Kind: DiffOrder, Position: i + 1, WantRow: displayRow(want[i]), GotRow: displayRow(got[i])}
		}
	}
	return nil
}

// blobText is a blob shown as an SQL literal, X'CAFE'. It is a string for
// JSON, and a type of its own so that messages do not quote it as text.
type blobText string

// displayRow converts a row for a Verdict: blobs become X'..' text and long
// values are cut.
func displayRow(row []any) []any {
	out := make([]any, len(row))
	for i, v := range row {
		switch x := v.(type) {
		case []byte:
			if len(x) > maxShownBytes/2 {
				v = blobText(fmt.Sprintf("X'%X…' (%d bytes)", x[:maxShownBytes/4], len(x)))
			} else {
				v = blobText(fmt.Sprintf("X'%X'", x))
			}
		case string:
			if len(x) > maxShownBytes {
				v = strings.ToValidUTF8(x[:maxShownBytes], "") + "…"
			}
		}
		out[i] = v
	}
	return out
}

// displayTable returns the columns and at most n rows of t for a Verdict.
func displayTable(t *table, n int) ([]string, [][]any, int) {
	if t == nil {
		return nil, nil, 0
	}
	rows := make([][]any, 0, min(n, len(t.rows)))
	for _, r := range t.rows[:min(n, len(t.rows))] {
		rows = append(rows, displayRow(r))
	}
	return t.columns, rows, len(t.rows)
}

// formatRow writes a row the way SQL would: (3, 'Ana', NULL, 12.5).
func formatRow(row []any) string {
	parts := make([]string, len(row))
	for i, v := range row {
		parts[i] = formatValue(v)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func formatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return strconv.FormatFloat(x, 'f', 1, 64) // 45.0: a REAL, not the INTEGER 45
		}
		return strconv.FormatFloat(x, 'g', 10, 64)
	case string:
		return "'" + strings.ReplaceAll(x, "'", "''") + "'"
	case blobText:
		return string(x)
	}
	return fmt.Sprint(v)
}
