package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/account"
	"devpath/internal/mentor"
)

// profileFields are what a mentor writes about themselves.
type profileFields struct {
	Topics      []string        `json:"topics" doc:"ids of the roadmap topics you mentor"`
	Languages   []string        `json:"languages,omitempty" required:"false" doc:"languages you speak, such as en or de"`
	TimeZone    string          `json:"time_zone,omitempty" required:"false" doc:"such as Europe/Berlin; UTC when empty"`
	MaxMentees  int             `json:"max_mentees" doc:"learners you mentor at once, 1 to 50"`
	MaxRequests int             `json:"max_requests" doc:"requests you hold at once, 1 to 50"`
	Windows     []mentor.Window `json:"windows,omitempty" required:"false" doc:"weekly windows you are free in, in your time zone"`
	Bio         string          `json:"bio,omitempty" required:"false"`
	Public      bool            `json:"public,omitempty" required:"false" doc:"true lets anyone see the profile; otherwise only your mentees"`
}

func (f profileFields) profile() mentor.Profile {
	return mentor.Profile{Topics: f.Topics, Languages: f.Languages, TimeZone: f.TimeZone, MaxMentees: f.MaxMentees,
		MaxRequests: f.MaxRequests, Windows: f.Windows, Bio: f.Bio, Public: f.Public}
}

type putProfileInput struct{ Body profileFields }

// Resolve lists the profile's problems beside the schema's.
func (in *putProfileInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(_ context.Context, h *Handler, _ account.Principal) error {
		return h.Mentors.CheckProfile(in.Body.profile())
	})
}

// mentorProfileBody is a profile with the testimonials its mentor shows
// (a type of its own: plan has a Profile too).
type mentorProfileBody struct {
	mentor.Profile
	Testimonials []mentor.Testimonial `json:"testimonials,omitempty"`
}

type mentorProfileOut struct{ Body mentorProfileBody }

type mentorsOut struct{ Body []mentorProfileBody }

type idInput struct {
	ID int64 `path:"id"`
}

type queueOut struct{ Body []mentor.QueueItem }

type mentorRequestOut struct{ Body mentor.Request }

type mentorRequestsOut struct{ Body []mentor.Request }

type detailOut struct{ Body mentor.Detail }

type askInput struct{ Body mentor.Ask }

// Resolve lists the request's problems beside the schema's.
func (in *askInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(_ context.Context, h *Handler, _ account.Principal) error {
		return h.Mentors.CheckAsk(in.Body)
	})
}

type messageInput struct {
	ID   int64 `path:"id"`
	Body struct {
		Body string `json:"body" doc:"Markdown"`
	}
}

// Resolve lists the message's problems beside the schema's.
func (in *messageInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(context.Context, *Handler, account.Principal) error { return mentor.CheckMessage(in.Body.Body) })
}

type messageOut struct{ Body mentor.Message }

type feedbackInput struct {
	ID   int64 `path:"id"`
	Body mentor.Feedback
}

// Resolve lists the feedback's problems beside the schema's.
func (in *feedbackInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(context.Context, *Handler, account.Principal) error { return in.Body.Check() })
}

type mentorshipsOut struct{ Body []mentor.Mentorship }

type waitInput struct {
	Topic string `query:"topic" required:"true" doc:"a roadmap topic id"`
}

type waitOut struct {
	Body struct {
		Topic      string `json:"topic"`
		Answered   bool   `json:"answered" doc:"false when no request on the topic was answered in 30 days"`
		MedianWait string `json:"median_wait" doc:"in words"`
		Seconds    int64  `json:"median_seconds"`
	}
}

type mentorInviteInput struct {
	Body struct {
		Email string `json:"email,omitempty" required:"false" doc:"the person's email; empty for a link anyone holding it may use once"`
	}
}

// Resolve lists the invitation's problems beside the schema's.
func (in *mentorInviteInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(context.Context, *Handler, account.Principal) error { return mentor.CheckInvite(in.Body.Email) })
}

type mentorInviteOut struct {
	Body struct {
		mentor.Invitation
		Link string `json:"link" doc:"shown once: the person registers or accepts through it"`
	}
}

type mentorInvitationsOut struct{ Body []mentor.Invitation }

type acceptInput struct {
	Body struct {
		Code string `json:"code" doc:"the code of the invitation link"`
	}
}

type mentorInvitationOut struct{ Body mentor.Invitation }

type figuresOut struct {
	Body struct {
		mentor.Figures
		Testimonials []mentor.Testimonial `json:"testimonials"`
	}
}

type showInput struct {
	ID   int64 `path:"id" doc:"the request the testimonial was written on"`
	Body struct {
		Shown bool `json:"shown"`
	}
}

type proposalOut struct{ Body mentor.Proposal }

func (h *Handler) registerMentors(api huma.API) {
	tags := []string{"mentors"}
	op := func(id, method, path, summary string, status int) huma.Operation {
		return huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Tags: tags, DefaultStatus: status}
	}
	const req = "/api/v1/me/mentorship/requests/{id}"
	register(api, op("list-mentors", http.MethodGet, "/api/v1/mentors", "Public mentor profiles, and your own mentors'", 0), h.mentors)
	register(api, op("get-mentor", http.MethodGet, "/api/v1/mentors/{id}", "A mentor's profile with the testimonials they show", 0), h.mentorProfile)
	registerUser(api, op("my-mentor-profile", http.MethodGet, "/api/v1/mentor/profile", "My mentor profile", 0), h.myMentorProfile)
	registerUser(api, op("put-mentor-profile", http.MethodPut, "/api/v1/mentor/profile", "Write my mentor profile", 0), h.putMentorProfile)
	registerUser(api, op("mentor-queue", http.MethodGet, "/api/v1/mentor/queue", "Open requests on my topics, oldest first, with their wait", 0), h.mentorQueue)
	registerUser(api, op("lock-request", http.MethodPost, "/api/v1/mentor/queue/{id}/lock",
		"Hold a request for 30 minutes, or extend my hold; at most 4 at once; another mentor's hold is 409", 0), h.lockRequest)
	registerUser(api, op("unlock-request", http.MethodDelete, "/api/v1/mentor/queue/{id}/lock", "Give a held request back to the queue", http.StatusNoContent), h.unlockRequest)
	registerUser(api, op("mentor-requests", http.MethodGet, "/api/v1/mentor/requests", "Requests I took or hold", 0), h.mentorRequests)
	registerUser(api, op("mentor-figures", http.MethodGet, "/api/v1/mentor/figures", "My own figures and the testimonials I received", 0), h.mentorFigures)
	registerUser(api, op("show-testimonial", http.MethodPut, "/api/v1/mentor/testimonials/{id}", "Show or hide a testimonial on my profile", http.StatusNoContent), h.showTestimonial)
	registerUser(api, op("accept-mentor-invitation", http.MethodPost, "/api/v1/mentor/invitations/accept",
		"Become the mentor of the learner whose invitation this is", 0), h.acceptMentorInvitation)
	registerUser(api, op("ask-mentor", http.MethodPost, "/api/v1/me/mentorship/requests", "Ask for help; the item named is attached as it is now", http.StatusCreated), h.ask)
	registerUser(api, op("my-mentor-requests", http.MethodGet, "/api/v1/me/mentorship/requests", "My requests for help, newest first", 0), h.myRequests)
	registerUser(api, op("get-mentor-request", http.MethodGet, req, "A request with its thread; its mentor also sees the learner's context", 0), h.mentorRequest)
	registerUser(api, op("post-mentor-message", http.MethodPost, req+"/messages",
		"Write in a request's thread; the mentor holding it takes it by answering", http.StatusCreated), h.postMessage)
	registerUser(api, op("close-mentor-request", http.MethodPost, req+"/close", "Close a request's discussion", 0), h.closeRequest)
	registerUser(api, op("rate-mentor-request", http.MethodPut, req+"/feedback", "Rate a closed request (1 to 4) and leave a testimonial", 0), h.rateRequest)
	registerUser(api, op("my-mentorships", http.MethodGet, "/api/v1/me/mentorship/mentorships", "The people I mentor or am mentored by", 0), h.mentorships)
	registerUser(api, op("leave-mentorship", http.MethodDelete, "/api/v1/me/mentorship/mentorships/{id}",
		"Stop working with a mentor (or mentee), by their user id; the requests they had go back to the queue", http.StatusNoContent), h.leave)
	registerUser(api, op("median-wait", http.MethodGet, "/api/v1/me/mentorship/wait", "The median wait for a first answer on a topic, over 30 days", 0), h.medianWait)
	registerUser(api, op("invite-mentor", http.MethodPost, "/api/v1/me/mentorship/invitations", "Invite someone you know to be your mentor", http.StatusCreated), h.inviteMentor)
	registerUser(api, op("my-mentor-invitations", http.MethodGet, "/api/v1/me/mentorship/invitations", "The invitations I sent", 0), h.mentorInvitations)
	registerUser(api, op("preview-matching", http.MethodGet, "/api/v1/mentor-matching",
		"Admins: the best assignment of waiting learners to mentors with room, each pair's score explained", 0), h.previewMatching)
	registerUser(api, op("apply-matching", http.MethodPost, "/api/v1/mentor-matching", "Admins: make the assignment real", 0), h.applyMatching)
}

// viewer is the logged-in person, or nil for a visitor.
func viewer(ctx context.Context) *account.User {
	if p, ok := account.FromContext(ctx); ok {
		return &p.User
	}
	return nil
}

func (h *Handler) mentors(ctx context.Context, _ *struct{}) (*mentorsOut, error) {
	ps, err := h.Mentors.Directory(ctx, viewer(ctx))
	if err != nil {
		return nil, err
	}
	out := &mentorsOut{Body: make([]mentorProfileBody, len(ps))}
	for i, p := range ps {
		out.Body[i] = mentorProfileBody{Profile: p}
	}
	return out, nil
}

func (h *Handler) mentorProfile(ctx context.Context, in *idInput) (*mentorProfileOut, error) {
	p, t, err := h.Mentors.Profile(ctx, viewer(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &mentorProfileOut{Body: mentorProfileBody{Profile: p, Testimonials: t}}, nil
}

func (h *Handler) myMentorProfile(ctx context.Context, p account.Principal, _ *struct{}) (*mentorProfileOut, error) {
	prof, err := h.Mentors.MyProfile(ctx, p.User)
	if err != nil {
		return nil, err
	}
	return &mentorProfileOut{Body: mentorProfileBody{Profile: prof}}, nil
}

func (h *Handler) putMentorProfile(ctx context.Context, p account.Principal, in *putProfileInput) (*mentorProfileOut, error) {
	prof, err := h.Mentors.SaveProfile(ctx, p.User, in.Body.profile())
	if err != nil {
		return nil, err
	}
	return &mentorProfileOut{Body: mentorProfileBody{Profile: prof}}, nil
}

func (h *Handler) mentorQueue(ctx context.Context, p account.Principal, _ *struct{}) (*queueOut, error) {
	q, err := h.Mentors.Queue(ctx, p.User)
	if err != nil {
		return nil, err
	}
	return &queueOut{Body: q}, nil
}

func (h *Handler) lockRequest(ctx context.Context, p account.Principal, in *idInput) (*mentorRequestOut, error) {
	r, err := h.Mentors.Lock(ctx, p.User, in.ID)
	if err != nil {
		return nil, err
	}
	return &mentorRequestOut{Body: r}, nil
}

func (h *Handler) unlockRequest(ctx context.Context, p account.Principal, in *idInput) (*struct{}, error) {
	return nil, h.Mentors.Unlock(ctx, p.User, in.ID)
}

func (h *Handler) mentorRequests(ctx context.Context, p account.Principal, _ *struct{}) (*mentorRequestsOut, error) {
	rs, err := h.Mentors.Taken(ctx, p.User)
	if err != nil {
		return nil, err
	}
	return &mentorRequestsOut{Body: rs}, nil
}

func (h *Handler) mentorFigures(ctx context.Context, p account.Principal, _ *struct{}) (*figuresOut, error) {
	f, t, err := h.Mentors.MyFigures(ctx, p.User)
	if err != nil {
		return nil, err
	}
	out := &figuresOut{}
	out.Body.Figures, out.Body.Testimonials = f, t
	return out, nil
}

func (h *Handler) showTestimonial(ctx context.Context, p account.Principal, in *showInput) (*struct{}, error) {
	return nil, h.Mentors.Show(ctx, p.User, in.ID, in.Body.Shown)
}

func (h *Handler) acceptMentorInvitation(ctx context.Context, p account.Principal, in *acceptInput) (*mentorInvitationOut, error) {
	inv, err := h.Mentors.Accept(ctx, p.User, in.Body.Code)
	if err != nil {
		return nil, err
	}
	return &mentorInvitationOut{Body: inv}, nil
}

func (h *Handler) ask(ctx context.Context, p account.Principal, in *askInput) (*mentorRequestOut, error) {
	r, err := h.Mentors.Ask(ctx, p.User, in.Body)
	if err != nil {
		return nil, err
	}
	return &mentorRequestOut{Body: r}, nil
}

func (h *Handler) myRequests(ctx context.Context, p account.Principal, _ *struct{}) (*mentorRequestsOut, error) {
	rs, err := h.Mentors.Mine(ctx, p.User)
	if err != nil {
		return nil, err
	}
	return &mentorRequestsOut{Body: rs}, nil
}

func (h *Handler) mentorRequest(ctx context.Context, p account.Principal, in *idInput) (*detailOut, error) {
	d, err := h.Mentors.Get(ctx, p.User, in.ID)
	if err != nil {
		return nil, err
	}
	return &detailOut{Body: d}, nil
}

func (h *Handler) postMessage(ctx context.Context, p account.Principal, in *messageInput) (*messageOut, error) {
	m, err := h.Mentors.Reply(ctx, p.User, in.ID, in.Body.Body)
	if err != nil {
		return nil, err
	}
	return &messageOut{Body: m}, nil
}

func (h *Handler) closeRequest(ctx context.Context, p account.Principal, in *idInput) (*mentorRequestOut, error) {
	r, err := h.Mentors.Close(ctx, p.User, in.ID)
	if err != nil {
		return nil, err
	}
	return &mentorRequestOut{Body: r}, nil
}

func (h *Handler) rateRequest(ctx context.Context, p account.Principal, in *feedbackInput) (*mentorRequestOut, error) {
	r, err := h.Mentors.Rate(ctx, p.User, in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &mentorRequestOut{Body: r}, nil
}

func (h *Handler) mentorships(ctx context.Context, p account.Principal, _ *struct{}) (*mentorshipsOut, error) {
	ms, err := h.Mentors.Mentorships(ctx, p.User)
	if err != nil {
		return nil, err
	}
	return &mentorshipsOut{Body: ms}, nil
}

func (h *Handler) leave(ctx context.Context, p account.Principal, in *idInput) (*struct{}, error) {
	return nil, h.Mentors.Leave(ctx, p.User, in.ID)
}

func (h *Handler) medianWait(ctx context.Context, _ account.Principal, in *waitInput) (*waitOut, error) {
	w, ok, err := h.Mentors.MedianWait(ctx, in.Topic)
	if err != nil {
		return nil, err
	}
	out := &waitOut{}
	out.Body.Topic, out.Body.Answered, out.Body.Seconds = in.Topic, ok, int64(w.Seconds())
	if ok {
		out.Body.MedianWait = mentor.Words(w)
	}
	return out, nil
}

func (h *Handler) inviteMentor(ctx context.Context, p account.Principal, in *mentorInviteInput) (*mentorInviteOut, error) {
	inv, code, err := h.Mentors.Invite(ctx, p.User, in.Body.Email)
	if err != nil {
		return nil, err
	}
	out := &mentorInviteOut{}
	out.Body.Invitation, out.Body.Link = inv, h.BaseURL+"/mentor/invitation/"+code
	return out, nil
}

func (h *Handler) mentorInvitations(ctx context.Context, p account.Principal, _ *struct{}) (*mentorInvitationsOut, error) {
	is, err := h.Mentors.Invitations(ctx, p.User)
	if err != nil {
		return nil, err
	}
	return &mentorInvitationsOut{Body: is}, nil
}

func (h *Handler) previewMatching(ctx context.Context, p account.Principal, _ *struct{}) (*proposalOut, error) {
	pr, err := h.Mentors.Propose(ctx, p.User)
	if err != nil {
		return nil, err
	}
	return &proposalOut{Body: pr}, nil
}

func (h *Handler) applyMatching(ctx context.Context, p account.Principal, _ *struct{}) (*proposalOut, error) {
	pr, err := h.Mentors.Apply(ctx, p.User)
	if err != nil {
		return nil, err
	}
	return &proposalOut{Body: pr}, nil
}

type sessionInput struct{ Body mentor.SessionPlan }

// Resolve lists the session's problems beside the schema's.
func (in *sessionInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(_ context.Context, h *Handler, _ account.Principal) error { return h.Mentors.CheckSession(in.Body) })
}

type sessionOut struct{ Body mentor.Session }

type sessionsOut struct{ Body []mentor.Session }

type outcomeInput struct {
	ID   int64 `path:"id"`
	Body mentor.Outcome
}

// Resolve lists the outcome's problems beside the schema's.
func (in *outcomeInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(context.Context, *Handler, account.Principal) error { return in.Body.Check() })
}

func (h *Handler) registerSessions(api huma.API) {
	tags := []string{"mentors"}
	const path = "/api/v1/me/mentorship/sessions"
	registerUser(api, huma.Operation{OperationID: "schedule-session", Method: http.MethodPost, Path: path, Tags: tags, DefaultStatus: http.StatusCreated,
		Summary:     "Schedule a session with my mentor or mentee",
		Description: "Not in the past, and not overlapping the mentor's other sessions. Both people get an iCalendar invitation by email when the server sends email, and the session appears in both calendar feeds."},
		h.scheduleSession)
	registerUser(api, huma.Operation{OperationID: "my-sessions", Method: http.MethodGet, Path: path, Tags: tags,
		Summary: "My mentoring sessions, the latest first"}, h.sessions)
	registerUser(api, huma.Operation{OperationID: "get-session", Method: http.MethodGet, Path: path + "/{id}", Tags: tags,
		Summary: "One of my sessions"}, h.session)
	registerUser(api, huma.Operation{OperationID: "record-session", Method: http.MethodPut, Path: path + "/{id}/outcome", Tags: tags,
		Summary: "Write a session's notes and action items, once it has begun"}, h.recordSession)
}

func (h *Handler) scheduleSession(ctx context.Context, p account.Principal, in *sessionInput) (*sessionOut, error) {
	s, err := h.Mentors.Schedule(ctx, p.User, in.Body)
	if err != nil {
		return nil, err
	}
	return &sessionOut{Body: s}, nil
}

func (h *Handler) sessions(ctx context.Context, p account.Principal, _ *struct{}) (*sessionsOut, error) {
	ss, err := h.Mentors.Sessions(ctx, p.User)
	if err != nil {
		return nil, err
	}
	return &sessionsOut{Body: ss}, nil
}

func (h *Handler) session(ctx context.Context, p account.Principal, in *idInput) (*sessionOut, error) {
	s, err := h.Mentors.GetSession(ctx, p.User, in.ID)
	if err != nil {
		return nil, err
	}
	return &sessionOut{Body: s}, nil
}

func (h *Handler) recordSession(ctx context.Context, p account.Principal, in *outcomeInput) (*sessionOut, error) {
	s, err := h.Mentors.Record(ctx, p.User, in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &sessionOut{Body: s}, nil
}
