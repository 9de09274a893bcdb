package web

import (
	"devpath/internal/resume"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"
)

// ResumePrinter turns resumes into HTML. Build it once; it is safe for
// concurrent use. html/template escapes every text and drops unsafe URLs
// (javascript: and the like), so a resume cannot inject markup.
type ResumePrinter struct {
	t   *template.Template
	css template.CSS
}

// NewResumePrinter parses the embedded resume template and stylesheet.
func NewResumePrinter() (*ResumePrinter, error) {
	t, err := template.ParseFS(files, "templates/print/resume.html")
	if err != nil {
		return nil, fmt.Errorf("resume template: %w", err)
	}
	css, err := files.ReadFile("templates/print/resume.css")
	if err != nil {
		return nil, fmt.Errorf("resume stylesheet: %w", err)
	}
	return &ResumePrinter{t: t, css: template.CSS(css)}, nil // our own file, not user input
}

// CSS is the resume's stylesheet, for pages that show ResumeHTML inside
// their own layout.
func (r *ResumePrinter) CSS() template.CSS { return r.css }

// ResumeHTML renders the resume as one <article class="resume">, to place
// in a page that includes CSS().
func (r *ResumePrinter) ResumeHTML(res resume.Resume) (template.HTML, error) {
	var b strings.Builder
	if err := r.t.ExecuteTemplate(&b, "resume", newResumeView(res, r.css)); err != nil {
		return "", fmt.Errorf("render resume: %w", err)
	}
	return template.HTML(b.String()), nil // produced by html/template, so escaped
}

// WritePage writes a standalone HTML page with the resume and its print
// stylesheet: printing it to PDF gives a one- or two-page resume.
func (r *ResumePrinter) WritePage(w io.Writer, res resume.Resume) error {
	if err := r.t.ExecuteTemplate(w, "resume-page", newResumeView(res, r.css)); err != nil {
		return fmt.Errorf("render resume page: %w", err)
	}
	return nil
}

// resumeView is what the template shows, already arranged and formatted.
type resumeView struct {
	Name, Label, Summary string
	Contacts             []linkView
	Sections             []sectionView
	CSS                  template.CSS
}

type linkView struct{ Text, URL string }

type sectionView struct {
	ID, Title string
	Compact   bool // one line per entry: skills, languages, interests
	Entries   []entryView
}

type entryView struct {
	Title, Subtitle, Dates, Place, URL string
	Summary, Quote                     string
	Items                              []string
	Tags                               string
}

func newResumeView(r resume.Resume, css template.CSS) resumeView {
	v := resumeView{Name: r.Basics.Name, Label: r.Basics.Label, Summary: r.Basics.Summary, CSS: css}
	v.Contacts = contacts(r.Basics)
	for _, s := range []sectionView{
		{ID: "experience", Title: "Experience", Entries: workEntries(r.Work)},
		{ID: "projects", Title: "Projects", Entries: projectEntries(r.Projects)},
		{ID: "education", Title: "Education", Entries: educationEntries(r.Education)},
		{ID: "volunteering", Title: "Volunteering", Entries: volunteerEntries(r.Volunteer)},
		{ID: "skills", Title: "Skills", Compact: true, Entries: skillEntries(r.Skills)},
		{ID: "certificates", Title: "Certificates", Entries: certificateEntries(r.Certificates)},
		{ID: "awards", Title: "Awards", Entries: awardEntries(r.Awards)},
		{ID: "publications", Title: "Publications", Entries: publicationEntries(r.Publications)},
		{ID: "languages", Title: "Languages", Compact: true, Entries: languageEntries(r.Languages)},
		{ID: "interests", Title: "Interests", Compact: true, Entries: interestEntries(r.Interests)},
		{ID: "references", Title: "References", Entries: referenceEntries(r.References)},
	} {
		if len(s.Entries) > 0 {
			v.Sections = append(v.Sections, s)
		}
	}
	return v
}

func contacts(b resume.Basics) []linkView {
	var out []linkView
	if b.Email != "" {
		out = append(out, linkView{b.Email, "mailto:" + b.Email})
	}
	if b.Phone != "" {
		out = append(out, linkView{b.Phone, "tel:" + strings.ReplaceAll(b.Phone, " ", "")})
	}
	if b.URL != "" {
		out = append(out, linkView{strings.TrimPrefix(strings.TrimPrefix(b.URL, "https://"), "http://"), b.URL})
	}
	if place := joinNonEmpty(", ", b.Location.City, b.Location.Region, b.Location.CountryCode); place != "" {
		out = append(out, linkView{Text: place})
	}
	for _, p := range b.Profiles {
		if label := joinNonEmpty(": ", p.Network, p.Username); label != "" {
			out = append(out, linkView{label, p.URL})
		}
	}
	return out
}

func workEntries(ws []resume.Work) []entryView {
	out := make([]entryView, 0, len(ws))
	for _, w := range ws {
		out = append(out, entryView{Title: w.Position, Subtitle: w.Name, Dates: period(w.StartDate, w.EndDate),
			Place: w.Location, URL: w.URL, Summary: w.Summary, Items: w.Highlights})
	}
	return out
}

func projectEntries(ps []resume.Project) []entryView {
	out := make([]entryView, 0, len(ps))
	for _, p := range ps {
		out = append(out, entryView{Title: p.Name, Subtitle: joinNonEmpty(", ", strings.Join(p.Roles, ", "), p.Entity),
			Dates: period(p.StartDate, p.EndDate), URL: p.URL, Summary: p.Description, Items: p.Highlights,
			Tags: strings.Join(p.Keywords, ", ")})
	}
	return out
}

func educationEntries(es []resume.Education) []entryView {
	out := make([]entryView, 0, len(es))
	for _, e := range es {
		v := entryView{Title: joinNonEmpty(" in ", e.StudyType, e.Area), Subtitle: e.Institution,
			Dates: period(e.StartDate, e.EndDate), URL: e.URL, Tags: strings.Join(e.Courses, ", ")}
		if e.Score != "" {
			v.Summary = "Grade: " + e.Score
		}
		out = append(out, v)
	}
	return out
}

func volunteerEntries(vs []resume.Volunteer) []entryView {
	out := make([]entryView, 0, len(vs))
	for _, v := range vs {
		out = append(out, entryView{Title: v.Position, Subtitle: v.Organization, Dates: period(v.StartDate, v.EndDate),
			URL: v.URL, Summary: v.Summary, Items: v.Highlights})
	}
	return out
}

func skillEntries(ss []resume.SkillGroup) []entryView {
	out := make([]entryView, 0, len(ss))
	for _, s := range ss {
		out = append(out, entryView{Title: s.Name, Subtitle: s.Level, Tags: strings.Join(s.Keywords, ", ")})
	}
	return out
}

func certificateEntries(cs []resume.Certificate) []entryView {
	out := make([]entryView, 0, len(cs))
	for _, c := range cs {
		out = append(out, entryView{Title: c.Name, Subtitle: c.Issuer, Dates: displayDate(c.Date), URL: c.URL})
	}
	return out
}

func awardEntries(as []resume.Award) []entryView {
	out := make([]entryView, 0, len(as))
	for _, a := range as {
		out = append(out, entryView{Title: a.Title, Subtitle: a.Awarder, Dates: displayDate(a.Date), Summary: a.Summary})
	}
	return out
}

func publicationEntries(ps []resume.Publication) []entryView {
	out := make([]entryView, 0, len(ps))
	for _, p := range ps {
		out = append(out, entryView{Title: p.Name, Subtitle: p.Publisher, Dates: displayDate(p.ReleaseDate), URL: p.URL, Summary: p.Summary})
	}
	return out
}

func languageEntries(ls []resume.Language) []entryView {
	out := make([]entryView, 0, len(ls))
	for _, l := range ls {
		out = append(out, entryView{Title: l.Language, Subtitle: l.Fluency})
	}
	return out
}

func interestEntries(is []resume.Interest) []entryView {
	out := make([]entryView, 0, len(is))
	for _, i := range is {
		out = append(out, entryView{Title: i.Name, Tags: strings.Join(i.Keywords, ", ")})
	}
	return out
}

func referenceEntries(rs []resume.Reference) []entryView {
	out := make([]entryView, 0, len(rs))
	for _, r := range rs {
		out = append(out, entryView{Subtitle: r.Name, Quote: r.Reference})
	}
	return out
}

// period shows a start and end date; an entry with a start and no end is
// still going on.
func period(start, end string) string {
	s, e := displayDate(start), displayDate(end)
	switch {
	case s == "" && e == "":
		return ""
	case s == "":
		return e
	case e == "":
		return s + " – present"
	case s == e:
		return s
	}
	return s + " – " + e
}

// displayDate shows an ISO 8601 date at month precision ("Feb 2024"), as
// resumes do; anything else is shown as written.
func displayDate(d string) string {
	for _, layout := range []string{"2006-01-02", "2006-01"} {
		if t, err := time.Parse(layout, d); err == nil {
			return t.Format("Jan 2006")
		}
	}
	return d
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}
