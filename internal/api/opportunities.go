package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/account"
	"devpath/internal/cohort"
	"devpath/internal/jobsearch"
)

type opportunityBody struct {
	Kind        jobsearch.Kind `json:"kind" enum:"job,internship"`
	Company     string         `json:"company" maxLength:"200"`
	Title       string         `json:"title" maxLength:"200"`
	Description string         `json:"description" required:"false" maxLength:"100000"`
	Deadline    string         `json:"deadline" required:"false" doc:"YYYY-MM-DD; empty for none"`
	Link        string         `json:"link" required:"false" doc:"the posting itself: an http or https address"`
}

func (b opportunityBody) opportunity() cohort.Opportunity {
	return cohort.Opportunity{Kind: b.Kind, Company: b.Company, Title: b.Title, Description: b.Description,
		Deadline: b.Deadline, Link: b.Link}
}

type opportunityInput struct {
	ID   int64 `path:"id"`
	Body opportunityBody
}

// Resolve lists the posting's problems beside the schema's.
func (in *opportunityInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(_ context.Context, h *Handler, _ account.Principal) error {
		return h.Cohorts.CheckOpportunity(in.Body.opportunity())
	})
}

type opportunityOut struct {
	ID          int64          `json:"id"`
	Kind        jobsearch.Kind `json:"kind"`
	Company     string         `json:"company"`
	Title       string         `json:"title"`
	Description string         `json:"description"`
	Deadline    string         `json:"deadline"`
	Link        string         `json:"link"`
	CreatedAt   time.Time      `json:"created_at"`
	Applicants  *int           `json:"applicants,omitempty" doc:"for staff: how many learners applied"`
	Stages      map[string]int `json:"stages,omitempty" doc:"for staff: their applications by stage, counts only"`
	Application *int64         `json:"application_id,omitempty" doc:"for a learner: the application it became in their pipeline"`
}

func toOpportunityOut(o cohort.Opportunity, staff bool) opportunityOut {
	out := opportunityOut{ID: o.ID, Kind: o.Kind, Company: o.Company, Title: o.Title, Description: o.Description,
		Deadline: o.Deadline, Link: o.Link, CreatedAt: o.CreatedAt, Application: o.Application}
	if staff {
		n := o.Applicants
		out.Applicants, out.Stages = &n, map[string]int{}
		for st, k := range o.Stages {
			out.Stages[string(st)] = k
		}
	}
	return out
}

type opportunityOutput struct{ Body opportunityOut }

type opportunitiesOutput struct{ Body []opportunityOut }

type opportunityIDInput struct {
	ID  int64 `path:"id"`
	Opp int64 `path:"opp"`
}

type resultInput struct {
	ID   int64 `path:"id"`
	User int64 `path:"user"`
	Body struct {
		Outcome cohort.Result `json:"outcome" enum:"hired,internship,searching"`
	}
}

type placementBody struct {
	Learners   int     `json:"learners"`
	Hired      int     `json:"hired"`
	Internship int     `json:"internship"`
	Searching  int     `json:"searching"`
	Unrecorded int     `json:"unrecorded" doc:"learners with no outcome recorded; they count as not placed"`
	Rate       float64 `json:"rate" doc:"percent of the cohort's learners hired or in an internship"`
}

type placementOutput struct{ Body placementBody }

func toPlacementOutput(p cohort.Placement) *placementOutput {
	out := &placementOutput{}
	out.Body.Learners, out.Body.Hired, out.Body.Internship = p.Learners, p.Hired, p.Interning
	out.Body.Searching, out.Body.Unrecorded, out.Body.Rate = p.Searching, p.Unrecorded, p.Rate
	return out
}

func (h *Handler) registerOpportunities(api huma.API, op func(id, method, path, summary, desc string, status int) huma.Operation) {
	registerUser(api, op("list-cohort-opportunities", http.MethodGet, "/api/v1/cohorts/{id}/opportunities", "Internships and jobs for the cohort",
		"For everyone in the cohort: staff also see how many applied and their stages (counts only); a learner sees which they applied to.", 0),
		h.opportunities)
	registerUser(api, op("post-cohort-opportunity", http.MethodPost, "/api/v1/cohorts/{id}/opportunities", "Post an internship or a job",
		"For the cohort's staff.", http.StatusCreated), h.postOpportunity)
	registerUser(api, op("delete-cohort-opportunity", http.MethodDelete, "/api/v1/cohorts/{id}/opportunities/{opp}", "Take a posting down",
		"For the cohort's staff; applications made from it stay the learners'.", http.StatusNoContent), h.withdrawOpportunity)
	registerUser(api, op("apply-to-cohort-opportunity", http.MethodPost, "/api/v1/cohorts/{id}/opportunities/{opp}/apply", "Apply with one click",
		"For the cohort's learners: makes an application in my own pipeline, marked applied today, with the posting's details. "+
			"Once per posting (409 the second time); 409 after its deadline.", http.StatusCreated), h.applyToOpportunity)
	registerUser(api, op("put-cohort-outcome", http.MethodPut, "/api/v1/cohorts/{id}/outcomes/{user}", "Record where a learner ended up",
		"Hired, internship or still searching: by the cohort's staff, or by the learner for themselves.", http.StatusNoContent), h.putResult)
	registerUser(api, op("cohort-placement", http.MethodGet, "/api/v1/cohorts/{id}/placement", "The cohort's placement rate",
		"For its staff: learners hired or in an internship over all its learners.", 0), h.placement)
}

func (h *Handler) opportunities(ctx context.Context, p account.Principal, in *cohortIDInput) (*opportunitiesOutput, error) {
	_, standing, err := h.Cohorts.Standing(ctx, p.User, in.ID)
	if err != nil {
		return nil, err
	}
	os, err := h.Cohorts.Opportunities(ctx, p.User, in.ID)
	if err != nil {
		return nil, err
	}
	out := &opportunitiesOutput{Body: make([]opportunityOut, len(os))}
	for i, o := range os {
		out.Body[i] = toOpportunityOut(o, standing.Staff)
	}
	return out, nil
}

func (h *Handler) postOpportunity(ctx context.Context, p account.Principal, in *opportunityInput) (*opportunityOutput, error) {
	o, err := h.Cohorts.Post(ctx, p.User, in.ID, in.Body.opportunity())
	if err != nil {
		return nil, err
	}
	return &opportunityOutput{Body: toOpportunityOut(o, true)}, nil
}

func (h *Handler) withdrawOpportunity(ctx context.Context, p account.Principal, in *opportunityIDInput) (*struct{}, error) {
	return nil, h.Cohorts.Withdraw(ctx, p.User, in.ID, in.Opp)
}

func (h *Handler) applyToOpportunity(ctx context.Context, p account.Principal, in *opportunityIDInput) (*appOutput, error) {
	a, err := h.Cohorts.Apply(ctx, p.User, in.ID, in.Opp)
	if err != nil {
		return nil, err
	}
	return &appOutput{Body: h.toAppBody(a)}, nil
}

func (h *Handler) putResult(ctx context.Context, p account.Principal, in *resultInput) (*struct{}, error) {
	return nil, h.Cohorts.SetResult(ctx, p.User, in.ID, in.User, in.Body.Outcome)
}

func (h *Handler) placement(ctx context.Context, p account.Principal, in *cohortIDInput) (*placementOutput, error) {
	o, err := h.Cohorts.Outcomes(ctx, p.User, in.ID)
	if err != nil {
		return nil, err
	}
	return toPlacementOutput(o.Placement), nil
}
