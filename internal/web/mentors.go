package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/mentor"
)

// mountMentors adds the pages of step 6: the learner's mentorship, a
// request's thread, the mentor's desk, profiles and the admin's matching.
func (w *Web) mountMentors(mux *http.ServeMux, post func(string, http.HandlerFunc)) {
	mux.HandleFunc("GET /mentorship", w.needUser(w.mentorshipPage))
	post("/mentorship/requests", w.needUser(w.askMentor))
	post("/mentorship/invitations", w.needUser(w.inviteMentor))
	post("/mentorship/mentors/{id}/leave", w.needUser(w.leaveMentor))
	mux.HandleFunc("GET /mentorship/requests/{id}", w.needUser(w.requestPage))
	post("/mentorship/requests/{id}/messages", w.needUser(w.postMentorMessage))
	post("/mentorship/requests/{id}/close", w.needUser(w.closeMentorRequest))
	post("/mentorship/requests/{id}/feedback", w.needUser(w.rateMentorRequest))
	mux.HandleFunc("GET /mentor", w.needUser(w.mentorDesk))
	post("/mentor/profile", w.needUser(w.saveMentorProfile))
	post("/mentor/queue/{id}/lock", w.needUser(w.lockMentorRequest))
	post("/mentor/queue/{id}/unlock", w.needUser(w.unlockMentorRequest))
	post("/mentor/testimonials/{id}", w.needUser(w.showTestimonial))
	mux.HandleFunc("GET /mentor/invitation/{code}", w.mentorInvitation)
	post("/mentor/invitation/{code}", w.needUser(w.acceptMentorInvitation))
	mux.HandleFunc("GET /mentor/matching", w.needUser(w.matchingPage))
	post("/mentor/matching", w.needUser(w.applyMatching))
	post("/mentorship/sessions", w.needUser(w.scheduleSession))
	mux.HandleFunc("GET /mentorship/sessions/{id}", w.needUser(w.sessionPage))
	post("/mentorship/sessions/{id}/outcome", w.needUser(w.recordSession))
	mux.HandleFunc("GET /mentors", w.mentorsPage)
	mux.HandleFunc("GET /mentors/{id}", w.mentorPage)
}

// kindChoice is a request kind as the ask form offers it.
type kindChoice struct {
	Value mentor.Kind
	Label string
}

type mentorshipPage struct {
	Sessions    []mentor.Session
	Requests    []mentor.Request
	Mentorships []mentor.Mentorship
	Invitations []mentor.Invitation
	Kinds       []kindChoice
	Link        string // a new invitation's link, shown once
	Me          int64
}

// Mentors are the mentorships in which the reader is mentored.
func (d mentorshipPage) Mentors() []mentor.Mentorship { return mentored(d.Mentorships, d.Me, false) }

// mentored keeps the mentorships in which me is the mentor (asMentor) or the learner.
func mentored(ms []mentor.Mentorship, me int64, asMentor bool) []mentor.Mentorship {
	var out []mentor.Mentorship
	for _, m := range ms {
		if (asMentor && m.MentorID == me) || (!asMentor && m.LearnerID == me) {
			out = append(out, m)
		}
	}
	return out
}

func (w *Web) mentorshipData(r *http.Request, p account.Principal) (mentorshipPage, error) {
	ctx := r.Context()
	d := mentorshipPage{Me: p.User.ID}
	for _, k := range mentor.Kinds {
		d.Kinds = append(d.Kinds, kindChoice{k.Value, k.Label})
	}
	var err error
	if d.Requests, err = w.Mentors.Mine(ctx, p.User); err != nil {
		return d, err
	}
	if d.Mentorships, err = w.Mentors.Mentorships(ctx, p.User); err != nil {
		return d, err
	}
	if d.Sessions, err = w.Mentors.Sessions(ctx, p.User); err != nil {
		return d, err
	}
	d.Invitations, err = w.Mentors.Invitations(ctx, p.User)
	return d, err
}

// person is someone the reader works with, as a select offers them.
type person struct {
	ID   int64
	Name string
}

// People are the reader's mentors and mentees, to meet in a session.
func (d mentorshipPage) People() []person {
	var out []person
	for _, m := range d.Mentorships {
		if m.LearnerID == d.Me {
			out = append(out, person{m.MentorID, m.MentorName + " (your mentor)"})
		} else {
			out = append(out, person{m.LearnerID, m.LearnerName + " (your mentee)"})
		}
	}
	return out
}

func (w *Web) scheduleSession(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	f := r.PostForm
	with, err1 := optionalID(f, "with")
	minutes, err2 := formInt(f, "minutes")
	plan := mentor.SessionPlan{Minutes: minutes, Place: f.Get("place"), Agenda: f.Get("agenda")}
	if with != nil {
		plan.With = *with
	}
	var err3 error
	if v := strings.TrimSpace(f.Get("starts_at")); v != "" {
		if plan.StartsAt, err3 = time.ParseInLocation("2006-01-02T15:04", v, w.Plans.Zone(r.Context(), p.User.ID)); err3 != nil {
			err3 = app.FieldError("starts_at", "a day and time, such as 2026-05-04T18:30")
		}
	}
	err := app.Merge(err1, err2, err3, w.Mentors.CheckSession(plan))
	var s mentor.Session
	if err == nil {
		s, err = w.Mentors.Schedule(r.Context(), p.User, plan)
	}
	if err != nil {
		w.mentorshipRefused(rw, r, p, err)
		return
	}
	http.Redirect(rw, r, "/mentorship/sessions/"+strconv.FormatInt(s.ID, 10), http.StatusSeeOther)
}

type sessionPage struct {
	mentor.Session
	Began bool // notes and action items may be written
}

// NotesHTML is the session's notes rendered.
func (p sessionPage) NotesHTML() template.HTML { return scrollable(notes(p.Notes)) }

func (w *Web) sessionPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.renderSession(rw, r, p, nil)
}

func (w *Web) renderSession(rw http.ResponseWriter, r *http.Request, p account.Principal, formErr error) {
	id, ok := w.pathID(rw, r, "session")
	if !ok {
		return
	}
	s, err := w.Mentors.GetSession(r.Context(), p.User, id)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	page := sessionPage{Session: s, Began: !time.Now().Before(s.StartsAt)}
	title := "Session of " + s.MentorName + " and " + s.LearnerName
	if formErr != nil {
		w.formError(rw, r, "mentor-session", title, page, formErr)
		return
	}
	v := w.view(r, title, page)
	v.Form = url.Values{"notes": {s.Notes}, "actions": {strings.Join(s.Actions, "\n")}}
	w.render(rw, r, http.StatusOK, "mentor-session", v)
}

func (w *Web) recordSession(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, ok := w.pathID(rw, r, "session")
	if !ok {
		return
	}
	o := mentor.Outcome{Notes: r.PostForm.Get("notes"), Actions: strings.Split(r.PostForm.Get("actions"), "\n")}
	if _, err := w.Mentors.Record(r.Context(), p.User, id, o); err != nil {
		w.renderSession(rw, r, p, err)
		return
	}
	http.Redirect(rw, r, "/mentorship/sessions/"+r.PathValue("id"), http.StatusSeeOther)
}

// mentorshipPage is the learner's mentorship: requests, mentors, the ask
// and invitation forms.
func (w *Web) mentorshipPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	d, err := w.mentorshipData(r, p)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	v := w.view(r, "Mentorship", d)
	v.Form.Set("kind", string(mentor.AboutTopic))
	w.render(rw, r, http.StatusOK, "mentorship", v)
}

// mentorshipRefused re-renders the mentorship page with the problems of a form.
func (w *Web) mentorshipRefused(rw http.ResponseWriter, r *http.Request, p account.Principal, err error) {
	d, derr := w.mentorshipData(r, p)
	if derr != nil {
		w.fail(rw, r, derr)
		return
	}
	w.formError(rw, r, "mentorship", "Mentorship", d, err)
}

// optionalID reads a form's id field: empty is none, anything else must be a number.
func optionalID(f url.Values, name string) (*int64, error) {
	s := strings.TrimSpace(f.Get(name))
	if s == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil, app.FieldError(name, "must be a number")
	}
	return &n, nil
}

func (w *Web) askMentor(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	f := r.PostForm
	item, err1 := optionalID(f, "item_id")
	want, err2 := optionalID(f, "mentor_id")
	a := mentor.Ask{Topic: f.Get("topic"), Kind: mentor.Kind(f.Get("kind")), ItemID: item, Question: f.Get("question"),
		Language: f.Get("language"), WantMentor: want}
	if err := app.Merge(err1, err2, w.Mentors.CheckAsk(a)); err != nil {
		w.mentorshipRefused(rw, r, p, err)
		return
	}
	req, err := w.Mentors.Ask(r.Context(), p.User, a)
	if err != nil {
		w.mentorshipRefused(rw, r, p, err)
		return
	}
	http.Redirect(rw, r, "/mentorship/requests/"+strconv.FormatInt(req.ID, 10), http.StatusSeeOther)
}

func (w *Web) inviteMentor(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	_, code, err := w.Mentors.Invite(r.Context(), p.User, r.PostForm.Get("email"))
	if err != nil {
		w.mentorshipRefused(rw, r, p, err)
		return
	}
	d, err := w.mentorshipData(r, p)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d.Link = w.BaseURL + "/mentor/invitation/" + code
	w.render(rw, r, http.StatusOK, "mentorship", w.view(r, "Mentorship", d))
}

func (w *Web) leaveMentor(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, ok := w.pathID(rw, r, "mentorship")
	if !ok {
		return
	}
	if err := w.Mentors.Leave(r.Context(), p.User, id); err != nil {
		w.fail(rw, r, err)
		return
	}
	to := "/mentorship"
	if r.PostForm.Get("from") == "mentor" {
		to = "/mentor"
	}
	http.Redirect(rw, r, to, http.StatusSeeOther)
}

// pathID reads the {id} of the path; anything else is NotFound, naming what.
func (w *Web) pathID(rw http.ResponseWriter, r *http.Request, what string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		w.fail(rw, r, app.Errorf(app.NotFound, "%s %q not found", what, r.PathValue("id")))
		return 0, false
	}
	return id, true
}

type requestPage struct {
	mentor.Detail
	Ratings []string
}

// Rendered is a message's Markdown as sanitised HTML.
func (requestPage) Rendered(body string) template.HTML { return scrollable(notes(body)) }

// Held tells whether the reader holds the request's lock.
func (p requestPage) Held() bool { return p.Role == "holder" }

// HeldUntil is when the reader's hold ends.
func (p requestPage) HeldUntil() time.Time {
	if p.LockUntil == nil {
		return time.Time{}
	}
	return *p.LockUntil
}

// Rated tells whether the learner gave rating n.
func (p requestPage) Rated(n int) bool { return p.Rating != nil && *p.Rating == n }

// RatingLabel is a rating in words.
func (requestPage) RatingLabel(n int) string {
	if n < 1 || n >= len(mentor.Ratings) {
		return ""
	}
	return mentor.Ratings[n]
}

func (w *Web) requestPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.renderRequest(rw, r, p, nil)
}

// renderRequest shows a request and its thread; formErr re-renders it
// with what was typed and what is wrong.
func (w *Web) renderRequest(rw http.ResponseWriter, r *http.Request, p account.Principal, formErr error) {
	id, ok := w.pathID(rw, r, "request")
	if !ok {
		return
	}
	d, err := w.Mentors.Get(r.Context(), p.User, id)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	page := requestPage{Detail: d, Ratings: mentor.Ratings}
	title := "Help with " + orTopic(d.TopicTitle, d.Topic)
	if formErr != nil {
		w.formError(rw, r, "mentor-request", title, page, formErr)
		return
	}
	w.render(rw, r, http.StatusOK, "mentor-request", w.view(r, title, page))
}

func orTopic(title, id string) string {
	if title != "" {
		return title
	}
	return id
}

func (w *Web) postMentorMessage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, ok := w.pathID(rw, r, "request")
	if !ok {
		return
	}
	if _, err := w.Mentors.Reply(r.Context(), p.User, id, r.PostForm.Get("body")); err != nil {
		w.renderRequest(rw, r, p, err)
		return
	}
	http.Redirect(rw, r, "/mentorship/requests/"+r.PathValue("id")+"#thread-end", http.StatusSeeOther)
}

func (w *Web) closeMentorRequest(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, ok := w.pathID(rw, r, "request")
	if !ok {
		return
	}
	if _, err := w.Mentors.Close(r.Context(), p.User, id); err != nil {
		w.renderRequest(rw, r, p, err)
		return
	}
	http.Redirect(rw, r, "/mentorship/requests/"+r.PathValue("id"), http.StatusSeeOther)
}

func (w *Web) rateMentorRequest(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, ok := w.pathID(rw, r, "request")
	if !ok {
		return
	}
	rating, _ := strconv.Atoi(r.PostForm.Get("rating"))
	f := mentor.Feedback{Rating: rating, Testimonial: r.PostForm.Get("testimonial")}
	if _, err := w.Mentors.Rate(r.Context(), p.User, id, f); err != nil {
		w.renderRequest(rw, r, p, err)
		return
	}
	http.Redirect(rw, r, "/mentorship/requests/"+r.PathValue("id")+"#feedback", http.StatusSeeOther)
}

type deskPage struct {
	Profile      *mentor.Profile
	Queue        []mentor.QueueItem
	Taken        []mentor.Request
	Mentorships  []mentor.Mentorship
	Figures      mentor.Figures
	Testimonials []mentor.Testimonial
	Me           int64
	Admin        bool
}

// mentorDesk is the mentor's page: figures, queue, requests held and
// taken, mentees, testimonials and the profile form.
func (w *Web) mentorDesk(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	d, err := w.deskData(r, p)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	v := w.view(r, "Mentor desk", d)
	v.Form = profileForm(d.Profile)
	w.render(rw, r, http.StatusOK, "mentor", v)
}

func (w *Web) deskData(r *http.Request, p account.Principal) (deskPage, error) {
	ctx := r.Context()
	d := deskPage{Me: p.User.ID, Admin: p.User.Role == account.Admin}
	prof, err := w.Mentors.MyProfile(ctx, p.User)
	switch {
	case err == nil:
		d.Profile = &prof
	case app.ErrorCode(err) != app.NotFound:
		return d, err
	}
	if d.Queue, err = w.Mentors.Queue(ctx, p.User); err != nil {
		return d, err
	}
	if d.Taken, err = w.Mentors.Taken(ctx, p.User); err != nil {
		return d, err
	}
	if d.Mentorships, err = w.Mentors.Mentorships(ctx, p.User); err != nil {
		return d, err
	}
	d.Figures, d.Testimonials, err = w.Mentors.MyFigures(ctx, p.User)
	return d, err
}

// Mentees are the mentorships in which the desk's mentor mentors.
func (d deskPage) Mentees() []mentor.Mentorship { return mentored(d.Mentorships, d.Me, true) }

// profileForm fills the profile form from a stored profile, or defaults.
func profileForm(p *mentor.Profile) url.Values {
	if p == nil {
		return url.Values{"max_mentees": {"3"}, "max_requests": {"4"}, "time_zone": {"UTC"}}
	}
	var windows []string
	for _, win := range p.Windows {
		windows = append(windows, fmt.Sprintf("%s %s-%s", weekdays[win.Day], win.From, win.To))
	}
	f := url.Values{"topics": {strings.Join(p.Topics, ", ")}, "languages": {strings.Join(p.Languages, ", ")},
		"time_zone": {p.TimeZone}, "max_mentees": {strconv.Itoa(p.MaxMentees)}, "max_requests": {strconv.Itoa(p.MaxRequests)},
		"windows": {strings.Join(windows, "\n")}, "bio": {p.Bio}}
	if p.Public {
		f.Set("public", "on")
	}
	return f
}

var weekdays = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// parseWindows reads one window a line: "Tuesday 18:00-20:00".
func parseWindows(text string) ([]mentor.Window, error) {
	out := []mentor.Window{}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		day, span, _ := strings.Cut(line, " ")
		from, to, ok := strings.Cut(strings.TrimSpace(span), "-")
		d := -1
		for i, name := range weekdays {
			if strings.EqualFold(day, name) || strings.EqualFold(day, name[:3]) {
				d = i
			}
		}
		if !ok || d < 0 {
			return nil, app.FieldError("windows", fmt.Sprintf("%q is not a day and times such as Tuesday 18:00-20:00", line))
		}
		out = append(out, mentor.Window{Day: d, From: strings.TrimSpace(from), To: strings.TrimSpace(to)})
	}
	return out, nil
}

func (w *Web) saveMentorProfile(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	f := r.PostForm
	windows, errW := parseWindows(f.Get("windows"))
	mentees, errM := formInt(f, "max_mentees")
	requests, errR := formInt(f, "max_requests")
	prof := mentor.Profile{Topics: splitComma(f.Get("topics")), Languages: splitComma(f.Get("languages")), TimeZone: f.Get("time_zone"),
		MaxMentees: mentees, MaxRequests: requests, Windows: windows, Bio: f.Get("bio"), Public: f.Get("public") == "on"}
	err := app.Merge(errW, errM, errR, w.Mentors.CheckProfile(prof))
	if err == nil {
		_, err = w.Mentors.SaveProfile(r.Context(), p.User, prof)
	}
	if err != nil {
		d, derr := w.deskData(r, p)
		if derr != nil {
			w.fail(rw, r, derr)
			return
		}
		w.formError(rw, r, "mentor", "Mentor desk", d, err)
		return
	}
	http.Redirect(rw, r, "/mentor#profile", http.StatusSeeOther)
}

// formInt reads a whole number from a form; empty reads as 0 for the domain to judge.
func formInt(f url.Values, name string) (int, error) {
	s := strings.TrimSpace(f.Get(name))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, app.FieldError(name, "must be a whole number")
	}
	return n, nil
}

func (w *Web) lockMentorRequest(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, ok := w.pathID(rw, r, "request")
	if !ok {
		return
	}
	if _, err := w.Mentors.Lock(r.Context(), p.User, id); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/mentorship/requests/"+r.PathValue("id"), http.StatusSeeOther)
}

func (w *Web) unlockMentorRequest(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, ok := w.pathID(rw, r, "request")
	if !ok {
		return
	}
	if err := w.Mentors.Unlock(r.Context(), p.User, id); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/mentor#queue", http.StatusSeeOther)
}

func (w *Web) showTestimonial(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, ok := w.pathID(rw, r, "testimonial")
	if !ok {
		return
	}
	if err := w.Mentors.Show(r.Context(), p.User, id, r.PostForm.Get("shown") == "true"); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/mentor#testimonials", http.StatusSeeOther)
}

type invitationPage struct {
	Invitation mentor.Invitation
	Code       string
	LoggedIn   bool
}

// mentorInvitation shows who invites the reader to be their mentor, with
// a way in: accept when logged in, register or log in otherwise.
func (w *Web) mentorInvitation(rw http.ResponseWriter, r *http.Request) {
	code := r.PathValue("code")
	inv, err := w.Mentors.Lookup(r.Context(), code)
	if err != nil {
		w.fail(rw, r, app.Errorf(app.NotFound, "this mentor invitation has expired, was taken up, or never existed"))
		return
	}
	_, in := account.FromContext(r.Context())
	w.render(rw, r, http.StatusOK, "mentor-invitation", w.view(r, "Be a mentor", invitationPage{Invitation: inv, Code: code, LoggedIn: in}))
}

func (w *Web) acceptMentorInvitation(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	if _, err := w.Mentors.Accept(r.Context(), p.User, r.PathValue("code")); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/mentor", http.StatusSeeOther)
}

func (w *Web) matchingPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	pr, err := w.Mentors.Propose(r.Context(), p.User)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "mentor-matching", w.view(r, "Match mentees to mentors", pr))
}

func (w *Web) applyMatching(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	pr, err := w.Mentors.Apply(r.Context(), p.User)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	v := w.view(r, "Match mentees to mentors", mentor.Proposal{})
	v.Message = fmt.Sprintf("Applied: %d mentorships started.", len(pr.Pairs))
	w.render(rw, r, http.StatusOK, "mentor-matching", v)
}

// viewerOf is the logged-in person, or nil for a visitor.
func viewerOf(r *http.Request) *account.User {
	if p, ok := account.FromContext(r.Context()); ok {
		return &p.User
	}
	return nil
}

func (w *Web) mentorsPage(rw http.ResponseWriter, r *http.Request) {
	ps, err := w.Mentors.Directory(r.Context(), viewerOf(r))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "mentors", w.view(r, "Mentors", ps))
}

type mentorProfilePage struct {
	Profile      mentor.Profile
	Testimonials []mentor.Testimonial
	Days         []string
}

func (w *Web) mentorPage(rw http.ResponseWriter, r *http.Request) {
	id, ok := w.pathID(rw, r, "mentor")
	if !ok {
		return
	}
	prof, ts, err := w.Mentors.Profile(r.Context(), viewerOf(r), id)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "mentor-profile", w.view(r, prof.Name, mentorProfilePage{prof, ts, weekdays}))
}
