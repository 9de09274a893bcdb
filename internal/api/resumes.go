package api

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/account"
	"devpath/internal/resume"
)

// resumeReadLimit bounds what the API reads of a resume upload: twice the
// limit, so that a document a little over 2 MB still reaches the validator
// and hears the limit in plain words; beyond that Huma answers 413.
const resumeReadLimit = 2 * resume.MaxBytes

type masterResumeOutput struct {
	LastModified time.Time `header:"Last-Modified"`
	Body         json.RawMessage
}

type putMasterResumeInput struct {
	Body    json.RawMessage `doc:"a JSON Resume document (schema 1.2.x), at most 2 MB; stored exactly as sent"`
	RawBody []byte
}

type opBody struct {
	Op      resume.OpKind `json:"op" enum:"hide,order,reword"`
	Section string        `json:"section,omitempty" doc:"hide, order: work, volunteer, education, projects, awards, certificates, publications, skills, languages, interests or references"`
	Index   int           `json:"index" required:"false" doc:"hide: the entry's index in the master, from 0"`
	Order   []int         `json:"order,omitempty" doc:"order: master indexes in their new order; entries left out follow in master order"`
	Path    string        `json:"path,omitempty" doc:"reword: JSON pointer to a text of the master, such as /work/0/highlights/1"`
	Text    string        `json:"text,omitempty" doc:"reword: the new wording"`
}

type tailoredBody struct {
	Name          string   `json:"name" maxLength:"200" doc:"such as the company it is for"`
	ApplicationID *int64   `json:"application_id,omitempty" required:"false" nullable:"true" doc:"the application this copy is for"`
	Ops           []opBody `json:"ops" required:"false" doc:"how the copy differs from the master; the master is never changed"`
}

func (b tailoredBody) toTailored(id int64) resume.TailoredResume {
	t := resume.TailoredResume{ID: id, Name: b.Name, ApplicationID: b.ApplicationID, Tailoring: resume.Tailoring{Ops: []resume.Op{}}}
	for _, o := range b.Ops {
		t.Tailoring.Ops = append(t.Tailoring.Ops, resume.Op{Kind: o.Op, Section: o.Section, Index: o.Index,
			Order: o.Order, Path: o.Path, Text: o.Text})
	}
	return t
}

// TailoredOut is a tailored resume as the API shows it; exported so that Huma
// flattens it where it is embedded.
type TailoredOut struct {
	ID            int64     `json:"id"`
	Name          string    `json:"name"`
	ApplicationID *int64    `json:"application_id"`
	Ops           []opBody  `json:"ops"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

func toTailoredOut(t resume.TailoredResume) TailoredOut {
	return TailoredOut{ID: t.ID, Name: t.Name, ApplicationID: t.ApplicationID, Ops: toOpBodies(t.Tailoring.Ops),
		CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt}
}

func toOpBodies(ops []resume.Op) []opBody {
	out := make([]opBody, 0, len(ops))
	for _, o := range ops {
		out = append(out, opBody{Op: o.Kind, Section: o.Section, Index: o.Index, Order: o.Order, Path: o.Path, Text: o.Text})
	}
	return out
}

type tailoredInput struct {
	Body tailoredBody
}

type tailoredIDInput struct {
	ID int64 `path:"id"`
}

type tailoredUpdateInput struct {
	ID   int64 `path:"id"`
	Body tailoredBody
}

// Resolve lists the copy's problems, its operations' against the master among them, beside the schema's.
func (in *tailoredInput) Resolve(ctx huma.Context) []error {
	return checkTailored(ctx, in.Body.toTailored(0))
}

// Resolve lists the copy's problems, its operations' against the master among them, beside the schema's.
func (in *tailoredUpdateInput) Resolve(ctx huma.Context) []error {
	return checkTailored(ctx, in.Body.toTailored(in.ID))
}

func checkTailored(ctx huma.Context, t resume.TailoredResume) []error {
	return checkBody(ctx, func(ctx context.Context, h *Handler, p account.Principal) error {
		return h.Resumes.CheckTailored(ctx, p.User.ID, t)
	})
}

type tailoredOutput struct {
	Body TailoredOut
}

type tailoredViewOutput struct {
	Body struct {
		TailoredOut
		Resume   json.RawMessage `json:"resume" doc:"the master as tailored, a JSON Resume document"`
		Unfitted []opBody        `json:"unfitted" doc:"operations that no longer fit the master since it changed; they are left out"`
	}
}

type tailoredListOutput struct {
	Body []TailoredOut
}

type changeBody struct {
	resume.Change
	Text string `json:"text" doc:"the change in a sentence"`
}

type diffOutput struct {
	Body struct {
		Changes []changeBody `json:"changes"`
	}
}

func (h *Handler) registerResumes(api huma.API) {
	tags := []string{"resumes"}
	registerUser(api, huma.Operation{OperationID: "get-resume", Method: http.MethodGet, Path: "/api/v1/me/resume",
		Summary: "My master resume", Description: "The JSON Resume document as it was last saved.", Tags: tags}, h.getResume)
	registerUser(api, huma.Operation{OperationID: "put-resume", Method: http.MethodPut, Path: "/api/v1/me/resume",
		Summary: "Save my master resume",
		Description: "A JSON Resume document, validated against the schema; problems are listed by JSON pointer. " +
			"An entry that ends before it starts is refused. At most 2 MB.",
		Tags: tags, MaxBodyBytes: resumeReadLimit}, h.putResume)
	registerUser(api, huma.Operation{OperationID: "list-tailored-resumes", Method: http.MethodGet, Path: "/api/v1/me/resumes",
		Summary: "My tailored resumes", Tags: tags}, h.listTailored)
	registerUser(api, huma.Operation{OperationID: "create-tailored-resume", Method: http.MethodPost, Path: "/api/v1/me/resumes",
		Summary: "Make a tailored copy of my master resume", Tags: tags, DefaultStatus: http.StatusCreated}, h.createTailored)
	registerUser(api, huma.Operation{OperationID: "get-tailored-resume", Method: http.MethodGet, Path: "/api/v1/me/resumes/{id}",
		Summary: "One tailored resume, with the document it gives", Tags: tags}, h.getTailored)
	registerUser(api, huma.Operation{OperationID: "put-tailored-resume", Method: http.MethodPut, Path: "/api/v1/me/resumes/{id}",
		Summary: "Change a tailored resume", Tags: tags}, h.putTailored)
	registerUser(api, huma.Operation{OperationID: "delete-tailored-resume", Method: http.MethodDelete, Path: "/api/v1/me/resumes/{id}",
		Summary: "Delete a tailored resume", Tags: tags, DefaultStatus: http.StatusNoContent}, h.deleteTailored)
	registerUser(api, huma.Operation{OperationID: "diff-tailored-resume", Method: http.MethodGet, Path: "/api/v1/me/resumes/{id}/diff",
		Summary: "What a tailored resume changes from the master", Tags: tags}, h.diffTailored)
}

func (h *Handler) getResume(ctx context.Context, p account.Principal, _ *struct{}) (*masterResumeOutput, error) {
	m, err := h.Resumes.Master(ctx, p.User.ID)
	if err != nil {
		return nil, err
	}
	return &masterResumeOutput{LastModified: m.UpdatedAt, Body: m.Document}, nil
}

func (h *Handler) putResume(ctx context.Context, p account.Principal, in *putMasterResumeInput) (*masterResumeOutput, error) {
	m, err := h.Resumes.SaveMaster(ctx, p.User.ID, in.RawBody)
	if err != nil {
		return nil, err
	}
	return &masterResumeOutput{LastModified: m.UpdatedAt, Body: m.Document}, nil
}

func (h *Handler) listTailored(ctx context.Context, p account.Principal, _ *struct{}) (*tailoredListOutput, error) {
	ts, err := h.Resumes.TailoredList(ctx, p.User.ID)
	if err != nil {
		return nil, err
	}
	out := &tailoredListOutput{Body: []TailoredOut{}}
	for _, t := range ts {
		out.Body = append(out.Body, toTailoredOut(t))
	}
	return out, nil
}

func (h *Handler) createTailored(ctx context.Context, p account.Principal, in *tailoredInput) (*tailoredOutput, error) {
	t, err := h.Resumes.CreateTailored(ctx, p.User.ID, in.Body.toTailored(0))
	if err != nil {
		return nil, err
	}
	return &tailoredOutput{Body: toTailoredOut(t)}, nil
}

func (h *Handler) getTailored(ctx context.Context, p account.Principal, in *tailoredIDInput) (*tailoredViewOutput, error) {
	v, err := h.Resumes.View(ctx, p.User.ID, in.ID)
	if err != nil {
		return nil, err
	}
	doc, err := json.Marshal(v.Resume)
	if err != nil {
		return nil, err
	}
	out := &tailoredViewOutput{}
	out.Body.TailoredOut = toTailoredOut(v.TailoredResume)
	out.Body.Resume, out.Body.Unfitted = doc, toOpBodies(v.Unfitted)
	return out, nil
}

func (h *Handler) putTailored(ctx context.Context, p account.Principal, in *tailoredUpdateInput) (*tailoredOutput, error) {
	t, err := h.Resumes.UpdateTailored(ctx, p.User.ID, in.Body.toTailored(in.ID))
	if err != nil {
		return nil, err
	}
	return &tailoredOutput{Body: toTailoredOut(t)}, nil
}

func (h *Handler) deleteTailored(ctx context.Context, p account.Principal, in *tailoredIDInput) (*struct{}, error) {
	return nil, h.Resumes.DeleteTailored(ctx, p.User.ID, in.ID)
}

func (h *Handler) diffTailored(ctx context.Context, p account.Principal, in *tailoredIDInput) (*diffOutput, error) {
	v, err := h.Resumes.View(ctx, p.User.ID, in.ID)
	if err != nil {
		return nil, err
	}
	out := &diffOutput{}
	out.Body.Changes = []changeBody{}
	for _, c := range v.Changes {
		out.Body.Changes = append(out.Body.Changes, changeBody{Change: c, Text: c.String()})
	}
	return out, nil
}
