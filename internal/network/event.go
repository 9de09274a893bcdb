package network

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"devpath/internal/app"
)

// EventKind is what sort of event it is.
type EventKind string

// EventKindLabels are the kinds of event, in the order forms offer them.
var EventKindLabels = []Labelled[EventKind]{
	{"conference", "Conference"},
	{"meetup", "Meetup"},
	{"online", "Online event"},
	{"other", "Other"},
}

// Valid reports whether k is one of EventKindLabels.
func (k EventKind) Valid() bool {
	return slices.ContainsFunc(EventKindLabels, func(l Labelled[EventKind]) bool { return l.Value == k })
}

// Event is a conference, meetup or online event the learner goes to.
// Starts and Ends are instants; TimeZone is where the event happens, for
// showing its times as the programme does.
type Event struct {
	ID       int64      `json:"id"`
	Title    string     `json:"title"`
	Kind     EventKind  `json:"kind"`
	Starts   time.Time  `json:"starts_at"`
	Ends     *time.Time `json:"ends_at,omitempty"`
	TimeZone string     `json:"time_zone" doc:"IANA name, such as Europe/Berlin"`
	Place    string     `json:"place"`
	Link     string     `json:"link"`
	Notes    string     `json:"notes" doc:"Markdown"`
	// UID is the iCalendar UID of an imported event: importing the same
	// feed again updates it instead of adding a copy.
	UID       string    `json:"uid,omitempty"`
	People    []Met     `json:"people" doc:"contacts met there"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Met is a contact met at an event.
type Met struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	LastContact string `json:"last_contact"`
}

// Normalized is e as it is stored: text trimmed, UTC instants, a zone.
func (e Event) Normalized() Event {
	e.Title, e.Place = strings.TrimSpace(e.Title), strings.TrimSpace(e.Place)
	if e.Kind == "" {
		e.Kind = "meetup"
	}
	if e.TimeZone == "" {
		e.TimeZone = "UTC"
	}
	e.Starts = e.Starts.UTC()
	if e.Ends != nil {
		ends := e.Ends.UTC()
		e.Ends = &ends
	}
	return e
}

// Validate checks a normalized event and names every field that is wrong.
func (e Event) Validate() error {
	p := app.Problems{}
	if e.Title == "" {
		p.Add("title", "required")
	}
	checkLen(p, "title", e.Title, maxNameLen)
	if !e.Kind.Valid() {
		p.Add("kind", "one of "+values(EventKindLabels))
	}
	if e.Starts.IsZero() {
		p.Add("starts_at", "required")
	}
	if e.Ends != nil && !e.Starts.IsZero() && e.Ends.Before(e.Starts) {
		p.Add("ends_at", fmt.Sprintf("must not be before the start (%s)", e.Starts.Format(time.RFC3339)))
	}
	if _, err := app.Zone(e.TimeZone); err != nil || e.TimeZone == "Local" {
		p.Add("time_zone", "an IANA time zone name, such as Europe/Berlin")
	}
	checkLen(p, "place", e.Place, maxNameLen)
	checkURL(p, "link", e.Link)
	checkLen(p, "notes", e.Notes, maxNotesLen)
	return p.Err()
}

// FollowUpFrom is the day, in the event's zone, from which the people met
// there are offered a follow-up: the day after it ends.
func (e Event) FollowUpFrom() string {
	loc, err := app.Zone(e.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	end := e.Starts
	if e.Ends != nil {
		end = *e.Ends
	}
	return end.In(loc).AddDate(0, 0, 1).Format(time.DateOnly)
}

// FollowUps are the people met at e who are waiting for a follow-up on
// today: it is the day after the event or later, and nothing has been
// logged with them since the event.
func (e Event) FollowUps(today string) []Met {
	from := e.FollowUpFrom()
	if today < from {
		return nil
	}
	var out []Met
	for _, m := range e.People {
		if m.LastContact < from {
			out = append(out, m)
		}
	}
	return out
}
