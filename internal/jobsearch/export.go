package jobsearch

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// ApplicationHistory is an application as exported: the opportunity and every
// stage change.
type ApplicationHistory struct {
	Company, Title, Location, SourceURL string
	Stage                               Stage // current; exported alone when History is empty
	History                             []StageChange
}

// CSVHeader is the first row of the export.
func CSVHeader() []string {
	return []string{"company", "title", "location", "source_url", "stage", "date", "notes"}
}

// WriteCSV writes one row per stage change (RFC 4180, via encoding/csv),
// in the order given, so that the file can serve as proof of applications.
// Dates are written YYYY-MM-DD in the location of each time: convert the
// times to the learner's time zone first.
func WriteCSV(w io.Writer, apps []ApplicationHistory) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader()); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	for _, a := range apps {
		changes := a.History
		if len(changes) == 0 {
			changes = []StageChange{{Stage: a.Stage}}
		}
		for _, c := range changes {
			date := ""
			if !c.At.IsZero() {
				date = c.At.Format(dateLayout)
			}
			row := []string{SafeCell(a.Company), SafeCell(a.Title), SafeCell(a.Location), SafeCell(a.SourceURL), string(c.Stage), date, SafeCell(c.Notes)}
			if err := cw.Write(row); err != nil {
				return fmt.Errorf("write csv: %w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// SafeCell keeps spreadsheets from running what a person typed as a formula
// (a company named "=HYPERLINK(...)"): such a cell starts with an
// apostrophe, which spreadsheets show as text and do not display.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
