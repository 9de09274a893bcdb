// Package cohort runs the bootcamp route: cohorts of learners on one
// roadmap with dates and hours, their staff (cohort admins and mentors),
// memberships, invitations, and the dashboard that tells staff who is stuck
// and why.
package cohort

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"devpath/internal/app"
	"devpath/internal/progress"
)

// Role is what a member of staff does in a cohort.
type Role string

const (
	// Admin manages the cohort: its settings, staff of its own and learners.
	Admin Role = "admin"
	// Mentor sees the cohort's learners' progress and helps them.
	Mentor Role = "mentor"
)

// Valid tells whether r is a known role.
func (r Role) Valid() bool { return r == Admin || r == Mentor }

// DateLayout is how cohort dates are written: a day, not an instant.
const DateLayout = "2006-01-02"

// Cohort is a group of learners following one roadmap together.
type Cohort struct {
	ID          int64
	Name        string
	Roadmap     string
	StartDate   string // YYYY-MM-DD in TimeZone
	EndDate     string // YYYY-MM-DD, not before StartDate
	TargetDate  string // YYYY-MM-DD: the day learners aim to be done by
	WeeklyHours int
	TimeZone    string // an IANA name such as Europe/Berlin
	Thresholds  Thresholds
	CreatedAt   time.Time
}

// Thresholds say when the dashboard flags a learner as stuck.
type Thresholds struct {
	InactiveDays     int // no progress change for this many days
	BehindHours      int // the plan's remaining hours exceed what the target allows by this many
	LearningFactor   int // a topic in "learning" for more than this many times its estimate
	RepeatedFailures int // the same exercise or checker stage failed this many times in a row
}

// DefaultThresholds are a cohort's thresholds until its admin sets others.
func DefaultThresholds() Thresholds {
	return Thresholds{InactiveDays: 7, BehindHours: 10, LearningFactor: 3, RepeatedFailures: 3}
}

// Bounds of the settings.
const (
	MaxNameLen     = 100
	MinWeeklyHours = 1
	MaxWeeklyHours = 80
)

// Person is a user as a cohort lists them.
type Person struct {
	ID       int64
	Name     string
	Email    string
	Role     Role      // for staff; empty for a learner
	JoinedAt time.Time // for a learner
	MentorID int64     // for a learner: the staff member assigned to them, 0 for none
	Mentor   string    // their name
}

// Membership is one cohort a user belongs to, and how.
type Membership struct {
	Cohort  Cohort
	Role    Role // the staff role; empty when the user is a learner there
	Learner bool // the user is a learner of the cohort
}

// Link is a cohort that ties a member of staff to a learner.
type Link struct {
	CohortID int64
	Role     Role
}

// normalise trims what people paste by accident.
func (c Cohort) normalise() Cohort {
	c.Name = strings.TrimSpace(c.Name)
	c.Roadmap = strings.TrimSpace(c.Roadmap)
	c.TimeZone = strings.TrimSpace(c.TimeZone)
	return c
}

// Validate names every field that is wrong; hasRoadmap tells whether a
// roadmap slug exists.
func (c Cohort) Validate(hasRoadmap func(string) bool) error {
	p := app.Problems{}
	switch n := utf8.RuneCountInString(c.Name); {
	case n == 0:
		p.Add("name", "is required")
	case n > MaxNameLen:
		p.Add("name", fmt.Sprintf("must be at most %d characters", MaxNameLen))
	}
	if c.Roadmap == "" {
		p.Add("roadmap", "is required")
	} else if !hasRoadmap(c.Roadmap) {
		p.Add("roadmap", "is not a roadmap of this site")
	}
	start := date(p, "start_date", c.StartDate)
	end := date(p, "end_date", c.EndDate)
	target := date(p, "target_date", c.TargetDate)
	if !start.IsZero() && !end.IsZero() && end.Before(start) {
		p.Add("end_date", "must not be before the start date")
	}
	if !start.IsZero() && !target.IsZero() && target.Before(start) {
		p.Add("target_date", "must not be before the start date")
	}
	if c.WeeklyHours < MinWeeklyHours || c.WeeklyHours > MaxWeeklyHours {
		p.Add("weekly_hours", fmt.Sprintf("must be from %d to %d", MinWeeklyHours, MaxWeeklyHours))
	}
	if c.TimeZone == "" {
		p.Add("time_zone", "is required")
	} else if _, err := app.Zone(c.TimeZone); err != nil || c.TimeZone == "Local" {
		p.Add("time_zone", "is not a known time zone")
	}
	c.Thresholds.validate(p)
	return p.Err()
}

func (t Thresholds) validate(p app.Problems) {
	for _, f := range []struct {
		field  string
		v, max int
	}{
		{"thresholds.inactive_days", t.InactiveDays, 365},
		{"thresholds.behind_hours", t.BehindHours, 1000},
		{"thresholds.learning_factor", t.LearningFactor, 20},
		{"thresholds.repeated_failures", t.RepeatedFailures, 50},
	} {
		if f.v < 1 || f.v > f.max {
			p.Add(f.field, fmt.Sprintf("must be from 1 to %d", f.max))
		}
	}
}

// date parses a required YYYY-MM-DD field, noting a problem when it is not one.
func date(p app.Problems, field, v string) time.Time {
	if v == "" {
		p.Add(field, "is required")
		return time.Time{}
	}
	d, err := time.Parse(DateLayout, v)
	if err != nil {
		p.Add(field, "must be a date written YYYY-MM-DD")
		return time.Time{}
	}
	return d
}

// Store is the storage the cohort service needs.
type Store interface {
	CreateCohort(ctx context.Context, c Cohort, at time.Time) (Cohort, error)
	UpdateCohort(ctx context.Context, c Cohort) (Cohort, error)
	Cohort(ctx context.Context, id int64) (Cohort, error)
	Cohorts(ctx context.Context) ([]Cohort, error)
	// Memberships lists the cohorts a user is staff or a learner of.
	Memberships(ctx context.Context, user int64) ([]Membership, error)

	SetStaff(ctx context.Context, cohort, user int64, role Role) error
	RemoveStaff(ctx context.Context, cohort, user int64) error
	Staff(ctx context.Context, cohort int64) ([]Person, error)
	// StaffRole is the user's role in the cohort; NotFound when they have none.
	StaffRole(ctx context.Context, cohort, user int64) (Role, error)
	// Links lists the cohorts in which staff has a role and learner is a learner.
	Links(ctx context.Context, staff, learner int64) ([]Link, error)

	// AddMember makes user a learner of the cohort; Conflict when they are one.
	AddMember(ctx context.Context, cohort, user int64, at time.Time) error
	RemoveMember(ctx context.Context, cohort, user int64) error
	// SetMentor assigns mentor (0: nobody) to a learner of the cohort.
	SetMentor(ctx context.Context, cohort, learner, mentor int64, e AuditEntry) error
	Members(ctx context.Context, cohort int64) ([]Person, error)
	IsMember(ctx context.Context, cohort, user int64) (bool, error)
	MemberCount(ctx context.Context, cohort int64) (int, error)

	// PersonByEmail finds a user by email; NotFound when there is none.
	PersonByEmail(ctx context.Context, email string) (Person, error)
	InvitationStore
	DashboardStore
	AuditStore
	OpportunityStore
	GraduationStore
	// TopicCounts returns how many learners are at each status other than
	// todo, per topic of a roadmap, across the whole instance.
	TopicCounts(ctx context.Context, roadmap string) (map[string]map[progress.Status]int, error)
	// LearnerCount counts the accounts with the learner role.
	LearnerCount(ctx context.Context) (int, error)
}
