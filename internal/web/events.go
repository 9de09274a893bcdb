package web

import (
	"html/template"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/network"
)

// localLayout is how a datetime-local input writes a time.
const localLayout = "2006-01-02T15:04"

type eventsPage struct {
	Events   []network.Event
	Kinds    []network.Labelled[network.EventKind]
	Imported *network.Imported
}

// When is an event's start in its own zone, as its programme says it.
func (eventsPage) When(e network.Event) string { return eventWhen(e) }

func eventWhen(e network.Event) string {
	loc, err := app.Zone(e.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	return e.Starts.In(loc).Format("Mon 2 Jan 2006 15:04") + " (" + e.TimeZone + ")"
}

func (w *Web) eventsPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.renderEvents(rw, r, p, nil, nil)
}

// renderEvents lists the events beside the forms to add or import one;
// formErr re-renders them with what was typed.
func (w *Web) renderEvents(rw http.ResponseWriter, r *http.Request, p account.Principal, imported *network.Imported, formErr error) {
	events, err := w.Network.Events(r.Context(), p.User.ID)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	page := eventsPage{Events: events, Kinds: network.EventKindLabels, Imported: imported}
	if formErr != nil {
		w.formError(rw, r, "events", "Events", page, formErr)
		return
	}
	v := w.view(r, "Events", page)
	v.Form.Set("time_zone", w.Plans.Zone(r.Context(), p.User.ID).String())
	v.Form.Set("kind", "meetup")
	w.render(rw, r, http.StatusOK, "events", v)
}

// eventFromForm reads the event form; times are read in the zone typed.
func eventFromForm(r *http.Request) (network.Event, error) {
	f := r.PostForm
	e := network.Event{Title: f.Get("title"), Kind: network.EventKind(f.Get("kind")), TimeZone: strings.TrimSpace(f.Get("time_zone")),
		Place: f.Get("place"), Link: f.Get("link"), Notes: f.Get("notes")}
	loc, err := app.Zone(e.TimeZone)
	if err != nil {
		loc = time.UTC // the zone's own problem is named by the domain
	}
	problems := app.Problems{}
	if v := f.Get("starts_at"); v != "" {
		if e.Starts, err = time.ParseInLocation(localLayout, v, loc); err != nil {
			problems.Add("starts_at", "a date and time, such as 2027-03-04T18:30")
		}
	}
	if v := f.Get("ends_at"); v != "" {
		ends, err := time.ParseInLocation(localLayout, v, loc)
		if err != nil {
			problems.Add("ends_at", "a date and time, such as 2027-03-04T21:00")
		}
		e.Ends = &ends
	}
	return e, problems.Err()
}

func (w *Web) createEvent(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	e, err := eventFromForm(r)
	if err == nil {
		e, err = w.Network.CreateEvent(r.Context(), p.User.ID, e)
	} else {
		err = app.Merge(err, w.Network.CheckEvent(e))
	}
	if err != nil {
		w.renderEvents(rw, r, p, nil, err)
		return
	}
	http.Redirect(rw, r, "/network/events/"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
}

// importEvents takes an uploaded .ics file, or else the address of a feed.
func (w *Web) importEvents(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	var n network.Imported
	var err error
	if file, _, ferr := r.FormFile("file"); ferr == nil {
		defer file.Close()
		var data []byte
		if data, err = io.ReadAll(io.LimitReader(file, network.MaxImportBytes+1)); err == nil {
			n, err = w.Network.ImportICS(r.Context(), p.User.ID, data, "file")
		}
	} else {
		n, err = w.Network.ImportICSURL(r.Context(), p.User.ID, r.PostForm.Get("url"))
	}
	if err != nil {
		w.renderEvents(rw, r, p, nil, err)
		return
	}
	w.renderEvents(rw, r, p, &n, nil)
}

type eventPage struct {
	Event     network.Event
	Contacts  []network.Contact // to pick who was met
	FollowUps []network.Met     // met there, waiting for a follow-up
	Today     string
}

// When is the event's start in its own zone.
func (p eventPage) When() string { return eventWhen(p.Event) }

// Notes is the event's notes rendered.
func (p eventPage) Notes() template.HTML { return notes(p.Event.Notes) }

func (w *Web) eventPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		w.fail(rw, r, app.Errorf(app.NotFound, "event not found"))
		return
	}
	ctx := r.Context()
	e, err := w.Network.Event(ctx, p.User.ID, id)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	today := w.Network.Today(ctx, p.User.ID)
	page := eventPage{Event: e, FollowUps: e.FollowUps(today), Today: today}
	if page.Contacts, err = w.Network.List(ctx, p.User.ID, network.Filter{Limit: network.MaxLimit}); err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "event", w.view(r, e.Title, page))
}

// meetAtEvent records a contact met there: one picked from the network, or
// a new one by name.
func (w *Web) meetAtEvent(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		w.fail(rw, r, app.Errorf(app.NotFound, "event not found"))
		return
	}
	ctx := r.Context()
	contact, perr := strconv.ParseInt(r.PostForm.Get("contact_id"), 10, 64)
	if name := strings.TrimSpace(r.PostForm.Get("name")); name != "" {
		var c network.Contact
		c, err = w.Network.Create(ctx, p.User.ID, network.Contact{Name: name, HowMet: network.AtEvent})
		contact, perr = c.ID, nil
	}
	if err == nil && perr != nil {
		err = app.FieldError("contact_id", "pick a contact or type a name")
	}
	if err == nil {
		err = w.Network.Meet(ctx, p.User.ID, id, contact)
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/network/events/"+r.PathValue("id")+"#people", http.StatusSeeOther)
}

// followUp logs a message today to a person met at the event.
func (w *Web) followUp(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	event, err1 := strconv.ParseInt(r.PathValue("id"), 10, 64)
	contact, err2 := strconv.ParseInt(r.PostForm.Get("contact_id"), 10, 64)
	if err1 != nil || err2 != nil {
		w.fail(rw, r, app.Errorf(app.NotFound, "event not found"))
		return
	}
	ctx := r.Context()
	e, err := w.Network.Event(ctx, p.User.ID, event)
	if err == nil {
		_, err = w.Network.Log(ctx, p.User.ID, network.Interaction{ContactID: contact, Kind: network.Message,
			On: w.Network.Today(ctx, p.User.ID), Note: "Followed up after " + e.Title, EventID: &e.ID})
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/network/events/"+r.PathValue("id")+"#follow-up", http.StatusSeeOther)
}
