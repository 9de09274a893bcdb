package web

import (
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/plan"
	"devpath/internal/roadmap"
	"devpath/internal/web/charts"
)

// onboardingPage is what the profile form needs beyond the typed values.
type onboardingPage struct {
	Roadmap   *roadmap.Roadmap
	Languages []*roadmap.Topic
	Profile   plan.Profile
	Proposed  bool // the known topics were just filled in from the background
	// Hours and TargetDate are the text in those fields: what was typed
	// when the form comes back, so that "ten" stays "ten".
	Hours, TargetDate string
	GuessZone         bool // no zone saved yet: the browser may fill in its own
}

func (o onboardingPage) Knows(id string) bool                    { return slices.Contains(o.Profile.KnownTopics, id) }
func (o onboardingPage) Speaks(id string) bool                   { return slices.Contains(o.Profile.Languages, id) }
func (o onboardingPage) StartingPoints() []roadmap.StartingPoint { return roadmap.StartingPoints() }
func (o onboardingPage) Zones() []zoneGroup                      { return zoneGroups }

// ZoneListed tells whether the profile's zone is among the select's
// options; an old name (US/Eastern) saved through the API is not, and is
// then offered on its own so that saving the form keeps it.
func (o onboardingPage) ZoneListed() bool {
	_, found := slices.BinarySearch(zoneNames, o.Profile.TimeZone)
	return found || o.Profile.TimeZone == "UTC"
}

func dateOnly(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func (w *Web) onboarding(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	pr, err := w.Plans.Profile(r.Context(), p.User.ID)
	if err != nil && app.ErrorCode(err) != app.NotFound {
		w.fail(rw, r, err)
		return
	}
	page := onboardingPage{Profile: pr, Hours: strconv.Itoa(pr.HoursPerWeek), TargetDate: dateOnly(pr.TargetDate)}
	if err != nil {
		page = onboardingPage{Profile: plan.Profile{StartingPoint: roadmap.NoExperience, Route: plan.SelfTaught, TimeZone: "UTC"},
			Hours: "10", GuessZone: true}
	}
	w.renderOnboarding(rw, r, http.StatusOK, page, nil)
}

// typedOnboarding is the page for a posted form: the profile read from it,
// and the text fields exactly as typed.
func typedOnboarding(r *http.Request, pr plan.Profile) onboardingPage {
	return onboardingPage{Profile: pr, Hours: r.PostForm.Get("hours_per_week"), TargetDate: r.PostForm.Get("target_date")}
}

func (w *Web) renderOnboarding(rw http.ResponseWriter, r *http.Request, status int, page onboardingPage, formErr error) {
	home := w.Roadmaps.Home()
	page.Roadmap = home
	for _, t := range home.Topics {
		if t.ChoiceGroup == plan.LanguageGroup {
			page.Languages = append(page.Languages, t)
		}
	}
	if formErr != nil {
		w.formError(rw, r, "onboarding", "Your starting point", page, formErr)
		return
	}
	w.render(rw, r, status, "onboarding", w.view(r, "Your starting point", page))
}

// profileFromForm reads the onboarding form; a bad number or date is reported like any other field.
func profileFromForm(r *http.Request) (plan.Profile, error) {
	f := r.PostForm
	pr := plan.Profile{StartingPoint: roadmap.StartingPoint(f.Get("starting_point")), Route: plan.Route(f.Get("route")),
		Languages: f["languages"], Background: f.Get("background"), KnownTopics: f["known_topics"],
		TimeZone: strings.TrimSpace(f.Get("time_zone"))}
	problems := app.Problems{}
	if h, err := strconv.Atoi(f.Get("hours_per_week")); err == nil {
		pr.HoursPerWeek = h
	} else {
		problems.Add("hours_per_week", fmt.Sprintf("must be a whole number from %d to %d", plan.MinHoursPerWeek, plan.MaxHoursPerWeek))
	}
	if d := f.Get("target_date"); d != "" {
		t, err := time.Parse(time.DateOnly, d)
		if err != nil {
			problems.Add("target_date", "must be a date such as 2027-06-30")
		}
		pr.TargetDate = t
	}
	return pr, problems.Err()
}

func (w *Web) saveOnboarding(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	pr, err := profileFromForm(r)
	if err != nil {
		w.renderOnboarding(rw, r, 0, typedOnboarding(r, pr), err)
		return
	}
	if r.PostForm.Get("action") == "propose" {
		proposed, err := w.Plans.Proposal(pr)
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		for _, id := range proposed {
			if !slices.Contains(pr.KnownTopics, id) {
				pr.KnownTopics = append(pr.KnownTopics, id)
			}
		}
		page := typedOnboarding(r, pr)
		page.Proposed = true
		w.renderOnboarding(rw, r, http.StatusOK, page, nil)
		return
	}
	if _, err := w.Plans.SetProfile(r.Context(), p.User.ID, pr); err != nil {
		w.renderOnboarding(rw, r, 0, typedOnboarding(r, pr), err)
		return
	}
	http.Redirect(rw, r, "/plan/"+w.Roadmaps.Home().Slug, http.StatusSeeOther)
}

// planPage is the plan view with what only the page needs.
type planPage struct {
	plan.View
	CalendarURL string       // the feed's full address, to copy into a calendar app
	WebcalURL   template.URL // the same as webcal://, which opens the app's subscription dialogue
	Titles      map[string]string
}

// calendarAddresses turns the feed's path into the addresses the plan page
// shows. They start with the configured base URL, as in the API's answer:
// behind a proxy the request's own Host and scheme may be internal ones, and
// no configuration says which proxy headers to believe.
func (w *Web) calendarAddresses(path string) (string, template.URL) {
	full := strings.TrimSuffix(w.BaseURL, "/") + path
	_, rest, _ := strings.Cut(full, "://")
	return full, template.URL("webcal://" + rest) // our own address: html/template would refuse the scheme
}

// BurnUpChart draws the plan's burn-up chart.
func (p planPage) BurnUpChart() template.HTML { return charts.BurnUp(p.BurnUp) }

// Current tells whether week w is the learner's current week.
func (p planPage) Current(w plan.Week) bool {
	return !p.Now.Before(w.Start) && p.Now.Before(w.Start.AddDate(0, 0, 7))
}

func (w *Web) planPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	v, err := w.Plans.Plan(r.Context(), p.User.ID, r.PathValue("slug"))
	if app.ErrorCode(err) == app.NotFound && strings.Contains(err.Error(), "profile") {
		http.Redirect(rw, r, "/onboarding", http.StatusSeeOther)
		return
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	page := planPage{View: v, Titles: map[string]string{}}
	for _, t := range v.Roadmap.Topics {
		page.Titles[t.ID] = t.Title
	}
	path, err := w.Plans.CalendarPath(r.Context(), p.User.ID)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	page.CalendarURL, page.WebcalURL = w.calendarAddresses(path)
	w.render(rw, r, http.StatusOK, "plan", w.view(r, "Your plan", page))
}

func (w *Web) review(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	slug := r.PathValue("slug")
	if err := w.Plans.Review(r.Context(), p.User.ID, slug, r.PathValue("id"), r.PostForm.Get("remembered") == "yes"); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, backTo(r, "/plan/"+slug+"#reviews"), http.StatusSeeOther)
}

func (w *Web) rotateCalendar(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	if _, err := w.Plans.RotateCalendar(r.Context(), p.User.ID); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/plan/"+w.Roadmaps.Home().Slug+"#calendar", http.StatusSeeOther)
}

// calendar serves a private feed to calendar apps, which send no cookie: the address is the key.
func (w *Web) calendar(rw http.ResponseWriter, r *http.Request) {
	feed, err := w.Plans.Feed(r.Context(), r.PathValue("file"))
	if err != nil {
		if code := app.ErrorCode(err); code == app.NotFound {
			http.Error(rw, "no such calendar", http.StatusNotFound)
			return
		}
		w.fail(rw, r, err)
		return
	}
	rw.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	rw.Header().Set("Cache-Control", "private, max-age=900")
	rw.Write([]byte(feed))
}
