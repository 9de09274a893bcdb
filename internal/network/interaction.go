package network

import (
	"slices"
	"time"

	"devpath/internal/app"
)

// Kind is what happened in an interaction.
type Kind string

const (
	Message       Kind = "message"
	Call          Kind = "call"
	Coffee        Kind = "coffee"
	MetAtEvent    Kind = "met_at_event"
	AskedHelp     Kind = "asked_help"
	GaveHelp      Kind = "gave_help"
	ReferralAsked Kind = "referral_asked"
	ReferralGiven Kind = "referral_given"
)

// KindLabels are the kinds of interaction, in the order forms offer them.
var KindLabels = []Labelled[Kind]{
	{Message, "Message"},
	{Call, "Call"},
	{Coffee, "Coffee"},
	{MetAtEvent, "Met at an event"},
	{AskedHelp, "Asked for help"},
	{GaveHelp, "Gave help"},
	{ReferralAsked, "Asked for a referral"},
	{ReferralGiven, "Was given a referral"},
}

// Valid reports whether k is one of KindLabels.
func (k Kind) Valid() bool {
	return slices.ContainsFunc(KindLabels, func(l Labelled[Kind]) bool { return l.Value == k })
}

// Label is k in words.
func (k Kind) Label() string {
	for _, l := range KindLabels {
		if l.Value == k {
			return l.Label
		}
	}
	return string(k)
}

// Interaction is one dated moment with a contact. On is a day in the
// learner's zone, YYYY-MM-DD.
type Interaction struct {
	ID        int64     `json:"id"`
	ContactID int64     `json:"contact_id"`
	Kind      Kind      `json:"kind"`
	On        string    `json:"on" doc:"YYYY-MM-DD, not after today"`
	Note      string    `json:"note"`
	EventID   *int64    `json:"event_id,omitempty" doc:"the event where it happened"`
	CreatedAt time.Time `json:"created_at"`
}

const maxNoteLen = 500

// Validate checks an interaction and names every field that is wrong;
// today is the learner's day, and a day after it has not happened yet.
func (i Interaction) Validate(today string) error {
	p := app.Problems{}
	if !i.Kind.Valid() {
		p.Add("kind", "one of "+values(KindLabels))
	}
	switch day, err := time.Parse(time.DateOnly, i.On); {
	case i.On == "":
		p.Add("on", "required")
	case err != nil:
		p.Add("on", "a date written YYYY-MM-DD")
	case day.Format(time.DateOnly) > today:
		p.Add("on", "must not be in the future: log what has happened, on or before "+today)
	}
	checkLen(p, "note", i.Note, maxNoteLen)
	return p.Err()
}

// NextDue is the day a contact with this cadence is due again, counted
// from the last contact, or from the day they were added when there has
// been none yet; empty without a cadence.
func NextDue(cadence int, last, added string) string {
	if cadence <= 0 {
		return ""
	}
	from := last
	if from == "" {
		from = added
	}
	day, err := time.Parse(time.DateOnly, from)
	if err != nil {
		return ""
	}
	return day.AddDate(0, 0, cadence).Format(time.DateOnly)
}

// Standing is where a contact's cadence stands on a day.
type Standing string

const (
	NoRhythm Standing = ""        // no cadence, or not yet due
	DueToday Standing = "due"     // the next due day is today
	Overdue  Standing = "overdue" // it has passed: losing touch
)

// StandingOn tells where c stands on today (YYYY-MM-DD).
func (c Contact) StandingOn(today string) Standing {
	switch {
	case c.NextDue == "" || c.NextDue > today:
		return NoRhythm
	case c.NextDue == today:
		return DueToday
	}
	return Overdue
}
