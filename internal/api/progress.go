package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/network"
	"devpath/internal/progress"
)

type progressOutput struct {
	Body struct {
		Roadmap string                    `json:"roadmap"`
		Topics  map[string]progress.Entry `json:"topics" doc:"by topic id; topics never touched are absent and count as todo"`
		Summary progress.Summary          `json:"summary"`
	}
}

type putProgressInput struct {
	Slug  string `path:"slug"`
	Topic string `path:"id"`
	Body  struct {
		Status *progress.Status `json:"status,omitempty" required:"false" doc:"one of todo, learning, done, skipped"`
		Note   *string          `json:"note,omitempty" required:"false" doc:"private Markdown note, at most 20,000 characters"`
	}
}

// Resolve lists the status's and the note's problems beside the schema's.
func (in *putProgressInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(context.Context, *Handler, account.Principal) error {
		return progress.CheckUpdate(in.Body.Status, in.Body.Note)
	})
}

type entryOutput struct {
	Body struct {
		Topic string `json:"topic"`
		progress.Entry
	}
}

type bulkInput struct {
	Slug string `path:"slug"`
	Body struct {
		Status progress.Status `json:"status" doc:"one of todo, learning, done, skipped; todo resets"`
		Step   string          `json:"step,omitempty" required:"false" doc:"a step id; empty for the whole roadmap"`
	}
}

// Resolve lists the status's problem beside the schema's.
func (in *bulkInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(context.Context, *Handler, account.Principal) error {
		return progress.CheckStatus(in.Body.Status)
	})
}

type bulkOutput struct {
	Body struct {
		Changed int `json:"changed"`
	}
}

type historyInput struct {
	Slug  string `path:"slug"`
	Topic string `query:"topic" doc:"only this topic's changes"`
	Limit int    `query:"limit" minimum:"0" maximum:"1000" doc:"at most this many changes, newest first (default 100)"`
}

type historyOutput struct {
	Body []progress.Change
}

type activityInput struct {
	TZ string `query:"tz" doc:"IANA time zone for days, such as Europe/Berlin (default UTC)"`
}

type activityOutput struct {
	Body progress.Activity
}

// dataExport is the learner's data export: progress and notes on every
// roadmap, and the whole network.
type dataExport struct {
	progress.Export
	Network *networkExportBody `json:"network,omitempty" required:"false" doc:"the whole network: contacts, their logs, events with the people met, communities joined. The import leaves the network as it is; contacts move between devpaths as vCard"`
}

// networkExportBody is the network as the export shows it (types of its
// own: the OpenAPI document names schemas by type, and progress has an Export too).
type networkExportBody struct {
	Contacts     []contactBody         `json:"contacts"`
	Interactions []network.Interaction `json:"interactions" doc:"every contact's log, by contact id"`
	Events       []network.Event       `json:"events" doc:"with the people met at each"`
	Communities  []network.Membership  `json:"communities"`
}

type exportOutput struct {
	ContentDisposition string `header:"Content-Disposition"`
	Body               dataExport
}

type importInput struct {
	Body dataExport
}

// Resolve lists the document's problems, against the roadmaps, beside the schema's.
func (in *importInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(_ context.Context, h *Handler, _ account.Principal) error {
		return h.Progress.CheckImport(in.Body.Export)
	})
}

func (h *Handler) registerProgress(api huma.API) {
	tags := []string{"progress"}
	registerUser(api, huma.Operation{OperationID: "get-progress", Method: http.MethodGet, Path: "/api/v1/me/progress/{slug}",
		Summary: "My progress on a roadmap", Tags: tags}, h.progress)
	registerUser(api, huma.Operation{OperationID: "put-progress", Method: http.MethodPut, Path: "/api/v1/me/progress/{slug}/topics/{id}",
		Summary: "Set my status and/or note on a topic", Description: "A field left out stays as it is. Each change is kept in the history.",
		Tags: tags}, h.putProgress)
	registerUser(api, huma.Operation{OperationID: "bulk-progress", Method: http.MethodPost, Path: "/api/v1/me/progress/{slug}/bulk",
		Summary: "Set every topic of a step, or of the roadmap, to one status", Tags: tags}, h.bulkProgress)
	registerUser(api, huma.Operation{OperationID: "progress-history", Method: http.MethodGet, Path: "/api/v1/me/progress/{slug}/history",
		Summary: "My changes on a roadmap, newest first", Tags: tags}, h.history)
	registerUser(api, huma.Operation{OperationID: "activity", Method: http.MethodGet, Path: "/api/v1/me/activity",
		Summary: "My streaks and a heatmap of the last 365 days", Tags: tags}, h.activity)
	registerUser(api, huma.Operation{OperationID: "export-progress", Method: http.MethodGet, Path: "/api/v1/me/progress",
		Summary: "Export my data as JSON: progress and notes, and my whole network", Tags: tags}, h.exportProgress)
	registerUser(api, huma.Operation{OperationID: "import-progress", Method: http.MethodPost, Path: "/api/v1/me/progress",
		Summary: "Import progress and notes exported before", Description: "All or nothing: a document with any problem changes nothing.",
		Tags: tags, MaxBodyBytes: 8 << 20}, h.importProgress)
}

func (h *Handler) progress(ctx context.Context, p account.Principal, in *slugInput) (*progressOutput, error) {
	v, err := h.Progress.Progress(ctx, p.User.ID, in.Slug)
	if err != nil {
		return nil, err
	}
	out := &progressOutput{}
	out.Body.Roadmap, out.Body.Topics, out.Body.Summary = in.Slug, v.Entries, v.Summary
	return out, nil
}

func (h *Handler) putProgress(ctx context.Context, p account.Principal, in *putProgressInput) (*entryOutput, error) {
	e, err := h.Progress.Set(ctx, p.User.ID, in.Slug, in.Topic, in.Body.Status, in.Body.Note)
	if err != nil {
		return nil, err
	}
	out := &entryOutput{}
	out.Body.Topic, out.Body.Entry = e.Topic, e
	return out, nil
}

func (h *Handler) bulkProgress(ctx context.Context, p account.Principal, in *bulkInput) (*bulkOutput, error) {
	n, err := h.Progress.Bulk(ctx, p.User.ID, in.Slug, in.Body.Step, in.Body.Status)
	if err != nil {
		return nil, err
	}
	out := &bulkOutput{}
	out.Body.Changed = n
	return out, nil
}

func (h *Handler) history(ctx context.Context, p account.Principal, in *historyInput) (*historyOutput, error) {
	cs, err := h.Progress.History(ctx, p.User.ID, in.Slug, in.Topic, in.Limit)
	if err != nil {
		return nil, err
	}
	if cs == nil {
		cs = []progress.Change{}
	}
	return &historyOutput{Body: cs}, nil
}

func (h *Handler) activity(ctx context.Context, p account.Principal, in *activityInput) (*activityOutput, error) {
	loc := time.UTC
	if in.TZ != "" {
		var err error
		if loc, err = app.Zone(in.TZ); err != nil {
			return nil, app.FieldError("query.tz", "is not an IANA time zone, such as Europe/Berlin")
		}
	}
	a, err := h.Progress.Activity(ctx, p.User.ID, loc)
	if err != nil {
		return nil, err
	}
	return &activityOutput{Body: a}, nil
}

func (h *Handler) exportProgress(ctx context.Context, p account.Principal, _ *struct{}) (*exportOutput, error) {
	doc, err := h.Progress.Export(ctx, p.User.ID)
	if err != nil {
		return nil, err
	}
	nw, err := h.Network.Export(ctx, p.User.ID)
	if err != nil {
		return nil, err
	}
	body := &networkExportBody{Contacts: make([]contactBody, len(nw.Contacts)), Interactions: nw.Interactions, Events: nw.Events, Communities: nw.Communities}
	for i, c := range nw.Contacts {
		body.Contacts[i] = contactBody{Contact: c}
	}
	return &exportOutput{ContentDisposition: `attachment; filename="devpath-progress.json"`, Body: dataExport{Export: doc, Network: body}}, nil
}

func (h *Handler) importProgress(ctx context.Context, p account.Principal, in *importInput) (*bulkOutput, error) {
	n, err := h.Progress.Import(ctx, p.User.ID, in.Body.Export)
	if err != nil {
		return nil, err
	}
	out := &bulkOutput{}
	out.Body.Changed = n
	return out, nil
}
