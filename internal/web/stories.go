package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"devpath/internal/account"
	"devpath/internal/plan"
	"devpath/internal/roadmap"
	"devpath/internal/story"
)

// storyForm is the learner's story editor: every milestone devpath
// knows, the parts to show and their words.
type storyForm struct {
	Story story.Story
	Saved bool
}

func (f storyForm) Parts() []story.Part { return story.Parts() }

func (w *Web) storyPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	st, err := w.Stories.Draft(r.Context(), p.User.ID, p.User.Name, p.User.CreatedAt)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "story", w.view(r, "Your story", storyForm{Story: st, Saved: r.URL.Query().Has("saved")}))
}

// saveStory stores the form; on a problem the form comes back with
// everything as typed.
func (w *Web) saveStory(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	doc, publish := storyFromForm(r.PostForm)
	if err := w.Stories.Save(r.Context(), p.User.ID, doc, publish); err != nil {
		st, derr := w.Stories.Draft(r.Context(), p.User.ID, p.User.Name, p.User.CreatedAt)
		if derr != nil {
			w.fail(rw, r, derr)
			return
		}
		st.Document, st.Intro, st.Published = doc, doc.Intro, publish
		for i := range st.Milestones {
			st.Milestones[i].Words = doc.Words[st.Milestones[i].Key]
		}
		w.formError(rw, r, "story", "Your story", storyForm{Story: st}, err)
		return
	}
	http.Redirect(rw, r, "/story?saved", http.StatusSeeOther)
}

func storyFromForm(f url.Values) (story.Document, bool) {
	d := story.Document{Intro: strings.TrimSpace(f.Get("intro")), Words: map[string]string{}}
	for _, part := range f["show"] {
		d.Show = append(d.Show, story.Part(part))
	}
	for name, vs := range f {
		if key, ok := strings.CutPrefix(name, "words."); ok && strings.TrimSpace(vs[0]) != "" {
			d.Words[key] = strings.TrimSpace(vs[0])
		}
	}
	return d, f.Get("published") == "on"
}

// publicStory is a story as visitors read it.
func (w *Web) publicStory(rw http.ResponseWriter, r *http.Request) {
	st, err := w.Stories.Public(r.Context(), r.PathValue("handle"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	v := w.view(r, st.Name+"'s story", st)
	w.render(rw, r, http.StatusOK, "story-public", v)
}

// storiesPage is the index, narrowed by starting point and route.
type storiesPage struct {
	Stories []story.Summary
	Start   roadmap.StartingPoint
	Route   plan.Route
}

func (storiesPage) StartingPoints() []roadmap.StartingPoint { return roadmap.StartingPoints() }
func (storiesPage) Routes() []plan.Route {
	return []plan.Route{plan.SelfTaught, plan.Bootcamp, plan.Degree}
}
func (storiesPage) RouteLabel(r plan.Route) string { return story.RouteLabel(r) }

func (w *Web) storiesPage(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page := storiesPage{Start: roadmap.StartingPoint(q.Get("start")), Route: plan.Route(q.Get("route"))}
	if !page.Start.Valid() {
		page.Start = ""
	}
	if !slices.Contains(page.Routes(), page.Route) {
		page.Route = ""
	}
	var err error
	if page.Stories, err = w.Stories.Index(r.Context(), page.Start, page.Route); err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "stories", w.view(r, "Stories", page))
}
