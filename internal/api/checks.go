package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/account"
	"devpath/internal/checker"
)

type projectBody struct {
	Name    string          `json:"name"`
	Title   string          `json:"title"`
	Summary string          `json:"summary"`
	Stages  []checker.Stage `json:"stages"`
}

type projectsOutput struct {
	Body []projectBody
}

type startCheckInput struct {
	Body struct {
		Project string `json:"project" doc:"notes-api, conduit or shortener"`
		URL     string `json:"url" doc:"where the learner's server listens, such as http://localhost:3000"`
	}
}

// Resolve lists the project's and the address's problems beside the schema's.
func (in *startCheckInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(_ context.Context, h *Handler, _ account.Principal) error {
		return h.Checks.CheckStart(in.Body.Project, in.Body.URL)
	})
}

type runBody struct {
	ID         int64               `json:"id"`
	Project    string              `json:"project"`
	URL        string              `json:"url"`
	Status     checker.RunStatus   `json:"status" enum:"running,passed,failed"`
	Passed     int                 `json:"passed" doc:"stages passed"`
	Stages     int                 `json:"stages"`
	StartedAt  time.Time           `json:"started_at"`
	FinishedAt *time.Time          `json:"finished_at,omitempty"`
	Report     *checker.ReportJSON `json:"report,omitempty" doc:"per stage: status, message, duration, transcript; absent while running"`
}

func toRunBody(r checker.StoredRun) runBody {
	return runBody{ID: r.ID, Project: r.Project, URL: r.URL, Status: r.Status, Passed: r.Passed, Stages: r.Stages,
		StartedAt: r.StartedAt, FinishedAt: r.FinishedAt, Report: r.Report}
}

type runOutput struct {
	Body runBody
}

type runsInput struct {
	Project string `query:"project" doc:"only this project's runs"`
}

type runsOutput struct {
	Body []runBody
}

type runIDInput struct {
	ID int64 `path:"id"`
}

func (h *Handler) registerChecks(api huma.API) {
	tags := []string{"practice"}
	register(api, huma.Operation{OperationID: "list-projects", Method: http.MethodGet, Path: "/api/v1/projects",
		Summary: "Projects the checker grades, with their stages", Tags: tags}, h.projects)
	registerUser(api, huma.Operation{OperationID: "start-check", Method: http.MethodPost, Path: "/api/v1/me/checks",
		Summary: "Check my project's server", Description: "Starts a run and answers at once; poll the run until it is no longer running.",
		Tags: tags, DefaultStatus: http.StatusAccepted}, h.startCheck)
	registerUser(api, huma.Operation{OperationID: "list-checks", Method: http.MethodGet, Path: "/api/v1/me/checks",
		Summary: "My check runs, newest first", Tags: tags}, h.checks)
	registerUser(api, huma.Operation{OperationID: "get-check", Method: http.MethodGet, Path: "/api/v1/me/checks/{id}",
		Summary: "One check run with its transcript", Tags: tags}, h.check)
}

func (h *Handler) projects(ctx context.Context, _ *struct{}) (*projectsOutput, error) {
	out := &projectsOutput{}
	for _, p := range h.Projects.All() {
		out.Body = append(out.Body, projectBody{Name: p.Name, Title: p.Title, Summary: p.Summary, Stages: p.Stages})
	}
	return out, nil
}

func (h *Handler) startCheck(ctx context.Context, p account.Principal, in *startCheckInput) (*runOutput, error) {
	r, err := h.Checks.Start(ctx, p.User.ID, in.Body.Project, in.Body.URL)
	if err != nil {
		return nil, err
	}
	return &runOutput{Body: toRunBody(r)}, nil
}

func (h *Handler) checks(ctx context.Context, p account.Principal, in *runsInput) (*runsOutput, error) {
	rs, err := h.Checks.History(ctx, p.User.ID, in.Project)
	if err != nil {
		return nil, err
	}
	out := &runsOutput{Body: make([]runBody, len(rs))}
	for i, r := range rs {
		r.Report = nil // the list stays light; one run has the transcript
		out.Body[i] = toRunBody(r)
	}
	return out, nil
}

func (h *Handler) check(ctx context.Context, p account.Principal, in *runIDInput) (*runOutput, error) {
	r, err := h.Checks.Get(ctx, p.User.ID, in.ID)
	if err != nil {
		return nil, err
	}
	return &runOutput{Body: toRunBody(r)}, nil
}
