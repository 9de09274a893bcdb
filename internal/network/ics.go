package network

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"devpath/internal/app"
)

// Limits of an import: one file or feed, read whole.
const (
	MaxImportBytes  = 2 << 20
	maxImportEvents = 1000
)

// ParseICS reads the events of an iCalendar file (RFC 5545). A start
// without a zone is read in zone. Every event must be one devpath can keep,
// or none is: the error names the first wrong event by its place in the
// file and title, under field.
func ParseICS(data []byte, zone, field string) ([]Event, error) {
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		return nil, app.FieldError(field, "not an iCalendar file: "+err.Error())
	}
	vevents := cal.Events()
	switch {
	case len(vevents) == 0:
		return nil, app.FieldError(field, "has no events (VEVENT)")
	case len(vevents) > maxImportEvents:
		return nil, app.FieldError(field, fmt.Sprintf("has more than %d events", maxImportEvents))
	}
	out := make([]Event, 0, len(vevents))
	for i, v := range vevents {
		e, err := eventOf(v, zone)
		if err == nil {
			err = e.Validate()
		}
		if err != nil {
			return nil, app.FieldError(field, fmt.Sprintf("event %d (%q): %s", i+1, e.Title, problemText(err)))
		}
		out = append(out, e)
	}
	return out, nil
}

// eventOf reads one VEVENT; a date without a time is an all-day event,
// starting at midnight in its zone.
func eventOf(v *ics.VEvent, zone string) (Event, error) {
	text := func(p ics.ComponentProperty) string {
		if prop := v.GetProperty(p); prop != nil {
			return strings.TrimSpace(prop.Value)
		}
		return ""
	}
	e := Event{Title: text(ics.ComponentPropertySummary), Kind: "other", Place: text(ics.ComponentPropertyLocation),
		Link: text(ics.ComponentPropertyUrl), Notes: text(ics.ComponentPropertyDescription), UID: v.Id(), TimeZone: zone}
	if start := v.GetProperty(ics.ComponentPropertyDtStart); start != nil {
		if tz := start.ICalParameters["TZID"]; len(tz) == 1 {
			e.TimeZone = tz[0]
		}
	}
	loc, err := app.Zone(e.TimeZone)
	if err != nil {
		return e, app.FieldError("time_zone", "unknown time zone "+e.TimeZone)
	}
	if e.Starts, err = readTime(v, ics.ComponentPropertyDtStart, loc); err != nil {
		return e, app.FieldError("starts_at", "missing or not a date (DTSTART)")
	}
	if ends, err := readTime(v, ics.ComponentPropertyDtEnd, loc); err == nil {
		e.Ends = &ends
	}
	if len(e.Notes) > maxNotesLen {
		e.Notes = e.Notes[:maxNotesLen]
	}
	return e.Normalized(), nil
}

// readTime reads a date or date-time property. A zoned or UTC time goes
// to the library; a floating one (no zone, no Z) is read in loc rather
// than in the server's own zone.
func readTime(v *ics.VEvent, p ics.ComponentProperty, loc *time.Location) (time.Time, error) {
	prop := v.GetProperty(p)
	if prop == nil {
		return time.Time{}, fmt.Errorf("no %s", p)
	}
	if _, zoned := prop.ICalParameters["TZID"]; zoned || strings.HasSuffix(prop.Value, "Z") {
		if p == ics.ComponentPropertyDtEnd {
			return v.GetEndAt()
		}
		return v.GetStartAt()
	}
	for _, layout := range []string{"20060102T150405", "20060102"} {
		if t, err := time.ParseInLocation(layout, prop.Value, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date: %q", prop.Value)
}

// problemText is an error's field problems in one line.
func problemText(err error) string {
	if e, ok := err.(*app.Error); ok {
		return e.Message
	}
	return err.Error()
}

// ImportICS imports the events of an iCalendar file, all or none;
// problems are named under field, where the file was given.
func (s *Service) ImportICS(ctx context.Context, user int64, data []byte, field string) (Imported, error) {
	if len(data) > MaxImportBytes {
		return Imported{}, app.FieldError(field, fmt.Sprintf("larger than %d MiB", MaxImportBytes>>20))
	}
	events, err := ParseICS(data, s.zone(ctx, user).String(), field)
	if err != nil {
		return Imported{}, err
	}
	return s.store.ImportEvents(ctx, user, events, s.now())
}

// ImportICSURL fetches an iCalendar feed through Fetch and imports its
// events, all or none.
func (s *Service) ImportICSURL(ctx context.Context, user int64, url string) (Imported, error) {
	p := app.Problems{}
	if checkURL(p, "url", url); url == "" {
		p.Add("url", "required")
	}
	if err := p.Err(); err != nil {
		return Imported{}, err
	}
	if s.Fetch == nil {
		return Imported{}, app.FieldError("url", "this server fetches no addresses; upload the file instead")
	}
	data, err := s.Fetch(ctx, url)
	if err != nil {
		return Imported{}, app.FieldError("url", "could not be read: "+err.Error())
	}
	events, err := ParseICS(data, s.zone(ctx, user).String(), "url")
	if err != nil {
		return Imported{}, err
	}
	return s.store.ImportEvents(ctx, user, events, s.now())
}
