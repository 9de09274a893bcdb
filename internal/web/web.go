// Package web serves devpath's HTML pages: html/template views embedded in
// the binary, plain forms that work without JavaScript, htmx where a page
// updates in place.
package web

import (
	"bytes"
	"cmp"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/httpx"
	"devpath/internal/jobsearch"
	"devpath/internal/notify"
	"devpath/internal/progress"
	"devpath/internal/resume"
)

//go:embed templates static
var files embed.FS

// Web renders the pages.
type Web struct {
	httpx.Services
	pages     map[string]*template.Template
	printer   *ResumePrinter     // the printable resume, with its own stylesheet
	fragments *template.Template // partials rendered alone, for htmx
	pictures  *pictures
	rows      *rowCache
	skeletons *roadmapSkeletons
	counts    drawnCounts
	assets    *assets
	visitors  visitorPages
	// buffers keeps page buffers between requests: a roadmap page is about
	// 100 KB, and growing a fresh buffer to that size showed up in profiles.
	buffers sync.Pool
}

// New parses every page with the layout.
func New(s httpx.Services) (*Web, error) {
	w := &Web{Services: s, pages: map[string]*template.Template{}, pictures: newPictures(), rows: &rowCache{m: map[rowKey]template.HTML{}},
		skeletons: &roadmapSkeletons{m: map[skeletonKey]*skeleton{}}}
	static, _ := fs.Sub(files, "static")
	var err error
	if w.assets, err = newAssets(static); err != nil {
		return nil, err
	}
	funcs := maps.Clone(funcs)
	funcs["asset"] = w.assets.url
	if w.printer, err = NewResumePrinter(); err != nil {
		return nil, err
	}
	if w.fragments, err = template.New("").Funcs(funcs).ParseFS(files, "templates/partials/*.html"); err != nil {
		return nil, err
	}
	names, err := fs.Glob(files, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	// The layout and partials are parsed once and cloned for each page.
	base, err := template.New("").Funcs(funcs).ParseFS(files, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		t, err := template.Must(base.Clone()).ParseFS(files, name)
		if err != nil {
			return nil, err
		}
		w.pages[strings.TrimSuffix(strings.TrimPrefix(name, "templates/pages/"), ".html")] = t
	}
	return w, nil
}

var funcs = template.FuncMap{
	"date":         func(t time.Time, in ...*time.Location) string { return inZone(t, in).Format("2 Jan 2006") },
	"datetime":     func(t time.Time, in ...*time.Location) string { return inZone(t, in).Format("2 Jan 2006 15:04 MST") },
	"statuses":     func() []progress.Status { return statuses },
	"stages":       jobsearch.Stages,
	"inc":          func(i int) int { return i + 1 },
	"field":        field,
	"code":         scrollable,
	"sectionTitle": resume.SectionTitle,
	"passwordField": func(v view, name, label string, isNew bool) passwordField {
		return passwordField{Name: name, Label: label, Error: v.Errors[name], New: isNew}
	},
	"fieldOf": func(v view, name, label, kind, hint string) formField {
		return formField{Name: name, Label: label, Type: kind, Hint: hint, Value: v.Form.Get(name), Error: v.Errors[name]}
	},
	"add": func(ns ...int) int {
		sum := 0
		for _, n := range ns {
			sum += n
		}
		return sum
	},
}

// inZone is t in the viewer's zone, which pages pass as $.Zone: {{date .At
// $.Zone}}. Templates are parsed once for everyone, so the zone cannot live
// in the function itself. Without one, UTC.
func inZone(t time.Time, in []*time.Location) time.Time {
	if len(in) == 0 || in[0] == nil {
		return t.UTC()
	}
	return t.In(in[0])
}

// Mount registers the pages and static files on mux.
func (w *Web) Mount(mux *http.ServeMux) {
	static, _ := fs.Sub(files, "static")
	mux.Handle("GET /static/", w.assets.serve(http.StripPrefix("/static/", http.FileServerFS(static))))
	post := func(path string, h http.HandlerFunc) { mux.HandleFunc("POST "+path, w.withForm(h)) }
	mux.HandleFunc("GET /{$}", w.home)
	mux.HandleFunc("GET /register", w.registerForm)
	post("/register", w.register)
	mux.HandleFunc("GET /login", w.loginForm)
	post("/login", w.login)
	post("/logout", w.logout)
	mux.HandleFunc("GET /password/forgot", w.forgotForm)
	post("/password/forgot", w.forgot)
	mux.HandleFunc("GET "+account.ResetPath, w.resetForm)
	post(account.ResetPath, w.reset)
	mux.HandleFunc("GET /account", w.needUser(w.accountPage))
	post("/account/tokens", w.needUser(w.createToken))
	post("/account/tokens/{id}/revoke", w.needUser(w.revokeToken))
	post("/account/import", w.needUser(w.importProgress))
	post("/account/password", w.needUser(w.changePassword))
	post("/account/logout-everywhere", w.needUser(w.logoutEverywhere))
	mux.HandleFunc("GET /roadmaps", w.roadmapsPage)
	mux.HandleFunc("GET /roadmaps/{slug}", w.roadmapPage)
	mux.HandleFunc("GET /roadmaps/{slug}/graph.svg", w.graph)
	post("/roadmaps/{slug}/bulk", w.needUser(w.bulk))
	mux.HandleFunc("GET /roadmaps/{slug}/topics/{id}", w.topicPage)
	post("/roadmaps/{slug}/topics/{id}/status", w.needUser(w.setStatus))
	post("/roadmaps/{slug}/topics/{id}/note", w.needUser(w.setNote))
	mux.HandleFunc("GET /onboarding", w.needUser(w.onboarding))
	post("/onboarding", w.needUser(w.saveOnboarding))
	mux.HandleFunc("GET /plan/{slug}", w.needUser(w.planPage))
	post("/plan/{slug}/reviews/{id}", w.needUser(w.review))
	post("/calendar/rotate", w.needUser(w.rotateCalendar))
	mux.HandleFunc("GET /calendar/{file}", w.calendar)
	mux.HandleFunc("GET /applications", w.needUser(w.applicationsPage))
	mux.HandleFunc("GET /applications/new", w.needUser(w.newApplication))
	post("/applications", w.needUser(w.createApplication))
	mux.HandleFunc("GET /applications/{id}", w.needUser(w.applicationPage))
	post("/applications/{id}", w.needUser(w.updateApplication))
	post("/applications/{id}/stage", w.needUser(w.moveApplication))
	post("/applications/{id}/interviews", w.needUser(w.addInterview))
	post("/applications/{id}/contacts", w.needUser(w.addContact))
	post("/applications/{id}/delete", w.needUser(w.deleteApplication))
	mux.HandleFunc("GET /network", w.needUser(w.networkPage))
	mux.HandleFunc("GET /network/losing-touch", w.needUser(w.losingTouch))
	mux.HandleFunc("GET /network/contacts/new", w.needUser(w.newContact))
	post("/network/contacts", w.needUser(w.createContact))
	mux.HandleFunc("GET /network/contacts/{id}", w.needUser(w.contactPage))
	post("/network/contacts/{id}", w.needUser(w.updateContact))
	post("/network/contacts/{id}/delete", w.needUser(w.deleteContact))
	post("/network/contacts/{id}/interactions", w.needUser(w.logInteraction))
	post("/network/contacts/{id}/interactions/{entry}/delete", w.needUser(w.deleteInteraction))
	mux.HandleFunc("GET /network/import", w.needUser(w.importPage))
	mux.HandleFunc("GET /network/communities", w.needUser(w.communitiesPage))
	post("/network/communities/{id}", w.needUser(w.joinCommunity))
	post("/network/communities/{id}/leave", w.needUser(w.leaveCommunity))
	post("/network/import/csv", w.needUser(w.importCSV))
	post("/network/import/vcard", w.needUser(w.importVCard))
	mux.HandleFunc("GET /network/events", w.needUser(w.eventsPage))
	post("/network/events", w.needUser(w.createEvent))
	post("/network/events/import", w.needUser(w.importEvents))
	mux.HandleFunc("GET /network/events/{id}", w.needUser(w.eventPage))
	post("/network/events/{id}/people", w.needUser(w.meetAtEvent))
	post("/network/events/{id}/follow-ups", w.needUser(w.followUp))
	mux.HandleFunc("GET /practice", w.practice)
	mux.HandleFunc("GET /practice/projects/{name}", w.projectPage)
	post("/practice/projects/{name}/checks", w.needUser(w.startCheck))
	mux.HandleFunc("GET /practice/checks/{id}", w.needUser(w.checkPage))
	mux.HandleFunc("GET /practice/sql/{id}", w.exercisePage)
	post("/practice/sql/{id}", w.needUser(w.gradeAnswer))
	mux.HandleFunc("GET /resume", w.needUser(w.resumePage))
	post("/resume", w.needUser(w.saveResumeForm))
	post("/resume/json", w.needUser(w.saveResumeJSON))
	post("/resume/upload", w.needUser(w.uploadResume))
	mux.HandleFunc("GET /resume/export", w.needUser(w.exportResume))
	mux.HandleFunc("GET /resume/print", w.needUser(w.printResume))
	post("/resumes", w.needUser(w.createTailored))
	mux.HandleFunc("GET /resumes/{id}", w.needUser(w.tailoredPage))
	post("/resumes/{id}", w.needUser(w.saveTailored))
	post("/resumes/{id}/delete", w.needUser(w.deleteTailored))
	mux.HandleFunc("GET /resumes/{id}/print", w.needUser(w.printTailored))
	mux.HandleFunc("GET /match", w.needUser(w.matchPage))
	post("/match", w.needUser(w.match))
	post("/match/learn", w.needUser(w.learnTopic))
	mux.HandleFunc("GET /portfolio", w.needUser(w.portfolioPage))
	post("/portfolio/settings", w.needUser(w.savePortfolioSettings))
	mux.HandleFunc("GET /portfolio/projects/new", w.needUser(w.newShowcase))
	post("/portfolio/projects", w.needUser(w.createShowcase))
	mux.HandleFunc("GET /portfolio/projects/{id}", w.needUser(w.showcasePage))
	post("/portfolio/projects/{id}", w.needUser(w.updateShowcase))
	post("/portfolio/projects/{id}/delete", w.needUser(w.deleteShowcase))
	mux.HandleFunc("GET /u/{handle}", w.publicPortfolio)
	mux.HandleFunc("GET /u/{handle}/credentials/{id}/{file}", w.publicCredentialFile)
	mux.HandleFunc("GET /story", w.needUser(w.storyPage))
	post("/story", w.needUser(w.saveStory))
	mux.HandleFunc("GET /guide", w.guidePage)
	mux.HandleFunc("GET /stories", w.storiesPage)
	mux.HandleFunc("GET /stories/{handle}", w.publicStory)
	mux.HandleFunc("GET /credentials", w.needUser(w.credentialsPage))
	post("/credentials/{id}/accept", w.needUser(w.acceptCredential))
	post("/credentials/{id}/public", w.needUser(w.showCredential))
	mux.HandleFunc("GET /credentials/{id}/{file}", w.needUser(w.downloadCredential))
	mux.HandleFunc("GET /credentials/verify", w.verifyForm)
	post("/credentials/verify", w.verify)
	mux.HandleFunc("GET /credentials/achievements/{file}", w.achievement)
	mux.HandleFunc("GET /credentials/achievements/{file}/{param}", w.achievement)
	mux.HandleFunc("GET /admin/credentials", w.needUser(w.credentialsAdmin))
	post("/admin/credentials/{id}/revocation", w.needUser(w.revokeCredential))
	post("/admin/credentials/keys", w.needUser(w.rotateKey))
	mux.HandleFunc("GET /notifications", w.needUser(w.notificationsPage))
	mux.HandleFunc("GET /cohorts", w.needUser(w.cohortsPage))
	post("/cohorts", w.needUser(w.createCohort))
	post("/cohorts/join", w.needUser(w.joinCohort))
	post("/cohorts/invitations/{id}/accept", w.needUser(w.acceptInvitation))
	mux.HandleFunc("GET /cohorts/{id}", w.needUser(w.cohortPage))
	post("/cohorts/{id}/invitations", w.needUser(w.inviteToCohort))
	post("/cohorts/{id}/links", w.needUser(w.createCohortLink))
	post("/cohorts/{id}/staff", w.needUser(w.addCohortMentor))
	post("/cohorts/{id}/members", w.needUser(w.addCohortMember))
	post("/cohorts/{id}/leave", w.needUser(w.leaveCohort))
	post("/cohorts/{id}/settings", w.needUser(w.updateCohort))
	post("/cohorts/{id}/learners/{user}/mentor", w.needUser(w.assignMentor))
	mux.HandleFunc("GET /admin", w.needUser(w.adminPage))
	post("/admin/settings", w.needUser(w.putAdminSettings))
	mux.HandleFunc("GET /admin/users", w.needUser(w.adminUsersPage))
	post("/admin/users/{id}/role", w.needUser(w.adminSetRole))
	post("/admin/users/{id}/disabled", w.needUser(w.adminSetDisabled))
	post("/admin/users/{id}/reset-link", w.needUser(w.adminResetLink))
	mux.HandleFunc("GET /cohorts/{id}/opportunities", w.needUser(w.opportunitiesPage))
	post("/cohorts/{id}/opportunities", w.needUser(w.postOpportunity))
	post("/cohorts/{id}/opportunities/{opp}/apply", w.needUser(w.applyToOpportunity))
	post("/cohorts/{id}/opportunities/{opp}/delete", w.needUser(w.withdrawOpportunity))
	post("/cohorts/{id}/learners/{user}/outcome", w.needUser(w.recordResult))
	post("/cohorts/{id}/graduations", w.needUser(w.graduate))
	post("/notifications/read", w.needUser(w.markAllRead))
	post("/notifications/{id}/read", w.needUser(w.markRead))
	mux.HandleFunc("GET /notifications/settings", w.needUser(w.notificationSettingsPage))
	post("/notifications/settings", w.needUser(w.saveNotificationSettings))
	mux.HandleFunc("GET /unsubscribe/{user}/{scope}/{token}", w.unsubscribe)
	post("/unsubscribe/{user}/{scope}/{token}", w.unsubscribe)
	w.mountMentors(mux, post)
}

// withForm parses the posted form before h runs, so that no handler reads
// a body cut off by the size limit as an empty form.
func (w *Web) withForm(h http.HandlerFunc) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		if err := httpx.ParseForm(r); err != nil {
			w.fail(rw, r, err)
			return
		}
		if p := httpx.FormText(r.PostForm); p != nil {
			w.fail(rw, r, app.Problems(p).Err())
			return
		}
		h(rw, r)
	}
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

// view is what every template receives; Data holds the page's own values.
type view struct {
	Title   string
	User    *account.User
	Version string
	Nav     []navLink         // the main menu, with the current page marked
	Account navLink           // the learner's own link, beside Log out
	Inbox   navLink           // the notifications, beside it
	Unread  int               // unread notifications, shown on Inbox
	Plain   bool              // a page for visitors of someone else's page: a header with no menu
	Form    url.Values        // what the person typed, to re-render after an error
	Errors  map[string]string // field -> problem
	Message string            // an error or notice for the whole form
	Data    any
	zone    func() *time.Location
}

// Zone is the viewer's time zone, from their profile; UTC for visitors and
// before onboarding. It is read once, and only by pages that show a time.
func (v view) Zone() *time.Location {
	if v.zone == nil {
		return time.UTC
	}
	return v.zone()
}

func (w *Web) view(r *http.Request, title string, data any) view {
	v := view{Title: title, Version: w.Version, Data: data, Form: url.Values{}}
	if p, ok := account.FromContext(r.Context()); ok {
		v.User = &p.User
		v.zone = sync.OnceValue(func() *time.Location { return w.Plans.Zone(r.Context(), p.User.ID) })
	}
	v.Nav = menu(r.URL.Path, v.User != nil)
	v.Account = navLink{Href: "/account", Current: r.URL.Path == "/account"}
	if v.User != nil {
		v.Account.Label = v.User.Name
		v.Inbox = navLink{Href: "/notifications", Label: "Inbox", Current: strings.HasPrefix(r.URL.Path, "/notifications")}
		v.Unread = w.unread(r, v.User.ID)
	}
	return v
}

// unread counts the learner's unread notifications for the menu; a failure
// is logged and shows no count rather than failing the page.
func (w *Web) unread(r *http.Request, user int64) int {
	n, err := w.Notify.Unread(r.Context(), user)
	if err != nil {
		app.Logger(r.Context()).Warn("counting unread notifications", "err", err)
	}
	return n
}

// navLink is one link of the main menu.
type navLink struct {
	Href, Label string
	Current     bool // this page, or a page under it: aria-current="page"
}

// menu is the main menu for a path, for a learner or a visitor.
func menu(path string, learner bool) []navLink {
	links := []navLink{{"/roadmaps", "Roadmaps", false}, {"/practice", "Practice", false}, {"/guide", "Guide", false},
		{"/stories", "Stories", false}, {"/credentials/verify", "Verify a credential", false}, {"/login", "Log in", false}, {"/register", "Create an account", false}}
	if learner {
		links = []navLink{{"/", "Dashboard", false}, {"/roadmaps", "Roadmaps", false}, {"/practice", "Practice", false},
			{"/portfolio", "Portfolio", false}, {"/resume", "Resume", false}, {"/applications", "Applications", false},
			{"/network", "Network", false}, {"/mentorship", "Mentors", false}, {"/cohorts", "Cohorts", false}}
	}
	section := path
	switch {
	case strings.HasPrefix(path, "/plan/"), path == "/onboarding":
		section = "/" // the plan is reached from the dashboard
	case strings.HasPrefix(path, "/resumes/"), path == "/match":
		section = "/resume" // the match score weighs the resume against an advert
	case path == "/mentor" || strings.HasPrefix(path, "/mentor/") || strings.HasPrefix(path, "/mentors"):
		section = "/mentorship" // the mentor's desk and profiles belong with mentorship
	case (strings.HasPrefix(path, "/credentials") || path == "/story") && learner:
		section = "/portfolio" // credentials and the story are parts of the portfolio
	}
	for i, l := range links {
		links[i].Current = section == l.Href || (l.Href != "/" && strings.HasPrefix(section, l.Href+"/"))
	}
	return links
}

// ErrorList is the view's field problems as the summary at the top of a
// form lists them: each field's label, linking to the field; the problem
// itself shows once, beside the field.
func (v view) ErrorList() []fieldRef {
	named, _ := v.Data.(fieldNamer)
	refs := make([]fieldRef, 0, len(v.Errors))
	for f := range v.Errors {
		ref := fieldRef{ID: "f-" + f, Label: fieldLabel(f), rank: fieldRank(f)}
		if named != nil {
			if label, rank, ok := named.fieldName(f); ok {
				ref.Label, ref.rank = label, rank
			}
		}
		refs = append(refs, ref)
	}
	slices.SortFunc(refs, func(a, b fieldRef) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), strings.Compare(a.Label, b.Label))
	})
	return refs
}

type fieldRef struct {
	ID, Label string
	rank      int // where the field comes in its form
}

// fieldNamer is page data whose form makes its fields as it goes (an input
// per entry of a list): it names them and tells where they come.
type fieldNamer interface {
	fieldName(field string) (label string, rank int, ok bool)
}

// fieldOrder is the order fields come in on the forms, for the summary to
// list problems in the order a person meets them; others come after.
var fieldOrder = []string{"name", "email", "password", "starting_point", "background", "route", "hours_per_week",
	"languages", "known_topics", "target_date", "time_zone", "kind", "company", "title", "role", "location",
	"salary_min", "salary_max", "currency", "source_url", "repository_url", "live_url", "deadline", "start_date",
	"end_date", "applied_on", "follow_up", "offer_amount", "offer_currency", "description", "topics", "check_run_id",
	"resume_id", "application_id", "handle", "headline", "how_met", "cadence_days", "links.linkedin", "links.github",
	"links.website", "links.other", "tags", "notes", "on", "note", "referred_by", "starts_at", "ends_at", "place", "link"}

func fieldRank(f string) int {
	if i := slices.Index(fieldOrder, f); i >= 0 {
		return i
	}
	return len(fieldOrder)
}

// fieldLabels names form fields as their labels do, for the error summary.
var fieldLabels = map[string]string{
	"hours_per_week": "Hours a week", "starting_point": "Where you start", "route": "How you learn",
	"languages": "First language", "known_topics": "Topics you already know", "target_date": "Ready-by date",
	"time_zone": "Time zone", "salary_min": "Salary from", "salary_max": "Salary to", "source_url": "Job ad address",
	"start_date": "Start date", "end_date": "End date", "applied_on": "Applied on", "follow_up": "Follow up on",
	"offer_amount": "Offer", "member_email": "Their email", "emails": "Emails", "expires_at": "Works until",
	"invitation": "Invitation code", "weekly_hours": "Hours a week", "offer_currency": "Offer currency", "resume_id": "The resume you sent",
	"application_id": "Application", "document": "The document as JSON", "repository_url": "Repository", "live_url": "Live site",
	"check_run_id": "Proof", "job_description": "The job description", "url": "Your server's address",
	"file": "File", "at": "When", "note": "Note", "topics": "Roadmap topics",
	"how_met": "How you know them", "referred_by": "Referred by", "tags": "Tags",
	"starts_at": "Starts", "ends_at": "Ends", "place": "Place", "link": "Link", "contact_id": "Contact", "cadence_days": "Keep in touch every", "on": "Day",
	"links.linkedin": "LinkedIn", "links.github": "GitHub", "links.website": "Website", "links.other": "Other link",
	"thresholds.inactive_days": "Days without progress", "thresholds.behind_hours": "Hours behind the pace",
	"thresholds.learning_factor": "Times a topic's estimate", "thresholds.repeated_failures": "Failures in a row",
	"csv": "The CSV text", "csv_file": "The .csv file", "vcard": "The vCard text", "vcard_file": "The .vcf file", "mapping": "The columns",
	"question": "Your question", "item_id": "Attached item", "mentor_id": "Mentor", "max_mentees": "Mentees at once",
	"max_requests": "Requests at once", "windows": "Free times", "bio": "About you", "body": "Message", "rating": "Rating",
	"testimonial": "Testimonial", "language": "Language",
}

func fieldLabel(f string) string {
	if l, ok := fieldLabels[f]; ok {
		return l
	}
	if k, ok := strings.CutPrefix(f, "settings."); ok { // a notification kind's choice
		if info, ok := notify.Kind(k).Info(); ok {
			return info.Label
		}
	}
	l := strings.ReplaceAll(f, "_", " ")
	return strings.ToUpper(l[:1]) + l[1:]
}

// problemSentences turns a form's field problems into what the page shows
// under each label.
func problemSentences(fields map[string]string) map[string]string {
	out := make(map[string]string, len(fields))
	for f, p := range fields {
		out[f] = problemSentence(f, p)
	}
	return out
}

// problemSentence makes a full sentence of a field problem. The domain
// writes problems for the API, as fragments that follow the field's name
// ("hours_per_week: must be from 1 to 80"); under a label the fragment reads
// as a sentence whose subject is the label. Fragments that are a sentence of
// their own ("pick one or two languages") are only capitalised.
func problemSentence(field, problem string) string {
	first, _, _ := strings.Cut(problem, " ")
	label := fieldLabel(field)
	switch {
	case predicates[first]:
		problem = label + " " + problem
	case first == "required" || first == "not" || first == "less":
		problem = label + " is " + problem
	case first == "one" || first == "a" || first == "an" || first == "at" || strings.IndexAny(first, "0123456789") == 0:
		problem = label + " must be " + problem
	}
	return sentence(problem)
}

// sentence capitalises s and ends it with a full stop: domain messages are
// written to follow a field name or a code, and a page shows them alone.
func sentence(s string) string {
	if s == "" {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[size:]
	if !strings.ContainsAny(s[len(s)-1:], ".!?") {
		s += "."
	}
	return s
}

// predicates are the words a problem starts with when it is a predicate
// whose subject is the field.
var predicates = map[string]bool{"must": true, "is": true, "are": true, "cannot": true, "has": true, "ends": true}

// render writes a page, buffering so a template error never leaves half a page.
func (w *Web) render(rw http.ResponseWriter, r *http.Request, status int, page string, v view) {
	t, ok := w.pages[page]
	if !ok {
		w.fail(rw, r, errors.New("no page "+page))
		return
	}
	buf := w.buffer()
	defer w.buffers.Put(buf)
	if err := t.ExecuteTemplate(buf, "layout", v); err != nil {
		w.fail(rw, r, err)
		return
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.WriteHeader(status)
	buf.WriteTo(rw)
}

// buffer is an empty buffer from the pool; put it back when done.
func (w *Web) buffer() *bytes.Buffer {
	buf, _ := w.buffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	return buf
}

// renderAround writes content, a page's content drawn already, inside the
// layout.
func (w *Web) renderAround(rw http.ResponseWriter, r *http.Request, status int, v view, content []byte) {
	buf, head, tail, err := w.layoutAround(v)
	defer w.buffers.Put(buf)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.Header().Set("Content-Length", strconv.Itoa(len(head)+len(content)+len(tail)))
	rw.WriteHeader(status)
	rw.Write(head)
	rw.Write(content)
	rw.Write(tail)
}

// layoutAround draws the layout of v with a marker where the content goes
// and returns the parts before and after it, in buf (to put back in the
// pool when written). Passed through the template as a string, a 100 KB
// content would be copied once more.
func (w *Web) layoutAround(v view) (buf *bytes.Buffer, head, tail []byte, err error) {
	v.Data = slotMark(0)
	buf = w.buffer()
	if err := w.pages["drawn"].ExecuteTemplate(buf, "layout", v); err != nil {
		return buf, nil, nil, err
	}
	head, tail, _ = bytes.Cut(buf.Bytes(), []byte(slotMark(0)))
	return buf, head, tail, nil
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
	rw.WriteHeader(httpx.Status(code))
	t.ExecuteTemplate(rw, "layout", v)
}

// formError re-renders a form with what was typed and what is wrong.
func (w *Web) formError(rw http.ResponseWriter, r *http.Request, page, title string, data any, err error) {
	w.refuse(rw, r, page, w.view(r, title, data), r.PostForm, err)
}

// refuse renders page with form in its fields and err's problems beside
// them; an error that is not the person's shows the error page instead.
func (w *Web) refuse(rw http.ResponseWriter, r *http.Request, page string, v view, form url.Values, err error) {
	var e *app.Error
	if !errors.As(err, &e) || e.Code == app.Internal {
		w.fail(rw, r, err)
		return
	}
	v.Form = form
	v.Form.Del("password") // never echo a password back
	v.Errors = problemSentences(e.Fields)
	v.Message = sentence(e.Message)
	w.render(rw, r, httpx.Status(e.Code), page, v)
}

// localPath keeps redirects on this site: next must be a path here, with no
// scheme or host, no control character or backslash (browsers read "/\t/x"
// and "/\\x" as "//x", another site), before or after decoding; anything
// else goes home.
func localPath(next string) string {
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || !strings.HasPrefix(next, "/") {
		return "/"
	}
	decoded, err := url.PathUnescape(next)
	if err != nil {
		return "/"
	}
	for _, s := range []string{next, decoded} {
		if strings.HasPrefix(s, "//") || strings.ContainsFunc(s, unsafeInPath) {
			return "/"
		}
	}
	return next
}

func unsafeInPath(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }
