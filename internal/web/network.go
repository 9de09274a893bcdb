package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/microcosm-cc/bluemonday"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/network"
)

// notesPolicy is what a contact's notes may keep once rendered: the
// Markdown a person writes (emphasis, lists, links, code), nothing that
// runs or restyles the page. goldmark already drops raw HTML; the policy
// holds should that ever change, and strips unsafe link schemes.
var notesPolicy = bluemonday.UGCPolicy().RequireNoFollowOnLinks(true)

// notes renders a contact's Markdown notes, sanitised.
func notes(src string) template.HTML {
	return template.HTML(notesPolicy.Sanitize(string(markdown(src)))) // sanitised just now
}

// contactRow is a contact as lists show them.
type contactRow struct {
	network.Contact
	Standing network.Standing // where their cadence stands today
}

type networkPage struct {
	Summary  network.Summary
	Contacts []contactRow
	Filter   network.Filter
	HowMet   []network.Labelled[network.HowMet]
	Losing   bool   // the losing-touch list
	More     string // the address of the next page, empty on the last
}

func contactRows(cs []network.Contact, today string) []contactRow {
	out := make([]contactRow, len(cs))
	for i, c := range cs {
		out[i] = contactRow{Contact: c, Standing: c.StandingOn(today)}
	}
	return out
}

// networkPage lists the learner's contacts, the soonest due first.
func (w *Web) networkPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	q := r.URL.Query()
	offset, _ := strconv.Atoi(q.Get("offset"))
	f := network.Filter{Tag: q.Get("tag"), HowMet: network.HowMet(q.Get("how_met")), Query: q.Get("q"), Offset: max(offset, 0)}
	w.renderNetwork(rw, r, p, f, "Your network")
}

// losingTouch lists the contacts due today or overdue.
func (w *Web) losingTouch(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	f := network.Filter{DueBy: w.Network.Today(r.Context(), p.User.ID)}
	w.renderNetwork(rw, r, p, f, "Losing touch")
}

func (w *Web) renderNetwork(rw http.ResponseWriter, r *http.Request, p account.Principal, f network.Filter, title string) {
	ctx := r.Context()
	f.Limit = network.DefaultLimit
	cs, err := w.Network.List(ctx, p.User.ID, f)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	sum, err := w.Network.Summary(ctx, p.User.ID)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d := networkPage{Summary: sum, Contacts: contactRows(cs, w.Network.Today(ctx, p.User.ID)), Filter: f,
		HowMet: network.HowMetLabels, Losing: f.DueBy != ""}
	if len(cs) == f.Limit && !d.Losing {
		next := r.URL.Query()
		next.Set("offset", strconv.Itoa(f.Offset+f.Limit))
		d.More = "/network?" + next.Encode()
	}
	w.render(rw, r, http.StatusOK, "network", w.view(r, title, d))
}

type contactPage struct {
	Contact      network.Contact
	Standing     network.Standing
	Log          []network.Interaction
	Applications []network.Application
	HowMet       []network.Labelled[network.HowMet]
	Kinds        []network.Labelled[network.Kind]
	Today        string
	Roadmap      string // the home roadmap's slug, whose topics the contact knows
	// sent is "log" when the interaction form came back refused, with
	// what was typed in it; the details form then shows the stored contact.
	sent  string
	typed url.Values
}

// Logged is what was typed into field of the refused interaction form,
// or its default: today, a message.
func (p contactPage) Logged(field string) string {
	if p.sent == "log" {
		return p.typed.Get(field)
	}
	switch field {
	case "on":
		return p.Today
	case "kind":
		return string(network.Message)
	}
	return ""
}

// Notes is the contact's notes rendered.
func (p contactPage) Notes() template.HTML { return notes(p.Contact.Notes) }

// KindLabel is an interaction's kind in words.
func (contactPage) KindLabel(k network.Kind) string { return k.Label() }

// HowMetLabel is how the learner knows the contact, in words.
func (p contactPage) HowMetLabel() string {
	for _, l := range p.HowMet {
		if l.Value == p.Contact.HowMet {
			return l.Label
		}
	}
	return ""
}

func (w *Web) contactID(rw http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		w.fail(rw, r, app.Errorf(app.NotFound, "contact %q not found", r.PathValue("id")))
		return 0, false
	}
	return id, true
}

func (w *Web) contactPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.renderContact(rw, r, p, "", nil)
}

// renderContact shows one contact; formErr re-renders it with what was
// typed into the form of section ("" for the details, "log" for the log).
func (w *Web) renderContact(rw http.ResponseWriter, r *http.Request, p account.Principal, section string, formErr error) {
	id, ok := w.contactID(rw, r)
	if !ok {
		return
	}
	ctx := r.Context()
	c, err := w.Network.Get(ctx, p.User.ID, id)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	today := w.Network.Today(ctx, p.User.ID)
	page := contactPage{Contact: c, Standing: c.StandingOn(today), HowMet: network.HowMetLabels, Kinds: network.KindLabels,
		Today: today, Roadmap: w.Roadmaps.Home().Slug}
	if page.Log, err = w.Network.Interactions(ctx, p.User.ID, id); err == nil {
		page.Applications, err = w.Network.Applications(ctx, p.User.ID, id)
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if formErr != nil {
		form := r.PostForm
		if section != "" {
			page.sent, page.typed, form = section, r.PostForm, contactForm(c)
		}
		w.refuse(rw, r, "contact", w.view(r, c.Name, page), form, formErr)
		return
	}
	v := w.view(r, c.Name, page)
	v.Form = contactForm(c)
	w.render(rw, r, http.StatusOK, "contact", v)
}

// contactForm fills the contact form from a stored contact.
func contactForm(c network.Contact) url.Values {
	f := url.Values{"name": {c.Name}, "how_met": {string(c.HowMet)}, "company": {c.Company}, "role": {c.Role},
		"email": {c.Email}, "links.linkedin": {c.Links.LinkedIn}, "links.github": {c.Links.GitHub},
		"links.website": {c.Links.Website}, "links.other": {c.Links.Other}, "notes": {c.Notes}, "tags": {strings.Join(c.Tags, ", ")},
		"topics": {strings.Join(c.Topics, ", ")}}
	if c.Cadence > 0 {
		f.Set("cadence_days", strconv.Itoa(c.Cadence))
	}
	return f
}

// contactFromForm reads the contact form; a cadence that is not a number is named.
func contactFromForm(r *http.Request) (network.Contact, error) {
	f := r.PostForm
	c := network.Contact{Name: f.Get("name"), HowMet: network.HowMet(f.Get("how_met")), Company: f.Get("company"),
		Role: f.Get("role"), Email: f.Get("email"), Notes: f.Get("notes"),
		Links: network.Links{LinkedIn: f.Get("links.linkedin"), GitHub: f.Get("links.github"), Website: f.Get("links.website"),
			Other: f.Get("links.other")},
		Tags: splitComma(f.Get("tags")), Topics: splitComma(f.Get("topics"))}
	if v := strings.TrimSpace(f.Get("cadence_days")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return c, app.FieldError("cadence_days", "a whole number of days, such as 30")
		}
		c.Cadence = n
	}
	return c, nil
}

func splitComma(s string) []string {
	var out []string
	for part := range strings.SplitSeq(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func (w *Web) newContact(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.render(rw, r, http.StatusOK, "contact-new", w.view(r, "New contact", contactPage{HowMet: network.HowMetLabels}))
}

func (w *Web) createContact(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	c, err := contactFromForm(r)
	if err == nil {
		c, err = w.Network.Create(r.Context(), p.User.ID, c)
	}
	if err != nil {
		w.formError(rw, r, "contact-new", "New contact", contactPage{HowMet: network.HowMetLabels}, err)
		return
	}
	http.Redirect(rw, r, "/network/contacts/"+strconv.FormatInt(c.ID, 10), http.StatusSeeOther)
}

func (w *Web) updateContact(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, ok := w.contactID(rw, r)
	if !ok {
		return
	}
	c, err := contactFromForm(r)
	if err == nil {
		c.ID = id
		_, err = w.Network.Update(r.Context(), p.User.ID, c)
	}
	if err != nil {
		w.renderContact(rw, r, p, "", err)
		return
	}
	http.Redirect(rw, r, "/network/contacts/"+r.PathValue("id"), http.StatusSeeOther)
}

func (w *Web) deleteContact(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, ok := w.contactID(rw, r)
	if !ok {
		return
	}
	if err := w.Network.Delete(r.Context(), p.User.ID, id); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/network", http.StatusSeeOther)
}

func (w *Web) logInteraction(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, ok := w.contactID(rw, r)
	if !ok {
		return
	}
	f := r.PostForm
	_, err := w.Network.Log(r.Context(), p.User.ID, network.Interaction{ContactID: id, Kind: network.Kind(f.Get("kind")),
		On: f.Get("on"), Note: f.Get("note")})
	if err != nil {
		w.renderContact(rw, r, p, "log", err)
		return
	}
	http.Redirect(rw, r, "/network/contacts/"+r.PathValue("id")+"#log", http.StatusSeeOther)
}

func (w *Web) deleteInteraction(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, ok := w.contactID(rw, r)
	if !ok {
		return
	}
	entry, err := strconv.ParseInt(r.PathValue("entry"), 10, 64)
	if err == nil {
		err = w.Network.DeleteInteraction(r.Context(), p.User.ID, id, entry)
	} else {
		err = app.Errorf(app.NotFound, "interaction not found")
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/network/contacts/"+r.PathValue("id")+"#log", http.StatusSeeOther)
}

// textField is one labelled input of a form, with what was typed and its problem.
type textField struct {
	Name, Label, Type, Value, Error, Hint string
}

// field builds a textField from the view, for the "text-field" template.
func field(v view, name, label, typ string, hint ...string) textField {
	f := textField{Name: name, Label: label, Type: typ, Value: v.Form.Get(name), Error: v.Errors[name]}
	if len(hint) > 0 {
		f.Hint = hint[0]
	}
	return f
}
