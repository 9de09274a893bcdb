package mentor

import (
	"context"
	"slices"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
)

// Store is the storage mentorship needs. Methods that read a request
// return it whoever asks: the service decides who may see it.
type Store interface {
	PutMentorProfile(ctx context.Context, p Profile) (Profile, error)
	MentorProfile(ctx context.Context, user int64) (Profile, error)
	MentorProfiles(ctx context.Context) ([]Profile, error)

	CreateMentorRequest(ctx context.Context, r Request) (Request, error)
	MentorRequest(ctx context.Context, id int64) (Request, error)
	LearnerMentorRequests(ctx context.Context, learner int64) ([]Request, error)
	// TakenMentorRequests lists the requests mentor took or holds a live lock on at now.
	TakenMentorRequests(ctx context.Context, mentor int64, now time.Time) ([]Request, error)
	// MentorQueue lists open requests on mentor's topics that nobody else holds
	// at now, and that name no other mentor, oldest first.
	MentorQueue(ctx context.Context, mentor int64, now time.Time, limit int) ([]QueueItem, error)
	// LockMentorRequest holds an open request for mentor until until, if the rules of
	// Limits allow it at now; another mentor's live lock is a Conflict.
	LockMentorRequest(ctx context.Context, id, mentor int64, now, until time.Time, l Limits) (Request, error)
	UnlockMentorRequest(ctx context.Context, id, mentor int64) error
	ReleaseMentorLocks(ctx context.Context, now time.Time) (int64, error)
	// MentorWaits are the waits of the topic's requests first answered since.
	MentorWaits(ctx context.Context, topic string, since time.Time) ([]time.Duration, error)

	Mentorships(ctx context.Context, user int64) ([]Mentorship, error)
	Mentoring(ctx context.Context, mentor, learner int64) (bool, error)
	// EndMentorship ends the pair's mentorship and puts the learner's
	// requests the mentor had taken back in the queue.
	EndMentorship(ctx context.Context, mentor, learner int64, at time.Time) error

	// MentorReply adds a message; take also makes the request the mentor's (it
	// must be open and locked by them), starting their mentorship.
	MentorReply(ctx context.Context, m Message, take bool) (Message, error)
	MentorMessages(ctx context.Context, request int64) ([]Message, error)
	CloseMentorRequest(ctx context.Context, id int64, at time.Time) error
	RateMentorRequest(ctx context.Context, id int64, rating int, testimonial string) error
	ShowTestimonial(ctx context.Context, mentor, id int64, shown bool) error
	Testimonials(ctx context.Context, mentor int64, shownOnly bool) ([]Testimonial, error)
	MentorFigures(ctx context.Context, mentor int64) (Figures, []time.Duration, error)
	// QuietMentorRequests lists active requests with no message since before.
	QuietMentorRequests(ctx context.Context, before time.Time) ([]Request, error)
	MarkMentorReminded(ctx context.Context, id int64, at time.Time) error

	CreateMentorInvitation(ctx context.Context, inv Invitation, hash []byte) (Invitation, error)
	MentorInvitationByHash(ctx context.Context, hash []byte) (Invitation, error)
	PendingMentorInvitations(ctx context.Context, email string, now time.Time) ([]Invitation, error)
	LearnerMentorInvitations(ctx context.Context, learner int64) ([]Invitation, error)
	// AcceptMentorInvitation marks the invitation taken by mentor and starts
	// the mentorship with its learner, in one transaction.
	AcceptMentorInvitation(ctx context.Context, id, mentor int64, at time.Time) (Invitation, error)

	// CreateMentorSession stores a session unless it overlaps another of
	// the mentor's, which is an Invalid error on starts_at.
	// With letter, the session's SessionLetterJob is queued in the same transaction.
	CreateMentorSession(ctx context.Context, s Session, letter bool) (Session, error)
	MentorSession(ctx context.Context, id int64) (Session, error)
	// MentorSessions lists a person's sessions on either side, the latest first.
	MentorSessions(ctx context.Context, user int64) ([]Session, error)
	RecordMentorSession(ctx context.Context, id int64, notes string, actions []string) error

	WaitingMentees(ctx context.Context) ([]Waiting, error)
	// AssignMentors starts each pair's mentorship and gives the mentor the
	// learner's open requests on the mentor's topics.
	AssignMentors(ctx context.Context, pairs []Pair, at time.Time) error
}

// Sources are what mentorship reads from the rest of devpath, wired by the server.
type Sources struct {
	// Topic gives a roadmap topic's title; ok is false for an unknown id.
	Topic func(id string) (title string, ok bool)
	// Attach copies the item a request attaches; the learner's other
	// items are NotFound.
	Attach func(ctx context.Context, learner int64, kind Kind, item *int64) (Attachment, error)
	// Context is what a mentor may see of the learner beside a request.
	Context func(ctx context.Context, learner int64, topic string) (LearnerContext, error)
	// Zone is a learner's time zone.
	Zone func(ctx context.Context, user int64) *time.Location
	// Tell notifies a person; a failure is logged by the caller of Tell.
	Tell func(ctx context.Context, user int64, n Note) error
	// Promote gives a person the mentor role (learners only).
	Promote func(ctx context.Context, u account.User) error
}

// LearnerContext is the learner's situation as their mentor sees it.
type LearnerContext struct {
	Prerequisites []TopicState `json:"prerequisites" doc:"the learner's status on the topic's prerequisites"`
	Plan          string       `json:"plan" doc:"the learner's plan in words: on track, behind, or none"`
}

// TopicState is a learner's status on one topic.
type TopicState struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Status string `json:"status"`
}

// Service is mentorship.
type Service struct {
	store   Store
	src     Sources
	now     func() time.Time
	letters bool // the server sends email: sessions queue their invitation letters
}

// SendLetters says whether the server can send email.
func (s *Service) SendLetters(on bool) { s.letters = on }

// NewService returns the mentorship service.
func NewService(store Store, src Sources, now func() time.Time) *Service {
	return &Service{store: store, src: src, now: now}
}

func (s *Service) known(id string) bool {
	_, ok := s.src.Topic(id)
	return ok
}

func isMentor(who account.User) bool { return who.Role == account.Mentor || who.Role == account.Admin }

var errNotMentor = app.Errorf(app.Forbidden, "only mentors have a mentor profile and a queue: ask an admin, or accept a learner's invitation")

// CheckProfile returns the problems SaveProfile would find in p.
func (s *Service) CheckProfile(p Profile) error { return p.Normalized().Validate(s.known) }

// SaveProfile writes who's mentor profile.
func (s *Service) SaveProfile(ctx context.Context, who account.User, p Profile) (Profile, error) {
	if !isMentor(who) {
		return Profile{}, errNotMentor
	}
	p = p.Normalized()
	if err := p.Validate(s.known); err != nil {
		return Profile{}, err
	}
	p.UserID, p.Name, p.UpdatedAt = who.ID, who.Name, s.now().UTC()
	return s.store.PutMentorProfile(ctx, p)
}

// MyProfile is who's own mentor profile.
func (s *Service) MyProfile(ctx context.Context, who account.User) (Profile, error) {
	if !isMentor(who) {
		return Profile{}, errNotMentor
	}
	return s.store.MentorProfile(ctx, who.ID)
}

// Profile is a mentor's profile as who may see it: public ones for
// anyone, the others for their own mentees; anyone else gets NotFound.
func (s *Service) Profile(ctx context.Context, who *account.User, mentor int64) (Profile, []Testimonial, error) {
	p, err := s.store.MentorProfile(ctx, mentor)
	if err != nil {
		return Profile{}, nil, err
	}
	if !p.Public && (who == nil || (who.ID != mentor && !s.mentoring(ctx, mentor, who.ID))) {
		return Profile{}, nil, app.Errorf(app.NotFound, "mentor not found")
	}
	t, err := s.store.Testimonials(ctx, mentor, true)
	return p, t, err
}

func (s *Service) mentoring(ctx context.Context, mentor, learner int64) bool {
	ok, err := s.store.Mentoring(ctx, mentor, learner)
	return err == nil && ok
}

// Directory lists the public mentor profiles, and the mentors who mentor who.
func (s *Service) Directory(ctx context.Context, who *account.User) ([]Profile, error) {
	all, err := s.store.MentorProfiles(ctx)
	if err != nil {
		return nil, err
	}
	mine := map[int64]bool{}
	if who != nil {
		ms, err := s.store.Mentorships(ctx, who.ID)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			mine[m.MentorID] = true
		}
	}
	return slices.DeleteFunc(all, func(p Profile) bool { return !p.Public && !mine[p.UserID] }), nil
}
