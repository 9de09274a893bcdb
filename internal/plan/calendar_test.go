package plan

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"devpath/internal/app"
	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

// The feed is read back with readICS below, a small RFC 5545 reader written
// with the standard library apart from the library that wrote the feed, so
// that the test checks the format and not one library's agreement with
// itself.
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
	if got := cal.get("X-WR-TIMEZONE"); got == nil || got.value != "Europe/Berlin" {
		t.Errorf("X-WR-TIMEZONE %v", got)
	}
	if got := text0(t, cal, "X-WR-CALNAME"); got != feed.Name {
		t.Errorf("calendar name %q", got)
	}
	events := map[string]*icsComponent{}
	for _, ev := range cal.events() {
		uid := ev.get("UID").value
		if _, dup := events[uid]; dup || !strings.HasPrefix(uid, "u7-backend-") || !strings.HasSuffix(uid, "@devpath") {
			t.Errorf("UID %q repeated or not of this feed", uid)
		}
		if stamp := ev.get("DTSTAMP"); stamp == nil || stamp.value != "20260304T233000Z" {
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
		if s := text0(t, ev, "SUMMARY"); !strings.HasPrefix(s, "Study ") {
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
	if s := text0(t, events["u7-backend-review-http@devpath"], "SUMMARY"); s != "Review: How HTTP works" {
		t.Errorf("review summary %q", s)
	}

	first := events["u7-backend-week-20260302@devpath"]
	if s := text0(t, first, "SUMMARY"); s != "Study 6 h: How the internet works, Command line and Linux basics" {
		t.Errorf("first week summary %q", s)
	}
	// Commas and colons in titles survive the round trip.
	found := false
	for _, ev := range events {
		d, _ := ev.text("DESCRIPTION")
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
	if err := cal.check(); err != nil {
		t.Errorf("the feed breaks RFC 5545: %v", err)
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
		for _, ev := range parseFeed(t, text).events() {
			m[ev.get("UID").value] = text0(t, ev, "SUMMARY")
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

func parseFeed(t *testing.T, text string) *icsComponent {
	t.Helper()
	cal, err := readICS(text)
	if err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, text)
	}
	return cal
}

func text0(t *testing.T, c *icsComponent, name string) string {
	t.Helper()
	s, err := c.text(name)
	if err != nil {
		t.Errorf("%s: %v", name, err)
	}
	return s
}

// checkDays checks a whole-day event: it starts on date and lasts days.
func checkDays(t *testing.T, ev *icsComponent, date string, days int) {
	t.Helper()
	if ev == nil {
		t.Errorf("no event on %s", date)
		return
	}
	start, end := ev.get("DTSTART"), ev.get("DTEND")
	if start == nil || end == nil || start.param("VALUE") != "DATE" || end.param("VALUE") != "DATE" {
		t.Errorf("event on %s is not whole-day: %v %v", date, start, end)
		return
	}
	s, err1 := time.Parse("20060102", start.value)
	e, err2 := time.Parse("20060102", end.value)
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	if s.Format(time.DateOnly) != date || e.Sub(s) != time.Duration(days)*24*time.Hour {
		t.Errorf("event %s to %s, want %s for %d days", s.Format(time.DateOnly), e.Format(time.DateOnly), date, days)
	}
}

// icsComponent is a component of an iCalendar stream (VCALENDAR, VEVENT...)
// as readICS reads it: its properties in order, and the components in it.
type icsComponent struct {
	name     string
	props    []*icsProp
	children []*icsComponent
}

// icsProp is one content line: NAME;PARAM=VALUE,...:VALUE, unfolded.
type icsProp struct {
	name   string
	params map[string][]string
	value  string // as written: TEXT values still escaped
}

func (p *icsProp) String() string { return fmt.Sprintf("%s%v:%s", p.name, p.params, p.value) }

// param returns the first value of a parameter, or "".
func (p *icsProp) param(name string) string {
	if vs := p.params[name]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// get returns the first property called name, or nil.
func (c *icsComponent) get(name string) *icsProp {
	for _, p := range c.props {
		if p.name == name {
			return p
		}
	}
	return nil
}

func (c *icsComponent) count(name string) int {
	n := 0
	for _, p := range c.props {
		if p.name == name {
			n++
		}
	}
	return n
}

func (c *icsComponent) events() []*icsComponent {
	var evs []*icsComponent
	for _, ch := range c.children {
		if ch.name == "VEVENT" {
			evs = append(evs, ch)
		}
	}
	return evs
}

// text returns the value of the first property called name as one TEXT
// value (RFC 5545 3.3.11), unescaped; "" when there is none. A comma or
// semicolon that is not escaped would make a list or a structure of it, so
// it is an error here.
func (c *icsComponent) text(name string) (string, error) {
	p := c.get(name)
	if p == nil {
		return "", nil
	}
	var b strings.Builder
	for i := 0; i < len(p.value); i++ {
		switch ch := p.value[i]; ch {
		case '\\':
			i++
			if i == len(p.value) {
				return "", fmt.Errorf("%s: a backslash ends the text", name)
			}
			switch esc := p.value[i]; esc {
			case '\\', ';', ',':
				b.WriteByte(esc)
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				return "", fmt.Errorf("%s: unknown escape \\%c", name, esc)
			}
		case ',', ';':
			return "", fmt.Errorf("%s: unescaped %q in %q", name, ch, p.value)
		default:
			b.WriteByte(ch)
		}
	}
	return b.String(), nil
}

// readICS reads an iCalendar stream holding one VCALENDAR: lines end in
// CRLF, a line starting with a space or a tab continues the one before it
// (RFC 5545 3.1), and BEGIN and END lines nest components.
func readICS(text string) (*icsComponent, error) {
	if !strings.HasSuffix(text, "\r\n") {
		return nil, errors.New("the stream does not end in CRLF")
	}
	var lines []string
	for l := range strings.SplitSeq(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if len(l) > 0 && (l[0] == ' ' || l[0] == '\t') {
			if len(lines) == 0 {
				return nil, errors.New("the stream starts with a continuation line")
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	var root *icsComponent
	var open []*icsComponent
	for n, l := range lines {
		p, err := readContentLine(l)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n+1, err)
		}
		switch {
		case p.name == "BEGIN":
			c := &icsComponent{name: strings.ToUpper(p.value)}
			switch {
			case len(open) > 0:
				open[len(open)-1].children = append(open[len(open)-1].children, c)
			case root != nil:
				return nil, fmt.Errorf("line %d: a second top-level component", n+1)
			default:
				root = c
			}
			open = append(open, c)
		case len(open) == 0:
			return nil, fmt.Errorf("line %d: %s outside any component", n+1, p.name)
		case p.name == "END":
			if got, want := strings.ToUpper(p.value), open[len(open)-1].name; got != want {
				return nil, fmt.Errorf("line %d: END:%s closes %s", n+1, got, want)
			}
			open = open[:len(open)-1]
		default:
			open[len(open)-1].props = append(open[len(open)-1].props, p)
		}
	}
	switch {
	case root == nil:
		return nil, errors.New("no component")
	case len(open) > 0:
		return nil, fmt.Errorf("%s is never closed", open[len(open)-1].name)
	case root.name != "VCALENDAR":
		return nil, fmt.Errorf("the stream holds %s, not VCALENDAR", root.name)
	}
	return root, nil
}

// readContentLine splits NAME *(";" PARAM "=" VALUE *("," VALUE)) ":" VALUE;
// a parameter value may be quoted, and then holds ":", ";" and ",".
func readContentLine(l string) (*icsProp, error) {
	i := strings.IndexAny(l, ";:")
	if i <= 0 {
		return nil, fmt.Errorf("not a content line: %q", l)
	}
	p := &icsProp{name: strings.ToUpper(l[:i]), params: map[string][]string{}}
	rest := l[i:]
	for rest[0] == ';' {
		eq := strings.IndexByte(rest, '=')
		if eq < 2 {
			return nil, fmt.Errorf("a parameter without a name or a value in %q", l)
		}
		name := strings.ToUpper(rest[1:eq])
		rest = rest[eq+1:]
		for {
			var v string
			if strings.HasPrefix(rest, `"`) {
				end := strings.IndexByte(rest[1:], '"')
				if end < 0 {
					return nil, fmt.Errorf("an unterminated quoted value in %q", l)
				}
				v, rest = rest[1:1+end], rest[2+end:]
			} else {
				end := strings.IndexAny(rest, `;:,"`)
				if end < 0 || rest[end] == '"' {
					return nil, fmt.Errorf("a malformed parameter value in %q", l)
				}
				v, rest = rest[:end], rest[end:]
			}
			p.params[name] = append(p.params[name], v)
			if rest == "" {
				return nil, fmt.Errorf("no value in %q", l)
			}
			if rest[0] != ',' {
				break
			}
			rest = rest[1:]
		}
	}
	if rest[0] != ':' {
		return nil, fmt.Errorf("no colon before the value in %q", l)
	}
	p.value = rest[1:]
	return p, nil
}

// check applies the rules of RFC 5545 that a calendar app relies on to the
// calendar and its events: the properties that must appear once or may
// appear at most once, and what an event may hold.
func (c *icsComponent) check() error {
	var once, atMostOnce []string
	switch c.name {
	case "VCALENDAR":
		if len(c.children) == 0 {
			return errors.New("the calendar is empty")
		}
		if v := c.get("VERSION"); v != nil && v.value != "2.0" {
			return fmt.Errorf("VERSION %q, want 2.0", v.value)
		}
		once = []string{"PRODID", "VERSION"}
		atMostOnce = []string{"CALSCALE", "METHOD", "NAME", "REFRESH-INTERVAL", "URL", "COLOR"}
	case "VEVENT":
		for _, ch := range c.children {
			if ch.name != "VALARM" {
				return fmt.Errorf("VEVENT holds %s; only VALARM may be nested", ch.name)
			}
		}
		if c.count("DTEND") > 0 && c.count("DURATION") > 0 {
			return errors.New("VEVENT has both DTEND and DURATION")
		}
		once = []string{"DTSTAMP", "UID", "DTSTART"} // every event here has a date
		atMostOnce = []string{"CLASS", "CREATED", "DESCRIPTION", "GEO", "LAST-MODIFIED", "LOCATION",
			"ORGANIZER", "PRIORITY", "SEQUENCE", "STATUS", "SUMMARY", "TRANSP", "URL", "RECURRENCE-ID",
			"RRULE", "DTEND", "DURATION", "COLOR"}
	}
	for _, name := range once {
		if n := c.count(name); n != 1 {
			return fmt.Errorf("%s has %d %s, want exactly one", c.name, n, name)
		}
	}
	for _, name := range atMostOnce {
		if n := c.count(name); n > 1 {
			return fmt.Errorf("%s has %d %s, want at most one", c.name, n, name)
		}
	}
	for _, ch := range c.children {
		if err := ch.check(); err != nil {
			return err
		}
	}
	return nil
}
