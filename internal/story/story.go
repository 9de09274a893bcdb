// Package story tells a learner's path as they choose to publish it: the
// milestones devpath knows (where they started, steps finished, projects,
// credentials, applications, being hired) with their own words for each,
// public only once published, each part shown only if chosen.
package story

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"devpath/internal/app"
	"devpath/internal/plan"
	"devpath/internal/roadmap"
)

// Part is one kind of thing a story may show.
type Part string

const (
	StartPart        Part = "start"        // starting point and route
	BeganPart        Part = "began"        // when they began on devpath
	StepsPart        Part = "steps"        // roadmap steps finished, with dates
	HoursPart        Part = "hours"        // hours of study, by the roadmap's estimates
	ProjectsPart     Part = "projects"     // public portfolio projects, verified ones marked
	CredentialsPart  Part = "credentials"  // credentials accepted and shown
	ApplicationsPart Part = "applications" // how many applications were sent
	HiredPart        Part = "hired"        // an accepted offer
)

// Parts lists every part in the order a story shows them.
func Parts() []Part {
	return []Part{StartPart, BeganPart, StepsPart, HoursPart, ProjectsPart, CredentialsPart, ApplicationsPart, HiredPart}
}

// Label is how a learner reads the part on the form.
func (p Part) Label() string {
	return map[Part]string{StartPart: "Where I started and my route", BeganPart: "When I began",
		StepsPart: "Roadmap steps I finished", HoursPart: "Hours of study", ProjectsPart: "My public projects",
		CredentialsPart: "My credentials", ApplicationsPart: "Applications I sent", HiredPart: "Getting hired"}[p]
}

// Document is what the learner writes: the parts they show, an
// introduction, and their own words per milestone (by its key).
type Document struct {
	Show  []Part            `json:"show"`
	Intro string            `json:"intro"`
	Words map[string]string `json:"words"`
}

// Limits on what a learner writes.
const (
	MaxIntro = 2000
	MaxWords = 2000
)

// Check lists every problem of a document, by field.
func (d Document) Check() error {
	p := app.Problems{}
	for _, part := range d.Show {
		if !slices.Contains(Parts(), part) {
			p.Add("show", fmt.Sprintf("%q is not a part of a story", part))
		}
	}
	if utf8.RuneCountInString(d.Intro) > MaxIntro {
		p.Add("intro", fmt.Sprintf("must be at most %d characters", MaxIntro))
	}
	for key, w := range d.Words {
		if utf8.RuneCountInString(w) > MaxWords {
			p.Add("words."+key, fmt.Sprintf("must be at most %d characters", MaxWords))
		}
	}
	return p.Err()
}

// Shows tells whether the document shows part p.
func (d Document) Shows(p Part) bool { return slices.Contains(d.Show, p) }

// Milestone is one moment of the path.
type Milestone struct {
	Key    string // stable, for the learner's words: "step-learn", "project-12", "hired"
	Part   Part
	At     *time.Time // when it happened, if known
	Title  string
	Detail string
	Words  string // the learner's own
}

// Story is a learner's path as devpath tells it.
type Story struct {
	Handle        string
	Name          string
	Published     bool
	Intro         string
	StartingPoint roadmap.StartingPoint
	Route         plan.Route
	Began         time.Time
	Hours         int
	Applications  int
	Milestones    []Milestone
	Document      Document
}

// StartLabel is the starting point in words; empty when unknown.
func (s Story) StartLabel() string { return s.StartingPoint.Label() }

// RouteLabel is the education route in words.
func (s Story) RouteLabel() string { return RouteLabel(s.Route) }

// Shows tells whether the story shows part p.
func (s Story) Shows(p Part) bool { return s.Document.Shows(p) }

// RouteLabel names an education route with its usual length.
func RouteLabel(r plan.Route) string {
	switch r {
	case plan.SelfTaught:
		return "Self-taught"
	case plan.Bootcamp:
		return "Bootcamp"
	case plan.Degree:
		return "Degree"
	}
	return ""
}

// public keeps only what the learner chose to show.
func (s Story) public() Story {
	out := s
	if !s.Shows(StartPart) {
		out.StartingPoint, out.Route = "", ""
	}
	if !s.Shows(BeganPart) {
		out.Began = time.Time{}
	}
	if !s.Shows(HoursPart) {
		out.Hours = 0
	}
	if !s.Shows(ApplicationsPart) {
		out.Applications = 0
	}
	out.Milestones = nil
	for _, m := range s.Milestones {
		if s.Shows(m.Part) {
			out.Milestones = append(out.Milestones, m)
		}
	}
	return out
}

// Summary is a published story in the index.
type Summary struct {
	Handle        string
	Name          string
	Intro         string // its first line, shortened
	StartingPoint roadmap.StartingPoint
	Route         plan.Route
	UpdatedAt     time.Time
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if utf8.RuneCountInString(s) > 200 {
		s = string([]rune(s)[:199]) + "…"
	}
	return s
}
