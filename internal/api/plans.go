package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/plan"
	"devpath/internal/roadmap"
)

// profileBody is the profile as clients send it: the target date is a plain date.
// The starting_point enum repeats roadmap.StartingPoints (a tag must be a
// constant); TestStartingPointEnum keeps the two equal.
type profileBody struct {
	StartingPoint roadmap.StartingPoint `json:"starting_point" enum:"no_experience,related_change,unrelated_change,freelance"`
	Route         plan.Route            `json:"route" enum:"self_taught,bootcamp,degree"`
	HoursPerWeek  int                   `json:"hours_per_week" doc:"1 to 80"`
	Languages     []string              `json:"languages" required:"false" doc:"topic ids of the roadmap's language choice group"`
	Background    string                `json:"background,omitempty" required:"false" doc:"for a related career change: a background of the roadmap, such as frontend_developer"`
	KnownTopics   []string              `json:"known_topics" required:"false" doc:"topic ids already known"`
	TargetDate    string                `json:"target_date,omitempty" required:"false" doc:"YYYY-MM-DD, or empty for none"`
	TimeZone      string                `json:"time_zone" doc:"IANA name, such as Europe/Berlin"`
}

func (b profileBody) toProfile() (plan.Profile, error) {
	p := plan.Profile{StartingPoint: b.StartingPoint, Route: b.Route, HoursPerWeek: b.HoursPerWeek,
		Languages: b.Languages, Background: b.Background, KnownTopics: b.KnownTopics, TimeZone: b.TimeZone}
	if b.TargetDate != "" {
		d, err := time.Parse(time.DateOnly, b.TargetDate)
		if err != nil {
			return p, app.FieldError("target_date", "must be a date such as 2027-06-30")
		}
		p.TargetDate = d
	}
	return p, nil
}

func toProfileBody(p plan.Profile) profileBody {
	return profileBody{StartingPoint: p.StartingPoint, Route: p.Route, HoursPerWeek: p.HoursPerWeek, Languages: p.Languages,
		Background: p.Background, KnownTopics: p.KnownTopics, TargetDate: date(p.TargetDate), TimeZone: p.TimeZone}
}

type profileInput struct {
	Body profileBody
}

// Resolve lists the profile's problems, against the roadmap, beside the schema's.
func (in *profileInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(_ context.Context, h *Handler, _ account.Principal) error {
		pr, err := in.Body.toProfile()
		return app.Merge(err, h.Plans.CheckProfile(pr))
	})
}

type profileOutput struct {
	Body profileBody
}

type weekBody struct {
	Start  string      `json:"start" doc:"the week's Monday, YYYY-MM-DD"`
	Hours  int         `json:"hours"`
	Topics []string    `json:"topics"`
	Parts  []plan.Part `json:"parts" doc:"hours per topic; finishes is false when the topic goes on next week"`
}

type milestoneBody struct {
	Kind  string `json:"kind" enum:"step,job_ready"`
	Step  string `json:"step,omitempty"`
	Title string `json:"title"`
	Date  string `json:"date"`
}

type forecastBody struct {
	P50         string `json:"p50" doc:"finish date reached in half of the simulated futures"`
	P90         string `json:"p90" doc:"finish date reached in nine out of ten"`
	WeeklyHours []int  `json:"weekly_hours" doc:"estimated hours finished in each past week, oldest first"`
}

type planOutput struct {
	Body struct {
		Roadmap         string            `json:"roadmap"`
		HoursPerWeek    int               `json:"hours_per_week"`
		TotalHours      int               `json:"total_hours"`
		Weeks           []weekBody        `json:"weeks"`
		Milestones      []milestoneBody   `json:"milestones"`
		ProjectedFinish string            `json:"projected_finish"`
		Forecast        *forecastBody     `json:"forecast" doc:"null until two weeks of history"`
		Target          *plan.TargetCheck `json:"target,omitempty"`
		DueReviews      []plan.DueReview  `json:"due_reviews"`
	}
}

type reviewInput struct {
	Slug  string `path:"slug"`
	Topic string `path:"id"`
	Body  struct {
		Remembered bool `json:"remembered" doc:"false when the learner had forgotten it: the intervals start over"`
	}
}

type calendarOutput struct {
	Body struct {
		URL string `json:"url" doc:"the private iCalendar feed: anyone with this address can read the plan"`
	}
}

func (h *Handler) registerPlans(api huma.API) {
	tags := []string{"plan"}
	registerUser(api, huma.Operation{OperationID: "get-profile", Method: http.MethodGet, Path: "/api/v1/me/profile",
		Summary: "My profile", Tags: tags}, h.getProfile)
	registerUser(api, huma.Operation{OperationID: "put-profile", Method: http.MethodPut, Path: "/api/v1/me/profile",
		Summary: "Set my profile", Description: "Starting point, route, hours per week, languages, known topics, target date and time zone.",
		Tags: tags}, h.putProfile)
	registerUser(api, huma.Operation{OperationID: "get-plan", Method: http.MethodGet, Path: "/api/v1/me/plan/{slug}",
		Summary: "My week-by-week plan with its projected finish", Tags: tags}, h.getPlan)
	registerUser(api, huma.Operation{OperationID: "review-topic", Method: http.MethodPost, Path: "/api/v1/me/reviews/{slug}/topics/{id}",
		Summary: "Record a review of a done topic", Tags: tags, DefaultStatus: http.StatusNoContent}, h.review)
	registerUser(api, huma.Operation{OperationID: "get-calendar", Method: http.MethodGet, Path: "/api/v1/me/calendar",
		Summary: "My private calendar feed address", Tags: tags}, h.calendar)
	registerUser(api, huma.Operation{OperationID: "rotate-calendar", Method: http.MethodPost, Path: "/api/v1/me/calendar/rotate",
		Summary: "Replace my calendar feed address", Description: "The old address stops working.", Tags: tags}, h.rotateCalendar)
}

func (h *Handler) getProfile(ctx context.Context, p account.Principal, _ *struct{}) (*profileOutput, error) {
	pr, err := h.Plans.Profile(ctx, p.User.ID)
	if err != nil {
		return nil, err
	}
	return &profileOutput{Body: toProfileBody(pr)}, nil
}

func (h *Handler) putProfile(ctx context.Context, p account.Principal, in *profileInput) (*profileOutput, error) {
	pr, err := in.Body.toProfile()
	if err != nil {
		return nil, err
	}
	if pr, err = h.Plans.SetProfile(ctx, p.User.ID, pr); err != nil {
		return nil, err
	}
	return &profileOutput{Body: toProfileBody(pr)}, nil
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func (h *Handler) getPlan(ctx context.Context, p account.Principal, in *slugInput) (*planOutput, error) {
	v, err := h.Plans.Plan(ctx, p.User.ID, in.Slug)
	if err != nil {
		return nil, err
	}
	out := &planOutput{}
	b := &out.Body
	b.Roadmap, b.HoursPerWeek, b.TotalHours, b.Target = in.Slug, v.Plan.HoursPerWeek, v.Plan.TotalHours, v.Plan.Target
	b.ProjectedFinish, b.DueReviews = date(v.Plan.ProjectedFinish), v.Due
	b.Weeks = make([]weekBody, len(v.Plan.Weeks))
	for i, w := range v.Plan.Weeks {
		b.Weeks[i] = weekBody{Start: date(w.Start), Hours: w.Hours, Topics: w.Topics, Parts: w.Parts}
	}
	b.Milestones = make([]milestoneBody, len(v.Plan.Milestones))
	for i, m := range v.Plan.Milestones {
		b.Milestones[i] = milestoneBody{Kind: m.Kind, Step: m.Step, Title: m.Title, Date: date(m.Date)}
	}
	if f := v.Forecast; f != nil {
		b.Forecast = &forecastBody{P50: date(f.P50), P90: date(f.P90), WeeklyHours: f.WeeklyHours}
	}
	if b.DueReviews == nil {
		b.DueReviews = []plan.DueReview{}
	}
	return out, nil
}

func (h *Handler) review(ctx context.Context, p account.Principal, in *reviewInput) (*struct{}, error) {
	return nil, h.Plans.Review(ctx, p.User.ID, in.Slug, in.Topic, in.Body.Remembered)
}

func (h *Handler) calendar(ctx context.Context, p account.Principal, _ *struct{}) (*calendarOutput, error) {
	path, err := h.Plans.CalendarPath(ctx, p.User.ID)
	return h.calendarURL(path, err)
}

func (h *Handler) rotateCalendar(ctx context.Context, p account.Principal, _ *struct{}) (*calendarOutput, error) {
	path, err := h.Plans.RotateCalendar(ctx, p.User.ID)
	return h.calendarURL(path, err)
}

func (h *Handler) calendarURL(path string, err error) (*calendarOutput, error) {
	if err != nil {
		return nil, err
	}
	out := &calendarOutput{}
	out.Body.URL = strings.TrimSuffix(h.BaseURL, "/") + path
	return out, nil
}
