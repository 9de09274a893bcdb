package resume

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"devpath/internal/app"
)

// Limits on what a learner types around resumes.
const (
	MaxTailoredName = 200 // characters in a tailored copy's name
)

// MasterResume is a learner's master resume: the JSON Resume document
// byte for byte as they sent it, so that exporting it gives their own file
// back, with members devpath does not know and their own layout.
type MasterResume struct {
	Document  []byte
	UpdatedAt time.Time
}

// TailoredResume is a copy of the master for one application, kept as
// operations over the master rather than as a second document: the master
// stays the one place where facts live, and a fix there reaches every copy.
type TailoredResume struct {
	ID            int64
	Name          string
	ApplicationID *int64 // the application it is for, if any
	Tailoring     Tailoring
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Store is the storage the resume service needs. Every method takes
// the learner: another learner's copies are NotFound.
type Store interface {
	MasterResume(ctx context.Context, user int64) (MasterResume, error)
	PutMasterResume(ctx context.Context, user int64, doc []byte, at time.Time) (MasterResume, error)
	TailoredResumes(ctx context.Context, user int64) ([]TailoredResume, error)
	TailoredResume(ctx context.Context, user, id int64) (TailoredResume, error)
	CreateTailoredResume(ctx context.Context, user int64, t TailoredResume, at time.Time) (TailoredResume, error)
	UpdateTailoredResume(ctx context.Context, user int64, t TailoredResume, at time.Time) (TailoredResume, error)
	DeleteTailoredResume(ctx context.Context, user, id int64) error
	// HasApplication tells whether the learner has an application with this id.
	HasApplication(ctx context.Context, user, id int64) (bool, error)
}

// Service is the resume business: the master document and its tailored
// copies.
type Service struct {
	store  Store
	schema *Schema
	now    func() time.Time
}

// NewService returns the resume service.
func NewService(store Store, schema *Schema, now func() time.Time) *Service {
	return &Service{store: store, schema: schema, now: now}
}

// errNoMaster is what every path that needs a master says when there is none.
func errNoMaster() error {
	return app.Errorf(app.NotFound, "no master resume yet: save one first (PUT /api/v1/me/resume or the resume page)")
}

// Master returns the learner's master resume as they sent it.
func (s *Service) Master(ctx context.Context, user int64) (MasterResume, error) {
	m, err := s.store.MasterResume(ctx, user)
	if app.ErrorCode(err) == app.NotFound {
		return MasterResume{}, errNoMaster()
	}
	return m, err
}

// MasterParsed returns the learner's master resume read into its Go types.
func (s *Service) MasterParsed(ctx context.Context, user int64) (Resume, error) {
	m, err := s.Master(ctx, user)
	if err != nil {
		return Resume{}, err
	}
	return ParseResume(m.Document)
}

// SaveMaster validates a JSON Resume document and stores it unchanged.
// Errors name the JSON pointer of each problem ("/basics/email").
func (s *Service) SaveMaster(ctx context.Context, user int64, doc []byte) (MasterResume, error) {
	if err := s.schema.ValidateResume(doc); err != nil {
		return MasterResume{}, err
	}
	if _, err := ParseResume(doc); err != nil {
		return MasterResume{}, err
	}
	return s.store.PutMasterResume(ctx, user, doc, s.now())
}

// TailoredList returns the learner's tailored copies, newest first.
func (s *Service) TailoredList(ctx context.Context, user int64) ([]TailoredResume, error) {
	return s.store.TailoredResumes(ctx, user)
}

// Tailored returns one of the learner's tailored copies.
func (s *Service) Tailored(ctx context.Context, user, id int64) (TailoredResume, error) {
	return s.store.TailoredResume(ctx, user, id)
}

// CreateTailored stores a new tailored copy of the master. Its operations
// must fit the master as it is now.
func (s *Service) CreateTailored(ctx context.Context, user int64, t TailoredResume) (TailoredResume, error) {
	if err := s.CheckTailored(ctx, user, t); err != nil {
		return TailoredResume{}, err
	}
	return s.store.CreateTailoredResume(ctx, user, t, s.now())
}

// UpdateTailored replaces a tailored copy's name, application and operations.
func (s *Service) UpdateTailored(ctx context.Context, user int64, t TailoredResume) (TailoredResume, error) {
	if _, err := s.store.TailoredResume(ctx, user, t.ID); err != nil {
		return TailoredResume{}, err // another learner's copy is NotFound before anything is said about it
	}
	if err := s.CheckTailored(ctx, user, t); err != nil {
		return TailoredResume{}, err
	}
	return s.store.UpdateTailoredResume(ctx, user, t, s.now())
}

// DeleteTailored removes a tailored copy; the master is untouched.
func (s *Service) DeleteTailored(ctx context.Context, user, id int64) error {
	return s.store.DeleteTailoredResume(ctx, user, id)
}

// CheckTailored returns the problems CreateTailored or UpdateTailored would
// find in t, without storing it: the fields and the operations at once.
func (s *Service) CheckTailored(ctx context.Context, user int64, t TailoredResume) error {
	return app.Merge(checkTailoredName(t.Name), s.checkApplication(ctx, user, t.ApplicationID), s.checkOps(ctx, user, t.Tailoring))
}

func checkTailoredName(name string) error {
	switch n := utf8.RuneCountInString(strings.TrimSpace(name)); {
	case n == 0:
		return app.FieldError("name", "give the copy a name, such as the company it is for")
	case n > MaxTailoredName:
		return app.FieldError("name", fmt.Sprintf("must be at most %d characters", MaxTailoredName))
	}
	return nil
}

// checkApplication refuses an application that is not the learner's own.
func (s *Service) checkApplication(ctx context.Context, user int64, id *int64) error {
	if id == nil {
		return nil
	}
	mine, err := s.store.HasApplication(ctx, user, *id)
	if err == nil && !mine {
		return app.FieldError("application_id", "must be one of your applications")
	}
	return err
}

// checkOps applies the operations to the master to prove they fit it.
func (s *Service) checkOps(ctx context.Context, user int64, t Tailoring) error {
	master, err := s.MasterParsed(ctx, user)
	if app.ErrorCode(err) == app.NotFound {
		return app.Errorf(app.Conflict, "a tailored resume is a copy of your master resume: save the master first")
	}
	if err != nil {
		return err
	}
	_, err = Apply(master, t)
	return err
}

// TailoredView is a tailored copy with everything its pages show.
type TailoredView struct {
	TailoredResume
	Master   Resume
	Resume   Resume   // the master as tailored
	Changes  []Change // how Resume differs from Master
	Outline  ResumeOutline
	Unfitted []Op // operations that no longer fit the master and were left out
}

// View applies a tailored copy to the current master. The master may have
// changed since the copy was saved: operations that no longer fit it (an
// entry removed, a text gone) are left out and listed, rather than making
// the copy unreadable.
func (s *Service) View(ctx context.Context, user, id int64) (TailoredView, error) {
	t, err := s.store.TailoredResume(ctx, user, id)
	if err != nil {
		return TailoredView{}, err
	}
	master, err := s.MasterParsed(ctx, user)
	if err != nil {
		return TailoredView{}, err
	}
	v := TailoredView{TailoredResume: t, Master: master}
	fitting, unfitted := fitOps(master, t.Tailoring)
	v.Tailoring, v.Unfitted = fitting, unfitted
	if v.Resume, err = Apply(master, fitting); err != nil {
		return TailoredView{}, err
	}
	if v.Changes, err = Diff(master, v.Resume); err != nil {
		return TailoredView{}, err
	}
	v.Outline, err = Outline(master, fitting)
	return v, err
}

// fitOps splits a tailoring into the operations that apply to master and
// those that do not. Each is tried alone (operations never depend on each
// other), then the kept ones together, dropping every order of a section
// reordered twice if that is what still fails.
func fitOps(master Resume, t Tailoring) (Tailoring, []Op) {
	var keep Tailoring
	var dropped []Op
	for _, op := range t.Ops {
		if _, err := Apply(master, Tailoring{Ops: []Op{op}}); err != nil {
			dropped = append(dropped, op)
			continue
		}
		keep.Ops = append(keep.Ops, op)
	}
	if _, err := Apply(master, keep); err == nil {
		return keep, dropped
	}
	ordered := map[string]bool{}
	var once Tailoring
	for _, op := range keep.Ops {
		if op.Kind == OpOrder && ordered[op.Section] {
			dropped = append(dropped, op)
			continue
		}
		ordered[op.Section] = ordered[op.Section] || op.Kind == OpOrder
		once.Ops = append(once.Ops, op)
	}
	return once, dropped
}
