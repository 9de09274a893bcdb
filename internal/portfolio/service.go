package portfolio

import (
	"context"
	"fmt"
	"slices"
	"time"

	"devpath/internal/app"
	"devpath/internal/checker"
	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

// Owner is the learner behind a handle, with their page's settings.
type Owner struct {
	UserID   int64
	Name     string
	Settings Settings
}

// Store is the storage the portfolio service needs. Every method that takes
// the learner answers NotFound for another learner's projects.
type Store interface {
	PortfolioProjects(ctx context.Context, user int64) ([]Project, error)
	PortfolioProject(ctx context.Context, user, id int64) (Project, error)
	CreatePortfolioProject(ctx context.Context, p Project, at time.Time) (Project, error)
	UpdatePortfolioProject(ctx context.Context, p Project, at time.Time) (Project, error)
	DeletePortfolioProject(ctx context.Context, user, id int64) error
	// PortfolioSettings returns zero Settings for a learner who never saved any.
	PortfolioSettings(ctx context.Context, user int64) (Settings, error)
	// PutPortfolioSettings answers HandleTaken when another learner has the handle.
	PutPortfolioSettings(ctx context.Context, user int64, s Settings, at time.Time) error
	PortfolioOwner(ctx context.Context, handle string) (Owner, error)
}

// Service is the portfolio business: projects, their proof, the public page.
type Service struct {
	store    Store
	checks   *checker.Service
	projects *checker.Catalog
	progress *progress.Service
	home     *roadmap.Roadmap // topics are validated against it; nil when no roadmap is loaded
	now      func() time.Time
}

// NewService returns the portfolio service. Projects name topics of the
// catalog's first roadmap, as the planner's profile does.
func NewService(store Store, checks *checker.Service, projects *checker.Catalog, progress *progress.Service,
	roadmaps *roadmap.Catalog, now func() time.Time) *Service {
	home := roadmaps.Home()
	return &Service{store: store, checks: checks, projects: projects, progress: progress, home: home, now: now}
}

// Showcase is a project with what proves it and the titles of its topics.
type Showcase struct {
	Project
	TopicRefs []TopicRef
	RunStatus checker.RunStatus // of the attached run; empty when none
	Verified  *Verified         // set only when the attached run passed
}

// TopicRef is a roadmap topic a project shows.
type TopicRef struct{ ID, Title string }

// Verified is a passing checker run: the server the learner built answered
// every stage of a project's specification.
type Verified struct {
	RunID   int64
	Project string // the checker's project, such as notes-api
	Title   string
	Stages  int
	At      time.Time // when the run finished
}

// Projects returns the learner's projects, newest first.
func (s *Service) Projects(ctx context.Context, user int64) ([]Showcase, error) {
	ps, err := s.store.PortfolioProjects(ctx, user)
	if err != nil {
		return nil, err
	}
	return s.showcases(ctx, user, ps)
}

// Project returns one of the learner's projects.
func (s *Service) Project(ctx context.Context, user, id int64) (Showcase, error) {
	p, err := s.store.PortfolioProject(ctx, user, id)
	if err != nil {
		return Showcase{}, err
	}
	return s.showcase(ctx, user, p)
}

// Create validates and stores a new project.
func (s *Service) Create(ctx context.Context, user int64, p Project) (Showcase, error) {
	p.UserID = user
	if err := s.check(ctx, &p); err != nil {
		return Showcase{}, err
	}
	p, err := s.store.CreatePortfolioProject(ctx, p, s.now())
	if err != nil {
		return Showcase{}, err
	}
	return s.showcase(ctx, user, p)
}

// Update replaces one of the learner's projects.
func (s *Service) Update(ctx context.Context, user int64, p Project) (Showcase, error) {
	if _, err := s.store.PortfolioProject(ctx, user, p.ID); err != nil {
		return Showcase{}, err
	}
	p.UserID = user
	if err := s.check(ctx, &p); err != nil {
		return Showcase{}, err
	}
	p, err := s.store.UpdatePortfolioProject(ctx, p, s.now())
	if err != nil {
		return Showcase{}, err
	}
	return s.showcase(ctx, user, p)
}

// Delete removes one of the learner's projects.
func (s *Service) Delete(ctx context.Context, user, id int64) error {
	return s.store.DeletePortfolioProject(ctx, user, id)
}

// check validates the fields, puts topics under their current ids, and
// makes sure an attached run is the learner's own: another learner's run
// is NotFound, exactly as if it did not exist.
func (s *Service) check(ctx context.Context, p *Project) error {
	topics, err := s.resolveTopics(p.Topics)
	if err := app.Merge(p.Validate(), err); err != nil {
		return err
	}
	p.Topics = topics
	if p.CheckRunID != nil {
		if _, err := s.checks.Get(ctx, p.UserID, *p.CheckRunID); err != nil {
			return err
		}
	}
	return nil
}

// CheckProject returns the problems Create or Update would find in the
// learner's project p, without storing it.
func (s *Service) CheckProject(ctx context.Context, user int64, p Project) error {
	p.UserID = user
	return s.check(ctx, &p)
}

// resolveTopics turns topic ids (current or former) into current ids, once each.
func (s *Service) resolveTopics(ids []string) ([]string, error) {
	out := []string{}
	for _, id := range ids {
		if s.home == nil {
			return nil, app.FieldError("topics", "no roadmap is loaded, so no topic can be named")
		}
		cur, ok := s.home.Resolve(id)
		if !ok {
			return nil, app.FieldError("topics", fmt.Sprintf("the %s roadmap has no topic %q", s.home.Slug, id))
		}
		if !slices.Contains(out, cur) {
			out = append(out, cur)
		}
	}
	return out, nil
}

func (s *Service) showcases(ctx context.Context, user int64, ps []Project) ([]Showcase, error) {
	out := make([]Showcase, 0, len(ps))
	for _, p := range ps {
		sc, err := s.showcase(ctx, user, p)
		if err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	return out, nil
}

// showcase adds the topics' titles and, for an attached run, its status
// and whether it verifies the project.
func (s *Service) showcase(ctx context.Context, user int64, p Project) (Showcase, error) {
	sc := Showcase{Project: p, TopicRefs: []TopicRef{}}
	for _, id := range p.Topics {
		ref := TopicRef{ID: id, Title: id}
		if t, err := s.topic(id); err == nil {
			ref.Title = t.Title
		}
		sc.TopicRefs = append(sc.TopicRefs, ref)
	}
	if p.CheckRunID == nil {
		return sc, nil
	}
	run, err := s.checks.Get(ctx, user, *p.CheckRunID)
	if app.ErrorCode(err) == app.NotFound {
		return sc, nil // the run is gone: the project simply is not verified
	}
	if err != nil {
		return Showcase{}, err
	}
	sc.RunStatus = run.Status
	if run.Status == checker.Passed && run.FinishedAt != nil {
		sc.Verified = &Verified{RunID: run.ID, Project: run.Project, Title: run.Project, Stages: run.Stages, At: *run.FinishedAt}
		if cp, err := s.projects.Lookup(run.Project); err == nil {
			sc.Verified.Title = cp.Title
		}
	}
	return sc, nil
}

func (s *Service) topic(id string) (*roadmap.Topic, error) {
	if s.home == nil {
		return nil, app.Errorf(app.NotFound, "no roadmap is loaded")
	}
	return s.home.Topic(id)
}

// Settings returns the learner's page settings; a page is off until turned on.
func (s *Service) Settings(ctx context.Context, user int64) (Settings, error) {
	return s.store.PortfolioSettings(ctx, user)
}

// SetSettings validates and stores the learner's page settings.
func (s *Service) SetSettings(ctx context.Context, user int64, set Settings) (Settings, error) {
	if err := set.Validate(); err != nil {
		return Settings{}, err
	}
	return set, s.store.PutPortfolioSettings(ctx, user, set, s.now())
}

// Page is a learner's public portfolio: only what they chose to show.
type Page struct {
	UserID   int64 // for what other services add to the page, never shown
	Name     string
	Settings Settings
	Projects []Showcase // the projects marked public
	Progress *PublicProgress
}

// PublicProgress is how far the learner is on the home roadmap.
type PublicProgress struct {
	Roadmap string // title
	Percent float64
	Steps   []progress.StepCount // only the steps with something done
}

// publicProgress is what a visitor sees of a summary: the steps where
// something is done. A step at 0% tells an employer nothing, and a row of
// them reads as a failure; with nothing done at all there is no progress
// to show (nil).
func publicProgress(roadmap string, sum progress.Summary) *PublicProgress {
	if sum.Percent <= 0 {
		return nil
	}
	p := &PublicProgress{Roadmap: roadmap, Percent: sum.Percent}
	for _, st := range sum.Steps {
		if st.Percent > 0 {
			p.Steps = append(p.Steps, st)
		}
	}
	return p
}

// Public returns the page at /u/{handle}. A page that is off answers
// exactly like a handle nobody has, so the answer says nothing about who
// uses devpath.
func (s *Service) Public(ctx context.Context, handle string) (Page, error) {
	notFound := app.Errorf(app.NotFound, "no public portfolio at /u/%s", handle)
	owner, err := s.store.PortfolioOwner(ctx, handle)
	if app.ErrorCode(err) == app.NotFound || (err == nil && !owner.Settings.Public) {
		return Page{}, notFound
	}
	if err != nil {
		return Page{}, err
	}
	all, err := s.Projects(ctx, owner.UserID)
	if err != nil {
		return Page{}, err
	}
	page := Page{UserID: owner.UserID, Name: owner.Name, Settings: owner.Settings}
	for _, sc := range all {
		if sc.Public {
			page.Projects = append(page.Projects, sc)
		}
	}
	if owner.Settings.ShowProgress && s.home != nil {
		pv, err := s.progress.Progress(ctx, owner.UserID, s.home.Slug)
		if err != nil {
			return Page{}, err
		}
		page.Progress = publicProgress(s.home.Title, pv.Summary)
	}
	return page, nil
}
