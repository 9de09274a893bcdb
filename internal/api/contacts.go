package api

import (
	"bytes"
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/account"
	"devpath/internal/network"
)

// contactFields are what a learner writes about a contact.
type contactFields struct {
	Name    string         `json:"name"`
	HowMet  network.HowMet `json:"how_met,omitempty" required:"false" doc:"event, community, colleague, mentor, recruiter, classmate or other"`
	Company string         `json:"company,omitempty" required:"false"`
	Role    string         `json:"role,omitempty" required:"false"`
	Email   string         `json:"email,omitempty" required:"false"`
	Links   network.Links  `json:"links,omitzero" required:"false"`
	Notes   string         `json:"notes,omitempty" required:"false" doc:"Markdown"`
	Tags    []string       `json:"tags,omitempty" required:"false"`
	Topics  []string       `json:"topics,omitempty" required:"false" doc:"ids of roadmap topics this person knows"`
	Cadence int            `json:"cadence_days,omitempty" required:"false" doc:"keep in touch every this many days (1 to 365); 0 for none"`
}

func (f contactFields) contact() network.Contact {
	return network.Contact{Name: f.Name, HowMet: f.HowMet, Company: f.Company, Role: f.Role, Email: f.Email,
		Links: f.Links, Notes: f.Notes, Tags: f.Tags, Topics: f.Topics, Cadence: f.Cadence}
}

// contactBody is a contact as the API shows it (a type of its own: the
// OpenAPI document names schemas by type, and jobsearch has a Contact too).
type contactBody struct {
	network.Contact
	Applications []network.Application `json:"applications,omitempty" doc:"applications this person is a contact of, or referred"`
}

type contactOut struct {
	Body contactBody
}

type contactsInput struct {
	Tag    string `query:"tag" doc:"only contacts with this tag"`
	HowMet string `query:"how_met" doc:"only contacts known this way"`
	Q      string `query:"q" doc:"words in the name, company or email"`
	Due    bool   `query:"due" doc:"only contacts due today or overdue: the losing-touch list"`
	Limit  int    `query:"limit" doc:"at most this many (1 to 500, default 100)"`
	Offset int    `query:"offset"`
}

type contactsOutput struct {
	Body []contactBody
}

type createContactInput struct {
	Body contactFields
}

// Resolve lists the contact's problems beside the schema's.
func (in *createContactInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(_ context.Context, h *Handler, _ account.Principal) error {
		return h.Network.CheckContact(in.Body.contact())
	})
}

type contactIDInput struct {
	ID int64 `path:"id"`
}

type putContactInput struct {
	ID   int64 `path:"id"`
	Body contactFields
}

// Resolve lists the contact's problems beside the schema's.
func (in *putContactInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(_ context.Context, h *Handler, _ account.Principal) error {
		return h.Network.CheckContact(in.Body.contact())
	})
}

type interactionInput struct {
	ID   int64 `path:"id"`
	Body struct {
		Kind    network.Kind `json:"kind" doc:"message, call, coffee, met_at_event, asked_help, gave_help, referral_asked or referral_given"`
		On      string       `json:"on" doc:"YYYY-MM-DD, today or before, in your time zone"`
		Note    string       `json:"note,omitempty" required:"false"`
		EventID *int64       `json:"event_id,omitempty" required:"false" doc:"the event where it happened"`
	}
}

func (in *interactionInput) interaction() network.Interaction {
	b := in.Body
	return network.Interaction{ContactID: in.ID, Kind: b.Kind, On: b.On, Note: b.Note, EventID: b.EventID}
}

// Resolve lists the interaction's problems beside the schema's.
func (in *interactionInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(ctx context.Context, h *Handler, p account.Principal) error {
		return h.Network.CheckInteraction(ctx, p.User.ID, in.interaction())
	})
}

type interactionOutput struct {
	Body network.Interaction
}

type interactionsOutput struct {
	Body []network.Interaction
}

type interactionIDInput struct {
	ID            int64 `path:"id"`
	InteractionID int64 `path:"interaction"`
}

// networkSummaryBody is the summary as the API shows it (progress has a Summary too).
type networkSummaryBody struct{ network.Summary }

type networkSummaryOutput struct {
	Body networkSummaryBody
}

func (h *Handler) registerContacts(api huma.API) {
	tags := []string{"network"}
	op := func(id, method, path, summary string, status int) huma.Operation {
		return huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Tags: tags, DefaultStatus: status}
	}
	const one = "/api/v1/me/contacts/{id}"
	h.registerContactTransfer(api) // before /{id}, which the mux would otherwise not tell from contacts.vcf
	registerUser(api, op("list-contacts", http.MethodGet, "/api/v1/me/contacts", "My contacts, the soonest due first", 0), h.contacts)
	registerUser(api, op("create-contact", http.MethodPost, "/api/v1/me/contacts", "Add a contact to my network", http.StatusCreated), h.createContact)
	registerUser(api, op("get-contact", http.MethodGet, one, "One contact, with the applications they touched", 0), h.contact)
	registerUser(api, op("put-contact", http.MethodPut, one, "Change a contact", 0), h.putContact)
	registerUser(api, op("delete-contact", http.MethodDelete, one, "Delete a contact and their log", http.StatusNoContent), h.deleteContact)
	registerUser(api, op("list-interactions", http.MethodGet, one+"/interactions", "A contact's log, the latest first", 0), h.interactions)
	registerUser(api, op("log-interaction", http.MethodPost, one+"/interactions", "Log an interaction; the contact's next due day counts from it", http.StatusCreated), h.logInteraction)
	registerUser(api, op("delete-interaction", http.MethodDelete, one+"/interactions/{interaction}", "Delete an entry of a contact's log", http.StatusNoContent), h.deleteInteraction)
	registerUser(api, op("network-summary", http.MethodGet, "/api/v1/me/network/summary", "My network this month: people met, help given and asked, who is due", 0), h.networkSummary)
}

func (h *Handler) contacts(ctx context.Context, p account.Principal, in *contactsInput) (*contactsOutput, error) {
	f := network.Filter{Tag: in.Tag, HowMet: network.HowMet(in.HowMet), Query: in.Q, Limit: in.Limit, Offset: in.Offset}
	if in.Due {
		f.DueBy = h.Network.Today(ctx, p.User.ID)
	}
	cs, err := h.Network.List(ctx, p.User.ID, f)
	if err != nil {
		return nil, err
	}
	out := &contactsOutput{Body: make([]contactBody, len(cs))}
	for i, c := range cs {
		out.Body[i] = contactBody{Contact: c}
	}
	return out, nil
}

func (h *Handler) createContact(ctx context.Context, p account.Principal, in *createContactInput) (*contactOut, error) {
	c, err := h.Network.Create(ctx, p.User.ID, in.Body.contact())
	return h.contactOut(ctx, p, c, err)
}

func (h *Handler) contact(ctx context.Context, p account.Principal, in *contactIDInput) (*contactOut, error) {
	c, err := h.Network.Get(ctx, p.User.ID, in.ID)
	return h.contactOut(ctx, p, c, err)
}

func (h *Handler) putContact(ctx context.Context, p account.Principal, in *putContactInput) (*contactOut, error) {
	c := in.Body.contact()
	c.ID = in.ID
	c, err := h.Network.Update(ctx, p.User.ID, c)
	return h.contactOut(ctx, p, c, err)
}

// contactOut answers a contact with the applications they touched.
func (h *Handler) contactOut(ctx context.Context, p account.Principal, c network.Contact, err error) (*contactOut, error) {
	if err != nil {
		return nil, err
	}
	apps, err := h.Network.Applications(ctx, p.User.ID, c.ID)
	if err != nil {
		return nil, err
	}
	return &contactOut{Body: contactBody{Contact: c, Applications: apps}}, nil
}

func (h *Handler) deleteContact(ctx context.Context, p account.Principal, in *contactIDInput) (*struct{}, error) {
	return nil, h.Network.Delete(ctx, p.User.ID, in.ID)
}

func (h *Handler) interactions(ctx context.Context, p account.Principal, in *contactIDInput) (*interactionsOutput, error) {
	log, err := h.Network.Interactions(ctx, p.User.ID, in.ID)
	if err != nil {
		return nil, err
	}
	return &interactionsOutput{Body: log}, nil
}

func (h *Handler) logInteraction(ctx context.Context, p account.Principal, in *interactionInput) (*interactionOutput, error) {
	i, err := h.Network.Log(ctx, p.User.ID, in.interaction())
	if err != nil {
		return nil, err
	}
	return &interactionOutput{Body: i}, nil
}

func (h *Handler) deleteInteraction(ctx context.Context, p account.Principal, in *interactionIDInput) (*struct{}, error) {
	return nil, h.Network.DeleteInteraction(ctx, p.User.ID, in.ID, in.InteractionID)
}

func (h *Handler) networkSummary(ctx context.Context, p account.Principal, _ *struct{}) (*networkSummaryOutput, error) {
	s, err := h.Network.Summary(ctx, p.User.ID)
	if err != nil {
		return nil, err
	}
	return &networkSummaryOutput{Body: networkSummaryBody{s}}, nil
}

type importContactsInput struct {
	Body struct {
		VCard  string `json:"vcard" doc:"the text of a vCard 3.0 or 4.0 file, one card or many"`
		DryRun bool   `json:"dry_run,omitempty" required:"false" doc:"true to see what would be created and what is a duplicate, changing nothing"`
	}
}

// previewBody is what an import did or would do.
type previewBody struct {
	New        []contactBody       `json:"new" doc:"created, or to be created on a dry run"`
	Duplicates []network.Duplicate `json:"duplicates" doc:"skipped: already in the network"`
}

type previewOutput struct{ Body previewBody }

type vcardOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               []byte
}

func (h *Handler) registerContactTransfer(api huma.API) {
	tags := []string{"network"}
	registerUser(api, huma.Operation{OperationID: "import-contacts", Method: http.MethodPost, Path: "/api/v1/me/contacts/import",
		Summary:     "Import contacts from a vCard file",
		Description: "All or nothing: a card that makes no valid contact refuses the file, naming the card. Someone already in the network (same email or same LinkedIn address) is skipped and listed as a duplicate; dry_run previews.",
		Tags:        tags}, h.importContacts)
	registerUser(api, huma.Operation{OperationID: "import-contacts-csv", Method: http.MethodPost, Path: "/api/v1/me/contacts/import/csv",
		Summary: "Import contacts from a CSV file, mapping its columns onto contact fields",
		Description: "Without a mapping, the one proposed from the headers is used (LinkedIn's Connections.csv maps whole; lines before its header are passed over). " +
			"The answer shows the columns with the field each fills. All or nothing: a row that makes no valid contact refuses the file, naming its line. " +
			"Someone already in the network, or earlier in the file (same email or same LinkedIn address), is skipped and listed as a duplicate; dry_run previews.",
		Tags: tags, MaxBodyBytes: 4 << 20}, h.importContactsCSV)
	registerUser(api, huma.Operation{OperationID: "export-contacts", Method: http.MethodGet, Path: "/api/v1/me/contacts.vcf",
		Summary: "Export my contacts as vCard 4.0", Tags: tags}, h.exportContacts)
}

func (h *Handler) importContacts(ctx context.Context, p account.Principal, in *importContactsInput) (*previewOutput, error) {
	cs, err := network.ParseVCards([]byte(in.Body.VCard), "vcard")
	if err != nil {
		return nil, err
	}
	preview, err := h.Network.ImportContacts(ctx, p.User.ID, cs, in.Body.DryRun)
	if err != nil {
		return nil, err
	}
	return &previewOutput{Body: previewOf(preview)}, nil
}

type importCSVInput struct {
	Body struct {
		CSV     string             `json:"csv" doc:"the text of a CSV file: a header line, then a line per person"`
		Mapping []network.CSVField `json:"mapping,omitempty" required:"false" doc:"the field each column fills, in column order: name, first_name, last_name, email, company, role, link, linkedin, github, website, how_met, tags, notes, connected_on, or empty to leave it out; omitted, the proposed mapping"`
		DryRun  bool               `json:"dry_run,omitempty" required:"false" doc:"true to see the mapping, what would be created and what is a duplicate, changing nothing"`
	}
}

// csvImportBody is what a CSV import did or would do, with its columns.
type csvImportBody struct {
	Columns []network.Column `json:"columns" doc:"the file's columns, with the field each fills"`
	previewBody
}

type csvImportOutput struct{ Body csvImportBody }

func (h *Handler) importContactsCSV(ctx context.Context, p account.Principal, in *importCSVInput) (*csvImportOutput, error) {
	res, err := h.Network.ImportCSV(ctx, p.User.ID, []byte(in.Body.CSV), in.Body.Mapping, in.Body.DryRun)
	if err != nil {
		return nil, err
	}
	return &csvImportOutput{Body: csvImportBody{Columns: res.Columns, previewBody: previewOf(res.Preview)}}, nil
}

// previewOf is an import's preview as the API shows it.
func previewOf(p network.Preview) previewBody {
	out := previewBody{New: make([]contactBody, len(p.New)), Duplicates: p.Duplicates}
	for i, c := range p.New {
		out.New[i] = contactBody{Contact: c}
	}
	return out
}

func (h *Handler) exportContacts(ctx context.Context, p account.Principal, _ *struct{}) (*vcardOutput, error) {
	var buf bytes.Buffer
	if err := h.Network.ExportVCards(ctx, p.User.ID, &buf); err != nil {
		return nil, err
	}
	return &vcardOutput{ContentType: "text/vcard; charset=utf-8", ContentDisposition: `attachment; filename="devpath-contacts.vcf"`, Body: buf.Bytes()}, nil
}
