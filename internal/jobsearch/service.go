package jobsearch

import (
	"context"
	"io"
	"net/mail"
	"strings"
	"time"

	"devpath/internal/app"
	"devpath/internal/resume"
)

// Application is one stored application with the opportunity it is for.
type Application struct {
	ID     int64
	UserID int64
	Opportunity
	Pursuit
	ResumeID   *int64 // the tailored resume used
	CreatedAt  time.Time
	UpdatedAt  time.Time
	History    []StageChange // oldest first
	Interviews []InterviewEntry
	Contacts   []Contact
}

// InterviewEntry is a stored interview of an application.
type InterviewEntry struct {
	ID int64 `json:"id"`
	InterviewRecord
}

// Contact is a person of an application: a contact of the learner's
// network, as the application shows them.
type Contact struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Role  string `json:"role"`
	Email string `json:"email"`
	URL   string `json:"url"`
	Notes string `json:"notes"`
}

// trimmed is c as AddContact stores it.
func (c Contact) trimmed() Contact {
	c.Name, c.Email = strings.TrimSpace(c.Name), strings.TrimSpace(c.Email)
	return c
}

// Validate checks a contact, trimmed as it would be stored, and names every
// field that is wrong.
func (c Contact) Validate() error {
	c = c.trimmed()
	p := app.Problems{}
	requireText(p, "name", c.Name)
	checkLen(p, "role", c.Role, maxNameLen)
	if c.Email != "" {
		if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email {
			p.Add("email", "not a valid email address")
		}
	}
	checkURL(p, "url", c.URL)
	checkLen(p, "notes", c.Notes, maxTextLen)
	return p.Err()
}

// Filter narrows a list of applications; empty fields match everything.
type Filter struct {
	Stage Stage
	Kind  Kind
	Query string // in company or title, any case
}

// Store is the storage the applications service needs. Every method
// takes the learner: another learner's records are NotFound.
type Store interface {
	CreateApplication(ctx context.Context, a Application, at time.Time) (Application, error)
	Application(ctx context.Context, user, id int64) (Application, error)
	Applications(ctx context.Context, user int64, f Filter) ([]Application, error)
	// UpdateApplication writes a's fields and stage in one transaction, only
	// if the stage is still from; a stage change is recorded with notes.
	UpdateApplication(ctx context.Context, a Application, from Stage, notes string, at time.Time) (Application, error)
	DeleteApplication(ctx context.Context, user, id int64) error
	AddInterview(ctx context.Context, user, appID int64, iv InterviewRecord) (InterviewEntry, error)
	// AddContact adds c to the learner's network as a person of the application.
	AddContact(ctx context.Context, user, appID int64, c Contact, addedOn string, at time.Time) (Contact, error)
	// LinkContact makes a contact of the learner's network a person of the application.
	LinkContact(ctx context.Context, user, appID, contact int64) error
	HasContact(ctx context.Context, user, id int64) (bool, error)
}

// Service is the job search: opportunities, stages, interviews, contacts.
type Service struct {
	store    Store
	resumes  *resume.Service // to check that the tailored resume used is the learner's own
	salaries Salaries
	now      func() time.Time
}

// NewService returns the applications service.
func NewService(store Store, resumes *resume.Service, salaries Salaries, now func() time.Time) *Service {
	return &Service{store: store, resumes: resumes, salaries: salaries, now: now}
}

// checkResume refuses a tailored resume that is not the learner's own.
func (s *Service) checkResume(ctx context.Context, user int64, a Application) error {
	if a.ResumeID == nil {
		return nil
	}
	_, err := s.resumes.Tailored(ctx, user, *a.ResumeID)
	if app.ErrorCode(err) == app.NotFound {
		return app.FieldError("resume_id", "not one of your tailored resumes")
	}
	return err
}

// Created is a new application, with a warning when the learner already
// applied to the same company.
type Created struct {
	Application
	Warning string
}

// Create stores a new application in its first stage.
func (s *Service) Create(ctx context.Context, user int64, a Application) (Created, error) {
	a = withFirstStage(a)
	if err := s.checkNew(ctx, user, a); err != nil {
		return Created{}, err
	}
	existing, err := s.store.Applications(ctx, user, Filter{})
	if err != nil {
		return Created{}, err
	}
	a.UserID = user
	out, err := s.store.CreateApplication(ctx, a, s.now())
	if err != nil {
		return Created{}, err
	}
	c := Created{Application: out}
	if SameCompany(companies(existing), a.Company) {
		c.Warning = "You already have an application at " + a.Company + ". Check that this is a different role before you apply again."
	}
	return c, nil
}

// CheckCreate returns the problems Create would find in a, without storing it.
func (s *Service) CheckCreate(ctx context.Context, user int64, a Application) error {
	return s.checkNew(ctx, user, withFirstStage(a))
}

// withFirstStage puts a new application without a stage in the first one.
func withFirstStage(a Application) Application {
	if a.Stage == "" {
		a.Stage = Saved
	}
	return a
}

// checkReferrer refuses a referrer who is not a contact of the learner's.
func (s *Service) checkReferrer(ctx context.Context, user int64, a Application) error {
	if a.ReferredBy == nil {
		return nil
	}
	mine, err := s.store.HasContact(ctx, user, *a.ReferredBy)
	if err == nil && !mine {
		return app.FieldError("referred_by", "not one of your contacts")
	}
	return err
}

// checkNew checks the fields, the tailored resume and the referrer named, together.
func (s *Service) checkNew(ctx context.Context, user int64, a Application) error {
	return app.Merge(validate(a), s.checkResume(ctx, user, a), s.checkReferrer(ctx, user, a))
}

func companies(apps []Application) []string {
	out := make([]string, len(apps))
	for i, a := range apps {
		out[i] = a.Company
	}
	return out
}

func validate(a Application) error {
	p := app.Problems{}
	for _, err := range []error{a.Opportunity.Validate(), a.Pursuit.Validate()} {
		if e, ok := err.(*app.Error); ok {
			for f, msg := range e.Fields {
				p.Add(f, msg)
			}
		}
	}
	return p.Err()
}

// Get returns one of the learner's applications.
func (s *Service) Get(ctx context.Context, user, id int64) (Application, error) {
	return s.store.Application(ctx, user, id)
}

// List returns the learner's applications, newest first.
func (s *Service) List(ctx context.Context, user int64, f Filter) ([]Application, error) {
	if f.Stage != "" && !f.Stage.Valid() {
		return nil, app.FieldError("query.stage", "one of "+stageList())
	}
	return s.store.Applications(ctx, user, f)
}

// Change is one edit of an application: its fields, its stage, or both.
type Change struct {
	Edit      func(*Application) // changes fields of the current record; nil for none
	Stage     *Stage             // the stage to move to; nil to stay
	StageNote string             // kept with the stage change
	Confirm   bool               // reopening a closed application needs it
}

// Patch applies a change: fields and stage move together, in one
// transaction, or not at all.
func (s *Service) Patch(ctx context.Context, user, id int64, c Change) (Application, error) {
	cur, a, err := s.patched(ctx, user, id, c)
	if err != nil {
		return Application{}, err
	}
	if c.Edit == nil && a.Stage == cur.Stage {
		return cur, nil // nothing to write
	}
	return s.store.UpdateApplication(ctx, a, cur.Stage, c.StageNote, s.now())
}

// CheckPatch returns the problems Patch would find in c, without writing.
func (s *Service) CheckPatch(ctx context.Context, user, id int64, c Change) error {
	_, _, err := s.patched(ctx, user, id, c)
	return err
}

// patched reads the application and returns it as it is and as c would
// leave it, with every problem of the fields and the move at once.
func (s *Service) patched(ctx context.Context, user, id int64, c Change) (cur, a Application, err error) {
	if cur, err = s.store.Application(ctx, user, id); err != nil {
		return cur, cur, err
	}
	a = cur
	var problems []error
	if c.Edit != nil {
		c.Edit(&a)
		a.ID, a.UserID, a.Stage = cur.ID, user, cur.Stage
		problems = append(problems, validate(a), s.checkResume(ctx, user, a), s.checkReferrer(ctx, user, a))
	}
	if c.Stage != nil && *c.Stage != cur.Stage {
		problems = append(problems, Move(cur.Stage, *c.Stage, c.Confirm))
		a.Stage = *c.Stage
	}
	return cur, a, app.Merge(problems...)
}

// Update replaces the editable fields of an application with those of a;
// its stage moves only through Move.
func (s *Service) Update(ctx context.Context, user int64, a Application) (Application, error) {
	return s.Patch(ctx, user, a.ID, Change{Edit: func(cur *Application) { *cur = a }})
}

// Move changes an application's stage; reopening a closed one needs confirmed.
func (s *Service) Move(ctx context.Context, user, id int64, to Stage, confirmed bool, notes string) (Application, error) {
	return s.Patch(ctx, user, id, Change{Stage: &to, StageNote: notes, Confirm: confirmed})
}

// Delete removes an application with its history.
func (s *Service) Delete(ctx context.Context, user, id int64) error {
	return s.store.DeleteApplication(ctx, user, id)
}

// AddInterview records an interview of one of the learner's applications.
func (s *Service) AddInterview(ctx context.Context, user, id int64, iv InterviewRecord) (InterviewEntry, error) {
	if err := iv.Validate(); err != nil {
		return InterviewEntry{}, err
	}
	return s.store.AddInterview(ctx, user, id, iv)
}

// AddContact records a person at the company of one of the learner's applications.
func (s *Service) AddContact(ctx context.Context, user, id int64, c Contact) (Contact, error) {
	c = c.trimmed()
	if err := c.Validate(); err != nil {
		return Contact{}, err
	}
	return s.store.AddContact(ctx, user, id, c, s.now().UTC().Format(time.DateOnly), s.now())
}

// LinkContact makes a contact of the learner's network a person of one of their applications.
func (s *Service) LinkContact(ctx context.Context, user, id, contact int64) error {
	return s.store.LinkContact(ctx, user, id, contact)
}

// Funnel counts how far the learner's applications got.
func (s *Service) Funnel(ctx context.Context, user int64) ([]FunnelStep, error) {
	apps, err := s.store.Applications(ctx, user, Filter{})
	if err != nil {
		return nil, err
	}
	return FunnelOf(apps), nil
}

// FunnelOf counts how far applications already read got.
func FunnelOf(apps []Application) []FunnelStep {
	sums := make([]ApplicationSummary, len(apps))
	for i, a := range apps {
		sums[i] = ApplicationSummary{Stage: a.Stage, History: a.History}
	}
	return Funnel(sums)
}

// CSV writes every application with its full stage history, dates in loc.
func (s *Service) CSV(ctx context.Context, user int64, w io.Writer, loc *time.Location) error {
	apps, err := s.store.Applications(ctx, user, Filter{})
	if err != nil {
		return err
	}
	out := make([]ApplicationHistory, len(apps))
	for i, a := range apps {
		h := make([]StageChange, len(a.History))
		for k, c := range a.History {
			c.At = c.At.In(loc)
			h[k] = c
		}
		out[i] = ApplicationHistory{Company: a.Company, Title: a.Title, Location: a.Location, SourceURL: a.SourceURL, Stage: a.Stage, History: h}
	}
	return WriteCSV(w, out)
}

// FollowUps returns the learner's open applications whose follow-up date has come.
func (s *Service) FollowUps(ctx context.Context, user int64, today time.Time) ([]Application, error) {
	apps, err := s.store.Applications(ctx, user, Filter{})
	if err != nil {
		return nil, err
	}
	var due []Application
	for _, a := range apps {
		if a.FollowUpDue(today) != NotDue {
			due = append(due, a)
		}
	}
	return due, nil
}

// Salaries returns the salary sources devpath knows.
func (s *Service) Salaries() Salaries { return s.salaries }

// CompareOffer sets an application's offer against every salary source in its currency.
func (s *Service) CompareOffer(a Application) []Comparison {
	if a.Offer.Amount <= 0 {
		return nil
	}
	var out []Comparison
	for _, src := range s.salaries.Sources {
		if c := Compare(a.Offer, src); c.Comparable {
			out = append(out, c)
		}
	}
	return out
}
