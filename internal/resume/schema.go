package resume

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"devpath/internal/app"
)

// MaxBytes is the largest resume document accepted: far above any
// real resume, small enough that a stray upload cannot tie up the server.
const MaxBytes = 2 << 20

// rootField names the whole document in error fields.
const rootField = "/"

// Schema checks documents against the JSON Resume schema. Build it
// once at start; it is safe for concurrent use.
type Schema struct {
	schema  *jsonschema.Schema
	printer *message.Printer
}

// LoadSchema compiles career/resume-schema.json from fsys. Formats
// (email, uri, date) are asserted: a resume with "email": "not-an-email"
// is refused rather than stored.
func LoadSchema(fsys fs.FS) (*Schema, error) {
	data, err := fs.ReadFile(fsys, schemaFile)
	if err != nil {
		return nil, fmt.Errorf("load resume schema: %w", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", schemaFile, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	// The schema's own $id is a placeholder; this name is only a key for
	// the compiler and is never fetched.
	const url = "devpath:resume-schema.json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("%s: %w", schemaFile, err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", schemaFile, err)
	}
	return &Schema{schema: sch, printer: message.NewPrinter(language.English)}, nil
}

// ValidateResume checks a JSON Resume document: its size, its syntax, the
// schema, and what the schema cannot say: that dates exist on the calendar
// and that no work, volunteer, education or project entry ends before it
// starts. The error is Invalid with
// Fields keyed by JSON pointer ("/work/0/endDate"); "/" is the whole
// document.
func (s *Schema) ValidateResume(doc []byte) error {
	if len(doc) > MaxBytes {
		return app.FieldError(rootField, fmt.Sprintf("the document is %s; the limit is 2 MB", sizeText(len(doc))))
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return app.FieldError(rootField, "not valid JSON: "+jsonProblem(doc))
	}
	problems := fieldProblems{}
	var verr *jsonschema.ValidationError
	if err := s.schema.Validate(inst); errors.As(err, &verr) {
		s.collect(verr, problems)
	} else if err != nil {
		return fmt.Errorf("validate resume: %w", err)
	}
	checkDates(inst, problems)
	return problems.err()
}

// collect records the leaves of a validation error tree: they are the
// specific problems; inner nodes only say "something below failed".
func (s *Schema) collect(e *jsonschema.ValidationError, problems fieldProblems) {
	if len(e.Causes) > 0 {
		for _, c := range e.Causes {
			s.collect(c, problems)
		}
		return
	}
	path := pointer(e.InstanceLocation)
	if req, ok := e.ErrorKind.(*kind.Required); ok {
		for _, m := range req.Missing {
			problems.add(pointer(slices.Concat(e.InstanceLocation, []string{m})), "is required")
		}
		return
	}
	if p, ok := e.ErrorKind.(*kind.Pattern); ok && strings.Contains(e.SchemaURL, "iso8601") {
		problems.add(path, fmt.Sprintf("“%s” is not a date: write it like 2024, 2024-05 or 2024-05-17", p.Got))
		return
	}
	if f, ok := e.ErrorKind.(*kind.Format); ok && formatWords[f.Want] != "" {
		problems.add(path, formatWords[f.Want])
		return
	}
	problems.add(path, e.ErrorKind.LocalizedString(s.printer))
}

// formatWords says what the formats the schema uses ask for, in words: the
// validator's own message names the format by its standard's term ("is not
// valid uri").
var formatWords = map[string]string{
	"email": "must be an email address, such as ada@example.org",
	"uri":   "must be a whole web address, such as https://example.org",
}

// pointer writes a JSON pointer (RFC 6901) for a path of member names and
// array indexes.
func pointer(tokens []string) string {
	if len(tokens) == 0 {
		return rootField
	}
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(escapeToken(t))
	}
	return b.String()
}

// fieldProblems gathers every problem per field, where app.Problems keeps
// only the first: a field can break two rules at once.
type fieldProblems map[string][]string

func (p fieldProblems) add(field, problem string) { p[field] = append(p[field], problem) }

func (p fieldProblems) err() error {
	out := app.Problems{}
	for f, list := range p {
		out.Add(f, strings.Join(list, "; "))
	}
	return out.Err()
}

// Which members of which sections hold dates.
const (
	datedSections = "work volunteer education projects" // startDate and endDate
	singleDates   = "awards:date certificates:date publications:releaseDate"
)

// checkDates reports dates the schema's pattern lets through but no
// calendar has (2023-13), and entries that end before they start. Dates may
// have a month and day or not; they are compared at the precision both
// have, so 2023 and 2023-05 are never out of order.
func checkDates(inst any, problems fieldProblems) {
	doc, _ := inst.(map[string]any)
	for _, section := range strings.Fields(datedSections) {
		for i, entry := range entries(doc, section) {
			start := checkResumeDate(entry, section, i, "startDate", problems)
			end := checkResumeDate(entry, section, i, "endDate", problems)
			if start != "" && end != "" && endsBeforeStart(start, end) {
				problems.add(pointer([]string{section, strconv.Itoa(i), "endDate"}),
					fmt.Sprintf("ends (%s) before it starts (%s)", end, start))
			}
		}
	}
	for _, sd := range strings.Fields(singleDates) {
		section, member, _ := strings.Cut(sd, ":")
		for i, entry := range entries(doc, section) {
			checkResumeDate(entry, section, i, member, problems)
		}
	}
}

func entries(doc map[string]any, section string) []map[string]any {
	list, _ := doc[section].([]any)
	out := make([]map[string]any, 0, len(list))
	for _, e := range list {
		m, _ := e.(map[string]any)
		out = append(out, m) // a nil map reads as empty: the schema reports the wrong type
	}
	return out
}

// checkResumeDate returns the entry's date when it is a real one, else "" after
// reporting it if the schema would not already have.
func checkResumeDate(entry map[string]any, section string, i int, member string, problems fieldProblems) string {
	s, _ := entry[member].(string)
	if !isPartialDate(s) {
		return "" // missing, or reported by the schema
	}
	layout := "2006-01-02"[:len(s)]
	if _, err := time.Parse(layout, s); err != nil {
		problems.add(pointer([]string{section, strconv.Itoa(i), member}), fmt.Sprintf("“%s” is not a date on the calendar", s))
		return ""
	}
	return s
}

func endsBeforeStart(start, end string) bool {
	n := min(len(start), len(end))
	return end[:n] < start[:n]
}

// isPartialDate accepts the shapes YYYY, YYYY-MM and YYYY-MM-DD, which
// then compare correctly as strings.
func isPartialDate(s string) bool {
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return false
	}
	for i, r := range s {
		if i == 4 || i == 7 {
			if r != '-' {
				return false
			}
		} else if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// jsonProblem says where a document stops being JSON, without echoing it.
func jsonProblem(doc []byte) string {
	var v any
	err := json.Unmarshal(doc, &v)
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		line, col := lineColumn(doc, max(syn.Offset-1, 0)) // Offset counts the offending byte
		return fmt.Sprintf("%s, on line %d at column %d", strings.TrimPrefix(syn.Error(), "json: "), line, col)
	}
	if err != nil {
		return err.Error()
	}
	return "unexpected content after the document"
}

// lineColumn turns a byte offset into the line and column a person counts
// in an editor, both from 1.
func lineColumn(doc []byte, offset int64) (line, col int) {
	before := doc[:min(int(offset), len(doc))]
	line = 1 + bytes.Count(before, []byte("\n"))
	col = 1 + utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])
	return line, col
}

func sizeText(n int) string {
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
