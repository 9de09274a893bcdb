package web

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/checker"
	"devpath/internal/credential"
	"devpath/internal/portfolio"
	"devpath/internal/roadmap"
)

// portfolioPage manages the learner's projects and public page.
type portfolioPage struct {
	Settings    portfolio.Settings
	Projects    []portfolio.Showcase
	Credentials []credentialCard // accepted ones, each verified now
	Pending     int              // credentials waiting for the learner
	Saved       bool
}

func (w *Web) portfolioPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	set, err := w.Portfolio.Settings(r.Context(), p.User.ID)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.renderPortfolio(rw, r, p, set, nil)
}

func (w *Web) renderPortfolio(rw http.ResponseWriter, r *http.Request, p account.Principal, set portfolio.Settings, formErr error) {
	page := portfolioPage{Settings: set, Saved: r.URL.Query().Has("saved")}
	var err error
	if page.Projects, err = w.Portfolio.Projects(r.Context(), p.User.ID); err != nil {
		w.fail(rw, r, err)
		return
	}
	if err = w.portfolioCredentials(r, p.User.ID, &page); err != nil {
		w.fail(rw, r, err)
		return
	}
	if formErr != nil {
		w.formError(rw, r, "portfolio", "Your portfolio", page, formErr)
		return
	}
	w.render(rw, r, http.StatusOK, "portfolio", w.view(r, "Your portfolio", page))
}

// portfolioCredentials adds the learner's accepted credentials, verified
// as a reviewer would see them, and counts the ones waiting.
func (w *Web) portfolioCredentials(r *http.Request, user int64, page *portfolioPage) error {
	all, err := w.Credentials.List(r.Context(), user)
	if err != nil {
		return err
	}
	var accepted []credential.Issued
	for _, c := range all {
		if c.State == credential.Accepted {
			accepted = append(accepted, c)
		} else {
			page.Pending++
		}
	}
	page.Credentials, err = w.verified(r, accepted)
	return err
}

func (w *Web) savePortfolioSettings(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	f := r.PostForm
	set := portfolio.Settings{Handle: f.Get("handle"), Public: f.Get("public") == "on",
		ShowProgress: f.Get("show_progress") == "on", Headline: f.Get("headline")}
	if _, err := w.Portfolio.SetSettings(r.Context(), p.User.ID, set); err != nil {
		w.renderPortfolio(rw, r, p, set, err)
		return
	}
	http.Redirect(rw, r, "/portfolio?saved#settings", http.StatusSeeOther)
}

// showcaseForm is the form of one project, new or stored.
type showcaseForm struct {
	Project  portfolio.Project // as stored, or as typed after an error
	RunID    string            // the attached run as typed
	Runs     []checker.StoredRun
	Roadmap  *roadmap.Roadmap
	Verified *portfolio.Verified
}

func (f showcaseForm) Kinds() []portfolio.Kind      { return portfolio.Kinds() }
func (f showcaseForm) Shows(topic string) bool      { return slices.Contains(f.Project.Topics, topic) }
func (f showcaseForm) Attached(id int64) bool       { return f.RunID == strconv.FormatInt(id, 10) }
func (f showcaseForm) IsKind(k portfolio.Kind) bool { return f.Project.Kind == k }

func (w *Web) newShowcase(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.renderShowcase(rw, r, p, showcaseForm{Project: portfolio.Project{Kind: portfolio.Personal}}, nil)
}

func (w *Web) showcasePage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "portfolio project")
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	sc, err := w.Portfolio.Project(r.Context(), p.User.ID, id)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	form := showcaseForm{Project: sc.Project, Verified: sc.Verified}
	if sc.CheckRunID != nil {
		form.RunID = strconv.FormatInt(*sc.CheckRunID, 10)
	}
	w.renderShowcase(rw, r, p, form, nil)
}

func (w *Web) renderShowcase(rw http.ResponseWriter, r *http.Request, p account.Principal, form showcaseForm, formErr error) {
	var err error
	if form.Runs, err = w.Checks.History(r.Context(), p.User.ID, ""); err != nil {
		w.fail(rw, r, err)
		return
	}
	form.Roadmap = w.Roadmaps.Home()
	title := "A new project"
	if form.Project.ID != 0 {
		title = form.Project.Title
	}
	if formErr != nil {
		w.formError(rw, r, "showcase", title, form, formErr)
		return
	}
	w.render(rw, r, http.StatusOK, "showcase", w.view(r, title, form))
}

// showcaseFromForm reads the project form; a run id that is not a number
// is reported like any other field.
func showcaseFromForm(f url.Values, id int64) (showcaseForm, error) {
	form := showcaseForm{RunID: strings.TrimSpace(f.Get("check_run_id")), Project: portfolio.Project{
		ID: id, Kind: portfolio.Kind(f.Get("kind")), Title: f.Get("title"), Role: f.Get("role"),
		RepositoryURL: f.Get("repository_url"), LiveURL: f.Get("live_url"), StartDate: f.Get("start_date"),
		EndDate: f.Get("end_date"), Description: f.Get("description"), Topics: f["topics"], Public: f.Get("public") == "on"}}
	if form.RunID != "" {
		n, err := strconv.ParseInt(form.RunID, 10, 64)
		if err != nil {
			return form, app.FieldError("check_run_id", "choose one of your check runs")
		}
		form.Project.CheckRunID = &n
	}
	return form, nil
}

func (w *Web) createShowcase(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	form, err := showcaseFromForm(r.PostForm, 0)
	var sc portfolio.Showcase
	if err == nil {
		sc, err = w.Portfolio.Create(r.Context(), p.User.ID, form.Project)
	}
	w.afterShowcaseSave(rw, r, p, form, sc, err)
}

func (w *Web) updateShowcase(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "portfolio project")
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	form, err := showcaseFromForm(r.PostForm, id)
	var sc portfolio.Showcase
	if err == nil {
		sc, err = w.Portfolio.Update(r.Context(), p.User.ID, form.Project)
	}
	w.afterShowcaseSave(rw, r, p, form, sc, err)
}

// afterShowcaseSave goes back to the portfolio, or shows the form again
// with what was typed. Another learner's project or run is NotFound: an
// error page, since the form only offers the learner's own.
func (w *Web) afterShowcaseSave(rw http.ResponseWriter, r *http.Request, p account.Principal, form showcaseForm, sc portfolio.Showcase, err error) {
	switch {
	case err == nil:
		http.Redirect(rw, r, "/portfolio?saved#project-"+strconv.FormatInt(sc.ID, 10), http.StatusSeeOther)
	case app.ErrorCode(err) == app.Invalid:
		w.renderShowcase(rw, r, p, form, err)
	default:
		w.fail(rw, r, err)
	}
}

func (w *Web) deleteShowcase(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "portfolio project")
	if err == nil {
		err = w.Portfolio.Delete(r.Context(), p.User.ID, id)
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/portfolio#projects", http.StatusSeeOther)
}

// publicPage is the public portfolio with its Markdown rendered and the
// credentials the learner chose to show, each verified as it is shown.
type publicPage struct {
	portfolio.Page
	Credentials []credentialCard
}

// Markdown renders a description the learner wrote. goldmark's defaults
// drop raw HTML and dangerous link schemes (javascript:), so it is safe to
// show to visitors.
func (publicPage) Markdown(src string) template.HTML { return markdown(src) }

// publicPortfolio is the page employers see. It needs no login, and shows
// only what the learner chose: no notes, no email, no applications.
func (w *Web) publicPortfolio(rw http.ResponseWriter, r *http.Request) {
	page, err := w.Portfolio.Public(r.Context(), r.PathValue("handle"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	creds, err := w.publicCredentials(r, page.UserID, page.Settings.Handle)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	v := w.view(r, page.Name, publicPage{Page: page, Credentials: creds})
	v.Plain = true // an employer's page: no menu of devpath's, no "Create an account"
	w.render(rw, r, http.StatusOK, "public-portfolio", v)
}
