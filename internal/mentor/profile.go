package mentor

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"devpath/internal/app"
)

// Window is a weekly stretch of time a mentor is free, in their zone:
// Day 0 is Sunday, From and To are "15:04" with From before To.
type Window struct {
	Day  int    `json:"day" minimum:"0" maximum:"6" doc:"0 is Sunday"`
	From string `json:"from" doc:"HH:MM in the mentor's time zone"`
	To   string `json:"to" doc:"HH:MM, after from"`
}

// Profile is what a mentor offers. MaxMentees and MaxRequests bound how
// many learners they mentor and how many requests they hold at once.
type Profile struct {
	UserID      int64     `json:"user_id"`
	Name        string    `json:"name"`
	Topics      []string  `json:"topics" doc:"ids of the roadmap topics mentored"`
	Languages   []string  `json:"languages" doc:"languages spoken, such as en or de"`
	TimeZone    string    `json:"time_zone"`
	MaxMentees  int       `json:"max_mentees" doc:"1 to 50"`
	MaxRequests int       `json:"max_requests" doc:"1 to 50"`
	Windows     []Window  `json:"windows" doc:"weekly windows the mentor is free in"`
	Bio         string    `json:"bio"`
	Public      bool      `json:"public" doc:"anyone may see the profile; otherwise only the mentor's mentees and cohorts"`
	UpdatedAt   time.Time `json:"updated_at"`
	Mentees     int       `json:"mentees" doc:"learners mentored now"`
}

// Limits on a profile.
const (
	MaxCapacity = 50
	maxTopics   = 60
	maxBioLen   = 2000
	maxWindows  = 28
)

var (
	clock    = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)
	langCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$`)
)

// Normalized is p as it is stored: lists sorted without repeats, text trimmed.
func (p Profile) Normalized() Profile {
	p.Topics = cleanList(p.Topics, false)
	p.Languages = cleanList(p.Languages, true)
	p.TimeZone = strings.TrimSpace(p.TimeZone)
	if p.TimeZone == "" {
		p.TimeZone = "UTC"
	}
	p.Bio = strings.TrimSpace(p.Bio)
	if p.Windows == nil {
		p.Windows = []Window{}
	}
	return p
}

func cleanList(in []string, lower bool) []string {
	out := []string{}
	for _, s := range in {
		s = strings.TrimSpace(s)
		if lower {
			s = strings.ToLower(s)
		}
		if s != "" {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Validate names every wrong field of a normalized profile; known tells
// whether a topic id is on the roadmap.
func (p Profile) Validate(known func(string) bool) error {
	pr := app.Problems{}
	if len(p.Topics) == 0 {
		pr.Add("topics", "name at least one roadmap topic you mentor")
	}
	if len(p.Topics) > maxTopics {
		pr.Add("topics", fmt.Sprintf("at most %d topics", maxTopics))
	}
	for _, t := range p.Topics {
		if !known(t) {
			pr.Add("topics", fmt.Sprintf("%q is not a topic of the roadmap", t))
		}
	}
	for _, l := range p.Languages {
		if !langCode.MatchString(l) {
			pr.Add("languages", fmt.Sprintf("%q is not a language code such as en or pt-br", l))
		}
	}
	if _, err := app.Zone(p.TimeZone); err != nil {
		pr.Add("time_zone", "not a known time zone, such as Europe/Berlin")
	}
	checkCapacity(pr, "max_mentees", p.MaxMentees)
	checkCapacity(pr, "max_requests", p.MaxRequests)
	checkWindows(pr, p.Windows)
	if len(p.Bio) > maxBioLen {
		pr.Add("bio", fmt.Sprintf("at most %d characters", maxBioLen))
	}
	return pr.Err()
}

func checkCapacity(p app.Problems, field string, n int) {
	if n < 1 || n > MaxCapacity {
		p.Add(field, fmt.Sprintf("must be from 1 to %d", MaxCapacity))
	}
}

func checkWindows(p app.Problems, ws []Window) {
	if len(ws) > maxWindows {
		p.Add("windows", fmt.Sprintf("at most %d windows", maxWindows))
	}
	for _, w := range ws {
		switch {
		case w.Day < 0 || w.Day > 6:
			p.Add("windows", "each day must be from 0 (Sunday) to 6 (Saturday)")
		case !clock.MatchString(w.From) || !clock.MatchString(w.To):
			p.Add("windows", "times must be HH:MM, such as 18:30")
		case w.From >= w.To:
			p.Add("windows", "each window must end after it starts")
		}
	}
}

// Offset is the profile's zone's offset from UTC in hours at t.
func (p Profile) Offset(t time.Time) float64 {
	loc, err := app.Zone(p.TimeZone)
	if err != nil {
		return 0
	}
	_, secs := t.In(loc).Zone()
	return float64(secs) / 3600
}
