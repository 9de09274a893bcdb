package plan

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"devpath/internal/app"
	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

// The feed is read back with emersion/go-ical, a parser written apart from
// the library that wrote it, so that the test checks the format and not
// one library's agreement with itself.
func TestCalendar(t *testing.T) {
	r := backend(t)
	now := time.Date(2026, 3, 4, 23, 30, 0, 0, time.UTC) // already 5 March in Berlin
	p := Profile{StartingPoint: roadmap.NoExperience, Route: SelfTaught, HoursPerWeek: 10, Languages: []string{"go"}, TimeZone: "Europe/Berlin"}
	pl := Build(r, p, nil, now)
	reviews := []DueReview{
		{Topic: "internet", Due: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)},          // overdue: shown today
		{Topic: "http", Due: time.Date(2026, 3, 9, 23, 30, 0, 0, time.UTC), Streak: 2}, // 10 March in Berlin
	}
	feed := Feed{ID: "u7-backend", Name: "devpath: Backend developer", TimeZone: "Europe/Berlin", Now: now}
	text, err := Calendar(r, pl, reviews, feed)
	if err != nil {
		t.Fatal(err)
	}
	cal := parseFeed(t, text)
	if got := cal.Props.Get("X-WR-TIMEZONE"); got == nil || got.Value != "Europe/Berlin" {
		t.Errorf("X-WR-TIMEZONE %v", got)
	}
	if got := cal.Props.Get("X-WR-CALNAME"); got == nil || got.Value != feed.Name {
		t.Errorf("calendar name %v", got)
	}
	events := map[string]ical.Event{}
	for _, ev := range cal.Events() {
		uid := ev.Props.Get(ical.PropUID).Value
		if _, dup := events[uid]; dup || !strings.HasPrefix(uid, "u7-backend-") || !strings.HasSuffix(uid, "@devpath") {
			t.Errorf("UID %q repeated or not of this feed", uid)
		}
		if stamp := ev.Props.Get(ical.PropDateTimeStamp); stamp == nil || stamp.Value != "20260304T233000Z" {
			t.Errorf("%s: DTSTAMP %v, want now in UTC", uid, stamp)
		}
		events[uid] = ev
	}
	if want := len(pl.Weeks) + len(pl.Milestones) + len(reviews); len(events) != want {
		t.Fatalf("%d events, want %d", len(events), want)
	}
	for _, w := range pl.Weeks {
		ev := events["u7-backend-week-"+w.Start.Format("20060102")+"@devpath"]
		checkDays(t, ev, w.Start.Format(time.DateOnly), 7)
		if s := text0(t, ev, ical.PropSummary); !strings.HasPrefix(s, "Study ") {
			t.Errorf("week summary %q", s)
		}
	}
	for _, m := range pl.Milestones {
		key := "u7-backend-milestone-" + m.Kind + "@devpath"
		if m.Kind == MilestoneStep {
			key = "u7-backend-milestone-step-" + m.Step + "@devpath"
		}
		checkDays(t, events[key], m.Date.Format(time.DateOnly), 1)
	}
	checkDays(t, events["u7-backend-review-internet@devpath"], "2026-03-05", 1)
	checkDays(t, events["u7-backend-review-http@devpath"], "2026-03-10", 1)
	if s := text0(t, events["u7-backend-review-http@devpath"], ical.PropSummary); s != "Review: How HTTP works" {
		t.Errorf("review summary %q", s)
	}

	first := events["u7-backend-week-20260302@devpath"]
	if s := text0(t, first, ical.PropSummary); s != "Study 6 h: How the internet works, Command line and Linux basics" {
		t.Errorf("first week summary %q", s)
	}
	// Commas and colons in titles survive the round trip.
	found := false
	for _, ev := range events {
		d, _ := ev.Props.Text(ical.PropDescription)
		found = found || strings.Contains(d, "Data formats: JSON, XML and YAML: 2 h")
	}
	if !found {
		t.Error("no week describes the data formats topic with its hours")
	}
	if strings.Count(text, "\n") != strings.Count(text, "\r\n") {
		t.Error("lines must end in CRLF")
	}
	for line := range strings.SplitSeq(text, "\r\n") {
		if len(line) > 75 {
			t.Errorf("line longer than 75 octets: %q", line)
		}
	}
	if err := ical.NewEncoder(io.Discard).Encode(cal); err != nil {
		t.Errorf("the parsed feed does not re-encode: %v", err)
	}
}

// TestCalendarStable checks that a feed written later, after progress,
// keeps the UIDs of the events that are still there, so calendar apps
// update them instead of adding copies.
func TestCalendarStable(t *testing.T) {
	r := backend(t)
	p := Profile{StartingPoint: roadmap.NoExperience, Route: SelfTaught, HoursPerWeek: 10, Languages: []string{"go"}, TimeZone: "Asia/Tokyo"}
	now := time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)
	feed := Feed{ID: "u1", Name: "plan", TimeZone: "Asia/Tokyo", Now: now}
	a, err := Calendar(r, Build(r, p, nil, now), nil, feed)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := Calendar(r, Build(r, p, nil, now), nil, feed); again != a {
		t.Error("the same input wrote a different feed")
	}
	later := now.Add(26 * time.Hour)
	feed.Now = later
	b, err := Calendar(r, Build(r, p, map[string]progress.Status{"internet": progress.Done}, later), nil, feed)
	if err != nil {
		t.Fatal(err)
	}
	uids := func(text string) map[string]string {
		m := map[string]string{}
		for _, ev := range parseFeed(t, text).Events() {
			m[ev.Props.Get(ical.PropUID).Value] = text0(t, ev, ical.PropSummary)
		}
		return m
	}
	before, after := uids(a), uids(b)
	for _, uid := range []string{"u1-week-20260302@devpath", "u1-milestone-step-learn@devpath", "u1-milestone-job_ready@devpath"} {
		if before[uid] == "" || after[uid] == "" {
			t.Errorf("%s missing before or after progress", uid)
		}
	}
	if before["u1-week-20260302@devpath"] == after["u1-week-20260302@devpath"] {
		t.Error("the first week's event should now describe different topics")
	}
}

func TestCalendarBadZone(t *testing.T) {
	_, err := Calendar(backend(t), Plan{}, nil, Feed{ID: "x", TimeZone: "Moon/Base"})
	var ae *app.Error
	if !errors.As(err, &ae) || ae.Code != app.Invalid || ae.Fields["time_zone"] == "" {
		t.Errorf("want invalid time_zone, got %v", err)
	}
}

func parseFeed(t *testing.T, text string) *ical.Calendar {
	t.Helper()
	cal, err := ical.NewDecoder(strings.NewReader(text)).Decode()
	if err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, text)
	}
	return cal
}

func text0(t *testing.T, ev ical.Event, name string) string {
	t.Helper()
	s, err := ev.Props.Text(name)
	if err != nil {
		t.Errorf("%s: %v", name, err)
	}
	return s
}

// checkDays checks a whole-day event: it starts on date and lasts days.
func checkDays(t *testing.T, ev ical.Event, date string, days int) {
	t.Helper()
	if ev.Component == nil {
		t.Errorf("no event on %s", date)
		return
	}
	start, end := ev.Props.Get(ical.PropDateTimeStart), ev.Props.Get(ical.PropDateTimeEnd)
	if start.ValueType() != ical.ValueDate || end.ValueType() != ical.ValueDate {
		t.Errorf("event on %s is not whole-day: %v %v", date, start, end)
	}
	s, err1 := ev.DateTimeStart(time.UTC)
	e, err2 := ev.DateTimeEnd(time.UTC)
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	if s.Format(time.DateOnly) != date || e.Sub(s) != time.Duration(days)*24*time.Hour {
		t.Errorf("event %s to %s, want %s for %d days", s.Format(time.DateOnly), e.Format(time.DateOnly), date, days)
	}
}
