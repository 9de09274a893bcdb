package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/account"
	"devpath/internal/network"
)

// eventFields are what a learner writes about an event.
type eventFields struct {
	Title    string            `json:"title"`
	Kind     network.EventKind `json:"kind,omitempty" required:"false" doc:"conference, meetup, online or other; meetup when left out"`
	Starts   time.Time         `json:"starts_at" doc:"RFC 3339, such as 2027-03-04T18:30:00+01:00"`
	Ends     *time.Time        `json:"ends_at,omitempty" required:"false"`
	TimeZone string            `json:"time_zone,omitempty" required:"false" doc:"where it happens, such as Europe/Berlin; UTC when left out"`
	Place    string            `json:"place,omitempty" required:"false"`
	Link     string            `json:"link,omitempty" required:"false"`
	Notes    string            `json:"notes,omitempty" required:"false" doc:"Markdown"`
}

func (f eventFields) event() network.Event {
	return network.Event{Title: f.Title, Kind: f.Kind, Starts: f.Starts, Ends: f.Ends, TimeZone: f.TimeZone,
		Place: f.Place, Link: f.Link, Notes: f.Notes}
}

// eventBody is an event as the API shows it.
type eventBody struct{ network.Event }

type eventOutput struct{ Body eventBody }

type eventsOutput struct{ Body []eventBody }

type createEventInput struct{ Body eventFields }

// Resolve lists the event's problems beside the schema's.
func (in *createEventInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(_ context.Context, h *Handler, _ account.Principal) error {
		return h.Network.CheckEvent(in.Body.event())
	})
}

type eventIDInput struct {
	ID int64 `path:"id"`
}

type putEventInput struct {
	ID   int64 `path:"id"`
	Body eventFields
}

// Resolve lists the event's problems beside the schema's.
func (in *putEventInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(_ context.Context, h *Handler, _ account.Principal) error {
		return h.Network.CheckEvent(in.Body.event())
	})
}

type meetInput struct {
	ID      int64 `path:"id"`
	Contact int64 `path:"contact"`
}

type importEventsInput struct {
	Body struct {
		URL string `json:"url,omitempty" required:"false" doc:"an iCalendar feed to fetch"`
		ICS string `json:"ics,omitempty" required:"false" doc:"the text of an .ics file"`
	}
}

type importedOutput struct{ Body network.Imported }

func (h *Handler) registerEvents(api huma.API) {
	tags := []string{"network"}
	op := func(id, method, path, summary string, status int) huma.Operation {
		return huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Tags: tags, DefaultStatus: status}
	}
	const one = "/api/v1/me/events/{id}"
	registerUser(api, op("list-events", http.MethodGet, "/api/v1/me/events", "My events, the latest first", 0), h.events)
	registerUser(api, op("create-event", http.MethodPost, "/api/v1/me/events", "Add a conference, meetup or online event", http.StatusCreated), h.createEvent)
	registerUser(api, op("import-events", http.MethodPost, "/api/v1/me/events/import",
		"Import one event or a whole feed from iCalendar text or an address, all or none; an event imported before is updated", 0), h.importEvents)
	registerUser(api, op("get-event", http.MethodGet, one, "One event, with the people met there", 0), h.event)
	registerUser(api, op("put-event", http.MethodPut, one, "Change an event", 0), h.putEvent)
	registerUser(api, op("delete-event", http.MethodDelete, one, "Delete an event; the people met stay", http.StatusNoContent), h.deleteEvent)
	registerUser(api, op("meet-at-event", http.MethodPut, one+"/people/{contact}", "Record a contact met at the event", http.StatusNoContent), h.meetAtEvent)
}

func (h *Handler) events(ctx context.Context, p account.Principal, _ *struct{}) (*eventsOutput, error) {
	es, err := h.Network.Events(ctx, p.User.ID)
	if err != nil {
		return nil, err
	}
	out := &eventsOutput{Body: make([]eventBody, len(es))}
	for i, e := range es {
		out.Body[i] = eventBody{e}
	}
	return out, nil
}

func (h *Handler) createEvent(ctx context.Context, p account.Principal, in *createEventInput) (*eventOutput, error) {
	return eventOut(h.Network.CreateEvent(ctx, p.User.ID, in.Body.event()))
}

func (h *Handler) event(ctx context.Context, p account.Principal, in *eventIDInput) (*eventOutput, error) {
	return eventOut(h.Network.Event(ctx, p.User.ID, in.ID))
}

func (h *Handler) putEvent(ctx context.Context, p account.Principal, in *putEventInput) (*eventOutput, error) {
	e := in.Body.event()
	e.ID = in.ID
	return eventOut(h.Network.UpdateEvent(ctx, p.User.ID, e))
}

func eventOut(e network.Event, err error) (*eventOutput, error) {
	if err != nil {
		return nil, err
	}
	return &eventOutput{Body: eventBody{e}}, nil
}

func (h *Handler) deleteEvent(ctx context.Context, p account.Principal, in *eventIDInput) (*struct{}, error) {
	return nil, h.Network.DeleteEvent(ctx, p.User.ID, in.ID)
}

func (h *Handler) meetAtEvent(ctx context.Context, p account.Principal, in *meetInput) (*struct{}, error) {
	return nil, h.Network.Meet(ctx, p.User.ID, in.ID, in.Contact)
}

func (h *Handler) importEvents(ctx context.Context, p account.Principal, in *importEventsInput) (*importedOutput, error) {
	var n network.Imported
	var err error
	if in.Body.URL != "" {
		n, err = h.Network.ImportICSURL(ctx, p.User.ID, in.Body.URL)
	} else {
		n, err = h.Network.ImportICS(ctx, p.User.ID, []byte(in.Body.ICS), "ics")
	}
	if err != nil {
		return nil, err
	}
	return &importedOutput{Body: n}, nil
}
