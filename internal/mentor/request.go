package mentor

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"devpath/internal/app"
)

// Kind is what a request asks about, and so what it attaches.
type Kind string

const (
	AboutTopic    Kind = "topic"    // a roadmap topic; nothing attached
	AboutCheck    Kind = "check"    // a checker run, with its transcript
	AboutExercise Kind = "exercise" // an SQL attempt, with the answer and verdict
	AboutProject  Kind = "project"  // a portfolio project
	AboutResume   Kind = "resume"   // the master resume (item 0) or a tailored copy
	AboutCareer   Kind = "career"   // career advice; nothing attached
)

// Kinds are the request kinds in the order forms offer them, with their words.
var Kinds = []struct {
	Value Kind
	Label string
}{
	{AboutTopic, "A topic I am learning"},
	{AboutCheck, "A checker run"},
	{AboutExercise, "An SQL attempt"},
	{AboutProject, "A portfolio project"},
	{AboutResume, "My resume or a tailored copy"},
	{AboutCareer, "Career advice"},
}

// Valid tells whether k is a known kind.
func (k Kind) Valid() bool {
	return slices.ContainsFunc(Kinds, func(l struct {
		Value Kind
		Label string
	}) bool {
		return l.Value == k
	})
}

// attaches tells whether requests of kind k carry an item.
func (k Kind) attaches() bool { return k != AboutTopic && k != AboutCareer && k != AboutResume }

// Status is where a request stands.
type Status string

const (
	Open   Status = "open"   // in the queue
	Active Status = "active" // a mentor took it
	Closed Status = "closed"
)

// Attachment is the item a request carries, copied when the request is
// made: the mentor sees it as it was, and nothing else of the learner's.
type Attachment struct {
	Title string `json:"title"`
	Body  string `json:"body" doc:"plain text: a transcript, an answer and its verdict, a resume"`
}

// Ask is what a learner sends to ask for help.
type Ask struct {
	Topic      string `json:"topic" doc:"roadmap topic id (for career advice, the topic nearest the question)"`
	Kind       Kind   `json:"kind" doc:"topic, check, exercise, project, resume or career"`
	ItemID     *int64 `json:"item_id,omitempty" required:"false" doc:"the checker run, SQL attempt, portfolio project or tailored resume; none for the master resume"`
	Question   string `json:"question" doc:"what you want help with"`
	Language   string `json:"language,omitempty" required:"false" doc:"a language you would like to talk in, such as en"`
	WantMentor *int64 `json:"mentor_id,omitempty" required:"false" doc:"a mentor you already work with, to ask them alone"`
}

// Request is a learner's request as its learner and its mentor see it.
type Request struct {
	ID          int64       `json:"id"`
	LearnerID   int64       `json:"learner_id"`
	LearnerName string      `json:"learner_name"`
	Topic       string      `json:"topic"`
	TopicTitle  string      `json:"topic_title"`
	Kind        Kind        `json:"kind"`
	ItemID      *int64      `json:"item_id"`
	Attachment  *Attachment `json:"attachment,omitempty"`
	Question    string      `json:"question"`
	Language    string      `json:"language"`
	WantMentor  *int64      `json:"wanted_mentor_id"`
	MentorID    *int64      `json:"mentor_id"`
	MentorName  string      `json:"mentor_name"`
	Status      Status      `json:"status"`
	LockedBy    *int64      `json:"locked_by,omitempty"`
	LockUntil   *time.Time  `json:"lock_until,omitempty"`
	CreatedAt   time.Time   `json:"created_at"`
	AnsweredAt  *time.Time  `json:"answered_at"`
	LastMessage time.Time   `json:"last_message_at"`
	ClosedAt    *time.Time  `json:"closed_at"`
	Rating      *int        `json:"rating"`
	Testimonial string      `json:"testimonial"`
	Shown       bool        `json:"testimonial_shown"`
	Reminded    bool        `json:"-"` // reminded of the quiet since its last message
}

// Locked tells whether the request is locked by someone at now.
func (r Request) Locked(now time.Time) bool {
	return r.LockedBy != nil && r.LockUntil != nil && now.Before(*r.LockUntil)
}

// LockedFor tells whether mentor holds a live lock on the request at now.
func (r Request) LockedFor(mentor int64, now time.Time) bool {
	return r.Locked(now) && *r.LockedBy == mentor
}

const (
	maxQuestionLen = 10_000
	maxItemBody    = 100_000
)

// normalized trims what a person typed.
func (a Ask) normalized() Ask {
	a.Topic = strings.TrimSpace(a.Topic)
	a.Question = strings.TrimSpace(a.Question)
	a.Language = strings.ToLower(strings.TrimSpace(a.Language))
	return a
}

// Validate names every wrong field of a normalized ask; known tells
// whether a topic id is on the roadmap.
func (a Ask) Validate(known func(string) bool) error {
	p := app.Problems{}
	if !a.Kind.Valid() {
		p.Add("kind", "one of topic, check, exercise, project, resume, career")
	}
	switch {
	case a.Topic == "":
		p.Add("topic", "required")
	case !known(a.Topic):
		p.Add("topic", fmt.Sprintf("%q is not a topic of the roadmap", a.Topic))
	}
	if a.Question == "" {
		p.Add("question", "required")
	}
	if len(a.Question) > maxQuestionLen {
		p.Add("question", fmt.Sprintf("at most %d characters", maxQuestionLen))
	}
	if a.Kind.attaches() && a.ItemID == nil {
		p.Add("item_id", "required")
	}
	if (a.Kind == AboutTopic || a.Kind == AboutCareer) && a.ItemID != nil {
		p.Add("item_id", "nothing is attached to this kind of request")
	}
	if a.Language != "" && !langCode.MatchString(a.Language) {
		p.Add("language", "a language code such as en or pt-br")
	}
	return p.Err()
}
