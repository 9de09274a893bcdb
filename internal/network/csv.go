package network

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"devpath/internal/app"
)

// CSVField is the contact field a CSV column fills; Skip leaves the column out.
type CSVField string

const (
	Skip         CSVField = ""
	FullName     CSVField = "name"
	FirstName    CSVField = "first_name"
	LastName     CSVField = "last_name"
	EmailField   CSVField = "email"
	CompanyField CSVField = "company"
	RoleField    CSVField = "role"
	LinkField    CSVField = "link" // any address, filed as LinkedIn, GitHub or website by its host
	LinkedInLink CSVField = "linkedin"
	GitHubLink   CSVField = "github"
	WebsiteLink  CSVField = "website"
	HowMetField  CSVField = "how_met"
	TagsField    CSVField = "tags"
	NotesField   CSVField = "notes"
	ConnectedOn  CSVField = "connected_on" // a day, kept in the notes
)

// CSVFieldLabels are the fields a column can fill, in the order a mapping form offers them.
var CSVFieldLabels = []Labelled[CSVField]{
	{Skip, "(leave out)"},
	{FullName, "Name"},
	{FirstName, "First name"},
	{LastName, "Last name"},
	{EmailField, "Email"},
	{CompanyField, "Company"},
	{RoleField, "Role"},
	{LinkField, "Link (filed by its address)"},
	{LinkedInLink, "LinkedIn"},
	{GitHubLink, "GitHub"},
	{WebsiteLink, "Website"},
	{HowMetField, "How you know them"},
	{TagsField, "Tags"},
	{NotesField, "Notes"},
	{ConnectedOn, "Connected on"},
}

// headerFields propose a field for a column by its header, compared in
// lower case without spaces or punctuation. LinkedIn's Connections.csv
// (First Name, Last Name, URL, Email Address, Company, Position,
// Connected On) maps whole.
var headerFields = map[string]CSVField{
	"name": FullName, "fullname": FullName, "displayname": FullName, "contact": FullName,
	"firstname": FirstName, "givenname": FirstName, "first": FirstName,
	"lastname": LastName, "surname": LastName, "familyname": LastName, "last": LastName,
	"email": EmailField, "emailaddress": EmailField, "mail": EmailField, "email1value": EmailField,
	"company": CompanyField, "organization": CompanyField, "organisation": CompanyField, "employer": CompanyField, "organizationname": CompanyField,
	"position": RoleField, "title": RoleField, "jobtitle": RoleField, "role": RoleField, "organizationtitle": RoleField,
	"url": LinkField, "link": LinkField, "profile": LinkField, "profileurl": LinkField,
	"linkedin": LinkedInLink, "linkedinurl": LinkedInLink, "linkedinprofile": LinkedInLink,
	"github": GitHubLink, "githuburl": GitHubLink,
	"website": WebsiteLink, "homepage": WebsiteLink, "web": WebsiteLink,
	"howmet": HowMetField, "howweknoweachother": HowMetField,
	"tags": TagsField, "labels": TagsField, "categories": TagsField, "groups": TagsField,
	"notes": NotesField, "note": NotesField, "comments": NotesField,
	"connectedon": ConnectedOn, "connected": ConnectedOn,
}

// Table is a CSV file read for import: its header and the rows under it,
// each with the line it starts on.
type Table struct {
	Header []string
	Rows   []Row
}

// Row is one record of a CSV file.
type Row struct {
	Line  int
	Cells []string
}

// ParseCSV reads a CSV file of contacts. Lines before the header are
// passed over: the header is the first record with two or more cells
// filled (LinkedIn's export starts with a few lines of notes), or the first
// record when none has. Blank rows are passed over. Problems are under field.
func ParseCSV(data []byte, field string) (Table, error) {
	if len(data) > MaxImportBytes {
		return Table{}, app.FieldError(field, fmt.Sprintf("larger than %d MiB", MaxImportBytes>>20))
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.FieldsPerRecord, r.LazyQuotes = -1, true
	var rows []Row
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return Table{}, app.FieldError(field, fmt.Sprintf("line %d: %v", pe.Line, pe.Err))
			}
			return Table{}, app.FieldError(field, "is not a CSV file: "+err.Error())
		}
		if filled(rec) == 0 {
			continue
		}
		line, _ := r.FieldPos(0)
		rows = append(rows, Row{Line: line, Cells: rec})
	}
	if len(rows) == 0 {
		return Table{}, app.FieldError(field, "is empty: a CSV file has a header line, then a line per person")
	}
	head := 0
	for i, row := range rows {
		if filled(row.Cells) >= 2 {
			head = i
			break
		}
	}
	t := Table{Header: trimAll(rows[head].Cells), Rows: rows[head+1:]}
	switch {
	case len(t.Rows) == 0:
		return Table{}, app.FieldError(field, fmt.Sprintf("has a header (line %d) and no people under it", rows[head].Line))
	case len(t.Rows) > maxImportContacts:
		return Table{}, app.FieldError(field, fmt.Sprintf("has more than %d people", maxImportContacts))
	}
	return t, nil
}

func filled(cells []string) int {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

func trimAll(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.TrimSpace(c)
	}
	return out
}

// ProposeMapping guesses the field of each column from its header; a
// field goes to the first column that names it, later ones are left out.
func ProposeMapping(header []string) []CSVField {
	out := make([]CSVField, len(header))
	used := map[CSVField]bool{}
	for i, h := range header {
		f := headerFields[squash(h)]
		if f != Skip && !used[f] {
			out[i], used[f] = f, true
		}
	}
	return out
}

// squash is a header in lower case without spaces or punctuation.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// CheckMapping names every problem of a mapping for a file of columns
// columns: its length, a field it does not know, a field filled twice, and
// the want of a name.
func CheckMapping(m []CSVField, columns int) error {
	p := app.Problems{}
	if len(m) != columns {
		p.Add("mapping", fmt.Sprintf("gives %d columns; the file has %d", len(m), columns))
	}
	first := map[CSVField]int{}
	for i, f := range m {
		at := fmt.Sprintf("mapping[%d]", i)
		switch j, seen := first[f]; {
		case !validField(f):
			p.Add(at, "one of "+values(CSVFieldLabels[1:])+", or empty to leave the column out")
		case f != Skip && seen:
			p.Add(at, fmt.Sprintf("column %d already fills %s", j+1, f))
		default:
			first[f] = i
		}
	}
	_, name := first[FullName]
	_, given := first[FirstName]
	_, family := first[LastName]
	if !name && !given && !family {
		p.Add("mapping", "no column fills the name: choose Name, or First name and Last name, for one")
	}
	return p.Err()
}

func validField(f CSVField) bool {
	for _, l := range CSVFieldLabels {
		if l.Value == f {
			return true
		}
	}
	return false
}

// maxRowProblems bounds the lines a refused file names.
const maxRowProblems = 10

// ContactsOf makes a contact of each row through a checked mapping. Every
// row must make a valid contact or none is returned: the error, under
// field, names each wrong line (the first ten) and what is wrong on it.
func (t Table) ContactsOf(m []CSVField, field string) ([]Contact, error) {
	out := make([]Contact, 0, len(t.Rows))
	var wrong []string
	for _, row := range t.Rows {
		c, err := contactOfRow(row.Cells, m)
		c = c.Normalized()
		err = app.Merge(err, c.Validate(nil))
		if err != nil {
			who := ""
			if c.Name != "" {
				who = fmt.Sprintf(" (%q)", c.Name)
			}
			wrong = append(wrong, fmt.Sprintf("line %d%s: %s", row.Line, who, problemText(err)))
			if len(wrong) == maxRowProblems {
				break
			}
			continue
		}
		out = append(out, c)
	}
	if len(wrong) > 0 {
		return nil, app.FieldError(field, strings.Join(wrong, "; "))
	}
	return out, nil
}

// contactOfRow fills a contact from a row's cells by the mapping.
func contactOfRow(cells []string, m []CSVField) (Contact, error) {
	var c Contact
	var first, last string
	var err error
	for i, f := range m {
		if i >= len(cells) {
			break
		}
		v := strings.TrimSpace(cells[i])
		if v == "" {
			continue
		}
		switch f {
		case FullName:
			c.Name = v
		case FirstName:
			first = v
		case LastName:
			last = v
		case EmailField:
			c.Email = v
		case CompanyField:
			c.Company = v
		case RoleField:
			c.Role = v
		case LinkField:
			c.Links = c.Links.with(LinksOf(v))
		case LinkedInLink:
			c.Links.LinkedIn = v
		case GitHubLink:
			c.Links.GitHub = v
		case WebsiteLink:
			c.Links.Website = v
		case HowMetField:
			c.HowMet = HowMet(strings.ToLower(v))
		case TagsField:
			c.Tags = strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' })
		case NotesField:
			c.Notes = joinNote(c.Notes, v)
		case ConnectedOn:
			day, derr := parseDay(v)
			if derr != nil {
				err = app.FieldError("connected_on", fmt.Sprintf("%q is not a day such as 12 Jan 2024 or 2024-01-12", v))
				continue
			}
			c.Notes = joinNote(c.Notes, "Connected on "+day+".")
		}
	}
	if c.Name == "" {
		c.Name = strings.TrimSpace(first + " " + last)
	}
	return c, err
}

func joinNote(notes, more string) string {
	if notes == "" {
		return more
	}
	return notes + "\n\n" + more
}

// dayLayouts are the ways exports write a day: LinkedIn's "12 Jan 2024" and ISO 8601.
var dayLayouts = []string{"02 Jan 2006", "2 Jan 2006", time.DateOnly, "Jan 2, 2006", "2 January 2006", "January 2, 2006"}

func parseDay(v string) (string, error) {
	var err error
	for _, layout := range dayLayouts {
		var t time.Time
		if t, err = time.Parse(layout, v); err == nil {
			return t.Format(time.DateOnly), nil
		}
	}
	return "", err
}

// Column is one column of a CSV file as an import shows it: its header,
// the field it fills and its value on the first row.
type Column struct {
	Header string   `json:"header"`
	Field  CSVField `json:"field" doc:"the contact field it fills; empty when left out"`
	Sample string   `json:"sample" doc:"its value on the first row"`
}

// CSVImport is what a CSV import did or would do, with the mapping it used.
type CSVImport struct {
	Columns []Column `json:"columns"`
	Preview
}

// ImportCSV reads a CSV file through mapping (the proposed mapping when
// nil) and previews the import or, unless dryRun, stores the new contacts
// in one transaction. A wrong mapping or row still returns the columns, so
// a form can show them beside the problems. Problems of the file are under
// "csv", of the mapping under "mapping".
func (s *Service) ImportCSV(ctx context.Context, user int64, data []byte, mapping []CSVField, dryRun bool) (CSVImport, error) {
	t, err := ParseCSV(data, "csv")
	if err != nil {
		return CSVImport{}, err
	}
	if mapping == nil {
		mapping = ProposeMapping(t.Header)
	}
	out := CSVImport{Columns: t.columns(mapping)}
	if err := CheckMapping(mapping, len(t.Header)); err != nil {
		return out, err
	}
	cs, err := t.ContactsOf(mapping, "csv")
	if err != nil {
		return out, err
	}
	lines := make([]int, len(t.Rows))
	for i, row := range t.Rows {
		lines[i] = row.Line
	}
	out.Preview, err = s.importContacts(ctx, user, cs, lines, dryRun)
	return out, err
}

// columns describes the table's columns under mapping.
func (t Table) columns(mapping []CSVField) []Column {
	out := make([]Column, len(t.Header))
	for i, h := range t.Header {
		out[i].Header = h
		if i < len(mapping) {
			out[i].Field = mapping[i]
		}
		if cells := t.Rows[0].Cells; i < len(cells) {
			out[i].Sample = strings.TrimSpace(cells[i])
		}
	}
	return out
}
