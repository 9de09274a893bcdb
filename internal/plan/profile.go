// Package plan turns a roadmap, a learner's profile and their progress into a
// week-by-week schedule with a projected finish date, forecasts the finish
// from the learner's real pace, schedules reviews of done topics and writes
// it all as an iCalendar feed. Everything here is pure: values in, values
// out; the current time always comes from an argument.
package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"devpath/internal/app"
	"devpath/internal/roadmap"
)

// Route is how a learner studies.
type Route string

const (
	SelfTaught Route = "self_taught"
	Bootcamp   Route = "bootcamp"
	Degree     Route = "degree"
)

// Bounds of Profile.HoursPerWeek.
const (
	MinHoursPerWeek = 1
	MaxHoursPerWeek = 80
)

// LanguageGroup is the choice group whose options are the languages a
// learner picks; other groups follow from that pick (see Build).
const LanguageGroup = "language"

// Profile is a learner's situation, as given on the onboarding form.
type Profile struct {
	StartingPoint roadmap.StartingPoint `json:"starting_point"`
	Route         Route                 `json:"route"`
	HoursPerWeek  int                   `json:"hours_per_week"`
	// Languages are topic ids (or former ids) of the language choice group.
	Languages []string `json:"languages"`
	// Background is the id of one of the roadmap's backgrounds, such as
	// frontend_developer; empty when none applies.
	Background string `json:"background,omitempty"`
	// KnownTopics are topic ids (or former ids) the learner already knows.
	KnownTopics []string `json:"known_topics"`
	// TargetDate is the day the learner wants to be done by; zero for none.
	// Only its year, month and day count, read as a date in TimeZone.
	TargetDate time.Time `json:"target_date"`
	// TimeZone is an IANA name such as Europe/Berlin.
	TimeZone string `json:"time_zone"`
}

// Validate checks p against roadmap r on day today (an instant; its date is
// taken in the profile's time zone). It returns an app.Error of code Invalid
// whose Fields name each wrong field, by its JSON name.
func (p Profile) Validate(r *roadmap.Roadmap, today time.Time) error {
	probs := app.Problems{}
	if !p.StartingPoint.Valid() {
		probs.Add("starting_point", "must be one of "+roadmap.StartingPointList())
	}
	if !slices.Contains([]Route{SelfTaught, Bootcamp, Degree}, p.Route) {
		probs.Add("route", "must be one of self_taught, bootcamp, degree")
	}
	if p.HoursPerWeek < MinHoursPerWeek || p.HoursPerWeek > MaxHoursPerWeek {
		probs.Add("hours_per_week", fmt.Sprintf("must be from %d to %d", MinHoursPerWeek, MaxHoursPerWeek))
	}
	p.checkLanguages(r, probs)
	p.checkBackground(r, probs)
	for _, id := range p.KnownTopics {
		if _, ok := r.Resolve(id); !ok {
			probs.Add("known_topics", fmt.Sprintf("unknown topic %q", id))
		}
	}
	loc, err := location(p.TimeZone)
	if err != nil {
		probs.Add("time_zone", err.Error())
	}
	if !p.TargetDate.IsZero() && dateOf(p.TargetDate, loc).Before(dateOf(today.In(loc), loc)) {
		probs.Add("target_date", "must be today or later")
	}
	return probs.Err()
}

// MaxLanguages is how many languages a learner picks at most.
const MaxLanguages = 2

func (p Profile) checkLanguages(r *roadmap.Roadmap, probs app.Problems) {
	options := groupOptions(r, LanguageGroup)
	if len(options) == 0 && len(p.Languages) > 0 {
		probs.Add("languages", "this roadmap has no languages to choose from")
		return
	}
	if len(options) > 0 && (len(p.Languages) < 1 || len(p.Languages) > MaxLanguages) {
		// the guide's advice: become proficient in one or two, not eight
		probs.Add("languages", fmt.Sprintf("pick one or two languages; you picked %d", len(p.Languages)))
		return
	}
	for _, id := range p.Languages {
		cur, ok := r.Resolve(id)
		if !ok || !slices.Contains(options, cur) {
			probs.Add("languages", fmt.Sprintf("%q is not one of %s", id, strings.Join(options, ", ")))
		}
	}
}

func (p Profile) checkBackground(r *roadmap.Roadmap, probs app.Problems) {
	if p.Background == "" {
		return
	}
	b, ok := background(r, p.Background)
	switch {
	case !ok:
		probs.Add("background", fmt.Sprintf("unknown background %q", p.Background))
	case b.StartingPoint != p.StartingPoint:
		probs.Add("background", fmt.Sprintf("background %q is for starting point %s", b.ID, b.StartingPoint))
	}
}

// ProposedKnown returns the topics a learner with profile p most likely
// knows already, in roadmap order, for the onboarding form to tick. The rule
// lives in roadmap content: the known list of the profile's background, or,
// when the profile names none, of the one background written for its
// starting point (none when several are, as for related career changes).
func ProposedKnown(r *roadmap.Roadmap, p Profile) []string {
	b, ok := background(r, p.Background)
	if p.Background == "" {
		b, ok = onlyBackground(r, p.StartingPoint)
	}
	if !ok || b.StartingPoint != p.StartingPoint {
		return nil
	}
	known := map[string]bool{}
	for _, id := range b.Known {
		if cur, ok := r.Resolve(id); ok {
			known[cur] = true
		}
	}
	var ids []string
	for _, t := range r.Topics {
		if known[t.ID] {
			ids = append(ids, t.ID)
		}
	}
	return ids
}

func background(r *roadmap.Roadmap, id string) (roadmap.Background, bool) {
	for _, b := range r.Backgrounds {
		if b.ID == id {
			return b, true
		}
	}
	return roadmap.Background{}, false
}

func onlyBackground(r *roadmap.Roadmap, sp roadmap.StartingPoint) (roadmap.Background, bool) {
	var found []roadmap.Background
	for _, b := range r.Backgrounds {
		if b.StartingPoint == sp {
			found = append(found, b)
		}
	}
	if len(found) != 1 {
		return roadmap.Background{}, false
	}
	return found[0], true
}

// groupOptions lists the ids of a choice group's topics in file order.
func groupOptions(r *roadmap.Roadmap, group string) []string {
	var ids []string
	for _, t := range r.Topics {
		if t.ChoiceGroup == group {
			ids = append(ids, t.ID)
		}
	}
	return ids
}

// location loads an IANA time zone. "Local" and the empty name are refused:
// they would mean the server's zone, not the learner's.
func location(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return time.UTC, fmt.Errorf("must be an IANA time zone name such as Europe/Berlin")
	}
	loc, err := app.Zone(name)
	if err != nil {
		return time.UTC, fmt.Errorf("unknown time zone %q", name)
	}
	return loc, nil
}

// dateOf is midnight, in loc, of t's calendar date as t itself reads it.
func dateOf(t time.Time, loc *time.Location) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}
