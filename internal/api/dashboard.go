package api

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/account"
	"devpath/internal/cohort"
)

type dashboardInput struct {
	ID    int64  `path:"id"`
	Sort  string `query:"sort" enum:"name,progress,activity,flags," required:"false" doc:"name (the default), progress (least first), activity (longest idle first) or flags (most first)"`
	Stuck bool   `query:"stuck" required:"false" doc:"only learners with at least one flag"`
}

func (in *dashboardInput) query() cohort.DashboardQuery {
	return cohort.DashboardQuery{Sort: in.Sort, StuckOnly: in.Stuck}
}

type flagOut struct {
	Kind   string  `json:"kind" enum:"inactive,behind,long_topic,failing,reviews_overdue"`
	Reason string  `json:"reason" doc:"in words, with the figures and the limit"`
	Value  float64 `json:"value" doc:"the figure: days, hours, weeks or failures"`
	Limit  float64 `json:"limit" doc:"the cohort's threshold it crossed"`
}

type stepCellOut struct {
	Step    string  `json:"step"`
	Percent float64 `json:"percent"`
}

type learnerRowOut struct {
	ID              int64         `json:"id"`
	Name            string        `json:"name"`
	Email           string        `json:"email"`
	Percent         float64       `json:"percent"`
	DoneHours       int           `json:"done_hours"`
	Hours           int           `json:"hours" doc:"in scope"`
	ExpectedHours   int           `json:"expected_hours" doc:"done by now at the cohort's weekly hours"`
	LastActivity    *time.Time    `json:"last_activity"`
	ProjectedFinish string        `json:"projected_finish" doc:"YYYY-MM-DD at the cohort's weekly hours; empty when done"`
	DaysLate        int           `json:"days_late" doc:"past the cohort's target date"`
	ExercisesPassed int           `json:"exercises_passed"`
	ProjectsPassed  int           `json:"projects_passed"`
	Steps           []stepCellOut `json:"steps"`
	Flags           []flagOut     `json:"flags"`
	MentorID        int64         `json:"mentor_id" doc:"the staff member assigned to the learner, 0 for none"`
	Mentor          string        `json:"mentor"`
	Outcome         cohort.Result `json:"outcome" enum:"hired,internship,searching," doc:"where the learner ended up; empty until recorded"`
}

type stepHeadOut struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

type dashboardOutput struct {
	Body struct {
		Cohort    cohortOut       `json:"cohort"`
		At        time.Time       `json:"at"`
		Steps     []stepHeadOut   `json:"steps"`
		Learners  []learnerRowOut `json:"learners"`
		Placement placementBody   `json:"placement"`
	}
}

func toLearnerRowOut(l cohort.LearnerRow) learnerRowOut {
	out := learnerRowOut{ID: l.ID, Name: l.Name, Email: l.Email, Percent: l.Summary.Percent, DoneHours: l.Summary.DoneHrs,
		Hours: l.Summary.Hours, ExpectedHours: l.ExpectedHours, LastActivity: l.LastActivity, ProjectedFinish: l.ProjectedFinish,
		DaysLate: l.DaysLate, Outcome: l.Result, MentorID: l.MentorID, Mentor: l.Mentor, ExercisesPassed: l.ExercisesPassed, ProjectsPassed: l.ProjectsPassed,
		Steps: make([]stepCellOut, len(l.Summary.Steps)), Flags: make([]flagOut, len(l.Flags))}
	for i, s := range l.Summary.Steps {
		out.Steps[i] = stepCellOut{Step: s.Step, Percent: s.Percent}
	}
	for i, f := range l.Flags {
		out.Flags[i] = flagOut{Kind: f.Kind, Reason: f.Reason, Value: f.Value, Limit: f.Limit}
	}
	return out
}

type completionInput struct {
	Slug string `path:"slug"`
}

type stepCompletionOut struct {
	Step     string  `json:"step"`
	Title    string  `json:"title"`
	Topics   int     `json:"topics"`
	Done     int     `json:"done" doc:"learner-topic pairs done"`
	Learning int     `json:"learning"`
	Skipped  int     `json:"skipped"`
	Percent  float64 `json:"percent" doc:"done pairs / (learners x topics)"`
}

type completionOutput struct {
	Body struct {
		Learners int                 `json:"learners"`
		Steps    []stepCompletionOut `json:"steps"`
	}
}

func (h *Handler) registerDashboard(api huma.API) {
	tags := []string{"cohorts"}
	registerUser(api, huma.Operation{OperationID: "cohort-dashboard", Method: http.MethodGet, Path: "/api/v1/cohorts/{id}/dashboard",
		Summary: "Who is where, and who is stuck", Tags: tags,
		Description: "For the cohort's staff: each learner's progress on the cohort's roadmap, pace, practice results and " +
			"flags, each with its reason in words. Never notes, applications, resumes or contacts."}, h.dashboard)
	registerUser(api, huma.Operation{OperationID: "cohort-dashboard-csv", Method: http.MethodGet, Path: "/api/v1/cohorts/{id}/dashboard.csv",
		Summary: "The dashboard as CSV", Tags: tags}, h.dashboardCSV)
	registerUser(api, huma.Operation{OperationID: "cohort-milestones", Method: http.MethodGet, Path: "/api/v1/cohorts/{id}/milestones",
		Summary: "When the cohort's pace finishes each step", Tags: tags,
		Description: "For everyone in the cohort: its weekly hours from its start date, step by step."}, h.milestones)
	registerUser(api, huma.Operation{OperationID: "cohort-audit", Method: http.MethodGet, Path: "/api/v1/cohorts/{id}/audit",
		Summary: "What staff did to the cohort, newest first", Tags: tags,
		Description: "For the cohort's staff: the last 200 staff actions (settings, staff, learners, invitations)."}, h.audit)
	registerUser(api, huma.Operation{OperationID: "roadmap-completion", Method: http.MethodGet, Path: "/api/v1/admin/roadmaps/{slug}/completion",
		Summary: "Completion per step over every learner", Tags: []string{"admin"},
		Description: "For instance admins; read from counts the progress write keeps, so it costs the same for any number of learners."}, h.completion)
}

func (h *Handler) dashboard(ctx context.Context, p account.Principal, in *dashboardInput) (*dashboardOutput, error) {
	d, err := h.Cohorts.Dashboard(ctx, p.User, in.ID, in.query())
	if err != nil {
		return nil, err
	}
	out := &dashboardOutput{}
	out.Body.Cohort, out.Body.At = toCohortOut(d.Cohort), d.At
	out.Body.Placement = toPlacementOutput(d.Placement).Body
	for _, s := range d.Steps {
		out.Body.Steps = append(out.Body.Steps, stepHeadOut{ID: s.ID, Title: s.Title})
	}
	out.Body.Learners = make([]learnerRowOut, len(d.Learners))
	for i, l := range d.Learners {
		out.Body.Learners[i] = toLearnerRowOut(l)
	}
	return out, nil
}

func (h *Handler) dashboardCSV(ctx context.Context, p account.Principal, in *dashboardInput) (*csvOutput, error) {
	d, err := h.Cohorts.Dashboard(ctx, p.User, in.ID, in.query())
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := cohort.WriteCSV(&buf, d); err != nil {
		return nil, err
	}
	return &csvOutput{ContentType: "text/csv; charset=utf-8",
		ContentDisposition: `attachment; filename="devpath-cohort-` + strconv.FormatInt(in.ID, 10) + `.csv"`, Body: buf.Bytes()}, nil
}

func (h *Handler) completion(ctx context.Context, p account.Principal, in *completionInput) (*completionOutput, error) {
	steps, learners, err := h.Cohorts.Completion(ctx, p.User, in.Slug)
	if err != nil {
		return nil, err
	}
	out := &completionOutput{}
	out.Body.Learners = learners
	for _, s := range steps {
		out.Body.Steps = append(out.Body.Steps, stepCompletionOut{Step: s.Step.ID, Title: s.Step.Title, Topics: s.Topics,
			Done: s.Done, Learning: s.Learning, Skipped: s.Skipped, Percent: s.Percent})
	}
	return out, nil
}

type milestoneOut struct {
	Step  string `json:"step"`
	Title string `json:"title"`
	Hours int    `json:"hours" doc:"the step's estimated hours"`
	Date  string `json:"date" doc:"YYYY-MM-DD in the cohort's time zone: when the cohort's pace finishes the step"`
}

type milestonesOutput struct{ Body []milestoneOut }

func (h *Handler) milestones(ctx context.Context, p account.Principal, in *cohortIDInput) (*milestonesOutput, error) {
	ms, err := h.Cohorts.Milestones(ctx, p.User, in.ID)
	if err != nil {
		return nil, err
	}
	out := &milestonesOutput{Body: make([]milestoneOut, len(ms))}
	for i, m := range ms {
		out.Body[i] = milestoneOut{Step: m.Step.ID, Title: m.Step.Title, Hours: m.Hours, Date: m.Date}
	}
	return out, nil
}

type auditOut struct {
	ID      int64     `json:"id"`
	ActorID int64     `json:"actor_id" doc:"0 once that account is gone"`
	Actor   string    `json:"actor"`
	Action  string    `json:"action" doc:"created, changed, staff, unstaffed, added, removed, left, invited or link"`
	Detail  string    `json:"detail"`
	At      time.Time `json:"at"`
}

type auditOutput struct{ Body []auditOut }

func (h *Handler) audit(ctx context.Context, p account.Principal, in *cohortIDInput) (*auditOutput, error) {
	es, err := h.Cohorts.Audit(ctx, p.User, in.ID)
	if err != nil {
		return nil, err
	}
	out := &auditOutput{Body: make([]auditOut, len(es))}
	for i, e := range es {
		out.Body[i] = auditOut{ID: e.ID, ActorID: e.ActorID, Actor: e.Actor, Action: e.Action, Detail: e.Detail, At: e.At}
	}
	return out, nil
}
