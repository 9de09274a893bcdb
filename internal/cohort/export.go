package cohort

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"devpath/internal/jobsearch"
)

// WriteCSV writes the dashboard as it is arranged: one line per learner,
// a column per step's percent done, and the flags' reasons.
func WriteCSV(w io.Writer, d Dashboard) error {
	cw := csv.NewWriter(w)
	head := []string{"name", "email", "percent", "done_hours", "hours", "expected_hours", "last_activity",
		"projected_finish", "days_late", "exercises_passed", "projects_passed", "flags", "mentor", "outcome"}
	for _, s := range d.Steps {
		head = append(head, "step "+s.ID)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, l := range d.Learners {
		last := ""
		if l.LastActivity != nil {
			last = l.LastActivity.UTC().Format("2006-01-02T15:04:05Z")
		}
		reasons := make([]string, len(l.Flags))
		for i, f := range l.Flags {
			reasons[i] = f.Reason
		}
		line := []string{jobsearch.SafeCell(l.Name), l.Email, ftoa(l.Summary.Percent), strconv.Itoa(l.Summary.DoneHrs),
			strconv.Itoa(l.Summary.Hours), strconv.Itoa(l.ExpectedHours), last, l.ProjectedFinish,
			strconv.Itoa(l.DaysLate), strconv.Itoa(l.ExercisesPassed), strconv.Itoa(l.ProjectsPassed),
			jobsearch.SafeCell(strings.Join(reasons, "; ")), jobsearch.SafeCell(l.Mentor), string(l.Result)}
		for _, s := range l.Summary.Steps {
			line = append(line, ftoa(s.Percent))
		}
		if err := cw.Write(line); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
