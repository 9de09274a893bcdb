package plan

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"time"

	"devpath/internal/app"
	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

// TopicReview is one stored review of a topic.
type TopicReview struct {
	Topic string
	Review
}

// Store is the storage the plan service needs.
type Store interface {
	Profile(ctx context.Context, user int64) (Profile, error)
	PutProfile(ctx context.Context, user int64, p Profile, at time.Time) error
	CalendarToken(ctx context.Context, user int64, fresh string, at time.Time) (string, error)
	RotateCalendarToken(ctx context.Context, user int64, fresh string, at time.Time) error
	UserByCalendarToken(ctx context.Context, token string) (int64, error)
	AddReview(ctx context.Context, user int64, roadmap, topic string, remembered bool, at time.Time) error
	Reviews(ctx context.Context, user int64, roadmap string) ([]TopicReview, error)
	DoneTimes(ctx context.Context, user int64, roadmap string) (map[string]time.Time, error)
}

// Service plans: it reads a learner's profile and progress and hands them to
// the pure functions of this package.
type Service struct {
	store    Store
	progress *progress.Service
	roadmaps *roadmap.Catalog
	now      func() time.Time

	// Appointments gives the learner's own events for the calendar feed
	// (the network's, connected by server); nil for none.
	Appointments func(ctx context.Context, user int64) ([]Appointment, error)

	// Group finds the group (a cohort) whose schedule a learner's plan on a
	// roadmap follows where the learner set none of their own; nil for none.
	Group func(ctx context.Context, user int64, roadmap string) (Group, bool, error)
}

// Group is the schedule a group of learners shares.
type Group struct {
	Name         string
	HoursPerWeek int
	Target       time.Time // a day, read in TimeZone
	TimeZone     string
}

// withGroup fills what the learner left unset from their group's schedule:
// without a profile, the group's hours, target and zone make one; with one,
// a missing target date is the group's.
func withGroup(p Profile, perr error, g Group) (Profile, error) {
	switch {
	case perr == nil && p.TargetDate.IsZero():
		p.TargetDate = g.Target
	case app.ErrorCode(perr) == app.NotFound:
		return Profile{Route: Bootcamp, HoursPerWeek: g.HoursPerWeek, TargetDate: g.Target, TimeZone: g.TimeZone}, nil
	}
	return p, perr
}

// profileFor is the profile a plan on slug is built from: the learner's own,
// completed by their group's schedule.
func (s *Service) profileFor(ctx context.Context, user int64, slug string) (Profile, *Group, error) {
	p, err := s.Profile(ctx, user)
	if s.Group == nil {
		return p, nil, err
	}
	g, ok, gerr := s.Group(ctx, user, slug)
	switch {
	case gerr != nil:
		return Profile{}, nil, gerr
	case !ok:
		return p, nil, err
	}
	p, err = withGroup(p, err, g)
	return p, &g, err
}

// NewService returns the plan service.
func NewService(store Store, progress *progress.Service, roadmaps *roadmap.Catalog, now func() time.Time) *Service {
	return &Service{store: store, progress: progress, roadmaps: roadmaps, now: now}
}

// home is the roadmap whose topics a profile names: the first one served.
func (s *Service) home() (*roadmap.Roadmap, error) {
	if h := s.roadmaps.Home(); h != nil {
		return h, nil
	}
	return nil, app.Errorf(app.NotFound, "no roadmap is loaded")
}

// Profile returns the learner's profile; NotFound before onboarding.
func (s *Service) Profile(ctx context.Context, user int64) (Profile, error) {
	p, err := s.store.Profile(ctx, user)
	if app.ErrorCode(err) == app.NotFound {
		return Profile{}, app.Errorf(app.NotFound, "no profile yet: fill in the onboarding form or PUT /api/v1/me/profile")
	}
	return p, err
}

// Zone is the learner's time zone from their profile, UTC without one.
func (s *Service) Zone(ctx context.Context, user int64) *time.Location {
	p, err := s.store.Profile(ctx, user)
	if err != nil {
		return time.UTC
	}
	loc, _ := location(p.TimeZone) // UTC when the name does not load
	return loc
}

// SetProfile validates and stores the learner's profile.
func (s *Service) SetProfile(ctx context.Context, user int64, p Profile) (Profile, error) {
	if err := s.CheckProfile(p); err != nil {
		return Profile{}, err
	}
	return p, s.store.PutProfile(ctx, user, p, s.now())
}

// CheckProfile returns the problems SetProfile would find in p, against the
// home roadmap and today's date, without storing anything.
func (s *Service) CheckProfile(p Profile) error {
	r, err := s.home()
	if err != nil {
		return err
	}
	return p.Validate(r, s.now())
}

// Proposal is what the onboarding form suggests as already known.
func (s *Service) Proposal(p Profile) ([]string, error) {
	r, err := s.home()
	if err != nil {
		return nil, err
	}
	return ProposedKnown(r, p), nil
}

// View is a learner's plan on one roadmap with everything its page shows.
type View struct {
	Roadmap  *roadmap.Roadmap
	Profile  Profile
	Plan     Plan
	Forecast *ForecastResult // nil until two weeks of history
	BurnUp   BurnUpChart
	Due      []DueReview // reviews due now
	Upcoming []DueReview // every scheduled review, soonest first
	Now      time.Time   // in the learner's time zone
	Group    *Group      // the cohort whose schedule filled what the learner left unset
}

// Plan builds the learner's plan on roadmap slug from their profile and progress.
func (s *Service) Plan(ctx context.Context, user int64, slug string) (View, error) {
	pv, err := s.progress.Progress(ctx, user, slug)
	if err != nil {
		return View{}, err
	}
	return s.PlanFrom(ctx, user, pv)
}

// PlanFrom builds the plan from a progress view the caller already read.
func (s *Service) PlanFrom(ctx context.Context, user int64, pv progress.View) (View, error) {
	slug := pv.Roadmap.Slug
	p, group, err := s.profileFor(ctx, user, slug)
	if err != nil {
		return View{}, err
	}
	history, err := s.progress.Changes(ctx, user, slug)
	if err != nil {
		return View{}, err
	}
	loc, _ := location(p.TimeZone) // UTC when the name does not load
	now := s.now().In(loc)
	statuses := statusesOf(pv)
	v := View{Roadmap: pv.Roadmap, Profile: p, Group: group, Now: now, Plan: Build(pv.Roadmap, p, statuses, now)}
	est := Estimates(pv.Roadmap)
	v.Forecast = Forecast(history, est, v.Plan.TotalHours, now, user)
	v.BurnUp = BurnUp(v.Plan, history, est, now)
	items, err := s.reviewItems(ctx, user, slug, statuses)
	if err != nil {
		return View{}, err
	}
	v.Upcoming, v.Due = Schedule(items), Due(items, now)
	return v, nil
}

// DueReviews returns the reviews due at now on the home roadmap, soonest
// first, with that roadmap; a learner without a profile has reviews too.
func (s *Service) DueReviews(ctx context.Context, user int64, now time.Time) (*roadmap.Roadmap, []DueReview, error) {
	r, err := s.home()
	if err != nil {
		return nil, nil, err
	}
	pv, err := s.progress.Progress(ctx, user, r.Slug)
	if err != nil {
		return nil, nil, err
	}
	items, err := s.reviewItems(ctx, user, r.Slug, statusesOf(pv))
	if err != nil {
		return nil, nil, err
	}
	return pv.Roadmap, Due(items, now), nil
}

func statusesOf(pv progress.View) map[string]progress.Status {
	statuses := make(map[string]progress.Status, len(pv.Entries))
	for id, e := range pv.Entries {
		statuses[id] = e.Status
	}
	return statuses
}

// reviewItems pairs each done topic with the reviews since it was done.
func (s *Service) reviewItems(ctx context.Context, user int64, slug string, statuses map[string]progress.Status) ([]ReviewItem, error) {
	done, err := s.store.DoneTimes(ctx, user, slug)
	if err != nil {
		return nil, err
	}
	reviews, err := s.store.Reviews(ctx, user, slug)
	if err != nil {
		return nil, err
	}
	byTopic := map[string][]Review{}
	for _, r := range reviews {
		byTopic[r.Topic] = append(byTopic[r.Topic], r.Review)
	}
	var items []ReviewItem
	for topic, at := range done {
		if statuses[topic] == progress.Done {
			items = append(items, ReviewItem{Topic: topic, DoneAt: at, Reviews: byTopic[topic]})
		}
	}
	return items, nil
}

// Review records that the learner went over a done topic again.
func (s *Service) Review(ctx context.Context, user int64, slug, topic string, remembered bool) error {
	pv, err := s.progress.Progress(ctx, user, slug)
	if err != nil {
		return err
	}
	t, err := pv.Roadmap.Topic(topic)
	if err != nil {
		return err
	}
	if pv.Status(t.ID) != progress.Done {
		return app.Errorf(app.Conflict, "topic %q is not done yet: reviews are for topics you finished", t.ID)
	}
	return s.store.AddReview(ctx, user, slug, t.ID, remembered, s.now())
}

// CalendarPath is the learner's private feed address, relative to the site.
func (s *Service) CalendarPath(ctx context.Context, user int64) (string, error) {
	token, err := s.store.CalendarToken(ctx, user, rand.Text(), s.now())
	return "/calendar/" + token + ".ics", err
}

// RotateCalendar gives the learner a new feed address; the old one stops working.
func (s *Service) RotateCalendar(ctx context.Context, user int64) (string, error) {
	token := rand.Text()
	return "/calendar/" + token + ".ics", s.store.RotateCalendarToken(ctx, user, token, s.now())
}

// Feed writes the iCalendar feed that token opens: the plan on the home
// roadmap, its milestones and the scheduled reviews.
func (s *Service) Feed(ctx context.Context, token string) (string, error) {
	token = strings.TrimSuffix(token, ".ics")
	user, err := s.store.UserByCalendarToken(ctx, token)
	if err != nil {
		return "", err
	}
	r, err := s.home()
	if err != nil {
		return "", err
	}
	v, err := s.Plan(ctx, user, r.Slug)
	switch {
	case app.ErrorCode(err) == app.NotFound: // no profile (a mentor, say): the appointments alone
		v = View{Profile: Profile{TimeZone: "UTC"}}
	case err != nil:
		return "", err
	}
	f := Feed{ID: fmt.Sprintf("u%d-%s", user, r.Slug), Name: "devpath: " + r.Title, TimeZone: v.Profile.TimeZone, Now: s.now()}
	if s.Appointments != nil {
		if f.Appointments, err = s.Appointments(ctx, user); err != nil {
			return "", err
		}
	}
	return Calendar(r, v.Plan, v.Upcoming, f)
}
