package mentor

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
)

// Message is one message of a request's thread, in Markdown.
type Message struct {
	ID         int64     `json:"id"`
	RequestID  int64     `json:"request_id"`
	AuthorID   int64     `json:"author_id"`
	AuthorName string    `json:"author_name"`
	Body       string    `json:"body" doc:"Markdown"`
	CreatedAt  time.Time `json:"created_at"`
}

// Note is a notification mentorship sends.
type Note struct {
	Kind  string // "reply" or "reminder"
	Key   string // unique per kind, so a retry tells nobody twice
	Title string
	Body  string
	Link  string
}

// Thread rules: a quiet discussion is closed after 28 days, with a
// reminder a week before.
const (
	CloseAfter  = 28 * 24 * time.Hour
	RemindAfter = 21 * 24 * time.Hour
	maxBodyLen  = 20_000
)

// CheckMessage returns the problems Reply would find in body.
func CheckMessage(body string) error {
	body = strings.TrimSpace(body)
	p := app.Problems{}
	if body == "" {
		p.Add("body", "required")
	}
	if len(body) > maxBodyLen {
		p.Add("body", fmt.Sprintf("at most %d characters", maxBodyLen))
	}
	return p.Err()
}

// Reply adds who's message to a request's thread. The mentor holding the
// lock takes the request by answering it: it leaves the queue and becomes
// theirs, and they become the learner's mentor.
func (s *Service) Reply(ctx context.Context, who account.User, id int64, body string) (Message, error) {
	if err := CheckMessage(body); err != nil {
		return Message{}, err
	}
	r, role, err := s.visible(ctx, who, id)
	if err != nil {
		return Message{}, err
	}
	if r.Status == Closed {
		return Message{}, app.Errorf(app.Conflict, "this request is closed")
	}
	m := Message{RequestID: id, AuthorID: who.ID, AuthorName: who.Name, Body: strings.TrimSpace(body), CreatedAt: s.now().UTC()}
	if m, err = s.store.MentorReply(ctx, m, role == "holder"); err != nil {
		return Message{}, err
	}
	s.tellReply(ctx, who, r, role)
	return m, nil
}

// tellReply tells the other side of a thread that a message came.
func (s *Service) tellReply(ctx context.Context, who account.User, r Request, role string) {
	to := r.LearnerID
	if role == "learner" {
		if r.MentorID == nil {
			return
		}
		to = *r.MentorID
	}
	n := Note{Kind: "reply", Key: strconv.FormatInt(r.ID, 10) + ":" + strconv.FormatInt(s.now().UnixNano(), 10),
		Title: who.Name + " answered on " + r.TopicTitle, Body: "A new message in your mentoring thread.",
		Link: "/mentorship/requests/" + strconv.FormatInt(r.ID, 10)}
	s.tell(ctx, to, n)
}

func (s *Service) tell(ctx context.Context, user int64, n Note) {
	if s.src.Tell == nil {
		return
	}
	if err := s.src.Tell(ctx, user, n); err != nil {
		app.Logger(ctx).Warn("notifying of mentorship", "kind", n.Kind, "err", err)
	}
}

// Close ends a request's discussion; its learner or its mentor may.
func (s *Service) Close(ctx context.Context, who account.User, id int64) (Request, error) {
	r, role, err := s.visible(ctx, who, id)
	if err != nil {
		return Request{}, err
	}
	if role == "holder" {
		return Request{}, app.Errorf(app.Conflict, "answer the request or let it go; only its learner or mentor closes it")
	}
	if r.Status == Closed {
		return r, nil
	}
	if err := s.store.CloseMentorRequest(ctx, id, s.now().UTC()); err != nil {
		return Request{}, err
	}
	r, _, err = s.visible(ctx, who, id)
	return r, err
}

// Ratings are the four levels a learner rates a closed request on.
var Ratings = []string{1: "Not helpful", 2: "Somewhat helpful", 3: "Helpful", 4: "Exceptional"}

// Feedback is the learner's rating of a closed request, and their words.
type Feedback struct {
	Rating      int    `json:"rating" doc:"1 not helpful, 2 somewhat, 3 helpful, 4 exceptional"`
	Testimonial string `json:"testimonial,omitempty" required:"false" doc:"words the mentor may show on their profile"`
}

// Check names the wrong fields of f.
func (f Feedback) Check() error {
	p := app.Problems{}
	if f.Rating < 1 || f.Rating > 4 {
		p.Add("rating", "must be from 1 (not helpful) to 4 (exceptional)")
	}
	if len(f.Testimonial) > 2000 {
		p.Add("testimonial", "at most 2000 characters")
	}
	return p.Err()
}

// Rate records the learner's feedback on a closed request they had help on.
func (s *Service) Rate(ctx context.Context, who account.User, id int64, f Feedback) (Request, error) {
	if err := f.Check(); err != nil {
		return Request{}, err
	}
	r, role, err := s.visible(ctx, who, id)
	if err != nil {
		return Request{}, err
	}
	if role != "learner" {
		return Request{}, app.Errorf(app.NotFound, "request %d not found", id)
	}
	if r.Status != Closed || r.MentorID == nil {
		return Request{}, &app.Error{Code: app.Conflict, Message: "rate a request once a mentor has answered it and it is closed",
			Fields: map[string]string{"rating": "only a closed, answered request can be rated"}}
	}
	if err := s.store.RateMentorRequest(ctx, id, f.Rating, strings.TrimSpace(f.Testimonial)); err != nil {
		return Request{}, err
	}
	r, _, err = s.visible(ctx, who, id)
	return r, err
}

// Testimonial is a learner's words about a mentor.
type Testimonial struct {
	RequestID   int64     `json:"request_id"`
	LearnerName string    `json:"learner_name"`
	Rating      int       `json:"rating"`
	Text        string    `json:"text"`
	Shown       bool      `json:"shown"`
	ClosedAt    time.Time `json:"closed_at"`
}

// Show lets a mentor show, or hide, a testimonial on their public profile.
func (s *Service) Show(ctx context.Context, who account.User, id int64, shown bool) error {
	return s.store.ShowTestimonial(ctx, who.ID, id, shown)
}

// Figures are a mentor's own figures: never a ranking, and only theirs.
type Figures struct {
	Handled      int     `json:"handled" doc:"requests taken"`
	Closed       int     `json:"closed"`
	Mentees      int     `json:"mentees" doc:"learners mentored now"`
	MedianAnswer string  `json:"median_response" doc:"median time from a request to the first answer, in words"`
	Ratings      [5]int  `json:"ratings" doc:"count per rating, index 1 to 4"`
	MeanRating   float64 `json:"mean_rating"`
}

// MyFigures returns who's figures and every testimonial they received.
func (s *Service) MyFigures(ctx context.Context, who account.User) (Figures, []Testimonial, error) {
	if !isMentor(who) {
		return Figures{}, nil, errNotMentor
	}
	f, answers, err := s.store.MentorFigures(ctx, who.ID)
	if err != nil {
		return Figures{}, nil, err
	}
	if len(answers) > 0 {
		f.MedianAnswer = Words(Median(answers))
	}
	n, sum := 0, 0
	for r := 1; r <= 4; r++ {
		n += f.Ratings[r]
		sum += r * f.Ratings[r]
	}
	if n > 0 {
		f.MeanRating = float64(sum) / float64(n)
	}
	t, err := s.store.Testimonials(ctx, who.ID, false)
	return f, t, err
}

// TidyJob reminds quiet discussions and closes the stale ones.
type TidyJob struct{}

// Kind names the job for the queue.
func (TidyJob) Kind() string { return "mentor_tidy_threads" }

// Tidy reminds both sides of a discussion quiet for 21 days, once, and
// closes those quiet for 28.
func (s *Service) Tidy(ctx context.Context) (closed int, err error) {
	now := s.now().UTC()
	quiet, err := s.store.QuietMentorRequests(ctx, now.Add(-RemindAfter))
	if err != nil {
		return 0, err
	}
	for _, r := range quiet {
		r = s.dress(r)
		if !r.LastMessage.After(now.Add(-CloseAfter)) {
			if err := s.store.CloseMentorRequest(ctx, r.ID, now); err != nil {
				return closed, err
			}
			closed++
			continue
		}
		if r.Reminded {
			continue
		}
		if err := s.store.MarkMentorReminded(ctx, r.ID, now); err != nil {
			return closed, err
		}
		n := Note{Kind: "reminder", Key: strconv.FormatInt(r.ID, 10) + ":" + r.LastMessage.Format(time.RFC3339),
			Title: "Your discussion on " + r.TopicTitle + " is quiet",
			Body:  "No message for three weeks: it closes by itself in a week unless someone writes.",
			Link:  "/mentorship/requests/" + strconv.FormatInt(r.ID, 10)}
		s.tell(ctx, r.LearnerID, n)
		if r.MentorID != nil {
			s.tell(ctx, *r.MentorID, n)
		}
	}
	return closed, nil
}
