// Package portfolio keeps the projects a learner shows to employers, their
// link to roadmap topics and to passing checker runs, and the public page
// at /u/{handle} that shows what the learner chose and nothing else.
package portfolio

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"devpath/internal/app"
)

// Kind is what sort of work a project was.
type Kind string

const (
	OpenSource      Kind = "open_source"
	Freelance       Kind = "freelance"
	Volunteer       Kind = "volunteer"
	Personal        Kind = "personal"
	CodingChallenge Kind = "coding_challenge"
)

// Kinds lists every kind, in the order forms offer them.
func Kinds() []Kind { return []Kind{OpenSource, Freelance, Volunteer, Personal, CodingChallenge} }

// Valid tells whether k is one of Kinds.
func (k Kind) Valid() bool { return slices.Contains(Kinds(), k) }

// Label is the kind as a person reads it.
func (k Kind) Label() string {
	return map[Kind]string{OpenSource: "Open source", Freelance: "Freelance", Volunteer: "Volunteer",
		Personal: "Personal", CodingChallenge: "Coding challenge"}[k]
}

// Limits on what a learner types.
const (
	maxShortText   = 200   // title, role, headline
	maxURL         = 2000  // repository and live addresses
	maxDescription = 20000 // the Markdown description
	maxTopics      = 50
)

// Project is one piece of work in a learner's portfolio.
type Project struct {
	ID            int64
	UserID        int64
	Kind          Kind
	Title         string
	Role          string
	RepositoryURL string
	LiveURL       string
	StartDate     string // YYYY-MM-DD or empty
	EndDate       string // YYYY-MM-DD or empty: still going on
	Description   string // Markdown
	Topics        []string
	CheckRunID    *int64 // a checker run of the learner's that proves the work
	Public        bool   // shown on the public page
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Validate checks everything a project's own fields can say; the service
// checks the topics against the roadmap and the run against its owner.
func (p *Project) Validate() error {
	p.Title, p.Role = strings.TrimSpace(p.Title), strings.TrimSpace(p.Role)
	p.RepositoryURL, p.LiveURL = strings.TrimSpace(p.RepositoryURL), strings.TrimSpace(p.LiveURL)
	problems := app.Problems{}
	if !p.Kind.Valid() {
		problems.Add("kind", "one of open_source, freelance, volunteer, personal, coding_challenge")
	}
	if p.Title == "" {
		problems.Add("title", "give the project a title")
	}
	checkLength(problems, "title", p.Title, maxShortText)
	checkLength(problems, "role", p.Role, maxShortText)
	checkLength(problems, "description", p.Description, maxDescription)
	checkWebAddress(problems, "repository_url", p.RepositoryURL)
	checkWebAddress(problems, "live_url", p.LiveURL)
	checkPeriod(problems, p.StartDate, p.EndDate)
	if len(p.Topics) > maxTopics {
		problems.Add("topics", fmt.Sprintf("at most %d topics", maxTopics))
	}
	if p.CheckRunID != nil && *p.CheckRunID <= 0 {
		problems.Add("check_run_id", "must be the id of one of your check runs")
	}
	return problems.Err()
}

func checkLength(problems app.Problems, field, s string, max int) {
	if utf8.RuneCountInString(s) > max {
		problems.Add(field, fmt.Sprintf("must be at most %d characters", max))
	}
}

// checkWebAddress accepts an empty address or an absolute http(s) one: the
// page links to it, so nothing else (javascript:, file:) may get through.
func checkWebAddress(problems app.Problems, field, s string) {
	if s == "" {
		return
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(s) > maxURL {
		problems.Add(field, "must be a web address starting with https:// or http://")
	}
}

// checkPeriod accepts dates as YYYY-MM-DD, either one missing, and an end
// that is not before the start.
func checkPeriod(problems app.Problems, start, end string) {
	s, sErr := time.Parse(time.DateOnly, start)
	if start != "" && sErr != nil {
		problems.Add("start_date", "must be a date such as 2025-03-01")
	}
	e, eErr := time.Parse(time.DateOnly, end)
	if end != "" && eErr != nil {
		problems.Add("end_date", "must be a date such as 2025-06-30")
	}
	if sErr == nil && eErr == nil && e.Before(s) {
		problems.Add("end_date", fmt.Sprintf("ends (%s) before it starts (%s)", end, start))
	}
}

// Settings is how a learner's public page looks, and whether there is one.
type Settings struct {
	Handle       string // the page's address, /u/{handle}; empty until chosen
	Public       bool   // off by default: the page answers 404 until the learner turns it on
	ShowProgress bool   // show roadmap progress on the page
	Headline     string
}

var handlePattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{1,28})[a-z0-9]$`)

// Validate checks the handle's shape and that a public page has one.
func (s *Settings) Validate() error {
	s.Handle, s.Headline = strings.TrimSpace(s.Handle), strings.TrimSpace(s.Headline)
	problems := app.Problems{}
	if s.Handle != "" && !handlePattern.MatchString(s.Handle) {
		problems.Add("handle", "3 to 30 lowercase letters, digits and dashes, not starting or ending with a dash")
	}
	if s.Public && s.Handle == "" {
		problems.Add("handle", "choose a handle: it is your page's address")
	}
	checkLength(problems, "headline", s.Headline, maxShortText)
	return problems.Err()
}

// HandleTaken is the error for a handle another learner already has.
func HandleTaken(handle string) error {
	return &app.Error{Code: app.Conflict, Message: fmt.Sprintf("the handle %q is taken", handle),
		Fields: map[string]string{"handle": "is taken: choose another"}}
}
