package web

import (
	"net/http"
	"slices"
	"strconv"

	"devpath/internal/account"
	"devpath/internal/cohort"
	"devpath/internal/credential"
)

// graduationForm is the cohort admins' part of the cohort page: its
// learners to choose from, with the graduation each already has, and,
// after a first submission, whom it will graduate, to confirm.
type graduationForm struct {
	Members   []cohort.Person
	Graduates map[int64]credential.Listed
	Chosen    []int64
	Confirm   []cohort.Person // set: the page asks to confirm these
	Queued    int             // set after a graduation: how many were queued
}

// IsChosen tells whether the learner's box is ticked.
func (g graduationForm) IsChosen(id int64) bool { return slices.Contains(g.Chosen, id) }

// Graduated returns the learner's graduation credential; nil when none.
func (g graduationForm) Graduated(id int64) *credential.Listed {
	if l, ok := g.Graduates[id]; ok {
		return &l
	}
	return nil
}

func (w *Web) graduationView(r *http.Request, p account.Principal, page *cohortPage) error {
	g := &page.Graduation
	var err error
	if g.Members, err = w.Cohorts.Members(r.Context(), p.User, page.Cohort.ID); err != nil {
		return err
	}
	g.Graduates, err = w.Credentials.Graduates(r.Context(), strconv.FormatInt(page.Cohort.ID, 10))
	if n, perr := strconv.Atoi(r.URL.Query().Get("graduated")); perr == nil {
		g.Queued = n
	}
	return err
}

// graduate shows whom the ticked boxes name and asks to confirm; the
// confirmation queues their credentials. Without JavaScript, it is two
// plain form posts.
func (w *Web) graduate(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "cohort")
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	var ids []int64
	for _, v := range r.PostForm["learner"] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			ids = append(ids, n)
		}
	}
	page := cohortPage{Graduation: graduationForm{Chosen: ids}}
	if r.PostForm.Get("confirm") != "yes" {
		page.Graduation.Confirm, err = w.Cohorts.Graduating(r.Context(), p.User, id, ids)
		w.renderCohort(rw, r, p, page, err)
		return
	}
	graduated, err := w.Cohorts.Graduate(r.Context(), p.User, id, ids)
	if err != nil {
		w.renderCohort(rw, r, p, page, err)
		return
	}
	http.Redirect(rw, r, "/cohorts/"+strconv.FormatInt(id, 10)+"?graduated="+strconv.Itoa(len(graduated))+"#graduate", http.StatusSeeOther)
}
