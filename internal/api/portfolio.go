package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/account"
	"devpath/internal/portfolio"
)

type portfolioProjectBody struct {
	Kind          portfolio.Kind `json:"kind" enum:"open_source,freelance,volunteer,personal,coding_challenge"`
	Title         string         `json:"title"`
	Role          string         `json:"role" required:"false"`
	RepositoryURL string         `json:"repository_url" required:"false" doc:"an http(s) address"`
	LiveURL       string         `json:"live_url" required:"false" doc:"an http(s) address"`
	StartDate     string         `json:"start_date" required:"false" doc:"YYYY-MM-DD"`
	EndDate       string         `json:"end_date" required:"false" doc:"YYYY-MM-DD, not before start_date; empty while it goes on"`
	Description   string         `json:"description" required:"false" doc:"Markdown"`
	Topics        []string       `json:"topics" required:"false" doc:"ids of roadmap topics the project shows"`
	CheckRunID    *int64         `json:"check_run_id,omitempty" required:"false" nullable:"true" doc:"one of my check runs; a passing one verifies the project"`
	Public        bool           `json:"public" required:"false" doc:"show it on my public page"`
}

func (b portfolioProjectBody) toProject(id int64) portfolio.Project {
	return portfolio.Project{ID: id, Kind: b.Kind, Title: b.Title, Role: b.Role, RepositoryURL: b.RepositoryURL,
		LiveURL: b.LiveURL, StartDate: b.StartDate, EndDate: b.EndDate, Description: b.Description,
		Topics: b.Topics, CheckRunID: b.CheckRunID, Public: b.Public}
}

type verifiedBody struct {
	RunID   int64     `json:"run_id"`
	Project string    `json:"project" doc:"the checker's project, such as notes-api"`
	Title   string    `json:"title"`
	Stages  int       `json:"stages" doc:"every one of them passed"`
	At      time.Time `json:"at" doc:"when the run finished"`
}

type portfolioProjectOut struct {
	ID            int64          `json:"id"`
	Kind          portfolio.Kind `json:"kind"`
	Title         string         `json:"title"`
	Role          string         `json:"role"`
	RepositoryURL string         `json:"repository_url"`
	LiveURL       string         `json:"live_url"`
	StartDate     string         `json:"start_date"`
	EndDate       string         `json:"end_date"`
	Description   string         `json:"description"`
	Topics        []string       `json:"topics"`
	CheckRunID    *int64         `json:"check_run_id"`
	Public        bool           `json:"public"`
	Verified      *verifiedBody  `json:"verified" doc:"set when the attached run passed"`
	CreatedAt     time.Time      `json:"created_at"`
	UpdatedAt     time.Time      `json:"updated_at"`
}

func toPortfolioProjectOut(sc portfolio.Showcase) portfolioProjectOut {
	p := sc.Project
	out := portfolioProjectOut{ID: p.ID, Kind: p.Kind, Title: p.Title, Role: p.Role, RepositoryURL: p.RepositoryURL,
		LiveURL: p.LiveURL, StartDate: p.StartDate, EndDate: p.EndDate, Description: p.Description, Topics: p.Topics,
		CheckRunID: p.CheckRunID, Public: p.Public, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	if out.Topics == nil {
		out.Topics = []string{}
	}
	if v := sc.Verified; v != nil {
		out.Verified = &verifiedBody{RunID: v.RunID, Project: v.Project, Title: v.Title, Stages: v.Stages, At: v.At}
	}
	return out
}

type portfolioProjectInput struct {
	Body portfolioProjectBody
}

type portfolioProjectIDInput struct {
	ID int64 `path:"id"`
}

type portfolioProjectUpdateInput struct {
	ID   int64 `path:"id"`
	Body portfolioProjectBody
}

// Resolve lists the project's problems, against the roadmap, beside the schema's.
func (in *portfolioProjectInput) Resolve(ctx huma.Context) []error {
	return checkProject(ctx, in.Body.toProject(0))
}

// Resolve lists the project's problems, against the roadmap, beside the schema's.
func (in *portfolioProjectUpdateInput) Resolve(ctx huma.Context) []error {
	return checkProject(ctx, in.Body.toProject(in.ID))
}

func checkProject(ctx huma.Context, pr portfolio.Project) []error {
	return checkBody(ctx, func(ctx context.Context, h *Handler, p account.Principal) error {
		return h.Portfolio.CheckProject(ctx, p.User.ID, pr)
	})
}

type portfolioProjectOutput struct {
	Body portfolioProjectOut
}

type portfolioProjectsOutput struct {
	Body []portfolioProjectOut
}

type portfolioSettingsBody struct {
	Handle       string `json:"handle" required:"false" doc:"the public page's address, /u/{handle}: 3 to 30 lowercase letters, digits and dashes"`
	Public       bool   `json:"public" required:"false" doc:"off by default: the page answers 404 until it is on"`
	ShowProgress bool   `json:"show_progress" required:"false" doc:"show roadmap progress on the page"`
	Headline     string `json:"headline" required:"false"`
}

type portfolioSettingsInput struct {
	Body portfolioSettingsBody
}

func (b portfolioSettingsBody) settings() portfolio.Settings {
	return portfolio.Settings{Handle: b.Handle, Public: b.Public, ShowProgress: b.ShowProgress, Headline: b.Headline}
}

// Resolve lists the settings' problems beside the schema's.
func (in *portfolioSettingsInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(context.Context, *Handler, account.Principal) error {
		s := in.Body.settings()
		return s.Validate()
	})
}

type portfolioSettingsOutput struct {
	Body portfolioSettingsBody
}

func toSettingsOutput(s portfolio.Settings) *portfolioSettingsOutput {
	return &portfolioSettingsOutput{Body: portfolioSettingsBody{Handle: s.Handle, Public: s.Public, ShowProgress: s.ShowProgress, Headline: s.Headline}}
}

func (h *Handler) registerPortfolio(api huma.API) {
	tags := []string{"portfolio"}
	registerUser(api, huma.Operation{OperationID: "list-portfolio-projects", Method: http.MethodGet, Path: "/api/v1/me/portfolio/projects",
		Summary: "My portfolio projects", Tags: tags}, h.portfolioProjects)
	registerUser(api, huma.Operation{OperationID: "create-portfolio-project", Method: http.MethodPost, Path: "/api/v1/me/portfolio/projects",
		Summary: "Add a portfolio project", Tags: tags, DefaultStatus: http.StatusCreated}, h.createPortfolioProject)
	registerUser(api, huma.Operation{OperationID: "get-portfolio-project", Method: http.MethodGet, Path: "/api/v1/me/portfolio/projects/{id}",
		Summary: "One portfolio project", Tags: tags}, h.portfolioProject)
	registerUser(api, huma.Operation{OperationID: "put-portfolio-project", Method: http.MethodPut, Path: "/api/v1/me/portfolio/projects/{id}",
		Summary: "Change a portfolio project", Tags: tags}, h.putPortfolioProject)
	registerUser(api, huma.Operation{OperationID: "delete-portfolio-project", Method: http.MethodDelete, Path: "/api/v1/me/portfolio/projects/{id}",
		Summary: "Delete a portfolio project", Tags: tags, DefaultStatus: http.StatusNoContent}, h.deletePortfolioProject)
	registerUser(api, huma.Operation{OperationID: "get-portfolio-settings", Method: http.MethodGet, Path: "/api/v1/me/portfolio/settings",
		Summary: "My public page's settings", Tags: tags}, h.portfolioSettings)
	registerUser(api, huma.Operation{OperationID: "put-portfolio-settings", Method: http.MethodPut, Path: "/api/v1/me/portfolio/settings",
		Summary: "Set my public page's handle, headline and what it shows", Tags: tags}, h.putPortfolioSettings)
}

func (h *Handler) portfolioProjects(ctx context.Context, p account.Principal, _ *struct{}) (*portfolioProjectsOutput, error) {
	scs, err := h.Portfolio.Projects(ctx, p.User.ID)
	if err != nil {
		return nil, err
	}
	out := &portfolioProjectsOutput{Body: make([]portfolioProjectOut, 0, len(scs))}
	for _, sc := range scs {
		out.Body = append(out.Body, toPortfolioProjectOut(sc))
	}
	return out, nil
}

func (h *Handler) createPortfolioProject(ctx context.Context, p account.Principal, in *portfolioProjectInput) (*portfolioProjectOutput, error) {
	sc, err := h.Portfolio.Create(ctx, p.User.ID, in.Body.toProject(0))
	if err != nil {
		return nil, err
	}
	return &portfolioProjectOutput{Body: toPortfolioProjectOut(sc)}, nil
}

func (h *Handler) portfolioProject(ctx context.Context, p account.Principal, in *portfolioProjectIDInput) (*portfolioProjectOutput, error) {
	sc, err := h.Portfolio.Project(ctx, p.User.ID, in.ID)
	if err != nil {
		return nil, err
	}
	return &portfolioProjectOutput{Body: toPortfolioProjectOut(sc)}, nil
}

func (h *Handler) putPortfolioProject(ctx context.Context, p account.Principal, in *portfolioProjectUpdateInput) (*portfolioProjectOutput, error) {
	sc, err := h.Portfolio.Update(ctx, p.User.ID, in.Body.toProject(in.ID))
	if err != nil {
		return nil, err
	}
	return &portfolioProjectOutput{Body: toPortfolioProjectOut(sc)}, nil
}

func (h *Handler) deletePortfolioProject(ctx context.Context, p account.Principal, in *portfolioProjectIDInput) (*struct{}, error) {
	return nil, h.Portfolio.Delete(ctx, p.User.ID, in.ID)
}

func (h *Handler) portfolioSettings(ctx context.Context, p account.Principal, _ *struct{}) (*portfolioSettingsOutput, error) {
	s, err := h.Portfolio.Settings(ctx, p.User.ID)
	if err != nil {
		return nil, err
	}
	return toSettingsOutput(s), nil
}

func (h *Handler) putPortfolioSettings(ctx context.Context, p account.Principal, in *portfolioSettingsInput) (*portfolioSettingsOutput, error) {
	s, err := h.Portfolio.SetSettings(ctx, p.User.ID, in.Body.settings())
	if err != nil {
		return nil, err
	}
	return toSettingsOutput(s), nil
}
