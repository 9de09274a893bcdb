package api

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/account"
	"devpath/internal/cohort"
)

type thresholdsBody struct {
	InactiveDays     int `json:"inactive_days" required:"false" doc:"flag a learner with no progress change for this many days (default 7)"`
	BehindHours      int `json:"behind_hours" required:"false" doc:"flag a learner whose plan ends past the target by this many hours of work (default 10)"`
	LearningFactor   int `json:"learning_factor" required:"false" doc:"flag a topic in learning for more than this many times its estimate (default 3)"`
	RepeatedFailures int `json:"repeated_failures" required:"false" doc:"flag the same exercise or checker stage failed this many times (default 3)"`
}

type cohortBody struct {
	Name        string          `json:"name" doc:"1 to 100 characters"`
	Roadmap     string          `json:"roadmap" doc:"the slug of the roadmap the cohort follows"`
	StartDate   string          `json:"start_date" doc:"YYYY-MM-DD"`
	EndDate     string          `json:"end_date" doc:"YYYY-MM-DD, not before start_date"`
	TargetDate  string          `json:"target_date" doc:"YYYY-MM-DD: the day learners aim to be done by"`
	WeeklyHours int             `json:"weekly_hours" doc:"hours a week the cohort expects, 1 to 80"`
	TimeZone    string          `json:"time_zone" doc:"an IANA name such as Europe/Berlin"`
	Thresholds  *thresholdsBody `json:"thresholds,omitempty" required:"false" doc:"when the dashboard flags a learner as stuck; unset ones take their defaults"`
}

func (b cohortBody) cohort(id int64) cohort.Cohort {
	c := cohort.Cohort{ID: id, Name: b.Name, Roadmap: b.Roadmap, StartDate: b.StartDate, EndDate: b.EndDate,
		TargetDate: b.TargetDate, WeeklyHours: b.WeeklyHours, TimeZone: b.TimeZone, Thresholds: cohort.DefaultThresholds()}
	if t := b.Thresholds; t != nil {
		c.Thresholds = cohort.Thresholds{InactiveDays: t.InactiveDays, BehindHours: t.BehindHours,
			LearningFactor: t.LearningFactor, RepeatedFailures: t.RepeatedFailures}
	}
	return c
}

type cohortOut struct {
	ID          int64          `json:"id"`
	Name        string         `json:"name"`
	Roadmap     string         `json:"roadmap"`
	StartDate   string         `json:"start_date"`
	EndDate     string         `json:"end_date"`
	TargetDate  string         `json:"target_date"`
	WeeklyHours int            `json:"weekly_hours"`
	TimeZone    string         `json:"time_zone"`
	Thresholds  thresholdsBody `json:"thresholds"`
	CreatedAt   time.Time      `json:"created_at"`
}

func toCohortOut(c cohort.Cohort) cohortOut {
	t := c.Thresholds
	return cohortOut{ID: c.ID, Name: c.Name, Roadmap: c.Roadmap, StartDate: c.StartDate, EndDate: c.EndDate,
		TargetDate: c.TargetDate, WeeklyHours: c.WeeklyHours, TimeZone: c.TimeZone, CreatedAt: c.CreatedAt,
		Thresholds: thresholdsBody{InactiveDays: t.InactiveDays, BehindHours: t.BehindHours,
			LearningFactor: t.LearningFactor, RepeatedFailures: t.RepeatedFailures}}
}

type membershipOut struct {
	cohortOut
	Role    cohort.Role `json:"role" enum:"admin,mentor," doc:"my staff role there; empty when I am a learner there"`
	Learner bool        `json:"learner" doc:"I am a learner of the cohort"`
}

type cohortInput struct {
	Body cohortBody
}

type cohortUpdateInput struct {
	ID   int64 `path:"id"`
	Body cohortBody
}

// Resolve lists the cohort's problems beside the schema's.
func (in *cohortInput) Resolve(ctx huma.Context) []error { return checkCohort(ctx, in.Body.cohort(0)) }

// Resolve lists the cohort's problems beside the schema's.
func (in *cohortUpdateInput) Resolve(ctx huma.Context) []error {
	return checkCohort(ctx, in.Body.cohort(in.ID))
}

func checkCohort(ctx huma.Context, c cohort.Cohort) []error {
	return checkBody(ctx, func(_ context.Context, h *Handler, _ account.Principal) error { return h.Cohorts.CheckCohort(c) })
}

type cohortIDInput struct {
	ID int64 `path:"id"`
}

type cohortUserInput struct {
	ID   int64 `path:"id"`
	User int64 `path:"user"`
}

type cohortOutput struct{ Body cohortOut }

type membershipsOutput struct{ Body []membershipOut }

type personOut struct {
	ID       int64       `json:"id"`
	Name     string      `json:"name"`
	Email    string      `json:"email"`
	Role     cohort.Role `json:"role,omitempty" doc:"for staff: admin or mentor"`
	JoinedAt *time.Time  `json:"joined_at,omitempty" doc:"for learners"`
}

func toPersonOut(p cohort.Person) personOut {
	out := personOut{ID: p.ID, Name: p.Name, Email: p.Email, Role: p.Role}
	if !p.JoinedAt.IsZero() {
		out.JoinedAt = &p.JoinedAt
	}
	return out
}

type peopleOutput struct{ Body []personOut }

type personOutput struct{ Body personOut }

type staffInput struct {
	ID   int64 `path:"id"`
	Body struct {
		Email string      `json:"email" maxLength:"254" doc:"the account to give the role"`
		Role  cohort.Role `json:"role" enum:"admin,mentor" doc:"cohort admins are named by an instance admin"`
	}
}

type memberInput struct {
	ID   int64 `path:"id"`
	Body struct {
		Email string `json:"email" maxLength:"254" doc:"the account to add as a learner"`
	}
}

func (h *Handler) registerCohorts(api huma.API) {
	tags := []string{"cohorts"}
	op := func(id, method, path, summary, desc string, status int) huma.Operation {
		return huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Description: desc,
			Tags: tags, DefaultStatus: status}
	}
	registerUser(api, op("list-cohorts", http.MethodGet, "/api/v1/cohorts", "My cohorts",
		"The cohorts I am staff or a learner of; an instance admin sees every cohort.", 0), h.cohorts)
	registerUser(api, op("create-cohort", http.MethodPost, "/api/v1/cohorts", "Create a cohort",
		"Instance admins only.", http.StatusCreated), h.createCohort)
	registerUser(api, op("get-cohort", http.MethodGet, "/api/v1/cohorts/{id}", "One cohort",
		"For its learners, its staff and instance admins; anyone else gets 404.", 0), h.cohort)
	registerUser(api, op("put-cohort", http.MethodPut, "/api/v1/cohorts/{id}", "Change a cohort",
		"For its admins and instance admins.", 0), h.putCohort)
	registerUser(api, op("list-cohort-staff", http.MethodGet, "/api/v1/cohorts/{id}/staff", "The cohort's admins and mentors", "", 0), h.cohortStaff)
	registerUser(api, op("put-cohort-staff", http.MethodPut, "/api/v1/cohorts/{id}/staff", "Give someone a staff role",
		"Cohort admins name mentors; only an instance admin names cohort admins.", 0), h.putCohortStaff)
	registerUser(api, op("delete-cohort-staff", http.MethodDelete, "/api/v1/cohorts/{id}/staff/{user}", "Take a staff role away",
		"", http.StatusNoContent), h.deleteCohortStaff)
	registerUser(api, op("list-cohort-members", http.MethodGet, "/api/v1/cohorts/{id}/members", "The cohort's learners",
		"For its staff.", 0), h.cohortMembers)
	registerUser(api, op("add-cohort-member", http.MethodPost, "/api/v1/cohorts/{id}/members", "Add a learner with an account",
		"Adding a learner twice is a conflict (409).", http.StatusCreated), h.addCohortMember)
	registerUser(api, op("remove-cohort-member", http.MethodDelete, "/api/v1/cohorts/{id}/members/{user}", "Take a learner out, or leave",
		"A learner may leave; their progress, notes and everything else of theirs stay.", http.StatusNoContent), h.removeCohortMember)
	registerUser(api, op("graduate-cohort-learners", http.MethodPost, "/api/v1/cohorts/{id}/graduations", "Graduate learners",
		"For the cohort's admins and instance admins. Queues a graduation credential for each learner named, who accepts it "+
			"before it shows anywhere; the answer lists them. Graduating someone twice issues nothing new.", http.StatusAccepted), h.graduate)
	h.registerInvitations(api, op)
	registerUser(api, op("put-cohort-mentor", http.MethodPut, "/api/v1/cohorts/{id}/members/{user}/mentor", "Assign a learner's mentor",
		"For the cohort's admins: one of its staff, or 0 for nobody.", http.StatusNoContent), h.putCohortMentor)
	h.registerDashboard(api)
	h.registerOpportunities(api, op)
	h.registerAdmin(api)
}

type graduationInput struct {
	ID   int64 `path:"id"`
	Body struct {
		Learners []int64 `json:"learners" maxItems:"1000" doc:"the user ids of the cohort's learners to graduate"`
	}
}

func (h *Handler) graduate(ctx context.Context, p account.Principal, in *graduationInput) (*peopleOutput, error) {
	return people(h.Cohorts.Graduate(ctx, p.User, in.ID, in.Body.Learners))
}

func (h *Handler) cohorts(ctx context.Context, p account.Principal, _ *struct{}) (*membershipsOutput, error) {
	ms, err := h.Cohorts.List(ctx, p.User)
	if err != nil {
		return nil, err
	}
	out := &membershipsOutput{Body: make([]membershipOut, len(ms))}
	for i, m := range ms {
		out.Body[i] = membershipOut{cohortOut: toCohortOut(m.Cohort), Role: m.Role, Learner: m.Learner}
	}
	return out, nil
}

func (h *Handler) createCohort(ctx context.Context, p account.Principal, in *cohortInput) (*cohortOutput, error) {
	c, err := h.Cohorts.Create(ctx, p.User, in.Body.cohort(0))
	if err != nil {
		return nil, err
	}
	return &cohortOutput{Body: toCohortOut(c)}, nil
}

func (h *Handler) cohort(ctx context.Context, p account.Principal, in *cohortIDInput) (*cohortOutput, error) {
	c, err := h.Cohorts.Get(ctx, p.User, in.ID)
	if err != nil {
		return nil, err
	}
	return &cohortOutput{Body: toCohortOut(c)}, nil
}

func (h *Handler) putCohort(ctx context.Context, p account.Principal, in *cohortUpdateInput) (*cohortOutput, error) {
	c, err := h.Cohorts.Update(ctx, p.User, in.Body.cohort(in.ID))
	if err != nil {
		return nil, err
	}
	return &cohortOutput{Body: toCohortOut(c)}, nil
}

func people(ps []cohort.Person, err error) (*peopleOutput, error) {
	if err != nil {
		return nil, err
	}
	out := &peopleOutput{Body: make([]personOut, len(ps))}
	for i, p := range ps {
		out.Body[i] = toPersonOut(p)
	}
	return out, nil
}

func person(p cohort.Person, err error) (*personOutput, error) {
	if err != nil {
		return nil, err
	}
	return &personOutput{Body: toPersonOut(p)}, nil
}

func (h *Handler) cohortStaff(ctx context.Context, p account.Principal, in *cohortIDInput) (*peopleOutput, error) {
	return people(h.Cohorts.Staff(ctx, p.User, in.ID))
}

func (h *Handler) putCohortStaff(ctx context.Context, p account.Principal, in *staffInput) (*personOutput, error) {
	return person(h.Cohorts.SetStaff(ctx, p.User, in.ID, in.Body.Email, in.Body.Role))
}

func (h *Handler) deleteCohortStaff(ctx context.Context, p account.Principal, in *cohortUserInput) (*struct{}, error) {
	return nil, h.Cohorts.RemoveStaff(ctx, p.User, in.ID, in.User)
}

func (h *Handler) cohortMembers(ctx context.Context, p account.Principal, in *cohortIDInput) (*peopleOutput, error) {
	return people(h.Cohorts.Members(ctx, p.User, in.ID))
}

func (h *Handler) addCohortMember(ctx context.Context, p account.Principal, in *memberInput) (*personOutput, error) {
	return person(h.Cohorts.AddMember(ctx, p.User, in.ID, in.Body.Email))
}

type mentorInput struct {
	ID   int64 `path:"id"`
	User int64 `path:"user"`
	Body struct {
		MentorID int64 `json:"mentor_id" doc:"a staff member of the cohort; 0 for nobody"`
	}
}

func (h *Handler) putCohortMentor(ctx context.Context, p account.Principal, in *mentorInput) (*struct{}, error) {
	return nil, h.Cohorts.AssignMentor(ctx, p.User, in.ID, in.User, in.Body.MentorID)
}

func (h *Handler) removeCohortMember(ctx context.Context, p account.Principal, in *cohortUserInput) (*struct{}, error) {
	return nil, h.Cohorts.RemoveMember(ctx, p.User, in.ID, in.User)
}

// invitations

type inviteInput struct {
	ID   int64 `path:"id"`
	Body struct {
		Emails string `json:"emails" maxLength:"200000" doc:"one email a line, or a CSV file whose lines hold an email in some field"`
	}
}

// Resolve refuses an empty or overlong list with the field named.
func (in *inviteInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(context.Context, *Handler, account.Principal) error {
		_, err := cohort.CheckInviteList(in.Body.Emails)
		return err
	})
}

type inviteLineOut struct {
	Line    int            `json:"line" doc:"from 1"`
	Text    string         `json:"text"`
	Email   string         `json:"email"`
	Outcome cohort.Outcome `json:"outcome" enum:"invited,malformed,duplicate,already_member,already_invited"`
}

type inviteOutput struct {
	Body struct {
		Invited int             `json:"invited" doc:"how many lines became invitations"`
		Lines   []inviteLineOut `json:"lines"`
	}
}

type linkInput struct {
	ID   int64 `path:"id"`
	Body struct {
		ExpiresAt time.Time `json:"expires_at" doc:"when the link stops working: within a year"`
		Seats     int       `json:"seats" required:"false" doc:"how many people may use it; 0 or absent for no limit"`
	}
}

func (in *linkInput) request() cohort.LinkRequest {
	return cohort.LinkRequest{ExpiresAt: in.Body.ExpiresAt, Seats: in.Body.Seats}
}

// Resolve lists the link's problems beside the schema's.
func (in *linkInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(_ context.Context, h *Handler, _ account.Principal) error {
		return h.Cohorts.CheckLink(in.request())
	})
}

type invitationOut struct {
	ID         int64      `json:"id"`
	CohortID   int64      `json:"cohort_id"`
	CohortName string     `json:"cohort_name"`
	Kind       string     `json:"kind" enum:"email,link"`
	Email      string     `json:"email,omitempty"`
	Seats      int        `json:"seats" doc:"for a link: 0 for no limit"`
	Used       int        `json:"used"`
	ExpiresAt  time.Time  `json:"expires_at"`
	AcceptedAt *time.Time `json:"accepted_at,omitempty"`
	Code       string     `json:"code,omitempty" doc:"the link's secret, shown only when the link is made"`
	URL        string     `json:"url,omitempty" doc:"the address to hand out, shown only when the link is made"`
}

func toInvitationOut(i cohort.Invitation) invitationOut {
	out := invitationOut{ID: i.ID, CohortID: i.CohortID, CohortName: i.CohortName, Kind: "link", Email: i.Email,
		Seats: i.Seats, Used: i.Used, ExpiresAt: i.ExpiresAt, AcceptedAt: i.AcceptedAt}
	if i.Email != "" {
		out.Kind = "email"
	}
	return out
}

type invitationOutput struct{ Body invitationOut }

type invitationsOutput struct{ Body []invitationOut }

type joinInput struct {
	Body struct {
		Code string `json:"code" maxLength:"200" doc:"the secret of an invitation link"`
	}
}

type invitationIDInput struct {
	ID int64 `path:"id"`
}

func (h *Handler) registerInvitations(api huma.API, op func(id, method, path, summary, desc string, status int) huma.Operation) {
	registerUser(api, op("invite-to-cohort", http.MethodPost, "/api/v1/cohorts/{id}/invitations", "Invite a list of emails",
		"Each line is reported: invited, malformed, duplicate (earlier in the list), already_member or already_invited; "+
			"the good lines are invited whatever the others hold.", 0), h.invite)
	registerUser(api, op("list-cohort-invitations", http.MethodGet, "/api/v1/cohorts/{id}/invitations", "The cohort's invitations",
		"For its admins; link secrets are never shown again.", 0), h.cohortInvitations)
	registerUser(api, op("create-cohort-link", http.MethodPost, "/api/v1/cohorts/{id}/links", "Make an invitation link",
		"With an expiry and an optional seat limit; the answer holds the link, shown this once.", http.StatusCreated), h.createLink)
	registerUser(api, op("join-cohort", http.MethodPost, "/api/v1/me/cohorts/join", "Join a cohort with an invitation link",
		"For someone who has an account; a new person registers with the link's code instead.", 0), h.join)
	registerUser(api, op("list-my-invitations", http.MethodGet, "/api/v1/me/invitations", "Invitations waiting for my email", "", 0), h.myInvitations)
	registerUser(api, op("accept-invitation", http.MethodPost, "/api/v1/me/invitations/{id}/accept", "Accept an invitation sent to my email",
		"", 0), h.acceptInvitation)
}

func (h *Handler) invite(ctx context.Context, p account.Principal, in *inviteInput) (*inviteOutput, error) {
	lines, err := h.Cohorts.Invite(ctx, p.User, in.ID, in.Body.Emails)
	if err != nil {
		return nil, err
	}
	out := &inviteOutput{}
	out.Body.Lines = make([]inviteLineOut, len(lines))
	for i, l := range lines {
		out.Body.Lines[i] = inviteLineOut{Line: l.Line, Text: l.Text, Email: l.Email, Outcome: l.Outcome}
		if l.Outcome == cohort.Invited {
			out.Body.Invited++
		}
	}
	return out, nil
}

func invitations(is []cohort.Invitation, err error) (*invitationsOutput, error) {
	if err != nil {
		return nil, err
	}
	out := &invitationsOutput{Body: make([]invitationOut, len(is))}
	for i, inv := range is {
		out.Body[i] = toInvitationOut(inv)
	}
	return out, nil
}

func (h *Handler) cohortInvitations(ctx context.Context, p account.Principal, in *cohortIDInput) (*invitationsOutput, error) {
	return invitations(h.Cohorts.Invitations(ctx, p.User, in.ID))
}

func (h *Handler) createLink(ctx context.Context, p account.Principal, in *linkInput) (*invitationOutput, error) {
	inv, code, err := h.Cohorts.CreateLink(ctx, p.User, in.ID, in.request())
	if err != nil {
		return nil, err
	}
	out := toInvitationOut(inv)
	out.Code, out.URL = code, h.BaseURL+"/register?invitation="+url.QueryEscape(code)
	return &invitationOutput{Body: out}, nil
}

func (h *Handler) join(ctx context.Context, p account.Principal, in *joinInput) (*invitationOutput, error) {
	inv, err := h.Cohorts.Join(ctx, p.User, in.Body.Code)
	if err != nil {
		return nil, err
	}
	return &invitationOutput{Body: toInvitationOut(inv)}, nil
}

func (h *Handler) myInvitations(ctx context.Context, p account.Principal, _ *struct{}) (*invitationsOutput, error) {
	return invitations(h.Cohorts.MyInvitations(ctx, p.User))
}

func (h *Handler) acceptInvitation(ctx context.Context, p account.Principal, in *invitationIDInput) (*invitationOutput, error) {
	inv, err := h.Cohorts.Accept(ctx, p.User, in.ID)
	if err != nil {
		return nil, err
	}
	return &invitationOutput{Body: toInvitationOut(inv)}, nil
}
