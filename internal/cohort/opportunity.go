package cohort

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/jobsearch"
)

// Opportunity is an internship or a job a cohort's staff post for its
// learners (the guide's step 7).
type Opportunity struct {
	ID          int64
	CohortID    int64
	Kind        jobsearch.Kind
	Company     string
	Title       string
	Description string
	Deadline    string // YYYY-MM-DD, empty for none
	Link        string // the posting itself, empty when there is none
	CreatedAt   time.Time

	// Filled for staff: how many learners applied and how far they got,
	// counted by stage of their own applications.
	Applicants int
	Stages     map[jobsearch.Stage]int
	// Filled for a learner: the application it became, nil before.
	Application *int64
}

// normalise trims what people paste by accident.
func (o Opportunity) normalise() Opportunity {
	o.Company, o.Title = strings.TrimSpace(o.Company), strings.TrimSpace(o.Title)
	o.Deadline, o.Link = strings.TrimSpace(o.Deadline), strings.TrimSpace(o.Link)
	return o
}

// Validate names every field that is wrong, by the rules an application of
// the learner's pipeline follows, since it becomes one.
func (o Opportunity) Validate() error {
	err := jobsearch.Opportunity{Kind: o.Kind, Company: o.Company, Title: o.Title, Description: o.Description,
		Deadline: o.Deadline, SourceURL: o.Link}.Validate()
	var e *app.Error
	if errors.As(err, &e) && e.Fields["source_url"] != "" {
		e.Fields["link"] = e.Fields["source_url"]
		delete(e.Fields, "source_url")
	}
	return err
}

// Result is where a learner of a cohort ended up.
type Result string

const (
	Hired     Result = "hired"
	Interning Result = "internship"
	Searching Result = "searching"
	NoResult  Result = "" // nothing recorded yet
	resultSet        = "hired, internship or searching"
)

// Valid tells whether o may be recorded.
func (o Result) Valid() bool { return o == Hired || o == Interning || o == Searching }

// Placed tells whether o counts towards the placement rate.
func (o Result) Placed() bool { return o == Hired || o == Interning }

// Placement is the figure bootcamps publish: how many of a cohort's
// learners found a job or an internship.
type Placement struct {
	Learners   int
	Hired      int
	Interning  int
	Searching  int
	Unrecorded int
	Rate       float64 // percent of all learners placed, one decimal
}

// Place counts outcomes over a cohort's learners; a learner with nothing
// recorded counts as not placed, so the rate never flatters.
func Place(members []Person, outcomes map[int64]Result) Placement {
	p := Placement{Learners: len(members)}
	for _, m := range members {
		switch outcomes[m.ID] {
		case Hired:
			p.Hired++
		case Interning:
			p.Interning++
		case Searching:
			p.Searching++
		default:
			p.Unrecorded++
		}
	}
	if p.Learners > 0 {
		p.Rate = math.Round(1000*float64(p.Hired+p.Interning)/float64(p.Learners)) / 10
	}
	return p
}

// OpportunityStore keeps postings, the applications they became and
// learners' outcomes. Writes take the audit entry to write in their
// transaction.
type OpportunityStore interface {
	CreateOpportunity(ctx context.Context, o Opportunity, by int64, e AuditEntry) (Opportunity, error)
	Opportunity(ctx context.Context, cohort, id int64) (Opportunity, error)
	// Opportunities lists a cohort's postings, newest first.
	Opportunities(ctx context.Context, cohort int64) ([]Opportunity, error)
	DeleteOpportunity(ctx context.Context, cohort, id int64, e AuditEntry) error
	// OpportunityStages counts, per posting of the cohort, the applications
	// made from it by stage.
	OpportunityStages(ctx context.Context, cohort int64) (map[int64]map[jobsearch.Stage]int, error)
	// AppliedTo maps the cohort's postings a learner applied to to the applications.
	AppliedTo(ctx context.Context, cohort, user int64) (map[int64]int64, error)
	// ApplyTo stores a as the learner's application from posting opp and
	// ties them; Conflict when the learner has one from it already.
	ApplyTo(ctx context.Context, opp int64, a jobsearch.Application, at time.Time) (jobsearch.Application, error)
	SetResult(ctx context.Context, cohort, user int64, o Result, e AuditEntry) error
	Results(ctx context.Context, cohort int64) (map[int64]Result, error)
}

// entry is an audit entry of what who did, for a store to write in the
// action's own transaction.
func (s *Service) entry(who account.User, id int64, action, format string, args ...any) AuditEntry {
	return AuditEntry{CohortID: id, ActorID: who.ID, Action: action, Detail: fmt.Sprintf(format, args...), At: s.now().UTC()}
}

// CheckOpportunity returns the problems Post would find in o.
func (s *Service) CheckOpportunity(o Opportunity) error { return o.normalise().Validate() }

// Post adds an opportunity to the cohort; its staff may.
func (s *Service) Post(ctx context.Context, who account.User, id int64, o Opportunity) (Opportunity, error) {
	if _, err := s.require(ctx, who, id, mentorAccess); err != nil {
		return Opportunity{}, err
	}
	o = o.normalise()
	if err := o.Validate(); err != nil {
		return Opportunity{}, err
	}
	o.CohortID, o.CreatedAt = id, s.now().UTC()
	return s.store.CreateOpportunity(ctx, o, who.ID,
		s.entry(who, id, "posted", "posted the %s %q at %s", o.Kind, o.Title, o.Company))
}

// Withdraw takes a posting down; applications made from it stay the learners'.
func (s *Service) Withdraw(ctx context.Context, who account.User, id, opp int64) error {
	if _, err := s.require(ctx, who, id, mentorAccess); err != nil {
		return err
	}
	o, err := s.store.Opportunity(ctx, id, opp)
	if err != nil {
		return err
	}
	return s.store.DeleteOpportunity(ctx, id, opp,
		s.entry(who, id, "withdrawn", "took down the %s %q at %s", o.Kind, o.Title, o.Company))
}

// Opportunities lists the cohort's postings to anyone in it: staff see
// counts by stage, a learner which ones they applied to.
func (s *Service) Opportunities(ctx context.Context, who account.User, id int64) ([]Opportunity, error) {
	_, a, err := s.access(ctx, who, id)
	if err != nil {
		return nil, err
	}
	os, err := s.store.Opportunities(ctx, id)
	if err != nil {
		return nil, err
	}
	if a >= mentorAccess {
		return os, s.countStages(ctx, id, os)
	}
	mine, err := s.store.AppliedTo(ctx, id, who.ID)
	for i := range os {
		if a, ok := mine[os[i].ID]; ok {
			os[i].Application = &a
		}
	}
	return os, err
}

func (s *Service) countStages(ctx context.Context, id int64, os []Opportunity) error {
	stages, err := s.store.OpportunityStages(ctx, id)
	for i := range os {
		os[i].Stages = stages[os[i].ID]
		for _, n := range os[i].Stages {
			os[i].Applicants += n
		}
	}
	return err
}

// Apply turns a posting into an application in the learner's own
// pipeline, marked applied today, with the posting's details and a note
// that leads back to it. Only the cohort's learners apply, once each.
func (s *Service) Apply(ctx context.Context, who account.User, id, opp int64) (jobsearch.Application, error) {
	c, err := s.require(ctx, who, id, learnerAccess)
	if err != nil {
		return jobsearch.Application{}, err
	}
	if member, err := s.store.IsMember(ctx, id, who.ID); err != nil || !member {
		return jobsearch.Application{}, errOr(err, app.Errorf(app.Forbidden, "only the cohort's learners apply"))
	}
	o, err := s.store.Opportunity(ctx, id, opp)
	if err != nil {
		return jobsearch.Application{}, err
	}
	loc, _, _ := c.dates()
	today := s.now().In(loc).Format(DateLayout)
	if o.Deadline != "" && o.Deadline < today {
		return jobsearch.Application{}, app.Errorf(app.Conflict, "the deadline, %s, has passed", o.Deadline)
	}
	a := jobsearch.Application{UserID: who.ID,
		Opportunity: jobsearch.Opportunity{Kind: o.Kind, Company: o.Company, Title: o.Title, Description: o.Description,
			Deadline: o.Deadline, SourceURL: o.Link},
		Pursuit: jobsearch.Pursuit{Stage: jobsearch.Applied, AppliedOn: today,
			Notes: fmt.Sprintf("Posted for the cohort %s: %s", c.Name, OpportunityPath(id, opp))}}
	out, err := s.store.ApplyTo(ctx, opp, a, s.now())
	if app.ErrorCode(err) == app.Conflict {
		return jobsearch.Application{}, app.Errorf(app.Conflict, "you have applied to this one already")
	}
	return out, err
}

// OpportunityPath is where a posting is shown on the site.
func OpportunityPath(cohort, opp int64) string {
	return "/cohorts/" + strconv.FormatInt(cohort, 10) + "/opportunities#opportunity-" + strconv.FormatInt(opp, 10)
}

// errOr is err when there was one, else the refusal.
func errOr(err, refusal error) error {
	if err != nil {
		return err
	}
	return refusal
}

// SetResult records where a learner of the cohort ended up: its staff may,
// and the learner for themselves.
func (s *Service) SetResult(ctx context.Context, who account.User, id, learner int64, o Result) error {
	if !o.Valid() {
		return app.FieldError("outcome", "must be "+resultSet)
	}
	least := mentorAccess
	if learner == who.ID {
		least = learnerAccess
	}
	if _, err := s.require(ctx, who, id, least); err != nil {
		return err
	}
	member, err := s.store.IsMember(ctx, id, learner)
	if err != nil {
		return err
	}
	if !member {
		return app.Errorf(app.NotFound, "user %d is not a learner of cohort %d", learner, id)
	}
	return s.store.SetResult(ctx, id, learner, o, s.entry(who, id, "outcome", "recorded %s for learner %d", o, learner))
}

// Outcomes is where each learner of a cohort ended up, and the rate.
type Outcomes struct {
	Learners  []Person
	Results   map[int64]Result
	Placement Placement
}

// Outcomes returns the cohort's learners with their recorded outcomes and
// its placement figures, for its staff.
func (s *Service) Outcomes(ctx context.Context, who account.User, id int64) (Outcomes, error) {
	if _, err := s.require(ctx, who, id, mentorAccess); err != nil {
		return Outcomes{}, err
	}
	members, err := s.store.Members(ctx, id)
	if err != nil {
		return Outcomes{}, err
	}
	results, err := s.store.Results(ctx, id)
	return Outcomes{Learners: members, Results: results, Placement: Place(members, results)}, err
}

// MyResult is what the learner recorded, or staff recorded for them.
func (s *Service) MyResult(ctx context.Context, who account.User, id int64) (Result, error) {
	if _, err := s.require(ctx, who, id, learnerAccess); err != nil {
		return NoResult, err
	}
	outcomes, err := s.store.Results(ctx, id)
	return outcomes[who.ID], err
}
