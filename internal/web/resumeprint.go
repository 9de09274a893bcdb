package web

import (
	"crypto/sha256"
	"devpath/internal/resume"
	"encoding/base64"
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
	t         *template.Template
	css       template.CSS
	styleHash string // the stylesheet's CSP hash, for the standalone page
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
	sum := sha256.Sum256(css)
	hash := "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
	return &ResumePrinter{t: t, css: template.CSS(css), styleHash: hash}, nil // our own file, not user input
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
		{ID: "experience", Title: "Experience", Entries: entries(r.Work, workEntry)},
		{ID: "projects", Title: "Projects", Entries: entries(r.Projects, projectEntry)},
		{ID: "education", Title: "Education", Entries: entries(r.Education, educationEntry)},
		{ID: "volunteering", Title: "Volunteering", Entries: entries(r.Volunteer, volunteerEntry)},
		{ID: "skills", Title: "Skills", Compact: true, Entries: entries(r.Skills, skillEntry)},
		{ID: "certificates", Title: "Certificates", Entries: entries(r.Certificates, certificateEntry)},
		{ID: "awards", Title: "Awards", Entries: entries(r.Awards, awardEntry)},
		{ID: "publications", Title: "Publications", Entries: entries(r.Publications, publicationEntry)},
		{ID: "languages", Title: "Languages", Compact: true, Entries: entries(r.Languages, languageEntry)},
		{ID: "interests", Title: "Interests", Compact: true, Entries: entries(r.Interests, interestEntry)},
		{ID: "references", Title: "References", Entries: entries(r.References, referenceEntry)},
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

// entries maps a resume section's items to the entries the template shows.
func entries[T any](items []T, entry func(T) entryView) []entryView {
	out := make([]entryView, 0, len(items))
	for _, it := range items {
		out = append(out, entry(it))
	}
	return out
}

func workEntry(w resume.Work) entryView {
	return entryView{Title: w.Position, Subtitle: w.Name, Dates: period(w.StartDate, w.EndDate),
		Place: w.Location, URL: w.URL, Summary: w.Summary, Items: w.Highlights}
}

func projectEntry(p resume.Project) entryView {
	return entryView{Title: p.Name, Subtitle: joinNonEmpty(", ", strings.Join(p.Roles, ", "), p.Entity),
		Dates: period(p.StartDate, p.EndDate), URL: p.URL, Summary: p.Description, Items: p.Highlights,
		Tags: strings.Join(p.Keywords, ", ")}
}

func educationEntry(e resume.Education) entryView {
	v := entryView{Title: joinNonEmpty(" in ", e.StudyType, e.Area), Subtitle: e.Institution,
		Dates: period(e.StartDate, e.EndDate), URL: e.URL, Tags: strings.Join(e.Courses, ", ")}
	if e.Score != "" {
		v.Summary = "Grade: " + e.Score
	}
	return v
}

func volunteerEntry(v resume.Volunteer) entryView {
	return entryView{Title: v.Position, Subtitle: v.Organization, Dates: period(v.StartDate, v.EndDate),
		URL: v.URL, Summary: v.Summary, Items: v.Highlights}
}

func skillEntry(s resume.SkillGroup) entryView {
	return entryView{Title: s.Name, Subtitle: s.Level, Tags: strings.Join(s.Keywords, ", ")}
}

func certificateEntry(c resume.Certificate) entryView {
	return entryView{Title: c.Name, Subtitle: c.Issuer, Dates: displayDate(c.Date), URL: c.URL}
}

func awardEntry(a resume.Award) entryView {
	return entryView{Title: a.Title, Subtitle: a.Awarder, Dates: displayDate(a.Date), Summary: a.Summary}
}

func publicationEntry(p resume.Publication) entryView {
	return entryView{Title: p.Name, Subtitle: p.Publisher, Dates: displayDate(p.ReleaseDate), URL: p.URL, Summary: p.Summary}
}

func languageEntry(l resume.Language) entryView {
	return entryView{Title: l.Language, Subtitle: l.Fluency}
}

func interestEntry(i resume.Interest) entryView {
	return entryView{Title: i.Name, Tags: strings.Join(i.Keywords, ", ")}
}

func referenceEntry(r resume.Reference) entryView {
	return entryView{Subtitle: r.Name, Quote: r.Reference}
}

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
