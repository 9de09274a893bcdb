package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/account"
	"devpath/internal/jobsearch"
)

// AppFields are the fields a learner writes, on create and (all optional) on update.
type AppFields struct {
	Kind          *jobsearch.Kind `json:"kind,omitempty" required:"false" enum:"job,internship"`
	Company       *string         `json:"company,omitempty" required:"false"`
	Title         *string         `json:"title,omitempty" required:"false"`
	Location      *string         `json:"location,omitempty" required:"false"`
	Remote        *bool           `json:"remote,omitempty" required:"false"`
	SalaryMin     *int64          `json:"salary_min,omitempty" required:"false" doc:"a year, whole units of currency"`
	SalaryMax     *int64          `json:"salary_max,omitempty" required:"false"`
	Currency      *string         `json:"currency,omitempty" required:"false" doc:"ISO 4217, such as USD"`
	SourceURL     *string         `json:"source_url,omitempty" required:"false"`
	Description   *string         `json:"description,omitempty" required:"false"`
	Deadline      *string         `json:"deadline,omitempty" required:"false" doc:"YYYY-MM-DD"`
	StartDate     *string         `json:"start_date,omitempty" required:"false" doc:"YYYY-MM-DD"`
	EndDate       *string         `json:"end_date,omitempty" required:"false" doc:"YYYY-MM-DD, for internships"`
	AppliedOn     *string         `json:"applied_on,omitempty" required:"false" doc:"YYYY-MM-DD"`
	FollowUp      *string         `json:"follow_up,omitempty" required:"false" doc:"YYYY-MM-DD: shown on the dashboard when due"`
	OfferAmount   *int64          `json:"offer_amount,omitempty" required:"false" doc:"a year, whole units of offer_currency"`
	OfferCurrency *string         `json:"offer_currency,omitempty" required:"false"`
	Notes         *string         `json:"notes,omitempty" required:"false"`
	ResumeID      *int64          `json:"resume_id,omitempty" required:"false" doc:"the tailored resume used"`
	ReferredBy    clearableID     `json:"referred_by,omitzero" required:"false" doc:"the contact who referred you; null for nobody"`
}

// apply copies the fields that were sent onto a.
func (f AppFields) apply(a *jobsearch.Application) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	if f.Kind != nil {
		a.Kind = *f.Kind
	}
	set(&a.Company, f.Company)
	set(&a.Title, f.Title)
	set(&a.Location, f.Location)
	set(&a.Currency, f.Currency)
	set(&a.SourceURL, f.SourceURL)
	set(&a.Description, f.Description)
	set(&a.Deadline, f.Deadline)
	set(&a.StartDate, f.StartDate)
	set(&a.EndDate, f.EndDate)
	set(&a.AppliedOn, f.AppliedOn)
	set(&a.FollowUp, f.FollowUp)
	set(&a.Offer.Currency, f.OfferCurrency)
	set(&a.Notes, f.Notes)
	if f.Remote != nil {
		a.Remote = *f.Remote
	}
	for dst, src := range map[*int64]*int64{&a.SalaryMin: f.SalaryMin, &a.SalaryMax: f.SalaryMax, &a.Offer.Amount: f.OfferAmount} {
		if src != nil {
			*dst = *src
		}
	}
	if f.ResumeID != nil {
		a.ResumeID = f.ResumeID
	}
	if f.ReferredBy.Sent {
		a.ReferredBy = f.ReferredBy.ID
	}
}

// clearableID is an id that a change sets with a number, clears with
// null, or leaves as it is when left out: a plain *int64 cannot tell null
// from absent.
type clearableID struct {
	Sent bool
	ID   *int64
}

// UnmarshalJSON runs only for a member that is present, null included.
func (c *clearableID) UnmarshalJSON(b []byte) error {
	c.Sent = true
	return json.Unmarshal(b, &c.ID)
}

// Schema describes it to Huma and the OpenAPI document: an integer or null.
func (clearableID) Schema(huma.Registry) *huma.Schema {
	return &huma.Schema{Type: huma.TypeInteger, Format: "int64", Nullable: true}
}

type stageBody struct {
	Stage jobsearch.Stage `json:"stage"`
	At    time.Time       `json:"at"`
	Notes string          `json:"notes,omitempty"`
}

type appBody struct {
	ID           int64                      `json:"id"`
	Kind         jobsearch.Kind             `json:"kind"`
	Company      string                     `json:"company"`
	Title        string                     `json:"title"`
	Location     string                     `json:"location"`
	Remote       bool                       `json:"remote"`
	SalaryMin    int64                      `json:"salary_min"`
	SalaryMax    int64                      `json:"salary_max"`
	Currency     string                     `json:"currency"`
	SourceURL    string                     `json:"source_url"`
	Description  string                     `json:"description"`
	Deadline     string                     `json:"deadline"`
	StartDate    string                     `json:"start_date"`
	EndDate      string                     `json:"end_date"`
	Stage        jobsearch.Stage            `json:"stage"`
	AppliedOn    string                     `json:"applied_on"`
	FollowUp     string                     `json:"follow_up"`
	Offer        jobsearch.Money            `json:"offer"`
	Notes        string                     `json:"notes"`
	ResumeID     *int64                     `json:"resume_id"`
	ReferredBy   *int64                     `json:"referred_by" doc:"the contact who referred the learner"`
	CreatedAt    time.Time                  `json:"created_at"`
	UpdatedAt    time.Time                  `json:"updated_at"`
	History      []stageBody                `json:"history"`
	Interviews   []jobsearch.InterviewEntry `json:"interviews"`
	Contacts     []jobsearch.Contact        `json:"contacts"`
	OfferAgainst []jobsearch.Comparison     `json:"offer_against,omitempty" doc:"the offer set against published salary levels"`
	Warning      string                     `json:"warning,omitempty" doc:"for example: you already applied to this company"`
}

func (h *Handler) toAppBody(a jobsearch.Application) appBody {
	b := appBody{ID: a.ID, Kind: a.Kind, Company: a.Company, Title: a.Title, Location: a.Location, Remote: a.Remote,
		SalaryMin: a.SalaryMin, SalaryMax: a.SalaryMax, Currency: a.Currency, SourceURL: a.SourceURL,
		Description: a.Description, Deadline: a.Deadline, StartDate: a.StartDate, EndDate: a.EndDate, Stage: a.Stage,
		AppliedOn: a.AppliedOn, FollowUp: a.FollowUp, Offer: a.Offer, Notes: a.Notes, ResumeID: a.ResumeID, ReferredBy: a.ReferredBy,
		CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt, History: []stageBody{}, Interviews: a.Interviews,
		Contacts: a.Contacts, OfferAgainst: h.Applications.CompareOffer(a)}
	for _, c := range a.History {
		b.History = append(b.History, stageBody{Stage: c.Stage, At: c.At, Notes: c.Notes})
	}
	if b.Interviews == nil {
		b.Interviews = []jobsearch.InterviewEntry{}
	}
	if b.Contacts == nil {
		b.Contacts = []jobsearch.Contact{}
	}
	return b
}

type appOutput struct {
	Body appBody
}

type appsInput struct {
	Stage string `query:"stage" doc:"only applications in this stage"`
	Kind  string `query:"kind" enum:"job,internship," doc:"only jobs or only internships"`
	Q     string `query:"q" doc:"words in the company or title"`
}

type appsOutput struct {
	Body []appBody
}

type createAppInput struct {
	Body struct {
		AppFields
		Stage jobsearch.Stage `json:"stage,omitempty" required:"false" doc:"defaults to saved"`
	}
}

func (in *createAppInput) application() jobsearch.Application {
	a := jobsearch.Application{Opportunity: jobsearch.Opportunity{Kind: jobsearch.Job}, Pursuit: jobsearch.Pursuit{Stage: in.Body.Stage}}
	in.Body.AppFields.apply(&a)
	return a
}

// Resolve lists the application's problems, and a resume that is not the learner's, beside the schema's.
func (in *createAppInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(ctx context.Context, h *Handler, p account.Principal) error {
		return h.Applications.CheckCreate(ctx, p.User.ID, in.application())
	})
}

type appIDInput struct {
	ID int64 `path:"id"`
}

type patchAppInput struct {
	ID   int64 `path:"id"`
	Body struct {
		AppFields
		Stage     *jobsearch.Stage `json:"stage,omitempty" required:"false" doc:"move the application to this stage"`
		StageNote string           `json:"stage_note,omitempty" required:"false" doc:"kept with the stage change"`
		Confirm   bool             `json:"confirm,omitempty" required:"false" doc:"true to reopen a closed application as saved"`
	}
}

func (in *patchAppInput) change() jobsearch.Change {
	c := jobsearch.Change{Stage: in.Body.Stage, StageNote: in.Body.StageNote, Confirm: in.Body.Confirm}
	if in.Body.AppFields != (AppFields{}) {
		c.Edit = in.Body.AppFields.apply
	}
	return c
}

// Resolve lists the problems of the application as the change would leave it beside the schema's.
func (in *patchAppInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(ctx context.Context, h *Handler, p account.Principal) error {
		return h.Applications.CheckPatch(ctx, p.User.ID, in.ID, in.change())
	})
}

type interviewInput struct {
	ID   int64 `path:"id"`
	Body struct {
		At     string `json:"at" doc:"YYYY-MM-DD or RFC 3339"`
		Kind   string `json:"kind" doc:"phone, video, onsite, technical, behavioural, take_home or other"`
		People string `json:"people,omitempty" required:"false"`
		Notes  string `json:"notes,omitempty" required:"false"`
	}
}

func (in *interviewInput) record() jobsearch.InterviewRecord {
	b := in.Body
	return jobsearch.InterviewRecord{At: b.At, Kind: b.Kind, People: b.People, Notes: b.Notes}
}

// Resolve lists the interview's problems beside the schema's.
func (in *interviewInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(context.Context, *Handler, account.Principal) error { return in.record().Validate() })
}

type interviewOutput struct {
	Body jobsearch.InterviewEntry
}

type contactInput struct {
	ID   int64 `path:"id"`
	Body struct {
		Name  string `json:"name"`
		Role  string `json:"role,omitempty" required:"false"`
		Email string `json:"email,omitempty" required:"false"`
		URL   string `json:"url,omitempty" required:"false"`
		Notes string `json:"notes,omitempty" required:"false"`
	}
}

func (in *contactInput) contact() jobsearch.Contact {
	b := in.Body
	return jobsearch.Contact{Name: b.Name, Role: b.Role, Email: b.Email, URL: b.URL, Notes: b.Notes}
}

// Resolve lists the contact's problems beside the schema's.
func (in *contactInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(context.Context, *Handler, account.Principal) error { return in.contact().Validate() })
}

type contactOutput struct {
	Body jobsearch.Contact
}

type csvOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               []byte
}

type funnelOutput struct {
	Body []jobsearch.FunnelStep
}

type salariesOutput struct {
	Body []jobsearch.SalarySource
}

func (h *Handler) registerApplications(api huma.API) {
	tags := []string{"job search"}
	registerUser(api, huma.Operation{OperationID: "list-applications", Method: http.MethodGet, Path: "/api/v1/me/applications",
		Summary: "My applications, newest first", Tags: tags}, h.applications)
	registerUser(api, huma.Operation{OperationID: "create-application", Method: http.MethodPost, Path: "/api/v1/me/applications",
		Summary: "Add a job or internship I am pursuing", Tags: tags, DefaultStatus: http.StatusCreated}, h.createApplication)
	registerUser(api, huma.Operation{OperationID: "applications-csv", Method: http.MethodGet, Path: "/api/v1/me/applications.csv",
		Summary: "Export my applications with every stage change, as CSV", Tags: tags}, h.applicationsCSV)
	registerUser(api, huma.Operation{OperationID: "applications-funnel", Method: http.MethodGet, Path: "/api/v1/me/applications/funnel",
		Summary: "How far my applications got", Tags: tags}, h.funnel)
	registerUser(api, huma.Operation{OperationID: "get-application", Method: http.MethodGet, Path: "/api/v1/me/applications/{id}",
		Summary: "One application with its history, interviews and contacts", Tags: tags}, h.application)
	registerUser(api, huma.Operation{OperationID: "patch-application", Method: http.MethodPatch, Path: "/api/v1/me/applications/{id}",
		Summary:     "Change an application or move it to another stage",
		Description: "Fields left out stay as they are. Moving a closed application back to saved needs confirm: true.", Tags: tags}, h.patchApplication)
	registerUser(api, huma.Operation{OperationID: "delete-application", Method: http.MethodDelete, Path: "/api/v1/me/applications/{id}",
		Summary: "Delete an application", Tags: tags, DefaultStatus: http.StatusNoContent}, h.deleteApplication)
	registerUser(api, huma.Operation{OperationID: "add-interview", Method: http.MethodPost, Path: "/api/v1/me/applications/{id}/interviews",
		Summary: "Record an interview", Tags: tags, DefaultStatus: http.StatusCreated}, h.addInterview)
	registerUser(api, huma.Operation{OperationID: "add-contact", Method: http.MethodPost, Path: "/api/v1/me/applications/{id}/contacts",
		Summary: "Record a contact at the company", Tags: tags, DefaultStatus: http.StatusCreated}, h.addContact)
	register(api, huma.Operation{OperationID: "salaries", Method: http.MethodGet, Path: "/api/v1/salaries",
		Summary: "Published salary levels, with their sources", Tags: tags}, h.salaries)
}

func (h *Handler) applications(ctx context.Context, p account.Principal, in *appsInput) (*appsOutput, error) {
	apps, err := h.Applications.List(ctx, p.User.ID, jobsearch.Filter{Stage: jobsearch.Stage(in.Stage), Kind: jobsearch.Kind(in.Kind), Query: in.Q})
	if err != nil {
		return nil, err
	}
	out := &appsOutput{Body: []appBody{}}
	for _, a := range apps {
		out.Body = append(out.Body, h.toAppBody(a))
	}
	return out, nil
}

func (h *Handler) createApplication(ctx context.Context, p account.Principal, in *createAppInput) (*appOutput, error) {
	c, err := h.Applications.Create(ctx, p.User.ID, in.application())
	if err != nil {
		return nil, err
	}
	b := h.toAppBody(c.Application)
	b.Warning = c.Warning
	return &appOutput{Body: b}, nil
}

func (h *Handler) application(ctx context.Context, p account.Principal, in *appIDInput) (*appOutput, error) {
	a, err := h.Applications.Get(ctx, p.User.ID, in.ID)
	if err != nil {
		return nil, err
	}
	return &appOutput{Body: h.toAppBody(a)}, nil
}

func (h *Handler) patchApplication(ctx context.Context, p account.Principal, in *patchAppInput) (*appOutput, error) {
	a, err := h.Applications.Patch(ctx, p.User.ID, in.ID, in.change())
	if err != nil {
		return nil, err
	}
	return &appOutput{Body: h.toAppBody(a)}, nil
}

func (h *Handler) deleteApplication(ctx context.Context, p account.Principal, in *appIDInput) (*struct{}, error) {
	return nil, h.Applications.Delete(ctx, p.User.ID, in.ID)
}

func (h *Handler) addInterview(ctx context.Context, p account.Principal, in *interviewInput) (*interviewOutput, error) {
	iv, err := h.Applications.AddInterview(ctx, p.User.ID, in.ID, in.record())
	if err != nil {
		return nil, err
	}
	return &interviewOutput{Body: iv}, nil
}

func (h *Handler) addContact(ctx context.Context, p account.Principal, in *contactInput) (*contactOutput, error) {
	c, err := h.Applications.AddContact(ctx, p.User.ID, in.ID, in.contact())
	if err != nil {
		return nil, err
	}
	return &contactOutput{Body: c}, nil
}

func (h *Handler) applicationsCSV(ctx context.Context, p account.Principal, _ *struct{}) (*csvOutput, error) {
	var buf bytes.Buffer
	if err := h.Applications.CSV(ctx, p.User.ID, &buf, h.Plans.Zone(ctx, p.User.ID)); err != nil {
		return nil, err
	}
	return &csvOutput{ContentType: "text/csv; charset=utf-8", ContentDisposition: `attachment; filename="devpath-applications.csv"`, Body: buf.Bytes()}, nil
}

func (h *Handler) funnel(ctx context.Context, p account.Principal, _ *struct{}) (*funnelOutput, error) {
	steps, err := h.Applications.Funnel(ctx, p.User.ID)
	if err != nil {
		return nil, err
	}
	return &funnelOutput{Body: steps}, nil
}

func (h *Handler) salaries(ctx context.Context, _ *struct{}) (*salariesOutput, error) {
	return &salariesOutput{Body: h.Applications.Salaries().Sources}, nil
}
