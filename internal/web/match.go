package web

import (
	"net/http"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/match"
	"devpath/internal/progress"
)

// matchPage is the match score's page: the pasted description, and once
// scored, the result with what the learner already has in their plan.
type matchPage struct {
	JobDescription string
	Result         *match.Result
	Planned        map[string]progress.Status // topic -> status, for topics being learnt or done
	Added          string                     // the title of a topic just put into the plan
	Roadmap        string                     // slug of the roadmap the topics belong to
}

// InPlan tells whether a missing skill's topic is already being learnt.
func (m matchPage) InPlan(topic string) bool { return m.Planned[topic] == progress.Learning }

func (w *Web) matchPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.render(rw, r, http.StatusOK, "match", w.view(r, "Match a job description", matchPage{}))
}

// match scores the pasted description. The result is shown in answer to
// the POST, not behind a redirect: it is computed, not stored.
func (w *Web) match(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.renderMatch(rw, r, p, "")
}

// learnTopic puts a missing skill's topic into the plan by marking it
// "learning" (the planner schedules those first), then shows the result again.
func (w *Web) learnTopic(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	home := w.Roadmaps.Home()
	if home == nil {
		w.fail(rw, r, app.Errorf(app.NotFound, "no roadmap is loaded"))
		return
	}
	learning := progress.Learning
	if _, err := w.Progress.Set(r.Context(), p.User.ID, home.Slug, r.PostForm.Get("topic"), &learning, nil); err != nil {
		w.fail(rw, r, err)
		return
	}
	t, _ := home.Topic(r.PostForm.Get("topic"))
	w.renderMatch(rw, r, p, t.Title)
}

func (w *Web) renderMatch(rw http.ResponseWriter, r *http.Request, p account.Principal, added string) {
	page := matchPage{JobDescription: r.PostForm.Get("job_description"), Added: added, Planned: map[string]progress.Status{}}
	res, err := w.Match.Match(r.Context(), p.User.ID, page.JobDescription)
	if err != nil {
		w.formError(rw, r, "match", "Match a job description", page, err)
		return
	}
	page.Result = &res
	if home := w.Roadmaps.Home(); home != nil {
		page.Roadmap = home.Slug
		pv, err := w.Progress.Progress(r.Context(), p.User.ID, home.Slug)
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		for id, e := range pv.Entries {
			page.Planned[id] = e.Status
		}
	}
	v := w.view(r, "Match a job description", page)
	v.Form = r.PostForm
	w.render(rw, r, http.StatusOK, "match", v)
}
