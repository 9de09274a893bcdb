// Package web serves devpath's HTML pages: html/template views embedded in
// the binary, plain forms that work without JavaScript, htmx where a page
// updates in place.
package web

import (
	"bytes"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/career"
	"devpath/internal/checker"
	"devpath/internal/plan"
	"devpath/internal/portfolio"
	"devpath/internal/practice"
	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

//go:embed templates static
var files embed.FS

// Services are what the pages call.
type Services struct {
	Accounts      *account.Service
	Roadmaps      *roadmap.Catalog
	Progress      *progress.Service
	Plans         *plan.Service
	Projects      *checker.Catalog
	Checks        *checker.Service
	Exercises     *practice.Service
	Applications  *career.Applications
	Resumes       *career.Resumes
	ResumePrinter *career.Renderer
	Portfolio     *portfolio.Service
	SecureCookies bool
	Version       string
}

// Web renders the pages.
type Web struct {
	Services
	pages     map[string]*template.Template
	fragments *template.Template // partials rendered alone, for htmx
	graphs    *graphs
	rows      *rowCache
	// buffers keeps page buffers between requests: a roadmap page is about
	// 100 KB, and growing a fresh buffer to that size showed up in profiles.
	buffers sync.Pool
}

// New parses every page with the layout.
func New(s Services) (*Web, error) {
	w := &Web{Services: s, pages: map[string]*template.Template{}, graphs: newGraphs(), rows: &rowCache{m: map[rowKey]template.HTML{}}}
	var err error
	if w.fragments, err = template.New("").Funcs(funcs).ParseFS(files, "templates/partials/*.html"); err != nil {
		return nil, err
	}
	names, err := fs.Glob(files, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		t, err := template.New("").Funcs(funcs).ParseFS(files, "templates/layout.html", "templates/partials/*.html", name)
		if err != nil {
			return nil, err
		}
		w.pages[strings.TrimSuffix(strings.TrimPrefix(name, "templates/pages/"), ".html")] = t
	}
	return w, nil
}

var funcs = template.FuncMap{
	"date":     func(t interface{ Format(string) string }) string { return t.Format("2 Jan 2006") },
	"datetime": func(t interface{ Format(string) string }) string { return t.Format("2 Jan 2006 15:04 MST") },
	"statuses": func() []progress.Status { return statuses },
	"stages":   career.Stages,
	"inc":      func(i int) int { return i + 1 },
	"add": func(ns ...int) int {
		sum := 0
		for _, n := range ns {
			sum += n
		}
		return sum
	},
}

// Mount registers the pages and static files on mux.
func (w *Web) Mount(mux *http.ServeMux) {
	static, _ := fs.Sub(files, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheFor(http.FileServerFS(static))))
	mux.HandleFunc("GET /{$}", w.home)
	mux.HandleFunc("GET /register", w.registerForm)
	mux.HandleFunc("POST /register", w.register)
	mux.HandleFunc("GET /login", w.loginForm)
	mux.HandleFunc("POST /login", w.login)
	mux.HandleFunc("POST /logout", w.logout)
	mux.HandleFunc("GET /account", w.needUser(w.accountPage))
	mux.HandleFunc("POST /account/tokens", w.needUser(w.createToken))
	mux.HandleFunc("POST /account/tokens/{id}/revoke", w.needUser(w.revokeToken))
	mux.HandleFunc("POST /account/import", w.needUser(w.importProgress))
	mux.HandleFunc("GET /roadmaps", w.roadmapsPage)
	mux.HandleFunc("GET /roadmaps/{slug}", w.roadmapPage)
	mux.HandleFunc("GET /roadmaps/{slug}/graph.svg", w.graph)
	mux.HandleFunc("POST /roadmaps/{slug}/bulk", w.needUser(w.bulk))
	mux.HandleFunc("GET /roadmaps/{slug}/topics/{id}", w.topicPage)
	mux.HandleFunc("POST /roadmaps/{slug}/topics/{id}/status", w.needUser(w.setStatus))
	mux.HandleFunc("POST /roadmaps/{slug}/topics/{id}/note", w.needUser(w.setNote))
	mux.HandleFunc("GET /onboarding", w.needUser(w.onboarding))
	mux.HandleFunc("POST /onboarding", w.needUser(w.saveOnboarding))
	mux.HandleFunc("GET /plan/{slug}", w.needUser(w.planPage))
	mux.HandleFunc("POST /plan/{slug}/reviews/{id}", w.needUser(w.review))
	mux.HandleFunc("POST /calendar/rotate", w.needUser(w.rotateCalendar))
	mux.HandleFunc("GET /calendar/{file}", w.calendar)
	mux.HandleFunc("GET /applications", w.needUser(w.applicationsPage))
	mux.HandleFunc("GET /applications/new", w.needUser(w.newApplication))
	mux.HandleFunc("POST /applications", w.needUser(w.createApplication))
	mux.HandleFunc("GET /applications/{id}", w.needUser(w.applicationPage))
	mux.HandleFunc("POST /applications/{id}", w.needUser(w.updateApplication))
	mux.HandleFunc("POST /applications/{id}/stage", w.needUser(w.moveApplication))
	mux.HandleFunc("POST /applications/{id}/interviews", w.needUser(w.addInterview))
	mux.HandleFunc("POST /applications/{id}/contacts", w.needUser(w.addContact))
	mux.HandleFunc("POST /applications/{id}/delete", w.needUser(w.deleteApplication))
	mux.HandleFunc("GET /practice", w.practice)
	mux.HandleFunc("GET /practice/projects/{name}", w.projectPage)
	mux.HandleFunc("POST /practice/projects/{name}/checks", w.needUser(w.startCheck))
	mux.HandleFunc("GET /practice/checks/{id}", w.needUser(w.checkPage))
	mux.HandleFunc("GET /practice/sql/{id}", w.exercisePage)
	mux.HandleFunc("POST /practice/sql/{id}", w.needUser(w.gradeAnswer))
	mux.HandleFunc("GET /resume", w.needUser(w.resumePage))
	mux.HandleFunc("POST /resume", w.needUser(w.saveResume))
	mux.HandleFunc("POST /resume/upload", w.needUser(w.uploadResume))
	mux.HandleFunc("GET /resume/export", w.needUser(w.exportResume))
	mux.HandleFunc("GET /resume/print", w.needUser(w.printResume))
	mux.HandleFunc("POST /resumes", w.needUser(w.createTailored))
	mux.HandleFunc("GET /resumes/{id}", w.needUser(w.tailoredPage))
	mux.HandleFunc("POST /resumes/{id}", w.needUser(w.saveTailored))
	mux.HandleFunc("POST /resumes/{id}/delete", w.needUser(w.deleteTailored))
	mux.HandleFunc("GET /resumes/{id}/print", w.needUser(w.printTailored))
	mux.HandleFunc("GET /match", w.needUser(w.matchPage))
	mux.HandleFunc("POST /match", w.needUser(w.match))
	mux.HandleFunc("POST /match/learn", w.needUser(w.learnTopic))
	mux.HandleFunc("GET /portfolio", w.needUser(w.portfolioPage))
	mux.HandleFunc("POST /portfolio/settings", w.needUser(w.savePortfolioSettings))
	mux.HandleFunc("GET /portfolio/projects/new", w.needUser(w.newShowcase))
	mux.HandleFunc("POST /portfolio/projects", w.needUser(w.createShowcase))
	mux.HandleFunc("GET /portfolio/projects/{id}", w.needUser(w.showcasePage))
	mux.HandleFunc("POST /portfolio/projects/{id}", w.needUser(w.updateShowcase))
	mux.HandleFunc("POST /portfolio/projects/{id}/delete", w.needUser(w.deleteShowcase))
	mux.HandleFunc("GET /u/{handle}", w.publicPortfolio)
}

// needUser runs h for logged-in people and sends everyone else to log in.
func (w *Web) needUser(h func(http.ResponseWriter, *http.Request, account.Principal)) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		p, err := account.Require(r.Context())
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		h(rw, r, p)
	}
}

func cacheFor(h http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(rw, r)
	})
}

// view is what every template receives; Data holds the page's own values.
type view struct {
	Title   string
	User    *account.User
	Version string
	Form    url.Values        // what the person typed, to re-render after an error
	Errors  map[string]string // field -> problem
	Message string            // an error or notice for the whole form
	Data    any
}

func (w *Web) view(r *http.Request, title string, data any) view {
	v := view{Title: title, Version: w.Version, Data: data, Form: url.Values{}}
	if p, ok := account.FromContext(r.Context()); ok {
		v.User = &p.User
	}
	return v
}

// render writes a page, buffering so a template error never leaves half a page.
func (w *Web) render(rw http.ResponseWriter, r *http.Request, status int, page string, v view) {
	t, ok := w.pages[page]
	if !ok {
		w.fail(rw, r, errors.New("no page "+page))
		return
	}
	buf, _ := w.buffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer w.buffers.Put(buf)
	buf.Reset()
	if err := t.ExecuteTemplate(buf, "layout", v); err != nil {
		w.fail(rw, r, err)
		return
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.WriteHeader(status)
	buf.WriteTo(rw)
}

// fragment writes one partial template, for htmx to swap in.
func (w *Web) fragment(rw http.ResponseWriter, r *http.Request, name string, data any) {
	var buf bytes.Buffer
	if err := w.fragments.ExecuteTemplate(&buf, name, data); err != nil {
		w.fail(rw, r, err)
		return
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	buf.WriteTo(rw)
}

// fail shows an error page; a missing login sends the person to log in.
func (w *Web) fail(rw http.ResponseWriter, r *http.Request, err error) {
	code := app.ErrorCode(err)
	if code == app.Unauthorized {
		http.Redirect(rw, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	msg := "Something went wrong on our side. It has been logged."
	var e *app.Error
	if errors.As(err, &e) {
		msg = e.Message
	} else {
		app.Logger(r.Context()).Error("internal error", "err", err)
	}
	v := w.view(r, "Error", nil)
	v.Message = msg
	t := w.pages["error"]
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.WriteHeader(app.HTTPStatus(code))
	t.ExecuteTemplate(rw, "layout", v)
}

// formError re-renders a form with what was typed and what is wrong.
func (w *Web) formError(rw http.ResponseWriter, r *http.Request, page, title string, data any, err error) {
	var e *app.Error
	if !errors.As(err, &e) || e.Code == app.Internal {
		w.fail(rw, r, err)
		return
	}
	v := w.view(r, title, data)
	v.Form = r.PostForm
	v.Form.Del("password") // never echo a password back
	v.Errors = e.Fields
	v.Message = e.Message
	w.render(rw, r, app.HTTPStatus(e.Code), page, v)
}

// localPath keeps redirects on this site.
func localPath(next string) string {
	if strings.HasPrefix(next, "/") && !strings.HasPrefix(next, "//") && !strings.HasPrefix(next, "/\\") {
		return next
	}
	return "/"
}
