package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/checker"
	"devpath/internal/roadmap"
)

// markdown renders text for a page, falling back to the escaped text.
func markdown(src string) template.HTML {
	h, err := roadmap.Markdown([]byte(src))
	if err != nil {
		return template.HTML(template.HTMLEscapeString(src))
	}
	return scrollable(h)
}

// wrapScrollers makes wide blocks of rendered Markdown scroll inside
// themselves on a phone, not the page: a table goes in a wrapper that
// scrolls, and code blocks and wrappers take focus, since a scroller needs
// focus to be scrolled without a mouse.
var wrapScrollers = strings.NewReplacer(
	"<pre>", `<pre tabindex="0">`,
	"<table>", `<div class="table-wrap" tabindex="0" role="region" aria-label="Table"><table>`,
	"</table>", "</table></div>").Replace

func scrollable(h template.HTML) template.HTML {
	return template.HTML(wrapScrollers(string(h))) // rendered HTML in, a wrapper and attributes added
}

type practicePage struct {
	Projects  []checker.Project
	Exercises []exerciseArea
}

func (w *Web) practice(rw http.ResponseWriter, r *http.Request) {
	areas, err := w.exerciseAreas(r)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "practice", w.view(r, "Practice", practicePage{Projects: w.Projects.All(), Exercises: areas}))
}

type projectPage struct {
	Project checker.Project
	Spec    template.HTML
	Runs    []checker.StoredRun
}

func (w *Web) projectPage(rw http.ResponseWriter, r *http.Request) {
	w.renderProject(rw, r, http.StatusOK, nil)
}

func (w *Web) renderProject(rw http.ResponseWriter, r *http.Request, status int, formErr error) {
	p, err := w.Projects.Lookup(r.PathValue("name"))
	if err != nil {
		w.fail(rw, r, app.Errorf(app.NotFound, "%s", err.Error()))
		return
	}
	page := projectPage{Project: p, Spec: markdown(p.Spec)}
	if who, ok := account.FromContext(r.Context()); ok {
		if page.Runs, err = w.Checks.History(r.Context(), who.User.ID, p.Name); err != nil {
			w.fail(rw, r, err)
			return
		}
	}
	if formErr != nil {
		w.formError(rw, r, "project", p.Title, page, formErr)
		return
	}
	v := w.view(r, p.Title, page)
	v.Form.Set("url", "http://localhost:3000")
	if len(page.Runs) > 0 {
		v.Form.Set("url", page.Runs[0].URL)
	}
	w.render(rw, r, status, "project", v)
}

func (w *Web) startCheck(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	run, err := w.Checks.Start(r.Context(), p.User.ID, r.PathValue("name"), r.PostForm.Get("url"))
	if err != nil {
		w.renderProject(rw, r, 0, err)
		return
	}
	http.Redirect(rw, r, "/practice/checks/"+strconv.FormatInt(run.ID, 10), http.StatusSeeOther)
}

func (w *Web) checkPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		w.fail(rw, r, app.Errorf(app.NotFound, "check run %q not found", r.PathValue("id")))
		return
	}
	run, err := w.Checks.Get(r.Context(), p.User.ID, id)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if run.Status == checker.Running {
		rw.Header().Set("Refresh", "2") // look again until it finishes, with or without JavaScript
	}
	w.render(rw, r, http.StatusOK, "check", w.view(r, "Check of "+run.Project, newCheckView(run)))
}

// checkView is a check run as its page shows it: a summary line, then each
// stage with its failures and warnings apart.
type checkView struct {
	Run     checker.StoredRun
	Summary string
	Took    string // the whole run
	Stages  []stageView
}

type stageView struct {
	checker.ResultJSON
	Failures, Warnings []findingView
	Time               string
}

type findingView struct {
	checker.FindingJSON
	HintHTML template.HTML
}

func newCheckView(run checker.StoredRun) checkView {
	v := checkView{Run: run}
	if run.Report == nil {
		return v
	}
	v.Summary, v.Took = run.Report.Summary(), stageTime(run.Report.DurationMS)
	for _, res := range run.Report.Results {
		sv := stageView{ResultJSON: res, Time: stageTime(res.DurationMS)}
		for _, f := range res.Findings {
			fv := findingView{FindingJSON: f}
			if f.Hint != "" {
				fv.HintHTML = markdown(f.Hint)
			}
			if f.Level == checker.Warning {
				sv.Warnings = append(sv.Warnings, fv)
			} else {
				sv.Failures = append(sv.Failures, fv)
			}
		}
		v.Stages = append(v.Stages, sv)
	}
	return v
}

// stageTime shows a stage's time in a unit that reads at a glance.
func stageTime(ms int64) string {
	if ms < 1000 {
		return strconv.FormatInt(ms, 10) + " ms"
	}
	return strconv.FormatFloat(float64(ms)/1000, 'f', 1, 64) + " s"
}
