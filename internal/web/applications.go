package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/jobsearch"
	"devpath/internal/network"
	"devpath/internal/resume"
	"devpath/internal/web/charts"
)

// card is an application as the board and the list show it.
type card struct {
	jobsearch.Application
	Due jobsearch.Due // where its follow-up stands today, in the learner's zone
}

type column struct {
	Stage jobsearch.Stage
	Cards []card
}

type applicationsPage struct {
	Open    []column // one column for each stage still in progress
	Closed  []column // the closed stages, grouped in one column
	List    []card   // the filtered list view
	Filter  jobsearch.Filter
	Funnel  template.HTML
	Stages  []jobsearch.Stage
	Confirm *jobsearch.Application // a closed application the learner tried to reopen
}

// ClosedCount is how many applications the closed column holds.
func (p applicationsPage) ClosedCount() int {
	n := 0
	for _, c := range p.Closed {
		n += len(c.Cards)
	}
	return n
}

func (w *Web) applicationsPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.renderApplications(rw, r, p, http.StatusOK, nil)
}

// renderApplications draws the board, the list and the funnel; confirm asks
// before a closed application goes back to saved.
func (w *Web) renderApplications(rw http.ResponseWriter, r *http.Request, p account.Principal, status int, confirm *jobsearch.Application) {
	q := r.URL.Query()
	f := jobsearch.Filter{Stage: jobsearch.Stage(q.Get("stage")), Kind: jobsearch.Kind(q.Get("kind")), Query: q.Get("q")}
	all, err := w.Applications.List(r.Context(), p.User.ID, jobsearch.Filter{})
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	list, err := w.Applications.List(r.Context(), p.User.ID, f)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	today := time.Now().In(w.Plans.Zone(r.Context(), p.User.ID))
	cards := func(apps []jobsearch.Application) []card {
		out := make([]card, len(apps))
		for i, a := range apps {
			out[i] = card{Application: a, Due: a.FollowUpDue(today)}
		}
		return out
	}
	page := applicationsPage{List: cards(list), Filter: f, Funnel: charts.Funnel(jobsearch.FunnelOf(all)), Stages: jobsearch.Stages(), Confirm: confirm}
	for _, s := range jobsearch.Stages() {
		col := column{Stage: s}
		for _, c := range cards(all) {
			if c.Stage == s {
				col.Cards = append(col.Cards, c)
			}
		}
		if s.Closed() {
			page.Closed = append(page.Closed, col)
		} else {
			page.Open = append(page.Open, col)
		}
	}
	w.render(rw, r, status, "applications", w.view(r, "Applications", page))
}

// moveApplication answers a card's stage control. A closed application
// going back to saved comes back with a question first.
func (w *Web) moveApplication(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, ok := w.appID(rw, r)
	if !ok {
		return
	}
	_, err := w.Applications.Move(r.Context(), p.User.ID, id, jobsearch.Stage(r.PostForm.Get("stage")), r.PostForm.Get("confirm") == "yes", "")
	if app.ErrorCode(err) == app.Conflict && r.PostForm.Get("stage") == string(jobsearch.Saved) {
		a, gerr := w.Applications.Get(r.Context(), p.User.ID, id)
		if gerr != nil {
			w.fail(rw, r, gerr)
			return
		}
		status := http.StatusConflict
		if r.Header.Get("HX-Request") == "true" {
			status = http.StatusOK // htmx swaps only successful answers, and the question must show
		}
		w.renderApplications(rw, r, p, status, &a)
		return
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, backTo(r, "/applications"), http.StatusSeeOther)
}

func (w *Web) appID(rw http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		w.fail(rw, r, app.Errorf(app.NotFound, "application %q not found", r.PathValue("id")))
		return 0, false
	}
	return id, true
}

// appFromForm reads the application form; numbers that are not numbers are named.
func appFromForm(r *http.Request, a *jobsearch.Application) error {
	f := r.PostForm
	a.Kind, a.Company, a.Title, a.Location = jobsearch.Kind(f.Get("kind")), f.Get("company"), f.Get("title"), f.Get("location")
	a.Remote = f.Get("remote") == "on"
	a.Currency, a.SourceURL, a.Description = strings.ToUpper(f.Get("currency")), f.Get("source_url"), f.Get("description")
	a.Deadline, a.StartDate, a.EndDate = f.Get("deadline"), f.Get("start_date"), f.Get("end_date")
	a.AppliedOn, a.FollowUp, a.Notes = f.Get("applied_on"), f.Get("follow_up"), f.Get("notes")
	a.Offer.Currency = strings.ToUpper(f.Get("offer_currency"))
	problems := app.Problems{}
	a.ResumeID = nil
	if v := f.Get("resume_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			problems.Add("resume_id", "not one of your tailored resumes")
		}
		a.ResumeID = &id
	}
	a.ReferredBy = nil
	if v := f.Get("referred_by"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			problems.Add("referred_by", "not one of your contacts")
		}
		a.ReferredBy = &id
	}
	for field, dst := range map[string]*int64{"salary_min": &a.SalaryMin, "salary_max": &a.SalaryMax, "offer_amount": &a.Offer.Amount} {
		v := strings.ReplaceAll(strings.TrimSpace(f.Get(field)), ",", "")
		if v == "" {
			*dst = 0
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			problems.Add(field, "a whole number, such as 65000")
		}
		*dst = n
	}
	return problems.Err()
}

func (w *Web) newApplication(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	v := w.view(r, "New application", nil)
	v.Form.Set("kind", "job")
	w.render(rw, r, http.StatusOK, "application-new", v)
}

func (w *Web) createApplication(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	a := jobsearch.Application{Pursuit: jobsearch.Pursuit{Stage: jobsearch.Saved}}
	err := appFromForm(r, &a)
	var c jobsearch.Created
	if err == nil {
		c, err = w.Applications.Create(r.Context(), p.User.ID, a)
	}
	if err != nil {
		w.formError(rw, r, "application-new", "New application", nil, err)
		return
	}
	to := "/applications/" + strconv.FormatInt(c.ID, 10)
	if c.Warning != "" {
		to += "?again=1"
	}
	http.Redirect(rw, r, to, http.StatusSeeOther)
}

type applicationPage struct {
	Resumes     []resume.TailoredResume // to pick the one used
	People      []network.Contact       // the learner's contacts, to pick the referrer
	Referrer    *network.Contact        // who referred the learner, if anyone
	Application jobsearch.Application
	Due         jobsearch.Due // where its follow-up stands today, in the learner's zone
	Again       bool
	Offer       []jobsearch.Comparison
	Stages      []jobsearch.Stage
	Kinds       []string
	// sent is the section whose form came back refused ("interviews" or
	// "contacts"), typed what was in it; the details form then shows the
	// stored application.
	sent  string
	typed url.Values
}

// Interview is what was typed into field of the refused interview form.
func (p applicationPage) Interview(field string) string { return p.typedIn("interviews", field) }

// Contact is what was typed into field of the refused contact form.
func (p applicationPage) Contact(field string) string { return p.typedIn("contacts", field) }

func (p applicationPage) typedIn(section, field string) string {
	if p.sent != section {
		return ""
	}
	return p.typed.Get(field)
}

func (w *Web) applicationPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.renderApplication(rw, r, p, http.StatusOK, "", nil)
}

// renderApplication shows one application; formErr re-renders it with what
// was typed into the form of section ("" for the details).
func (w *Web) renderApplication(rw http.ResponseWriter, r *http.Request, p account.Principal, status int, section string, formErr error) {
	id, ok := w.appID(rw, r)
	if !ok {
		return
	}
	a, err := w.Applications.Get(r.Context(), p.User.ID, id)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	page := applicationPage{Application: a, Again: r.URL.Query().Get("again") == "1", Offer: w.Applications.CompareOffer(a),
		Stages: jobsearch.Stages(), Kinds: jobsearch.InterviewKinds(), Due: a.FollowUpDue(time.Now().In(w.Plans.Zone(r.Context(), p.User.ID)))}
	if page.Resumes, err = w.Resumes.TailoredList(r.Context(), p.User.ID); err == nil {
		err = w.people(r.Context(), p.User.ID, &page)
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if formErr != nil {
		form := r.PostForm
		if section != "" {
			page.sent, page.typed, form = section, r.PostForm, appForm(a)
		}
		w.refuse(rw, r, "application", w.view(r, a.Company, page), form, formErr)
		return
	}
	v := w.view(r, a.Company+": "+a.Title, page)
	v.Form = appForm(a)
	w.render(rw, r, status, "application", v)
}

// people reads the contacts the referrer is picked from, and the referrer.
func (w *Web) people(ctx context.Context, user int64, page *applicationPage) error {
	var err error
	if page.People, err = w.Network.List(ctx, user, network.Filter{Limit: network.MaxLimit}); err != nil {
		return err
	}
	if id := page.Application.ReferredBy; id != nil {
		c, err := w.Network.Get(ctx, user, *id)
		if err != nil {
			return err
		}
		page.Referrer = &c
	}
	return nil
}

// appForm fills the edit form from a stored application.
func appForm(a jobsearch.Application) url.Values {
	num := func(n int64) string {
		if n == 0 {
			return ""
		}
		return strconv.FormatInt(n, 10)
	}
	f := url.Values{
		"kind": {string(a.Kind)}, "company": {a.Company}, "title": {a.Title}, "location": {a.Location},
		"currency": {a.Currency}, "source_url": {a.SourceURL}, "description": {a.Description}, "deadline": {a.Deadline},
		"start_date": {a.StartDate}, "end_date": {a.EndDate}, "applied_on": {a.AppliedOn}, "follow_up": {a.FollowUp},
		"notes": {a.Notes}, "salary_min": {num(a.SalaryMin)}, "salary_max": {num(a.SalaryMax)},
		"offer_amount": {num(a.Offer.Amount)}, "offer_currency": {a.Offer.Currency},
	}
	if a.Remote {
		f["remote"] = []string{"on"}
	}
	if a.ResumeID != nil {
		f["resume_id"] = []string{strconv.FormatInt(*a.ResumeID, 10)}
	}
	if a.ReferredBy != nil {
		f["referred_by"] = []string{strconv.FormatInt(*a.ReferredBy, 10)}
	}
	return f
}

func (w *Web) updateApplication(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, ok := w.appID(rw, r)
	if !ok {
		return
	}
	a := jobsearch.Application{ID: id}
	err := appFromForm(r, &a)
	if err == nil {
		_, err = w.Applications.Update(r.Context(), p.User.ID, a)
	}
	if err != nil {
		w.renderApplication(rw, r, p, 0, "", err)
		return
	}
	http.Redirect(rw, r, "/applications/"+r.PathValue("id"), http.StatusSeeOther)
}

func (w *Web) addInterview(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	f := r.PostForm
	w.addToApplication(rw, r, p, "interviews", func(ctx context.Context, id int64) error {
		_, err := w.Applications.AddInterview(ctx, p.User.ID, id, jobsearch.InterviewRecord{At: f.Get("at"), Kind: f.Get("kind"),
			People: f.Get("people"), Notes: f.Get("notes")})
		return err
	})
}

func (w *Web) addContact(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	f := r.PostForm
	w.addToApplication(rw, r, p, "contacts", func(ctx context.Context, id int64) error {
		_, err := w.Applications.AddContact(ctx, p.User.ID, id, jobsearch.Contact{Name: f.Get("name"), Role: f.Get("role"),
			Email: f.Get("email"), URL: f.Get("url"), Notes: f.Get("contact_notes")})
		return err
	})
}

// addToApplication runs add for the application in the path, then shows the
// application at section; a refused form is shown again with its errors.
func (w *Web) addToApplication(rw http.ResponseWriter, r *http.Request, p account.Principal, section string, add func(context.Context, int64) error) {
	id, ok := w.appID(rw, r)
	if !ok {
		return
	}
	if err := add(r.Context(), id); err != nil {
		w.renderApplication(rw, r, p, 0, section, err)
		return
	}
	http.Redirect(rw, r, "/applications/"+r.PathValue("id")+"#"+section, http.StatusSeeOther)
}

func (w *Web) deleteApplication(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, ok := w.appID(rw, r)
	if !ok {
		return
	}
	if err := w.Applications.Delete(r.Context(), p.User.ID, id); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/applications", http.StatusSeeOther)
}
