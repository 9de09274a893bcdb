package resume

import (
	"bytes"
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"

	"devpath/internal/app"
)

// Resume is a JSON Resume document (schema 1.2.x). Members the types below
// do not name are kept in Extra and written back, so reading and writing a
// resume loses nothing but empty strings, arrays and objects.
type Resume struct {
	Schema       string        `json:"$schema,omitempty"`
	Basics       Basics        `json:"basics,omitzero"`
	Work         []Work        `json:"work,omitempty"`
	Volunteer    []Volunteer   `json:"volunteer,omitempty"`
	Education    []Education   `json:"education,omitempty"`
	Awards       []Award       `json:"awards,omitempty"`
	Certificates []Certificate `json:"certificates,omitempty"`
	Publications []Publication `json:"publications,omitempty"`
	Skills       []SkillGroup  `json:"skills,omitempty"`
	Languages    []Language    `json:"languages,omitempty"`
	Interests    []Interest    `json:"interests,omitempty"`
	References   []Reference   `json:"references,omitempty"`
	Projects     []Project     `json:"projects,omitempty"`
	Meta         Meta          `json:"meta,omitzero"`
	Extra        Extra         `json:"-"`
}

// Basics is who the resume is about.
type Basics struct {
	Name     string    `json:"name,omitempty"`
	Label    string    `json:"label,omitempty"`
	Image    string    `json:"image,omitempty"`
	Email    string    `json:"email,omitempty"`
	Phone    string    `json:"phone,omitempty"`
	URL      string    `json:"url,omitempty"`
	Summary  string    `json:"summary,omitempty"`
	Location Location  `json:"location,omitzero"`
	Profiles []Profile `json:"profiles,omitempty"`
	Extra    Extra     `json:"-"`
}

// Location is where the person lives.
type Location struct {
	Address     string `json:"address,omitempty"`
	PostalCode  string `json:"postalCode,omitempty"`
	City        string `json:"city,omitempty"`
	CountryCode string `json:"countryCode,omitempty"`
	Region      string `json:"region,omitempty"`
	Extra       Extra  `json:"-"`
}

// Profile is an account on a network such as GitHub or LinkedIn.
type Profile struct {
	Network  string `json:"network,omitempty"`
	Username string `json:"username,omitempty"`
	URL      string `json:"url,omitempty"`
	Extra    Extra  `json:"-"`
}

// Work is a job. Dates are ISO 8601 with optional month and day.
type Work struct {
	Name        string   `json:"name,omitempty"`
	Location    string   `json:"location,omitempty"`
	Description string   `json:"description,omitempty"`
	Position    string   `json:"position,omitempty"`
	URL         string   `json:"url,omitempty"`
	StartDate   string   `json:"startDate,omitempty"`
	EndDate     string   `json:"endDate,omitempty"`
	Summary     string   `json:"summary,omitempty"`
	Highlights  []string `json:"highlights,omitempty"`
	Extra       Extra    `json:"-"`
}

// Volunteer is unpaid work.
type Volunteer struct {
	Organization string   `json:"organization,omitempty"`
	Position     string   `json:"position,omitempty"`
	URL          string   `json:"url,omitempty"`
	StartDate    string   `json:"startDate,omitempty"`
	EndDate      string   `json:"endDate,omitempty"`
	Summary      string   `json:"summary,omitempty"`
	Highlights   []string `json:"highlights,omitempty"`
	Extra        Extra    `json:"-"`
}

// Education is a degree, bootcamp or course of study.
type Education struct {
	Institution string   `json:"institution,omitempty"`
	URL         string   `json:"url,omitempty"`
	Area        string   `json:"area,omitempty"`
	StudyType   string   `json:"studyType,omitempty"`
	StartDate   string   `json:"startDate,omitempty"`
	EndDate     string   `json:"endDate,omitempty"`
	Score       string   `json:"score,omitempty"`
	Courses     []string `json:"courses,omitempty"`
	Extra       Extra    `json:"-"`
}

// Award is a prize or distinction.
type Award struct {
	Title   string `json:"title,omitempty"`
	Date    string `json:"date,omitempty"`
	Awarder string `json:"awarder,omitempty"`
	Summary string `json:"summary,omitempty"`
	Extra   Extra  `json:"-"`
}

// Certificate is a certification.
type Certificate struct {
	Name   string `json:"name,omitempty"`
	Date   string `json:"date,omitempty"`
	URL    string `json:"url,omitempty"`
	Issuer string `json:"issuer,omitempty"`
	Extra  Extra  `json:"-"`
}

// Publication is an article, paper or book.
type Publication struct {
	Name        string `json:"name,omitempty"`
	Publisher   string `json:"publisher,omitempty"`
	ReleaseDate string `json:"releaseDate,omitempty"`
	URL         string `json:"url,omitempty"`
	Summary     string `json:"summary,omitempty"`
	Extra       Extra  `json:"-"`
}

// SkillGroup is one entry of the resume's skills: a named group of keywords.
type SkillGroup struct {
	Name     string   `json:"name,omitempty"`
	Level    string   `json:"level,omitempty"`
	Keywords []string `json:"keywords,omitempty"`
	Extra    Extra    `json:"-"`
}

// Language is a spoken language.
type Language struct {
	Language string `json:"language,omitempty"`
	Fluency  string `json:"fluency,omitempty"`
	Extra    Extra  `json:"-"`
}

// Interest is a hobby or field of interest.
type Interest struct {
	Name     string   `json:"name,omitempty"`
	Keywords []string `json:"keywords,omitempty"`
	Extra    Extra    `json:"-"`
}

// Reference is a recommendation.
type Reference struct {
	Name      string `json:"name,omitempty"`
	Reference string `json:"reference,omitempty"`
	Extra     Extra  `json:"-"`
}

// Project is something the person built.
type Project struct {
	Name        string   `json:"name,omitempty"`
	Description string   `json:"description,omitempty"`
	Highlights  []string `json:"highlights,omitempty"`
	Keywords    []string `json:"keywords,omitempty"`
	StartDate   string   `json:"startDate,omitempty"`
	EndDate     string   `json:"endDate,omitempty"`
	URL         string   `json:"url,omitempty"`
	Roles       []string `json:"roles,omitempty"`
	Entity      string   `json:"entity,omitempty"`
	Type        string   `json:"type,omitempty"`
	Extra       Extra    `json:"-"`
}

// Meta is the document's own metadata.
type Meta struct {
	Canonical    string `json:"canonical,omitempty"`
	Version      string `json:"version,omitempty"`
	LastModified string `json:"lastModified,omitempty"`
	Extra        Extra  `json:"-"`
}

// Extra holds the members of a JSON object that its Go type does not name
// (a theme's settings, a tool's own fields), exactly as they were written.
type Extra map[string]json.RawMessage

// ParseResume reads a JSON Resume document. Validate it first with
// Schema.ValidateResume: this only checks that it fits the Go types.
func ParseResume(doc []byte) (Resume, error) {
	var r Resume
	if err := json.Unmarshal(doc, &r); err != nil {
		return Resume{}, app.FieldError("/", "not a JSON Resume document: "+err.Error())
	}
	return r, nil
}

// Each type reads and writes itself through a method-less copy of itself
// ("plain"), adding what Extra holds.

func (r *Resume) UnmarshalJSON(b []byte) error {
	type plain Resume
	return decodeKeeping(b, (*plain)(r), &r.Extra)
}

func (r Resume) MarshalJSON() ([]byte, error) {
	type plain Resume
	return encodeKeeping(plain(r), r.Extra)
}

func (b *Basics) UnmarshalJSON(d []byte) error {
	type plain Basics
	return decodeKeeping(d, (*plain)(b), &b.Extra)
}

func (b Basics) MarshalJSON() ([]byte, error) {
	type plain Basics
	return encodeKeeping(plain(b), b.Extra)
}

func (l *Location) UnmarshalJSON(d []byte) error {
	type plain Location
	return decodeKeeping(d, (*plain)(l), &l.Extra)
}

func (l Location) MarshalJSON() ([]byte, error) {
	type plain Location
	return encodeKeeping(plain(l), l.Extra)
}

func (p *Profile) UnmarshalJSON(d []byte) error {
	type plain Profile
	return decodeKeeping(d, (*plain)(p), &p.Extra)
}

func (p Profile) MarshalJSON() ([]byte, error) {
	type plain Profile
	return encodeKeeping(plain(p), p.Extra)
}

func (w *Work) UnmarshalJSON(d []byte) error {
	type plain Work
	return decodeKeeping(d, (*plain)(w), &w.Extra)
}

func (w Work) MarshalJSON() ([]byte, error) {
	type plain Work
	return encodeKeeping(plain(w), w.Extra)
}

func (v *Volunteer) UnmarshalJSON(d []byte) error {
	type plain Volunteer
	return decodeKeeping(d, (*plain)(v), &v.Extra)
}

func (v Volunteer) MarshalJSON() ([]byte, error) {
	type plain Volunteer
	return encodeKeeping(plain(v), v.Extra)
}

func (e *Education) UnmarshalJSON(d []byte) error {
	type plain Education
	return decodeKeeping(d, (*plain)(e), &e.Extra)
}

func (e Education) MarshalJSON() ([]byte, error) {
	type plain Education
	return encodeKeeping(plain(e), e.Extra)
}

func (a *Award) UnmarshalJSON(d []byte) error {
	type plain Award
	return decodeKeeping(d, (*plain)(a), &a.Extra)
}

func (a Award) MarshalJSON() ([]byte, error) {
	type plain Award
	return encodeKeeping(plain(a), a.Extra)
}

func (c *Certificate) UnmarshalJSON(d []byte) error {
	type plain Certificate
	return decodeKeeping(d, (*plain)(c), &c.Extra)
}

func (c Certificate) MarshalJSON() ([]byte, error) {
	type plain Certificate
	return encodeKeeping(plain(c), c.Extra)
}

func (p *Publication) UnmarshalJSON(d []byte) error {
	type plain Publication
	return decodeKeeping(d, (*plain)(p), &p.Extra)
}

func (p Publication) MarshalJSON() ([]byte, error) {
	type plain Publication
	return encodeKeeping(plain(p), p.Extra)
}

func (s *SkillGroup) UnmarshalJSON(d []byte) error {
	type plain SkillGroup
	return decodeKeeping(d, (*plain)(s), &s.Extra)
}

func (s SkillGroup) MarshalJSON() ([]byte, error) {
	type plain SkillGroup
	return encodeKeeping(plain(s), s.Extra)
}

func (l *Language) UnmarshalJSON(d []byte) error {
	type plain Language
	return decodeKeeping(d, (*plain)(l), &l.Extra)
}

func (l Language) MarshalJSON() ([]byte, error) {
	type plain Language
	return encodeKeeping(plain(l), l.Extra)
}

func (i *Interest) UnmarshalJSON(d []byte) error {
	type plain Interest
	return decodeKeeping(d, (*plain)(i), &i.Extra)
}

func (i Interest) MarshalJSON() ([]byte, error) {
	type plain Interest
	return encodeKeeping(plain(i), i.Extra)
}

func (r *Reference) UnmarshalJSON(d []byte) error {
	type plain Reference
	return decodeKeeping(d, (*plain)(r), &r.Extra)
}

func (r Reference) MarshalJSON() ([]byte, error) {
	type plain Reference
	return encodeKeeping(plain(r), r.Extra)
}

func (p *Project) UnmarshalJSON(d []byte) error {
	type plain Project
	return decodeKeeping(d, (*plain)(p), &p.Extra)
}

func (p Project) MarshalJSON() ([]byte, error) {
	type plain Project
	return encodeKeeping(plain(p), p.Extra)
}

func (m *Meta) UnmarshalJSON(d []byte) error {
	type plain Meta
	return decodeKeeping(d, (*plain)(m), &m.Extra)
}

func (m Meta) MarshalJSON() ([]byte, error) {
	type plain Meta
	return encodeKeeping(plain(m), m.Extra)
}

// decodeKeeping fills v (a pointer to a struct) from the object in data and
// puts the members v has no field for into extra. Only members named exactly
// like a field fill it: encoding/json would also match "Name" or "NAME" to
// name, and such a member, kept in extra too, would then overwrite the field
// or come back beside it when written.
func decodeKeeping(data []byte, v any, extra *Extra) error {
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return err
	}
	known := map[string]json.RawMessage{}
	for _, k := range jsonNames(reflect.TypeOf(v).Elem()) {
		if m, ok := all[k]; ok {
			known[k] = m
			delete(all, k)
		}
	}
	b, err := json.Marshal(known)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return err
	}
	*extra = nil
	if len(all) > 0 {
		*extra = Extra(all)
	}
	return nil
}

// encodeKeeping writes v, then the members of extra in name order. A member
// named like a field of v is left out: the field wins.
func encodeKeeping(v any, extra Extra) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil || len(extra) == 0 {
		return b, err
	}
	known := jsonNames(reflect.TypeOf(v))
	var buf bytes.Buffer
	buf.Write(b[:len(b)-1]) // without the closing brace
	sep := len(b) > 2
	for _, k := range slices.Sorted(maps.Keys(extra)) {
		if slices.Contains(known, k) {
			continue
		}
		if sep {
			buf.WriteByte(',')
		}
		sep = true
		name, _ := json.Marshal(k)
		buf.Write(name)
		buf.WriteByte(':')
		buf.Write(extra[k])
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// jsonNames lists the member names a struct type's fields are written as.
func jsonNames(t reflect.Type) []string {
	var names []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name != "-" && name != "" {
			names = append(names, name)
		}
	}
	return names
}
