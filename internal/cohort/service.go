package cohort

import (
	"context"
	"fmt"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/roadmap"
)

// Service is the cohort business: who may see and change which cohort.
// The instance admin creates cohorts and names their admins; a cohort admin
// manages only their cohorts; mentors see their cohorts' learners.
type Service struct {
	store    Store
	roadmaps *roadmap.Catalog
	now      func() time.Time
	letters  bool // email invitations are sent by mail; see SendLetters
}

// SendLetters has email invitations mailed to the people invited, once
// the site can send mail.
func (s *Service) SendLetters(on bool) { s.letters = on }

// NewService returns the cohort service; now is the clock.
func NewService(store Store, roadmaps *roadmap.Catalog, now func() time.Time) *Service {
	return &Service{store: store, roadmaps: roadmaps, now: now}
}

// known tells whether slug names a roadmap of this site.
func (s *Service) known(slug string) bool {
	_, err := s.roadmaps.Get(slug)
	return err == nil
}

// access is how much of a cohort someone may see and do, least first.
type access int

const (
	noAccess      access = iota
	learnerAccess        // sees the cohort's settings and milestones
	mentorAccess         // also its learners and dashboard
	adminAccess          // also changes it
)

// access finds what who may do in cohort id. Someone with no tie to it
// gets NotFound, as if it did not exist.
func (s *Service) access(ctx context.Context, who account.User, id int64) (Cohort, access, error) {
	c, err := s.store.Cohort(ctx, id)
	if err != nil {
		return Cohort{}, noAccess, err
	}
	if who.Role == account.Admin {
		return c, adminAccess, nil
	}
	role, err := s.store.StaffRole(ctx, id, who.ID)
	switch {
	case err == nil && role == Admin:
		return c, adminAccess, nil
	case err == nil:
		return c, mentorAccess, nil
	case app.ErrorCode(err) != app.NotFound:
		return Cohort{}, noAccess, err
	}
	member, err := s.store.IsMember(ctx, id, who.ID)
	if err != nil {
		return Cohort{}, noAccess, err
	}
	if member {
		return c, learnerAccess, nil
	}
	return Cohort{}, noAccess, notFound(id)
}

func notFound(id int64) error { return app.Errorf(app.NotFound, "cohort %d not found", id) }

// require returns the cohort when who has at least the access asked for.
func (s *Service) require(ctx context.Context, who account.User, id int64, least access) (Cohort, error) {
	c, a, err := s.access(ctx, who, id)
	if err != nil {
		return Cohort{}, err
	}
	if a < least {
		return Cohort{}, app.Errorf(app.Forbidden, "only the cohort's staff may do this")
	}
	return c, nil
}

// CheckCohort returns the problems Create or Update would find in c.
func (s *Service) CheckCohort(c Cohort) error { return c.normalise().Validate(s.known) }

// Create makes a cohort; only the instance admin may. Thresholds left at
// zero take their defaults.
func (s *Service) Create(ctx context.Context, who account.User, c Cohort) (Cohort, error) {
	if who.Role != account.Admin {
		return Cohort{}, app.Errorf(app.Forbidden, "only an instance admin creates cohorts")
	}
	c = withDefaults(c.normalise())
	if err := c.Validate(s.known); err != nil {
		return Cohort{}, err
	}
	c, err := s.store.CreateCohort(ctx, c, s.now())
	if err == nil {
		s.record(ctx, who, c.ID, "created", "created %q on the %s roadmap", c.Name, c.Roadmap)
	}
	return c, err
}

// withDefaults fills thresholds left unset.
func withDefaults(c Cohort) Cohort {
	d := DefaultThresholds()
	for _, f := range []struct{ v, def *int }{
		{&c.Thresholds.InactiveDays, &d.InactiveDays},
		{&c.Thresholds.BehindHours, &d.BehindHours},
		{&c.Thresholds.LearningFactor, &d.LearningFactor},
		{&c.Thresholds.RepeatedFailures, &d.RepeatedFailures},
	} {
		if *f.v == 0 {
			*f.v = *f.def
		}
	}
	return c
}

// Update changes a cohort's settings; its admins and the instance admin may.
func (s *Service) Update(ctx context.Context, who account.User, c Cohort) (Cohort, error) {
	if _, err := s.require(ctx, who, c.ID, adminAccess); err != nil {
		return Cohort{}, err
	}
	c = withDefaults(c.normalise())
	if err := c.Validate(s.known); err != nil {
		return Cohort{}, err
	}
	c, err := s.store.UpdateCohort(ctx, c)
	if err == nil {
		s.record(ctx, who, c.ID, "changed", "set %s to %s (target %s), %d hours a week, thresholds %d days, %d hours, %dx, %d failures",
			c.StartDate, c.EndDate, c.TargetDate, c.WeeklyHours, c.Thresholds.InactiveDays, c.Thresholds.BehindHours,
			c.Thresholds.LearningFactor, c.Thresholds.RepeatedFailures)
	}
	return c, err
}

// Get returns a cohort to anyone in it and to the instance admin.
func (s *Service) Get(ctx context.Context, who account.User, id int64) (Cohort, error) {
	return s.require(ctx, who, id, learnerAccess)
}

// List returns the cohorts who belongs to; the instance admin sees every
// cohort, as admin of each.
func (s *Service) List(ctx context.Context, who account.User) ([]Membership, error) {
	if who.Role != account.Admin {
		return s.store.Memberships(ctx, who.ID)
	}
	all, err := s.store.Cohorts(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Membership, len(all))
	for i, c := range all {
		out[i] = Membership{Cohort: c, Role: Admin}
	}
	return out, nil
}

// SetStaff gives the person with email a role in the cohort. Cohort admins
// are named by the instance admin; a cohort admin names mentors.
func (s *Service) SetStaff(ctx context.Context, who account.User, id int64, email string, role Role) (Person, error) {
	if !role.Valid() {
		return Person{}, app.FieldError("role", "must be admin or mentor")
	}
	if _, err := s.require(ctx, who, id, adminAccess); err != nil {
		return Person{}, err
	}
	if role == Admin && who.Role != account.Admin {
		return Person{}, app.Errorf(app.Forbidden, "only an instance admin names cohort admins")
	}
	p, err := s.person(ctx, email)
	if err != nil {
		return Person{}, err
	}
	p.Role = role
	if err := s.store.SetStaff(ctx, id, p.ID, role); err != nil {
		return Person{}, err
	}
	s.record(ctx, who, id, "staff", "made %s (%s) %s", p.Name, p.Email, role)
	return p, nil
}

// person finds the account with email, naming the field when there is none.
func (s *Service) person(ctx context.Context, email string) (Person, error) {
	p, err := s.store.PersonByEmail(ctx, account.NormaliseEmail(email))
	if app.ErrorCode(err) == app.NotFound {
		return Person{}, app.FieldError("email", "has no account on this site")
	}
	return p, err
}

// RemoveStaff takes a person's role away. Only the instance admin removes a
// cohort admin.
func (s *Service) RemoveStaff(ctx context.Context, who account.User, id, user int64) error {
	if _, err := s.require(ctx, who, id, adminAccess); err != nil {
		return err
	}
	role, err := s.store.StaffRole(ctx, id, user)
	if err != nil {
		return err
	}
	if role == Admin && who.Role != account.Admin {
		return app.Errorf(app.Forbidden, "only an instance admin removes cohort admins")
	}
	if err := s.store.RemoveStaff(ctx, id, user); err != nil {
		return err
	}
	s.record(ctx, who, id, "unstaffed", "took the %s role from user %d", role, user)
	return nil
}

// Staff lists the cohort's admins and mentors, for its staff.
func (s *Service) Staff(ctx context.Context, who account.User, id int64) ([]Person, error) {
	if _, err := s.require(ctx, who, id, mentorAccess); err != nil {
		return nil, err
	}
	return s.store.Staff(ctx, id)
}

// AddMember makes the person with email a learner of the cohort; adding
// someone twice is a Conflict.
func (s *Service) AddMember(ctx context.Context, who account.User, id int64, email string) (Person, error) {
	if _, err := s.require(ctx, who, id, adminAccess); err != nil {
		return Person{}, err
	}
	p, err := s.person(ctx, email)
	if err != nil {
		return Person{}, err
	}
	if err := s.store.AddMember(ctx, id, p.ID, s.now()); err != nil {
		if app.ErrorCode(err) == app.Conflict {
			return Person{}, alreadyMember()
		}
		return Person{}, err
	}
	p.JoinedAt = s.now().UTC()
	s.record(ctx, who, id, "added", "added %s (%s) as a learner", p.Name, p.Email)
	return p, nil
}

func alreadyMember() error {
	return &app.Error{Code: app.Conflict, Message: "already a learner of this cohort",
		Fields: map[string]string{"email": "is already a learner of this cohort"}}
}

// RemoveMember takes a learner out of the cohort: its admins may, and the
// learner may leave. The learner's own data stays theirs.
func (s *Service) RemoveMember(ctx context.Context, who account.User, id, user int64) error {
	least := adminAccess
	if user == who.ID {
		least = learnerAccess
	}
	if _, err := s.require(ctx, who, id, least); err != nil {
		return err
	}
	if err := s.store.RemoveMember(ctx, id, user); err != nil {
		return err
	}
	if user == who.ID {
		s.record(ctx, who, id, "left", "left the cohort")
	} else {
		s.record(ctx, who, id, "removed", "took learner %d out of the cohort", user)
	}
	return nil
}

// AssignMentor makes one of the cohort's staff the mentor of one of its
// learners (mentor 0: nobody); its admins may.
func (s *Service) AssignMentor(ctx context.Context, who account.User, id, learner, mentor int64) error {
	if _, err := s.require(ctx, who, id, adminAccess); err != nil {
		return err
	}
	if member, err := s.store.IsMember(ctx, id, learner); err != nil || !member {
		return errOr(err, app.Errorf(app.NotFound, "user %d is not a learner of cohort %d", learner, id))
	}
	detail := fmt.Sprintf("took learner %d's mentor away", learner)
	if mentor != 0 {
		if _, err := s.store.StaffRole(ctx, id, mentor); app.ErrorCode(err) == app.NotFound {
			return app.FieldError("mentor_id", "is not staff of this cohort")
		} else if err != nil {
			return err
		}
		detail = fmt.Sprintf("made user %d the mentor of learner %d", mentor, learner)
	}
	return s.store.SetMentor(ctx, id, learner, mentor, s.entry(who, id, "mentor", "%s", detail))
}

// Members lists the cohort's learners, for its staff.
func (s *Service) Members(ctx context.Context, who account.User, id int64) ([]Person, error) {
	if _, err := s.require(ctx, who, id, mentorAccess); err != nil {
		return nil, err
	}
	return s.store.Members(ctx, id)
}

// Links lists the cohorts in which staff holds a role and learner learns:
// what another part of devpath asks before showing a learner's work to
// staff (a mentor's mentee, a badge a cohort admin awards). Empty when
// there is no tie.
func (s *Service) Links(ctx context.Context, staff, learner int64) ([]Link, error) {
	return s.store.Links(ctx, staff, learner)
}

// StaffOf tells whether staff holds role (or Admin, which covers Mentor) in
// a cohort that learner is a learner of.
func (s *Service) StaffOf(ctx context.Context, staff, learner int64, role Role) (bool, error) {
	links, err := s.store.Links(ctx, staff, learner)
	if err != nil {
		return false, err
	}
	for _, l := range links {
		if l.Role == role || l.Role == Admin {
			return true, nil
		}
	}
	return false, nil
}

var errAdminsOnly = app.Errorf(app.Forbidden, "only an instance admin may do this")

// Standing is what someone may do in a cohort.
type Standing struct {
	Learner bool // sees the cohort's settings and milestones
	Staff   bool // also its learners and dashboard
	Admin   bool // also changes it and invites
}

// Standing returns a cohort with what who may do in it; NotFound for
// someone with no tie to it.
func (s *Service) Standing(ctx context.Context, who account.User, id int64) (Cohort, Standing, error) {
	c, a, err := s.access(ctx, who, id)
	return c, Standing{Learner: a >= learnerAccess, Staff: a >= mentorAccess, Admin: a >= adminAccess}, err
}
