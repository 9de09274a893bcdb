package practice

import "time"

// Outcome is the overall result of grading one answer.
type Outcome string

// Outcomes.
const (
	Pass  Outcome = "pass"  // same result as the reference on both datasets
	Fail  Outcome = "fail"  // the answer ran, but its result differs
	Error Outcome = "error" // the answer could not be run to the end, or not graded
)

// Reason says, for programs, why a verdict is an Error; Message says it for
// people.
type Reason string

// Reasons for an Error verdict.
const (
	ReasonSQL         Reason = "sql"           // SQLite rejected a statement: syntax, unknown name, constraint
	ReasonDenied      Reason = "denied"        // a statement reached outside the exercise database
	ReasonTimeout     Reason = "timeout"       // a statement ran past the time limit
	ReasonTooManyRows Reason = "too_many_rows" // a statement returned more rows than the limit
	ReasonTooLarge    Reason = "too_large"     // the answer, a value or the database grew past a limit
	ReasonStatements  Reason = "statements"    // no statement, or more than the exercise allows
	ReasonBusy        Reason = "busy"          // too many gradings at once; try again shortly
	ReasonCanceled    Reason = "canceled"      // the caller's context ended
	ReasonInternal    Reason = "internal"      // the exercise itself is broken
)

// Dataset names one of the two datasets an answer is graded on.
type Dataset string

// Datasets.
const (
	Visible Dataset = "visible" // the rows learners see (data.sql)
	Hidden  Dataset = "hidden"  // other rows in the same tables (hidden.sql)
)

// Verdict is the result of grading one answer.
type Verdict struct {
	Verdict Outcome `json:"verdict"`
	Reason  Reason  `json:"reason,omitempty"` // set for Error
	Message string  `json:"message"`          // for the learner, in plain words
	Diff    *Diff   `json:"diff,omitempty"`   // set for Fail

	// Columns and Rows are the learner's result on the visible dataset:
	// the last table the statements returned, or the check query's result
	// for exercises graded by a check. Rows holds at most Limits.ShowRows
	// rows of TotalRows; values are nil, int64, float64 or string (blobs
	// are shown as X'..' text).
	Columns   []string `json:"columns,omitempty"`
	Rows      [][]any  `json:"rows,omitempty"`
	TotalRows int      `json:"total_rows"`

	Duration time.Duration `json:"duration_ns"`

	// Cause is, for ReasonInternal, the error behind it: for the server's
	// log, never for the learner.
	Cause error `json:"-"`
}

// DiffKind says what differs.
type DiffKind string

// Kinds of difference, in the order they are looked for.
const (
	DiffColumns DiffKind = "columns" // column count or names differ, or no table was returned
	DiffRows    DiffKind = "rows"    // rows are missing or extra
	DiffOrder   DiffKind = "order"   // the right rows in the wrong order
	DiffProbe   DiffKind = "probe"   // a probe statement succeeded or failed when it should not
	DiffPlan    DiffKind = "plan"    // the query plan does not look as required
	DiffCheck   DiffKind = "check"   // the check query could not run after the answer
)

// Diff describes the first difference found, with a few sample rows.
type Diff struct {
	Kind    DiffKind `json:"kind"`
	Dataset Dataset  `json:"dataset"`
	Check   bool     `json:"check,omitempty"` // the difference is in the check query's result

	WantColumns []string `json:"want_columns,omitempty"` // DiffColumns
	GotColumns  []string `json:"got_columns,omitempty"`

	Missing      [][]any `json:"missing,omitempty"` // DiffRows: sample rows expected but absent
	MissingCount int     `json:"missing_count,omitempty"`
	Extra        [][]any `json:"extra,omitempty"` // DiffRows: sample rows present but not expected
	ExtraCount   int     `json:"extra_count,omitempty"`

	Position int   `json:"position,omitempty"` // DiffOrder: first 1-based row out of place
	WantRow  []any `json:"want_row,omitempty"`
	GotRow   []any `json:"got_row,omitempty"`

	Statement string `json:"statement,omitempty"` // DiffProbe: the probe; DiffPlan: the query
	Error     string `json:"error,omitempty"`     // DiffProbe: the error the probe met, if any
	Plan      string `json:"plan,omitempty"`      // DiffPlan: the plan, one step per line

	hint  string // a likely cause, for the message
	probe Probe  // DiffProbe: the probe, for its Why
}

// redact drops what a difference on the hidden dataset must not show: its
// rows, and error text that could quote them. Counts, columns and positions
// stay.
func (d *Diff) redact() {
	d.Missing, d.Extra, d.WantRow, d.GotRow, d.Error = nil, nil, nil, nil, ""
}
