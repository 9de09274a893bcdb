package network

import (
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"time"

	"devpath/internal/app"
)

// HowMet is how the learner knows a contact.
type HowMet string

const (
	Unsaid    HowMet = ""
	AtEvent   HowMet = "event"
	Online    HowMet = "community"
	Colleague HowMet = "colleague"
	Mentor    HowMet = "mentor"
	Recruiter HowMet = "recruiter"
	Classmate HowMet = "classmate"
	Other     HowMet = "other"
)

// Labelled is a value of a closed list with the words a form shows for it.
type Labelled[T ~string] struct {
	Value T
	Label string
}

// HowMetLabels are the ways to know someone, in the order forms offer them.
var HowMetLabels = []Labelled[HowMet]{
	{AtEvent, "Met at an event"},
	{Online, "Online community"},
	{Colleague, "Colleague"},
	{Mentor, "Mentor"},
	{Recruiter, "Recruiter"},
	{Classmate, "Classmate"},
	{Other, "Other"},
}

// Valid reports whether h is one of HowMetLabels, or unsaid.
func (h HowMet) Valid() bool {
	return h == Unsaid || slices.ContainsFunc(HowMetLabels, func(l Labelled[HowMet]) bool { return l.Value == h })
}

// values lists the values of a closed list, for a problem that names them.
func values[T ~string](list []Labelled[T]) string {
	names := make([]string, len(list))
	for i, l := range list {
		names[i] = string(l.Value)
	}
	return strings.Join(names, ", ")
}

// Links are a contact's addresses on the web.
type Links struct {
	LinkedIn string `json:"linkedin,omitempty"`
	GitHub   string `json:"github,omitempty"`
	Website  string `json:"website,omitempty"`
	Other    string `json:"other,omitempty"`
}

// First is the first link set, in the order LinkedIn, GitHub, website, other.
func (l Links) First() string {
	for _, u := range []string{l.LinkedIn, l.GitHub, l.Website, l.Other} {
		if u != "" {
			return u
		}
	}
	return ""
}

// LinksOf files one address under the link its host says it is.
func LinksOf(u string) Links {
	host := ""
	if p, err := url.Parse(u); err == nil {
		host = strings.TrimPrefix(strings.ToLower(p.Hostname()), "www.")
	}
	switch {
	case u == "":
		return Links{}
	case host == "linkedin.com" || strings.HasSuffix(host, ".linkedin.com"):
		return Links{LinkedIn: u}
	case host == "github.com":
		return Links{GitHub: u}
	}
	return Links{Website: u}
}

// Contact is a person in the learner's network. A cadence of 0 means the
// learner keeps no rhythm with them.
type Contact struct {
	ID      int64    `json:"id"`
	Name    string   `json:"name"`
	HowMet  HowMet   `json:"how_met"`
	Company string   `json:"company"`
	Role    string   `json:"role"`
	Email   string   `json:"email"`
	Links   Links    `json:"links"`
	Notes   string   `json:"notes" doc:"Markdown"`
	Tags    []string `json:"tags"`
	Topics  []string `json:"topics" doc:"roadmap topic ids this person knows"`
	Cadence int      `json:"cadence_days" doc:"keep in touch every this many days; 0 for no rhythm"`
	// LastContact is the day of the latest interaction, NextDue the day
	// the cadence asks for the next: YYYY-MM-DD, empty when there is none.
	LastContact string    `json:"last_contact"`
	NextDue     string    `json:"next_due"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Limits on what a person types, so one record cannot fill a database.
const (
	maxNameLen  = 200
	maxNotesLen = 20_000
	maxTags     = 20
	maxTopics   = 50
	MaxCadence  = 365
)

// Normalized is c as it is stored: names trimmed, tags lower case without
// repeats, the email trimmed.
func (c Contact) Normalized() Contact {
	c.Name, c.Email = strings.TrimSpace(c.Name), strings.TrimSpace(c.Email)
	c.Company, c.Role = strings.TrimSpace(c.Company), strings.TrimSpace(c.Role)
	c.Tags = normalTags(c.Tags)
	c.Topics = append([]string{}, slices.Compact(slices.Sorted(slices.Values(c.Topics)))...)
	return c
}

func normalTags(tags []string) []string {
	out := []string{}
	for _, t := range tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// Validate checks a normalized contact and names every field that is
// wrong; known tells whether a topic id is on the roadmap.
func (c Contact) Validate(known func(topic string) bool) error {
	p := app.Problems{}
	if c.Name == "" {
		p.Add("name", "required")
	}
	checkLen(p, "name", c.Name, maxNameLen)
	if !c.HowMet.Valid() {
		p.Add("how_met", "one of "+values(HowMetLabels))
	}
	checkLen(p, "company", c.Company, maxNameLen)
	checkLen(p, "role", c.Role, maxNameLen)
	checkEmail(p, "email", c.Email)
	checkURL(p, "links.linkedin", c.Links.LinkedIn)
	checkURL(p, "links.github", c.Links.GitHub)
	checkURL(p, "links.website", c.Links.Website)
	checkURL(p, "links.other", c.Links.Other)
	checkLen(p, "notes", c.Notes, maxNotesLen)
	checkTags(p, c.Tags)
	checkTopics(p, c.Topics, known)
	if c.Cadence < 0 || c.Cadence > MaxCadence {
		p.Add("cadence_days", fmt.Sprintf("must be from 1 to %d days, or 0 for none", MaxCadence))
	}
	return p.Err()
}

func checkLen(p app.Problems, field, v string, limit int) {
	if len(v) > limit {
		p.Add(field, fmt.Sprintf("at most %d characters", limit))
	}
}

func checkEmail(p app.Problems, field, v string) {
	if v == "" {
		return
	}
	if a, err := mail.ParseAddress(v); err != nil || a.Address != v {
		p.Add(field, "not a valid email address")
	}
}

// checkURL accepts empty or an absolute http(s) address with a host, the
// only kind a page can safely link to.
func checkURL(p app.Problems, field, v string) {
	if v == "" {
		return
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		p.Add(field, "an absolute http or https address, such as https://example.com/ada")
		return
	}
	checkLen(p, field, v, 2000)
}

// checkTags allows a few short tags without commas, which separate them
// in forms and in storage.
func checkTags(p app.Problems, tags []string) {
	if len(tags) > maxTags {
		p.Add("tags", fmt.Sprintf("at most %d tags", maxTags))
	}
	for _, t := range tags {
		if len(t) > 40 || strings.ContainsAny(t, ",") {
			p.Add("tags", "each tag at most 40 characters, without commas")
		}
	}
}

func checkTopics(p app.Problems, topics []string, known func(string) bool) {
	if len(topics) > maxTopics {
		p.Add("topics", fmt.Sprintf("at most %d topics", maxTopics))
	}
	for _, t := range topics {
		if known != nil && !known(t) {
			p.Add("topics", fmt.Sprintf("%q is not a topic of the roadmap", t))
		}
	}
}
