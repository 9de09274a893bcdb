package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/cohort"
	"devpath/internal/roadmap"
)

// cohortsPage lists the viewer's cohorts, the invitations waiting for them,
// and, for an instance admin, the form that makes a cohort.
type cohortsPage struct {
	Cohorts     []cohort.Membership
	Invitations []cohort.Invitation
	CanCreate   bool
	Roadmaps    []*roadmap.Roadmap
}

func (w *Web) cohortsPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.renderCohorts(rw, r, p, nil)
}

// renderCohorts shows the page, with a refused form's problems when there are.
func (w *Web) renderCohorts(rw http.ResponseWriter, r *http.Request, p account.Principal, formErr error) {
	page := cohortsPage{CanCreate: p.User.Role == account.Admin, Roadmaps: w.Roadmaps.All()}
	var err error
	if page.Cohorts, err = w.Cohorts.List(r.Context(), p.User); err != nil {
		w.fail(rw, r, err)
		return
	}
	if page.Invitations, err = w.Cohorts.MyInvitations(r.Context(), p.User); err != nil {
		w.fail(rw, r, err)
		return
	}
	if formErr != nil {
		w.formError(rw, r, "cohorts", "Cohorts", page, formErr)
		return
	}
	v := w.view(r, "Cohorts", page)
	v.Form.Set("weekly_hours", "20")
	v.Form.Set("time_zone", "UTC")
	w.render(rw, r, http.StatusOK, "cohorts", v)
}

// cohortFromForm reads the cohort form; thresholds left empty take their defaults.
func cohortFromForm(f url.Values, id int64) cohort.Cohort {
	num := func(k string) int { n, _ := strconv.Atoi(f.Get(k)); return n }
	return cohort.Cohort{ID: id, Name: f.Get("name"), Roadmap: f.Get("roadmap"), StartDate: f.Get("start_date"),
		EndDate: f.Get("end_date"), TargetDate: f.Get("target_date"), WeeklyHours: num("weekly_hours"), TimeZone: f.Get("time_zone"),
		Thresholds: cohort.Thresholds{InactiveDays: num("thresholds.inactive_days"), BehindHours: num("thresholds.behind_hours"),
			LearningFactor: num("thresholds.learning_factor"), RepeatedFailures: num("thresholds.repeated_failures")}}
}

// cohortForm fills the settings form with the cohort as it is, keeping
// what a refused form brought back.
func cohortForm(c cohort.Cohort, f url.Values) {
	t := c.Thresholds
	for k, v := range map[string]string{"name": c.Name, "roadmap": c.Roadmap, "start_date": c.StartDate, "end_date": c.EndDate,
		"target_date": c.TargetDate, "weekly_hours": strconv.Itoa(c.WeeklyHours), "time_zone": c.TimeZone,
		"thresholds.inactive_days": strconv.Itoa(t.InactiveDays), "thresholds.behind_hours": strconv.Itoa(t.BehindHours),
		"thresholds.learning_factor": strconv.Itoa(t.LearningFactor), "thresholds.repeated_failures": strconv.Itoa(t.RepeatedFailures)} {
		if !f.Has(k) {
			f.Set(k, v)
		}
	}
}

// updateCohort changes a cohort's settings and thresholds from its page.
func (w *Web) updateCohort(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "cohort")
	if err == nil {
		_, err = w.Cohorts.Update(r.Context(), p.User, cohortFromForm(r.PostForm, id))
	}
	if err != nil {
		w.renderCohort(rw, r, p, cohortPage{}, err)
		return
	}
	http.Redirect(rw, r, "/cohorts/"+strconv.FormatInt(id, 10)+"#settings", http.StatusSeeOther)
}

func (w *Web) createCohort(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	c, err := w.Cohorts.Create(r.Context(), p.User, cohortFromForm(r.PostForm, 0))
	if err != nil {
		w.renderCohorts(rw, r, p, err)
		return
	}
	http.Redirect(rw, r, "/cohorts/"+strconv.FormatInt(c.ID, 10), http.StatusSeeOther)
}

func (w *Web) joinCohort(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	inv, err := w.Cohorts.Join(r.Context(), p.User, r.PostForm.Get("invitation"))
	if err != nil {
		w.renderCohorts(rw, r, p, err)
		return
	}
	http.Redirect(rw, r, "/cohorts/"+strconv.FormatInt(inv.CohortID, 10), http.StatusSeeOther)
}

func (w *Web) acceptInvitation(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "invitation")
	var inv cohort.Invitation
	if err == nil {
		inv, err = w.Cohorts.Accept(r.Context(), p.User, id)
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/cohorts/"+strconv.FormatInt(inv.CohortID, 10), http.StatusSeeOther)
}

// cohortPage is one cohort: its facts for everyone in it, the dashboard
// for its staff, and invitations for its admins.
type cohortPage struct {
	Cohort     cohort.Cohort
	Standing   cohort.Standing
	Dashboard  cohort.Dashboard
	Query      cohort.DashboardQuery
	Sorts      []sortLink
	Report     []cohort.InviteLine // after inviting a list
	Invited    int
	Link       string // a link just made, shown once
	Staff      []cohort.Person
	Me         int64
	Milestones []cohort.Milestone
	Audit      []cohort.AuditEntry
	Roadmaps   []*roadmap.Roadmap // for its admins' settings form
	Graduation graduationForm     // for its admins
}

// sortLink is one way to order the dashboard, as a link (no JavaScript).
type sortLink struct {
	Label, Href string
	Current     bool
}

// Cell is how a grid cell reads: its percent and the shade that repeats it.
func (cohortPage) Cell(percent float64) string {
	switch {
	case percent >= 100:
		return "grid-full"
	case percent >= 50:
		return "grid-most"
	case percent > 0:
		return "grid-some"
	}
	return "grid-none"
}

func (w *Web) cohortPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.renderCohort(rw, r, p, cohortPage{}, nil)
}

func (w *Web) renderCohort(rw http.ResponseWriter, r *http.Request, p account.Principal, page cohortPage, formErr error) {
	id, err := pathID(r, "cohort")
	if err == nil {
		page.Cohort, page.Standing, err = w.Cohorts.Standing(r.Context(), p.User, id)
	}
	if err == nil {
		page.Milestones, err = w.Cohorts.Milestones(r.Context(), p.User, id)
	}
	if err == nil && page.Standing.Staff {
		err = w.staffView(r, p, &page)
	}
	if err == nil && page.Standing.Admin {
		err = w.graduationView(r, p, &page)
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	page.Me = p.User.ID
	if page.Standing.Admin {
		page.Roadmaps = w.Roadmaps.All()
	}
	if formErr != nil {
		if r.PostForm != nil {
			cohortForm(page.Cohort, r.PostForm)
		}
		w.formError(rw, r, "cohort", page.Cohort.Name, page, formErr)
		return
	}
	v := w.view(r, page.Cohort.Name, page)
	v.Form.Set("expires_at", time.Now().AddDate(0, 0, 14).Format(cohort.DateLayout))
	cohortForm(page.Cohort, v.Form)
	w.render(rw, r, http.StatusOK, "cohort", v)
}

// staffView adds the dashboard, arranged as the address asks, and the staff list.
func (w *Web) staffView(r *http.Request, p account.Principal, page *cohortPage) error {
	q := r.URL.Query()
	page.Query = cohort.DashboardQuery{Sort: q.Get("sort"), StuckOnly: q.Get("stuck") == "1"}
	if !cohort.ValidSort(page.Query.Sort) {
		page.Query.Sort = ""
	}
	var err error
	if page.Dashboard, err = w.Cohorts.Dashboard(r.Context(), p.User, page.Cohort.ID, page.Query); err != nil {
		return err
	}
	base := "/cohorts/" + strconv.FormatInt(page.Cohort.ID, 10) + "?"
	stuck := ""
	if page.Query.StuckOnly {
		stuck = "stuck=1&"
	}
	for _, s := range []struct{ key, label string }{{cohort.ByName, "Name"}, {cohort.ByProgress, "Least progress"},
		{cohort.ByActivity, "Longest idle"}, {cohort.ByFlags, "Most flags"}} {
		cur := page.Query.Sort == s.key || (page.Query.Sort == "" && s.key == cohort.ByName)
		page.Sorts = append(page.Sorts, sortLink{Label: s.label, Href: base + stuck + "sort=" + s.key + "#learners", Current: cur})
	}
	if page.Staff, err = w.Cohorts.Staff(r.Context(), p.User, page.Cohort.ID); err != nil {
		return err
	}
	page.Audit, err = w.Cohorts.Audit(r.Context(), p.User, page.Cohort.ID)
	return err
}

func (w *Web) inviteToCohort(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "cohort")
	var page cohortPage
	if err == nil {
		page.Report, err = w.Cohorts.Invite(r.Context(), p.User, id, r.PostForm.Get("emails"))
	}
	for _, l := range page.Report {
		if l.Outcome == cohort.Invited {
			page.Invited++
		}
	}
	w.renderCohort(rw, r, p, page, err)
}

func (w *Web) createCohortLink(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "cohort")
	var page cohortPage
	if err == nil {
		seats, _ := strconv.Atoi(r.PostForm.Get("seats"))
		req := cohort.LinkRequest{Seats: seats}
		if day, perr := time.Parse(cohort.DateLayout, r.PostForm.Get("expires_at")); perr == nil {
			req.ExpiresAt = day.Add(24 * time.Hour) // to the end of that day
		}
		var code string
		if _, code, err = w.Cohorts.CreateLink(r.Context(), p.User, id, req); err == nil {
			page.Link = w.BaseURL + "/register?invitation=" + url.QueryEscape(code)
		}
	}
	w.renderCohort(rw, r, p, page, err)
}

func (w *Web) addCohortMentor(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "cohort")
	if err == nil {
		_, err = w.Cohorts.SetStaff(r.Context(), p.User, id, r.PostForm.Get("email"), cohort.Role(r.PostForm.Get("role")))
	}
	if err != nil {
		w.renderCohort(rw, r, p, cohortPage{}, err)
		return
	}
	http.Redirect(rw, r, "/cohorts/"+strconv.FormatInt(id, 10)+"#staff", http.StatusSeeOther)
}

func (w *Web) addCohortMember(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "cohort")
	if err == nil {
		_, err = w.Cohorts.AddMember(r.Context(), p.User, id, r.PostForm.Get("member_email"))
	}
	if err != nil {
		w.renderCohort(rw, r, p, cohortPage{}, renamed(err, "email", "member_email"))
		return
	}
	http.Redirect(rw, r, "/cohorts/"+strconv.FormatInt(id, 10)+"#learners", http.StatusSeeOther)
}

func (w *Web) assignMentor(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "cohort")
	var learner int64
	if err == nil {
		learner, err = pathIDOf(r, "user", "learner")
	}
	if err == nil {
		mentor, _ := strconv.ParseInt(r.PostForm.Get("mentor_id"), 10, 64)
		err = w.Cohorts.AssignMentor(r.Context(), p.User, id, learner, mentor)
	}
	if err != nil {
		w.renderCohort(rw, r, p, cohortPage{}, withoutFields(err))
		return
	}
	http.Redirect(rw, r, "/cohorts/"+strconv.FormatInt(id, 10)+"#learners", http.StatusSeeOther)
}

// renamed files a field's problem under the name the page's input has.
func renamed(err error, from, to string) error {
	var e *app.Error
	if errors.As(err, &e) && e.Fields[from] != "" {
		e2 := *e
		e2.Fields = map[string]string{to: e.Fields[from]}
		return &e2
	}
	return err
}

func (w *Web) leaveCohort(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "cohort")
	if err == nil {
		err = w.Cohorts.RemoveMember(r.Context(), p.User, id, p.User.ID)
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/cohorts", http.StatusSeeOther)
}

// formField is what the cohort-field partial draws: one input with its
// label, hint, value as typed and problem.
type formField struct {
	Name, Label, Type, Hint, Value, Error string
}
