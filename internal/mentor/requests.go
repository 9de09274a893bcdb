package mentor

import (
	"context"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
)

// Mentorship is a mentor and a learner working together.
type Mentorship struct {
	ID          int64     `json:"id"`
	MentorID    int64     `json:"mentor_id"`
	MentorName  string    `json:"mentor_name"`
	LearnerID   int64     `json:"learner_id"`
	LearnerName string    `json:"learner_name"`
	StartedAt   time.Time `json:"started_at"`
}

// Detail is a request with what its reader may see beside it.
type Detail struct {
	Request
	Context  *LearnerContext `json:"context,omitempty" doc:"for the mentor: the learner's prerequisites and plan"`
	Messages []Message       `json:"messages"`
	// MedianWait is the topic's median wait for a first answer over
	// 30 days, in words; empty when none was answered.
	MedianWait string `json:"median_wait"`
	// Role is how the reader stands: learner, mentor (took it) or holder (holds its lock).
	Role string `json:"role"`
}

// CheckAsk returns the problems Ask would find in a, without reading the item.
func (s *Service) CheckAsk(a Ask) error { return a.normalized().Validate(s.known) }

// Ask makes a request for help. Naming a mentor is allowed only for one
// the learner already works with; the request then waits for them alone.
func (s *Service) Ask(ctx context.Context, who account.User, a Ask) (Request, error) {
	a = a.normalized()
	if err := a.Validate(s.known); err != nil {
		return Request{}, err
	}
	if a.WantMentor != nil && !s.mentoring(ctx, *a.WantMentor, who.ID) {
		return Request{}, app.FieldError("mentor_id", "is not one of your mentors: ask the queue, or invite them")
	}
	att, err := s.src.Attach(ctx, who.ID, a.Kind, a.ItemID)
	if app.ErrorCode(err) == app.NotFound {
		return Request{}, app.FieldError("item_id", "is not one of your items of this kind")
	}
	if err != nil {
		return Request{}, err
	}
	if len(att.Body) > maxItemBody {
		att.Body = att.Body[:maxItemBody]
	}
	now := s.now().UTC()
	r := Request{LearnerID: who.ID, Topic: a.Topic, Kind: a.Kind, ItemID: a.ItemID, Question: a.Question,
		Language: a.Language, WantMentor: a.WantMentor, Status: Open, CreatedAt: now, LastMessage: now}
	if att != (Attachment{}) {
		r.Attachment = &att
	}
	r, err = s.store.CreateMentorRequest(ctx, r)
	return s.dress(r), err
}

// dress adds the topic's title.
func (s *Service) dress(r Request) Request {
	r.TopicTitle, _ = s.src.Topic(r.Topic)
	return r
}

// Mine lists who's own requests, newest first.
func (s *Service) Mine(ctx context.Context, who account.User) ([]Request, error) {
	rs, err := s.store.LearnerMentorRequests(ctx, who.ID)
	for i := range rs {
		rs[i] = s.dress(rs[i])
	}
	return rs, err
}

// Taken lists the requests who took as a mentor or holds the lock on.
func (s *Service) Taken(ctx context.Context, who account.User) ([]Request, error) {
	if !isMentor(who) {
		return nil, errNotMentor
	}
	rs, err := s.store.TakenMentorRequests(ctx, who.ID, s.now())
	for i := range rs {
		rs[i] = s.dress(rs[i])
	}
	return rs, err
}

// role says how who stands to a request: "learner", "mentor" (took it),
// "holder" (holds its live lock) or "" (may not see it).
func (s *Service) role(who account.User, r Request) string {
	switch {
	case r.LearnerID == who.ID:
		return "learner"
	case r.MentorID != nil && *r.MentorID == who.ID:
		return "mentor"
	case r.LockedFor(who.ID, s.now()):
		return "holder"
	}
	return ""
}

// visible returns request id if who may see it: its learner, the mentor
// who took it, or the mentor holding its lock. Anyone else gets NotFound,
// as if it did not exist.
func (s *Service) visible(ctx context.Context, who account.User, id int64) (Request, string, error) {
	r, err := s.store.MentorRequest(ctx, id)
	if err != nil {
		return Request{}, "", err
	}
	role := s.role(who, r)
	if role == "" {
		return Request{}, "", app.Errorf(app.NotFound, "request %d not found", id)
	}
	return s.dress(r), role, nil
}

// Get returns a request with its thread; its mentor (or lock holder) also
// gets the learner's context for its topic.
func (s *Service) Get(ctx context.Context, who account.User, id int64) (Detail, error) {
	r, role, err := s.visible(ctx, who, id)
	if err != nil {
		return Detail{}, err
	}
	d := Detail{Request: r, Role: role}
	if d.Messages, err = s.store.MentorMessages(ctx, id); err != nil {
		return Detail{}, err
	}
	if role != "learner" {
		c, err := s.src.Context(ctx, r.LearnerID, r.Topic)
		if err != nil {
			return Detail{}, err
		}
		d.Context = &c
	} else if r.Status == Open {
		if w, ok, err := s.MedianWait(ctx, r.Topic); err != nil {
			return Detail{}, err
		} else if ok {
			d.MedianWait = Words(w)
		}
	}
	return d, nil
}

// Mentorships lists who's live mentorships, as learner and as mentor.
func (s *Service) Mentorships(ctx context.Context, who account.User) ([]Mentorship, error) {
	return s.store.Mentorships(ctx, who.ID)
}

// Leave ends the mentorship between who and other, whichever side who is
// on; the learner's requests the mentor had taken go back to the queue.
func (s *Service) Leave(ctx context.Context, who account.User, other int64) error {
	switch {
	case s.mentoring(ctx, other, who.ID):
		return s.store.EndMentorship(ctx, other, who.ID, s.now())
	case s.mentoring(ctx, who.ID, other):
		return s.store.EndMentorship(ctx, who.ID, other, s.now())
	}
	return app.Errorf(app.NotFound, "mentorship not found")
}
