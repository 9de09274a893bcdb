package plan

import (
	"fmt"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"devpath/internal/app"
	"devpath/internal/roadmap"
)

// Feed names a learner's calendar feed.
type Feed struct {
	// ID is stable for the feed and unique across feeds (for example the
	// user id and the roadmap slug): it starts every event's UID, so that
	// calendar apps update events instead of adding copies.
	ID       string
	Name     string    // the calendar's name in the learner's app
	TimeZone string    // IANA name: review dates are days in this zone
	Now      time.Time // when the feed is written, for DTSTAMP and overdue reviews
	// Appointments are the learner's own dated events (conferences,
	// meetups), written as they are, at their instants.
	Appointments []Appointment
}

// Appointment is an event of the learner's at a time, from outside the
// plan: the network's events.
type Appointment struct {
	ID          string // stable and unique within the feed
	Title       string
	Start       time.Time
	End         time.Time // zero: an hour after Start
	Location    string
	URL         string
	Description string
}

// summaryTopics is how many topic titles a week's summary names; the
// description lists them all.
const summaryTopics = 3

// Calendar writes plan pl of roadmap r and the reviews as an iCalendar feed
// (RFC 5545). Every event is a whole-day event, because each stands for a
// day or a week in the learner's life rather than a meeting: dates are the
// learner's own, so no VTIMEZONE is needed. The events are
//   - a study block per plan week, Monday to Sunday, naming its topics;
//   - each milestone on its day;
//   - each review on its due day, or today when it is overdue.
//
// The error is an app.Error naming time_zone when the zone is unknown.
func Calendar(r *roadmap.Roadmap, pl Plan, reviews []DueReview, f Feed) (string, error) {
	loc, err := location(f.TimeZone)
	if err != nil {
		return "", app.FieldError("time_zone", err.Error())
	}
	cal := ics.NewCalendar()
	cal.SetProductId("-//devpath//plan//EN")
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName(f.Name)
	cal.SetXWRTimezone(loc.String())
	// Ask subscribing apps to refresh a few times a day: the plan moves as
	// the learner marks topics done.
	cal.SetRefreshInterval("PT6H") // the library writes VALUE=DURATION itself
	cal.SetXPublishedTTL("PT6H")
	titles := topicTitles(r)
	for _, w := range pl.Weeks {
		weekEvent(cal, f, w, titles)
	}
	for _, m := range pl.Milestones {
		milestoneEvent(cal, f, m)
	}
	today := dateOf(f.Now.In(loc), loc)
	for _, d := range reviews {
		reviewEvent(cal, f, d, titles, today)
	}
	for _, a := range f.Appointments {
		appointmentEvent(cal, f, a)
	}
	var b strings.Builder
	// RFC 5545 lines end in CRLF; the library's default is the OS's newline.
	if err := cal.SerializeTo(&b, ics.WithNewLineWindows); err != nil {
		return "", fmt.Errorf("writing calendar: %w", err)
	}
	return b.String(), nil
}

func topicTitles(r *roadmap.Roadmap) map[string]string {
	m := make(map[string]string, len(r.Topics))
	for _, t := range r.Topics {
		m[t.ID] = t.Title
	}
	return m
}

func title(titles map[string]string, id string) string {
	if t, ok := titles[id]; ok {
		return t
	}
	return id
}

// dayEvent adds a whole-day event from date over days days.
func dayEvent(cal *ics.Calendar, f Feed, uid string, date time.Time, days int, summary string) *ics.VEvent {
	ev := cal.AddEvent(f.ID + "-" + uid + "@devpath")
	ev.SetDtStampTime(f.Now)
	ev.SetAllDayStartAt(date)
	ev.SetAllDayEndAt(date.AddDate(0, 0, days)) // DTEND is exclusive
	ev.SetSummary(summary)
	return ev
}

func weekEvent(cal *ics.Calendar, f Feed, w Week, titles map[string]string) {
	names := make([]string, 0, len(w.Parts))
	lines := make([]string, 0, len(w.Parts))
	for _, p := range w.Parts {
		names = append(names, title(titles, p.Topic))
		line := fmt.Sprintf("%s: %d h", title(titles, p.Topic), p.Hours)
		if !p.Finishes {
			line += " (continues next week)"
		}
		lines = append(lines, line)
	}
	summary := fmt.Sprintf("Study %d h: %s", w.Hours, strings.Join(names[:min(len(names), summaryTopics)], ", "))
	if len(names) > summaryTopics {
		summary += fmt.Sprintf(" and %d more", len(names)-summaryTopics)
	}
	ev := dayEvent(cal, f, "week-"+w.Start.Format("20060102"), w.Start, 7, summary)
	ev.SetDescription(strings.Join(lines, "\n"))
	ev.SetProperty(ics.ComponentPropertyTransp, "TRANSPARENT") // study time is not busy time
	ev.AddCategory("Study")
}

func milestoneEvent(cal *ics.Calendar, f Feed, m Milestone) {
	key, summary := "milestone-"+m.Kind, m.Title
	if m.Kind == MilestoneStep {
		key, summary = "milestone-step-"+m.Step, "Step done: "+m.Title
	}
	ev := dayEvent(cal, f, key, m.Date, 1, summary)
	ev.SetProperty(ics.ComponentPropertyTransp, "TRANSPARENT")
	ev.AddCategory("Milestone")
}

func reviewEvent(cal *ics.Calendar, f Feed, d DueReview, titles map[string]string, today time.Time) {
	loc := today.Location()
	day := dateOf(d.Due.In(loc), loc)
	if day.Before(today) {
		day = today // overdue: still to do, so it belongs on today
	}
	ev := dayEvent(cal, f, "review-"+d.Topic, day, 1, "Review: "+title(titles, d.Topic))
	ev.SetDescription(fmt.Sprintf("Go over %s again to keep it fresh (review %d).", title(titles, d.Topic), d.Streak+1))
	ev.SetProperty(ics.ComponentPropertyTransp, "TRANSPARENT")
	ev.AddCategory("Review")
}

// appointmentEvent writes an appointment in UTC, which every calendar app
// shows in its own zone, so no VTIMEZONE is needed.
func appointmentEvent(cal *ics.Calendar, f Feed, a Appointment) {
	ev := cal.AddEvent(f.ID + "-" + a.ID + "@devpath")
	ev.SetDtStampTime(f.Now)
	end := a.End
	if end.IsZero() {
		end = a.Start.Add(time.Hour)
	}
	ev.SetStartAt(a.Start.UTC())
	ev.SetEndAt(end.UTC())
	ev.SetSummary(a.Title)
	if a.Location != "" {
		ev.SetLocation(a.Location)
	}
	if a.URL != "" {
		ev.SetURL(a.URL)
	}
	if a.Description != "" {
		ev.SetDescription(a.Description)
	}
	ev.AddCategory("Event")
}
