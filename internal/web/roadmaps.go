package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/network"
	"devpath/internal/plan"
	"devpath/internal/progress"
	"devpath/internal/roadmap"
	"devpath/internal/web/charts"
)

// topicRow is one topic as a list shows it, with the viewer's status.
type topicRow struct {
	Slug    string
	Topic   *roadmap.Topic
	Status  progress.Status
	InScope bool
	HTML    template.HTML // the row drawn, from the row cache
}

type stepView struct {
	Step      *roadmap.Step
	Count     progress.StepCount
	CountHTML template.HTML // the count drawn
	Rows      []topicRow
	RowsHTML  template.HTML // every row's HTML joined: one template action instead of one per row
}

type roadmapPage struct {
	Roadmap     *roadmap.Roadmap
	Summary     progress.Summary
	SummaryHTML template.HTML // the summary drawn
	Steps       []stepView
	LoggedIn    bool
	Picture     template.HTML // the roadmap drawn with the viewer's statuses
}

// statuses is what the status controls offer, in order.
var statuses = progress.Statuses()

// progressView returns the viewer's progress, or an empty one for visitors.
func (w *Web) progressView(r *http.Request, slug string) (progress.View, bool, error) {
	if p, ok := account.FromContext(r.Context()); ok {
		v, err := w.Progress.Progress(r.Context(), p.User.ID, slug)
		return v, true, err
	}
	rm, err := w.Roadmaps.Get(slug)
	if err != nil {
		return progress.View{}, false, err
	}
	return progress.View{Roadmap: rm, Summary: progress.Summarise(rm, nil)}, false, nil
}

// buildRoadmapPage is every value of a roadmap page, for the status
// update's fragment and for drawing the page whole (see roadmapSkeleton).
func (w *Web) buildRoadmapPage(v progress.View, loggedIn bool) (roadmapPage, error) {
	in := progress.InScope(v.Roadmap, v.Status)
	page := roadmapPage{Roadmap: v.Roadmap, Summary: v.Summary, LoggedIn: loggedIn}
	var err error
	if page.SummaryHTML, err = w.drawFragment("summary", v.Summary); err != nil {
		return page, err
	}
	for i, s := range v.Roadmap.Steps {
		sv := stepView{Step: s, Count: v.Summary.Steps[i]}
		if sv.CountHTML, err = w.drawFragment("step-count", sv.Count); err != nil {
			return page, err
		}
		var rows strings.Builder
		rows.Grow(1024 * len(s.Topics))
		for _, t := range s.Topics {
			row := topicRow{Slug: v.Roadmap.Slug, Topic: t, Status: v.Status(t.ID), InScope: in[t.ID]}
			if row.HTML, err = w.rows.draw(w.fragments, v.Roadmap.Version, row, loggedIn); err != nil {
				return page, err
			}
			rows.WriteString(string(row.HTML))
			sv.Rows = append(sv.Rows, row)
		}
		sv.RowsHTML = template.HTML(rows.String()) // joined from rows html/template escaped
		page.Steps = append(page.Steps, sv)
	}
	page.Picture = w.pictures.of(v.Roadmap).SVG(v.Status)
	return page, nil
}

// drawFragment draws a partial template alone.
func (w *Web) drawFragment(name string, data any) (template.HTML, error) {
	var buf bytes.Buffer
	err := w.fragments.ExecuteTemplate(&buf, name, data)
	return template.HTML(buf.String()), err // html/template escaped it
}

type roadmapCard struct {
	Roadmap *roadmap.Roadmap
	Summary progress.Summary
}

func (w *Web) roadmapsPage(rw http.ResponseWriter, r *http.Request) {
	var cards []roadmapCard
	for _, rm := range w.Roadmaps.All() {
		v, _, err := w.progressView(r, rm.Slug)
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		cards = append(cards, roadmapCard{Roadmap: rm, Summary: v.Summary})
	}
	w.render(rw, r, http.StatusOK, "roadmaps", w.view(r, "Roadmaps", cards))
}

func (w *Web) roadmapPage(rw http.ResponseWriter, r *http.Request) {
	v, loggedIn, err := w.progressView(r, r.PathValue("slug"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	content := w.buffer()
	defer w.buffers.Put(content)
	if !loggedIn {
		w.serveVisitor(rw, r, v.Roadmap.Version, func(buf *bytes.Buffer) error {
			if err := w.drawRoadmap(content, v, false); err != nil {
				return err
			}
			return w.drawAround(buf, w.view(r, v.Roadmap.Title, nil), content.Bytes())
		})
		return
	}
	if err := w.drawRoadmap(content, v, loggedIn); err != nil {
		w.fail(rw, r, err)
		return
	}
	w.renderAround(rw, r, http.StatusOK, w.view(r, v.Roadmap.Title, nil), content.Bytes())
}

// graph serves the roadmap's picture as an SVG document of its own. The
// site's stylesheet colours it, named in a processing instruction: the
// content policy allows no style inside the picture.
func (w *Web) graph(rw http.ResponseWriter, r *http.Request) {
	v, _, err := w.progressView(r, r.PathValue("slug"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	svg := w.pictures.of(v.Roadmap).SVG(v.Status)
	rw.Header().Set("Content-Type", "image/svg+xml")
	rw.Header().Set("Cache-Control", "private, no-cache")
	fmt.Fprintf(rw, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?xml-stylesheet href=\"%s\" type=\"text/css\"?>\n%s",
		w.assets.url("style.css"), svg)
}

type topicPage struct {
	Roadmap     *roadmap.Roadmap
	StepTitle   string
	Row         topicRow
	Entry       progress.Entry
	Prereqs     []*roadmap.Topic
	History     []progress.Change
	Communities []network.Community // where people who study the topic meet
	LoggedIn    bool
}

func (w *Web) topicPage(rw http.ResponseWriter, r *http.Request) {
	w.renderTopic(rw, r, http.StatusOK, nil)
}

// renderTopic shows a topic; formErr re-renders the note form with what was typed.
func (w *Web) renderTopic(rw http.ResponseWriter, r *http.Request, status int, formErr error) {
	v, loggedIn, err := w.progressView(r, r.PathValue("slug"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	t, err := v.Roadmap.Topic(r.PathValue("id"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if t.ID != r.PathValue("id") { // a former id: send the reader to the current address
		http.Redirect(rw, r, "/roadmaps/"+v.Roadmap.Slug+"/topics/"+t.ID, http.StatusMovedPermanently)
		return
	}
	page := topicPage{Roadmap: v.Roadmap, Entry: v.Entries[t.ID], LoggedIn: loggedIn,
		Row: topicRow{Slug: v.Roadmap.Slug, Topic: t, Status: v.Status(t.ID)}, Communities: w.Network.Communities(t.ID)}
	if st, err := v.Roadmap.Step(t.Step); err == nil {
		page.StepTitle = st.Title
	}
	for _, id := range t.Prerequisites {
		pt, _ := v.Roadmap.Topic(id)
		page.Prereqs = append(page.Prereqs, pt)
	}
	if p, ok := account.FromContext(r.Context()); ok {
		if page.History, err = w.Progress.History(r.Context(), p.User.ID, v.Roadmap.Slug, t.ID, 20); err != nil {
			w.fail(rw, r, err)
			return
		}
	}
	if formErr != nil {
		w.formError(rw, r, "topic", t.Title, page, formErr)
		return
	}
	vw := w.view(r, t.Title, page)
	vw.Form.Set("note", page.Entry.Note)
	if !loggedIn && status == http.StatusOK {
		w.serveVisitor(rw, r, v.Roadmap.Version, func(buf *bytes.Buffer) error { return w.drawPage(buf, "topic", vw) })
		return
	}
	w.render(rw, r, status, "topic", vw)
}

// setStatus answers a status control: with htmx, the new row and the
// updated counts; without, a redirect back to where the form was.
func (w *Web) setStatus(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	slug, id := r.PathValue("slug"), r.PathValue("id")
	st := progress.Status(r.PostForm.Get("status"))
	if _, err := w.Progress.Set(r.Context(), p.User.ID, slug, id, &st, nil); err != nil {
		w.fail(rw, r, err)
		return
	}
	if r.Header.Get("HX-Request") != "true" {
		http.Redirect(rw, r, backTo(r, "/roadmaps/"+slug+"#t-"+id), http.StatusSeeOther)
		return
	}
	v, err := w.Progress.Progress(r.Context(), p.User.ID, slug)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	page, err := w.buildRoadmapPage(v, true)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	u := page.withTopic(id)
	if u.Row.Topic != nil {
		u.PictureNode = w.pictures.of(v.Roadmap).Node(u.Row.Topic.ID, u.Row.Status, `hx-swap-oob="true"`)
	}
	w.fragment(rw, r, "status-update", u)
}

// statusUpdate is what an htmx status change re-renders.
type statusUpdate struct {
	Page        roadmapPage
	Row         topicRow
	Step        stepView
	PictureNode template.HTML // the topic in the roadmap's picture, swapped out of band
}

func (p roadmapPage) withTopic(id string) statusUpdate {
	u := statusUpdate{Page: p}
	for _, s := range p.Steps {
		for _, row := range s.Rows {
			if row.Topic.ID == id || slices.Contains(row.Topic.Aliases, id) {
				u.Row, u.Step = row, s
			}
		}
	}
	return u
}

// backTo returns the form's own page when it says so and it is on this site.
func backTo(r *http.Request, fallback string) string {
	if b := r.PostForm.Get("back"); b != "" {
		return localPath(b)
	}
	return fallback
}

func (w *Web) setNote(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	slug, id := r.PathValue("slug"), r.PathValue("id")
	note := r.PostForm.Get("note")
	if _, err := w.Progress.Set(r.Context(), p.User.ID, slug, id, nil, &note); err != nil {
		if app.ErrorCode(err) == app.Invalid {
			w.renderTopic(rw, r, 0, err)
			return
		}
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/roadmaps/"+slug+"/topics/"+id+"#note", http.StatusSeeOther)
}

func (w *Web) bulk(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	slug, step := r.PathValue("slug"), r.PostForm.Get("step")
	if _, err := w.Progress.Bulk(r.Context(), p.User.ID, slug, step, progress.Status(r.PostForm.Get("status"))); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/roadmaps/"+slug+"#step-"+step, http.StatusSeeOther)
}

type dashboard struct {
	Cards     []roadmapCard
	Activity  progress.Activity
	Heatmap   any
	Plan      *plan.View // nil before onboarding
	FollowUps []card     // open applications whose follow-up date has come
	Next      []nextStep // what to do now, one click each
	Network   network.Summary
	Due       []contactRow // the first contacts due today or overdue
}

func (w *Web) dashboard(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	views, err := w.Progress.Overview(r.Context(), p.User.ID)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d := dashboard{}
	loc := time.UTC
	if len(views) > 0 { // the home roadmap comes first: plan from the progress just read
		if v, err := w.Plans.PlanFrom(r.Context(), p.User.ID, views[0]); err == nil {
			d.Plan, loc = &v, v.Now.Location()
		} else if app.ErrorCode(err) != app.NotFound {
			w.fail(rw, r, err)
			return
		}
	}
	if d.Activity, err = w.Progress.Activity(r.Context(), p.User.ID, loc); err != nil {
		w.fail(rw, r, err)
		return
	}
	today := time.Now().In(loc)
	due, err := w.Applications.FollowUps(r.Context(), p.User.ID, today)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	for _, a := range due {
		d.FollowUps = append(d.FollowUps, card{Application: a, Due: a.FollowUpDue(today)})
	}
	var home *progress.View
	if len(views) > 0 {
		home = &views[0]
	}
	if d.Next, err = w.nextSteps(r.Context(), p.User.ID, &d, home); err != nil {
		w.fail(rw, r, err)
		return
	}
	if err := w.networkCard(r.Context(), p.User.ID, &d); err != nil {
		w.fail(rw, r, err)
		return
	}
	d.Heatmap = charts.Heatmap(d.Activity.Days)
	for _, v := range views {
		d.Cards = append(d.Cards, roadmapCard{Roadmap: v.Roadmap, Summary: v.Summary})
	}
	w.render(rw, r, http.StatusOK, "home", w.view(r, "Your dashboard", d))
}

// dashboardDue is how many due contacts the dashboard names.
const dashboardDue = 5

// networkCard fills the dashboard's network summary and the contacts due first.
func (w *Web) networkCard(ctx context.Context, user int64, d *dashboard) error {
	var err error
	if d.Network, err = w.Network.Summary(ctx, user); err != nil || d.Network.Due == 0 {
		return err
	}
	due, err := w.Network.LosingTouch(ctx, user, dashboardDue)
	d.Due = contactRows(due, w.Network.Today(ctx, user))
	return err
}

// importProgress reads an uploaded export file and applies it, all or nothing.
func (w *Web) importProgress(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	f, _, err := r.FormFile("file")
	if err != nil {
		w.renderAccount(rw, r, p, 0, accountData{Failed: "import"}, app.FieldError("file", "choose a progress file exported from devpath"))
		return
	}
	defer f.Close()
	var doc progress.Export
	dec := json.NewDecoder(f)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		w.renderAccount(rw, r, p, 0, accountData{Failed: "import"}, app.FieldError("file", decodeProblem(err)))
		return
	}
	n, err := w.Progress.Import(r.Context(), p.User.ID, doc)
	if err != nil {
		w.renderAccount(rw, r, p, 0, accountData{Failed: "import"}, underFile(err))
		return
	}
	http.Redirect(rw, r, "/account?imported="+strconv.Itoa(n)+"#progress", http.StatusSeeOther)
}

// decodeProblem says what is wrong with an uploaded progress file in the
// file's terms: the decoder's own text names Go types and packages.
func decodeProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return "is empty"
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF):
		return "is not valid JSON"
	case errors.As(err, &typ) && typ.Field != "":
		return fmt.Sprintf("is not a devpath progress file: %s cannot be a %s", typ.Field, typ.Value)
	case errors.As(err, &typ):
		return "is not a devpath progress file: it holds a " + typ.Value + " where an object belongs"
	}
	return "is not a devpath progress file: " + strings.TrimPrefix(err.Error(), "json: ")
}

// underFile moves the problems the import finds inside a file (its format,
// a roadmap it names) under the file field, the only one the form has.
func underFile(err error) error {
	var e *app.Error
	if !errors.As(err, &e) || e.Code != app.Invalid || len(e.Fields) == 0 {
		return err
	}
	parts := make([]string, 0, len(e.Fields))
	for f, p := range e.Fields {
		parts = append(parts, f+": "+p)
	}
	slices.Sort(parts)
	return app.FieldError("file", "cannot be imported: "+strings.Join(parts, "; "))
}

// rowCache keeps each topic row drawn once per roadmap version, status and
// scope: a roadmap page has a hundred rows, and drawing them through the
// template on every request cost most of the page's time.
type rowCache struct {
	mu sync.RWMutex
	m  map[rowKey]template.HTML
}

type rowKey struct {
	slug     string
	version  int
	topic    string
	status   progress.Status
	inScope  bool
	loggedIn bool
}

func (c *rowCache) draw(t *template.Template, version int, row topicRow, loggedIn bool) (template.HTML, error) {
	key := rowKey{row.Slug, version, row.Topic.ID, row.Status, row.InScope, loggedIn}
	c.mu.RLock()
	h, ok := c.m[key]
	c.mu.RUnlock()
	if ok {
		return h, nil
	}
	name := "visitor-row"
	if loggedIn {
		name = "topic-row"
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, row); err != nil {
		return "", err
	}
	h = template.HTML(buf.String()) // produced by html/template, so already escaped
	c.mu.Lock()
	c.m[key] = h
	c.mu.Unlock()
	return h, nil
}
