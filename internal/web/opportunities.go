package web

import (
	"net/http"
	"strconv"

	"devpath/internal/account"
	"devpath/internal/cohort"
	"devpath/internal/jobsearch"
)

// opportunitiesPage is a cohort's internships and jobs: staff post them and
// see how far applicants got; learners apply and say where they ended up.
type opportunitiesPage struct {
	Cohort        cohort.Cohort
	Standing      cohort.Standing
	Opportunities []cohort.Opportunity
	Outcomes      cohort.Outcomes // for staff
	MyResult      cohort.Result   // for a learner
	Me            int64
}

// StageCounts are the stages o's applicants are at, in board order, with how many at each.
func (opportunitiesPage) StageCounts(o cohort.Opportunity) []stageCount {
	var out []stageCount
	for _, st := range jobsearch.Stages() {
		if n := o.Stages[st]; n > 0 {
			out = append(out, stageCount{st, n})
		}
	}
	return out
}

type stageCount struct {
	Stage jobsearch.Stage
	N     int
}

// Results lists what may be recorded, with how each reads.
func (opportunitiesPage) Results() []resultChoice {
	return []resultChoice{{cohort.Hired, "Hired"}, {cohort.Interning, "In an internship"}, {cohort.Searching, "Still searching"}}
}

type resultChoice struct {
	Value cohort.Result
	Label string
}

func (w *Web) opportunitiesPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.renderOpportunities(rw, r, p, nil)
}

// renderOpportunities shows the page, with a refused form's problems when there are.
func (w *Web) renderOpportunities(rw http.ResponseWriter, r *http.Request, p account.Principal, formErr error) {
	page, err := w.opportunitiesData(r, p)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	title := "Opportunities: " + page.Cohort.Name
	if formErr != nil {
		w.formError(rw, r, "cohort-opportunities", title, page, formErr)
		return
	}
	v := w.view(r, title, page)
	v.Form.Set("kind", string(jobsearch.Internship))
	w.render(rw, r, http.StatusOK, "cohort-opportunities", v)
}

func (w *Web) opportunitiesData(r *http.Request, p account.Principal) (opportunitiesPage, error) {
	page := opportunitiesPage{Me: p.User.ID}
	id, err := pathID(r, "cohort")
	if err == nil {
		page.Cohort, page.Standing, err = w.Cohorts.Standing(r.Context(), p.User, id)
	}
	if err == nil {
		page.Opportunities, err = w.Cohorts.Opportunities(r.Context(), p.User, id)
	}
	switch {
	case err != nil:
	case page.Standing.Staff:
		page.Outcomes, err = w.Cohorts.Outcomes(r.Context(), p.User, id)
	default:
		page.MyResult, err = w.Cohorts.MyResult(r.Context(), p.User, id)
	}
	return page, err
}

// opportunitiesPath is the page's address, with an anchor.
func opportunitiesPath(id int64, anchor string) string {
	return "/cohorts/" + strconv.FormatInt(id, 10) + "/opportunities" + anchor
}

func (w *Web) postOpportunity(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "cohort")
	if err == nil {
		f := r.PostForm
		_, err = w.Cohorts.Post(r.Context(), p.User, id, cohort.Opportunity{Kind: jobsearch.Kind(f.Get("kind")),
			Company: f.Get("company"), Title: f.Get("title"), Description: f.Get("description"),
			Deadline: f.Get("deadline"), Link: f.Get("link")})
	}
	if err != nil {
		w.renderOpportunities(rw, r, p, err)
		return
	}
	http.Redirect(rw, r, opportunitiesPath(id, "#posted"), http.StatusSeeOther)
}

func (w *Web) applyToOpportunity(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "cohort")
	var opp int64
	if err == nil {
		opp, err = pathIDOf(r, "opp", "opportunity")
	}
	var a jobsearch.Application
	if err == nil {
		a, err = w.Cohorts.Apply(r.Context(), p.User, id, opp)
	}
	if err != nil {
		w.renderOpportunities(rw, r, p, err)
		return
	}
	http.Redirect(rw, r, "/applications/"+strconv.FormatInt(a.ID, 10), http.StatusSeeOther)
}

func (w *Web) withdrawOpportunity(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "cohort")
	var opp int64
	if err == nil {
		opp, err = pathIDOf(r, "opp", "opportunity")
	}
	if err == nil {
		err = w.Cohorts.Withdraw(r.Context(), p.User, id, opp)
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, opportunitiesPath(id, "#posted"), http.StatusSeeOther)
}

func (w *Web) recordResult(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "cohort")
	var user int64
	if err == nil {
		user, err = pathIDOf(r, "user", "learner")
	}
	if err == nil {
		err = w.Cohorts.SetResult(r.Context(), p.User, id, user, cohort.Result(r.PostForm.Get("outcome")))
	}
	if err != nil {
		w.renderOpportunities(rw, r, p, err)
		return
	}
	http.Redirect(rw, r, opportunitiesPath(id, "#outcomes"), http.StatusSeeOther)
}
