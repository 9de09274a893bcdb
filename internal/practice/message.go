package practice

import (
	"errors"
	"fmt"
	"strings"
)

const passMessage = "Correct! Your answer gives the expected result on the sample data, " +
	"and also on a hidden dataset with the same tables and other rows."

const hiddenPrefix = "Your answer fits the sample data but not another dataset with the same tables " +
	"and other rows, so it relies on something that only happens to be true of the sample: " +
	"a hard-coded id, name, date or count, or the order in which rows happen to be stored. " +
	"On that dataset, "

const rolledBackNote = "Note: a transaction was still open when your statements ended, so it was " +
	"rolled back, as it would be when the connection closes. Did you forget COMMIT?"

// showResult is a Verdict carrying the learner's result table (or, for an
// exercise graded by a check, the check's result).
func showResult(o *outcome, n int) Verdict {
	t := o.result
	if t == nil {
		t = o.check
	}
	var v Verdict
	v.Columns, v.Rows, v.TotalRows = displayTable(t, n)
	return v
}

// runErrorVerdict: the answer's statements could not run on ds.
func runErrorVerdict(ds Dataset, err error, shown Verdict) Verdict {
	var re *runError
	if !errors.As(err, &re) {
		v := shown
		v.Verdict, v.Reason, v.Cause = Error, ReasonInternal, err
		v.Message = "The grader could not prepare the exercise database. Please try again later."
		return v
	}
	v := stoppedVerdict(re, shown)
	if ds == Hidden && re.reason != ReasonCanceled {
		// The error's own text could tell what the hidden rows hold; its
		// kind is all that is said.
		v.Message = "Your answer runs on the sample data, but on a hidden dataset with the same tables " +
			"and other rows it stops with an error: " + hiddenErrors[re.reason] + " " +
			"Look for what your answer assumes about the data that only the sample makes true."
	}
	return v
}

// hiddenErrors say what kind of error an answer met on the hidden dataset.
var hiddenErrors = map[Reason]string{
	ReasonSQL:         "SQLite refused a statement (a constraint, or a value it could not use).",
	ReasonDenied:      "a statement tried something exercises do not allow.",
	ReasonTimeout:     "a statement ran past the time limit.",
	ReasonTooManyRows: "a statement returned more rows than the limit.",
	ReasonTooLarge:    "a value, the result or the database grew past a limit.",
}

func stoppedVerdict(re *runError, shown Verdict) Verdict {
	v := shown
	v.Verdict, v.Reason, v.Message = Error, re.reason, re.message
	return v
}

// referenceErrorVerdict: the reference answer failed. Running out of time
// is the answer's doing (it used up the budget); anything else is ours.
func referenceErrorVerdict(err error, shown Verdict) Verdict {
	var re *runError
	if errors.As(err, &re) && (re.reason == ReasonCanceled || re.reason == ReasonTimeout) {
		return stoppedVerdict(re, shown)
	}
	v := shown
	v.Verdict, v.Reason, v.Cause = Error, ReasonInternal, err
	v.Message = "This exercise could not be graded because its own reference answer failed. " +
		"That is our mistake, not yours; please report it."
	return v
}

func failVerdict(ex Exercise, d *Diff, rolledBack bool, shown Verdict) Verdict {
	v := shown
	v.Verdict, v.Diff = Fail, d
	var msg string
	if d.Dataset == Hidden {
		d.redact()
		msg = hiddenPrefix + lowerFirst(describeHidden(ex, d))
	} else {
		msg = describe(ex, d)
	}
	if rolledBack {
		msg += "\n\n" + rolledBackNote
	}
	v.Message = msg
	return v
}

// describe says in words what d found.
func describe(ex Exercise, d *Diff) string {
	var msg string
	switch d.Kind {
	case DiffColumns:
		msg = describeColumns(ex, d)
	case DiffRows:
		msg = describeRows(d)
	case DiffOrder:
		msg = fmt.Sprintf("The rows are right but not in the right order: row %d should be %s, not %s. "+
			"Check your ORDER BY, including how ties are broken.", d.Position, formatRow(d.WantRow), formatRow(d.GotRow))
	case DiffCheck:
		return fmt.Sprintf("After your statements, this check could not run:\n\n%s\n\nSQLite says: %s",
			indent(d.Statement), d.Error)
	case DiffProbe:
		return describeProbe(d)
	case DiffPlan:
		return describePlan(ex, d)
	}
	if d.Check {
		msg = fmt.Sprintf("After your statements, this check gives a different result than expected:\n\n%s\n\n%s",
			indent(d.Statement), msg)
	}
	return msg
}

// describeHidden says how a result differs on the hidden dataset without
// showing any of its rows: counts, columns and positions only.
func describeHidden(ex Exercise, d *Diff) string {
	var msg string
	switch d.Kind {
	case DiffColumns:
		return describeColumns(ex, d) // names of columns, from the schema and the answer
	case DiffRows:
		var parts []string
		if d.MissingCount > 0 {
			parts = append(parts, plural(d.MissingCount, "expected row is", "expected rows are")+" missing")
		}
		if d.ExtraCount > 0 {
			parts = append(parts, plural(d.ExtraCount, "row is", "rows are")+" there that should not be")
		}
		msg = strings.Join(parts, ", and ") + "."
	case DiffOrder:
		msg = fmt.Sprintf("The rows are right but not in the right order, from row %d on. "+
			"Check your ORDER BY, including how ties are broken.", d.Position)
	case DiffCheck, DiffProbe:
		return "after your statements, this check gives a different result than expected:\n\n" + indent(d.Statement)
	case DiffPlan:
		return describePlan(ex, d)
	}
	if d.Check {
		msg = "After your statements, this check gives a different result than expected:\n\n" + indent(d.Statement) + "\n\n" + msg
	}
	return msg
}

func describeColumns(ex Exercise, d *Diff) string {
	want := strings.Join(d.WantColumns, ", ")
	switch {
	case d.GotColumns == nil:
		return fmt.Sprintf("Your answer returned no table. This exercise expects a query (SELECT ...) "+
			"returning %s.", plural(len(d.WantColumns), "column", "columns"))
	case ex.columnMatch() == ByName && !d.Check:
		return fmt.Sprintf("The result should have the columns %s (in any order and letter case), "+
			"but yours are %s. Name a column with AS.", want, strings.Join(d.GotColumns, ", "))
	}
	return fmt.Sprintf("The result should have %s (%s), but yours has %d (%s).",
		plural(len(d.WantColumns), "column", "columns"), want, len(d.GotColumns), strings.Join(d.GotColumns, ", "))
}

func describeRows(d *Diff) string {
	var parts []string
	if d.MissingCount > 0 {
		parts = append(parts, fmt.Sprintf("%s missing%s\n\n%s",
			plural(d.MissingCount, "row is", "rows are"), forExample(d.MissingCount, d.Missing), rowLines(d.Missing)))
	}
	if d.ExtraCount > 0 {
		parts = append(parts, fmt.Sprintf("%s not be there%s\n\n%s",
			plural(d.ExtraCount, "row should", "rows should"), forExample(d.ExtraCount, d.Extra), rowLines(d.Extra)))
	}
	msg := strings.Join(parts, "\n\n")
	if d.hint != "" && !d.Check { // the hints are about queries, not checks
		msg += "\n\n" + d.hint
	}
	return msg
}

func forExample(n int, shown [][]any) string {
	if n > len(shown) {
		return ", for example:"
	}
	return ":"
}

func describeProbe(d *Diff) string {
	var msg string
	if d.probe.Expect == ExpectError {
		msg = fmt.Sprintf("After your statements, this statement should fail, but it worked:\n\n%s", indent(d.Statement))
	} else {
		msg = fmt.Sprintf("After your statements, this statement should work, but it failed:\n\n%s\n\nSQLite says: %s",
			indent(d.Statement), d.Error)
	}
	if d.probe.Why != "" {
		msg += "\n\n" + d.probe.Why
	}
	return msg
}

func describePlan(ex Exercise, d *Diff) string {
	if d.Error != "" {
		return fmt.Sprintf("After your statements, this query could not be planned:\n\n%s\n\nSQLite says: %s",
			indent(d.Statement), d.Error)
	}
	msg := fmt.Sprintf("After your statements, SQLite plans this query:\n\n%s\n\nlike this:\n\n%s",
		indent(d.Statement), indent(d.Plan))
	if ex.Plan != nil && ex.Plan.Why != "" {
		msg += "\n\n" + ex.Plan.Why
	}
	return msg
}

func rowLines(rows [][]any) string {
	lines := make([]string, len(rows))
	for i, r := range rows {
		lines[i] = "    " + formatRow(r)
	}
	return strings.Join(lines, "\n")
}

// indent sets text off as a Markdown code block.
func indent(text string) string {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	for i, l := range lines {
		lines[i] = "    " + l
	}
	return strings.Join(lines, "\n")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func lowerFirst(s string) string {
	if s == "" || strings.HasPrefix(s, "SQLite") {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
