package mentor

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"devpath/internal/account"
	"devpath/internal/app"
)

// Session is a meeting of a mentor and a mentee. Notes and action items
// are written after it; an action item may become a plan review.
type Session struct {
	ID          int64     `json:"id"`
	MentorID    int64     `json:"mentor_id"`
	MentorName  string    `json:"mentor_name"`
	LearnerID   int64     `json:"learner_id"`
	LearnerName string    `json:"learner_name"`
	StartsAt    time.Time `json:"starts_at"`
	EndsAt      time.Time `json:"ends_at"`
	Place       string    `json:"place" doc:"a link to a call, or a place"`
	Agenda      string    `json:"agenda"`
	Notes       string    `json:"notes" doc:"Markdown, written after the session"`
	Actions     []string  `json:"actions" doc:"action items agreed, written after the session"`
	CreatedAt   time.Time `json:"created_at"`

	MentorEmail, LearnerEmail string `json:"-"` // for the invitation letters
}

// SessionLetterJob mails both people a session's iCalendar invitation.
type SessionLetterJob struct {
	SessionID int64 `json:"session_id"`
}

// Kind names the job for the queue.
func (SessionLetterJob) Kind() string { return "mentor_session_letter" }

// ICS is the session as an iCalendar invitation (METHOD:REQUEST) from the
// mentor to the mentee; host makes the event's UID unique to this site.
func (s Session) ICS(host string, now time.Time) ([]byte, error) {
	cal := ics.NewCalendar()
	cal.SetProductId("-//devpath//mentoring//EN")
	cal.SetMethod(ics.MethodRequest)
	ev := cal.AddEvent(fmt.Sprintf("mentor-session-%d@%s", s.ID, host))
	ev.SetDtStampTime(now.UTC())
	ev.SetStartAt(s.StartsAt.UTC())
	ev.SetEndAt(s.EndsAt.UTC())
	ev.SetSequence(0)
	ev.SetSummary("Mentoring: " + s.MentorName + " and " + s.LearnerName)
	if s.Place != "" {
		ev.SetLocation(s.Place)
	}
	if s.Agenda != "" {
		ev.SetDescription(s.Agenda)
	}
	ev.SetOrganizer("mailto:"+s.MentorEmail, ics.WithCN(s.MentorName))
	ev.AddAttendee("mailto:"+s.MentorEmail, ics.WithCN(s.MentorName), ics.ParticipationStatusAccepted)
	ev.AddAttendee("mailto:"+s.LearnerEmail, ics.WithCN(s.LearnerName), ics.ParticipationStatusNeedsAction, ics.WithRSVP(true))
	var b bytes.Buffer
	err := cal.SerializeTo(&b, ics.WithNewLineWindows)
	return b.Bytes(), err
}

// SessionPlan is what one side sends to schedule a session with the other.
type SessionPlan struct {
	With     int64     `json:"with" doc:"the user id of your mentor or mentee"`
	StartsAt time.Time `json:"starts_at" doc:"RFC 3339, in the future"`
	Minutes  int       `json:"minutes" doc:"15 to 240"`
	Place    string    `json:"place,omitempty" required:"false" doc:"a link to a call, or a place"`
	Agenda   string    `json:"agenda,omitempty" required:"false"`
}

// Check names every wrong field of p at now.
func (p SessionPlan) Check(now time.Time) error {
	pr := app.Problems{}
	if p.With == 0 {
		pr.Add("with", "required: the mentor or mentee you meet")
	}
	switch {
	case p.StartsAt.IsZero():
		pr.Add("starts_at", "required")
	case !p.StartsAt.After(now):
		pr.Add("starts_at", "must be in the future")
	}
	if p.Minutes < 15 || p.Minutes > 240 {
		pr.Add("minutes", "must be from 15 to 240")
	}
	if len(p.Place) > 500 {
		pr.Add("place", "at most 500 characters")
	}
	if len(p.Agenda) > 5000 {
		pr.Add("agenda", "at most 5000 characters")
	}
	return pr.Err()
}

// CheckSession returns the problems Schedule would find in p, reading nothing.
func (s *Service) CheckSession(p SessionPlan) error { return p.Check(s.now()) }

// Schedule books a session between who and a mentor or mentee of theirs.
// A time that overlaps another session of the mentor is refused, naming it.
func (s *Service) Schedule(ctx context.Context, who account.User, p SessionPlan) (Session, error) {
	if err := s.CheckSession(p); err != nil {
		return Session{}, err
	}
	sess := Session{StartsAt: p.StartsAt.UTC(), EndsAt: p.StartsAt.UTC().Add(time.Duration(p.Minutes) * time.Minute),
		Place: strings.TrimSpace(p.Place), Agenda: strings.TrimSpace(p.Agenda), Actions: []string{}, CreatedAt: s.now().UTC()}
	switch {
	case s.mentoring(ctx, who.ID, p.With):
		sess.MentorID, sess.LearnerID = who.ID, p.With
	case s.mentoring(ctx, p.With, who.ID):
		sess.MentorID, sess.LearnerID = p.With, who.ID
	default:
		return Session{}, app.FieldError("with", "is not your mentor or mentee")
	}
	sess, err := s.store.CreateMentorSession(ctx, sess, s.letters)
	if err != nil {
		return Session{}, err
	}
	other := sess.LearnerID
	if other == who.ID {
		other = sess.MentorID
	}
	s.tell(ctx, other, Note{Kind: "session", Key: strconv.FormatInt(sess.ID, 10),
		Title: who.Name + " scheduled a mentoring session", Body: "On " + sess.StartsAt.Format("2 January 2006, 15:04 UTC") + ".",
		Link: "/mentorship/sessions/" + strconv.FormatInt(sess.ID, 10)})
	return sess, nil
}

// SessionToMail returns a session with the two people's emails, for its
// letters; ok is false when it is gone.
func (s *Service) SessionToMail(ctx context.Context, id int64) (Session, bool, error) {
	sess, err := s.store.MentorSession(ctx, id)
	if app.ErrorCode(err) == app.NotFound {
		return Session{}, false, nil
	}
	return sess, err == nil, err
}

// Sessions lists who's sessions, as mentor and as mentee, the latest first.
func (s *Service) Sessions(ctx context.Context, who account.User) ([]Session, error) {
	return s.store.MentorSessions(ctx, who.ID)
}

// GetSession returns one of who's sessions; anyone else's is NotFound.
func (s *Service) GetSession(ctx context.Context, who account.User, id int64) (Session, error) {
	sess, err := s.store.MentorSession(ctx, id)
	if err == nil && sess.MentorID != who.ID && sess.LearnerID != who.ID {
		err = app.Errorf(app.NotFound, "session %d not found", id)
	}
	return sess, err
}

// Outcome is what a session's two people write after it.
type Outcome struct {
	Notes   string   `json:"notes" doc:"Markdown"`
	Actions []string `json:"actions" doc:"action items, one each"`
}

// Check names the wrong fields of o.
func (o Outcome) Check() error {
	p := app.Problems{}
	if len(o.Notes) > maxBodyLen {
		p.Add("notes", fmt.Sprintf("at most %d characters", maxBodyLen))
	}
	if len(o.Actions) > 30 {
		p.Add("actions", "at most 30 action items")
	}
	for _, a := range o.Actions {
		if len(a) > 500 {
			p.Add("actions", "each action item at most 500 characters")
		}
	}
	return p.Err()
}

// Record writes a session's notes and action items, once it has begun.
func (s *Service) Record(ctx context.Context, who account.User, id int64, o Outcome) (Session, error) {
	if err := o.Check(); err != nil {
		return Session{}, err
	}
	sess, err := s.GetSession(ctx, who, id)
	if err != nil {
		return Session{}, err
	}
	if s.now().Before(sess.StartsAt) {
		return Session{}, app.Errorf(app.Conflict, "notes and action items come after the session has begun")
	}
	actions := []string{} // in the order written
	for _, a := range o.Actions {
		if a = strings.TrimSpace(a); a != "" {
			actions = append(actions, a)
		}
	}
	if err := s.store.RecordMentorSession(ctx, id, strings.TrimSpace(o.Notes), actions); err != nil {
		return Session{}, err
	}
	return s.GetSession(ctx, who, id)
}
