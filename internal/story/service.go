package story

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"devpath/internal/app"
	"devpath/internal/credential"
	"devpath/internal/jobsearch"
	"devpath/internal/plan"
	"devpath/internal/portfolio"
	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

// Owner is the learner behind a handle.
type Owner struct {
	UserID    int64
	Name      string
	Handle    string
	Began     time.Time // the account's creation
	Published bool
	Document  Document
	UpdatedAt time.Time
}

// Store is the storage the story service needs.
type Store interface {
	// Story returns the learner's document; a zero one when they wrote none.
	Story(ctx context.Context, user int64) (Document, bool, error)
	PutStory(ctx context.Context, user int64, d Document, published bool, at time.Time) error
	// StoryOwner finds a handle's learner; NotFound when nobody has it.
	StoryOwner(ctx context.Context, handle string) (Owner, error)
	// PublishedStories lists published stories with a handle, newest first.
	PublishedStories(ctx context.Context, limit int) ([]Owner, error)
}

// Sources are what devpath knows of a learner's path.
type Sources struct {
	Plans        *plan.Service
	Progress     *progress.Service
	Roadmaps     *roadmap.Catalog
	Portfolio    *portfolio.Service
	Applications *jobsearch.Service
	Credentials  *credential.Service
}

// Service builds, keeps and publishes stories.
type Service struct {
	store Store
	src   Sources
	now   func() time.Time
}

// NewService returns the story service.
func NewService(store Store, src Sources, now func() time.Time) *Service {
	return &Service{store: store, src: src, now: now}
}

// IndexSize bounds the stories index: the newest published ones.
const IndexSize = 200

// Draft is the learner's whole story, every part included, for editing.
func (s *Service) Draft(ctx context.Context, user int64, name string, began time.Time) (Story, error) {
	doc, published, err := s.store.Story(ctx, user)
	if err != nil {
		return Story{}, err
	}
	set, err := s.src.Portfolio.Settings(ctx, user)
	if err != nil {
		return Story{}, err
	}
	return s.build(ctx, Owner{UserID: user, Name: name, Handle: set.Handle, Began: began, Published: published, Document: doc})
}

// Save stores the learner's document; publishing needs a handle, chosen
// on the portfolio page, as the story's address is /stories/{handle}.
func (s *Service) Save(ctx context.Context, user int64, d Document, publish bool) error {
	if err := s.CheckSave(ctx, user, d, publish); err != nil {
		return err
	}
	return s.store.PutStory(ctx, user, d, publish, s.now())
}

// CheckSave returns the problems Save would find.
func (s *Service) CheckSave(ctx context.Context, user int64, d Document, publish bool) error {
	if err := d.Check(); err != nil || !publish {
		return err
	}
	set, err := s.src.Portfolio.Settings(ctx, user)
	if err != nil {
		return err
	}
	if set.Handle == "" {
		return app.FieldError("published", "needs a handle: choose one on your portfolio page, as the story's address is /stories/{handle}")
	}
	return nil
}

// Public is a published story as visitors see it: only the chosen parts.
// An unpublished story answers like a handle nobody has.
func (s *Service) Public(ctx context.Context, handle string) (Story, error) {
	o, err := s.store.StoryOwner(ctx, handle)
	if app.ErrorCode(err) == app.NotFound || (err == nil && !o.Published) {
		return Story{}, app.Errorf(app.NotFound, "no story at /stories/%s", handle)
	}
	if err != nil {
		return Story{}, err
	}
	st, err := s.build(ctx, o)
	return st.public(), err
}

// Index lists published stories, narrowed to a starting point and a route
// when given (empty: any), so a newcomer finds people who started where
// they start. The newest IndexSize stories are looked at.
func (s *Service) Index(ctx context.Context, start roadmap.StartingPoint, route plan.Route) ([]Summary, error) {
	owners, err := s.store.PublishedStories(ctx, IndexSize)
	if err != nil {
		return nil, err
	}
	out := []Summary{}
	for _, o := range owners {
		sum := Summary{Handle: o.Handle, Name: o.Name, Intro: firstLine(o.Document.Intro), UpdatedAt: o.UpdatedAt}
		if o.Document.Shows(StartPart) {
			p, err := s.src.Plans.Profile(ctx, o.UserID)
			if err != nil && app.ErrorCode(err) != app.NotFound {
				return nil, err
			}
			sum.StartingPoint, sum.Route = p.StartingPoint, p.Route
		}
		if (start == "" || sum.StartingPoint == start) && (route == "" || sum.Route == route) {
			out = append(out, sum)
		}
	}
	return out, nil
}

// build gathers the milestones devpath knows, with the learner's words.
func (s *Service) build(ctx context.Context, o Owner) (Story, error) {
	st := Story{Handle: o.Handle, Name: o.Name, Published: o.Published, Intro: o.Document.Intro, Began: o.Began, Document: o.Document}
	p, err := s.src.Plans.Profile(ctx, o.UserID)
	if err != nil && app.ErrorCode(err) != app.NotFound {
		return st, err
	}
	st.StartingPoint, st.Route = p.StartingPoint, p.Route
	for _, add := range []func(context.Context, int64, *Story) error{s.steps, s.projects, s.credentials, s.applications} {
		if err := add(ctx, o.UserID, &st); err != nil {
			return st, err
		}
	}
	sort.SliceStable(st.Milestones, func(i, j int) bool { return earlier(st.Milestones[i].At, st.Milestones[j].At) })
	for i := range st.Milestones {
		st.Milestones[i].Words = o.Document.Words[st.Milestones[i].Key]
	}
	return st, nil
}

// earlier orders known dates first, oldest first.
func earlier(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a != nil && b == nil
	}
	return a.Before(*b)
}

func (s *Service) steps(ctx context.Context, user int64, st *Story) error {
	home := s.src.Roadmaps.Home()
	if home == nil {
		return nil
	}
	v, err := s.src.Progress.Progress(ctx, user, home.Slug)
	if err != nil {
		return err
	}
	st.Hours = v.Summary.DoneHrs
	for i, sc := range v.Summary.Steps {
		if sc.Done == 0 || sc.Percent < 100 {
			continue
		}
		var last time.Time
		for _, t := range home.Steps[i].Topics {
			if e, ok := v.Entries[t.ID]; ok && e.UpdatedAt.After(last) {
				last = e.UpdatedAt
			}
		}
		st.Milestones = append(st.Milestones, Milestone{Key: "step-" + sc.Step, Part: StepsPart, At: &last,
			Title: fmt.Sprintf("Finished step %d: %s", i+1, sc.Title), Detail: fmt.Sprintf("%d topics, about %d hours of study", sc.Done, sc.DoneHrs)})
	}
	return nil
}

func (s *Service) projects(ctx context.Context, user int64, st *Story) error {
	all, err := s.src.Portfolio.Projects(ctx, user)
	if err != nil {
		return err
	}
	for _, p := range all {
		if !p.Public {
			continue
		}
		at := p.CreatedAt
		m := Milestone{Key: "project-" + strconv.FormatInt(p.ID, 10), Part: ProjectsPart, At: &at, Title: "Built " + p.Title}
		if v := p.Verified; v != nil {
			m.Detail = fmt.Sprintf("verified by devpath: passed all %d stages of %s", v.Stages, v.Title)
		}
		st.Milestones = append(st.Milestones, m)
	}
	return nil
}

func (s *Service) credentials(ctx context.Context, user int64, st *Story) error {
	shown, err := s.src.Credentials.Public(ctx, user)
	if err != nil {
		return err
	}
	for _, c := range shown {
		at := c.IssuedAt
		st.Milestones = append(st.Milestones, Milestone{Key: "credential-" + strconv.FormatInt(c.ID, 10), Part: CredentialsPart,
			At: &at, Title: "Earned the credential " + c.Name, Detail: "a signed Open Badge anyone can verify"})
	}
	return nil
}

// applications counts those sent (past "saved") and finds an accepted offer.
func (s *Service) applications(ctx context.Context, user int64, st *Story) error {
	all, err := s.src.Applications.List(ctx, user, jobsearch.Filter{})
	if err != nil {
		return err
	}
	var first *time.Time
	for _, a := range all {
		for _, h := range a.History {
			if h.Stage == jobsearch.Applied && (first == nil || h.At.Before(*first)) {
				at := h.At
				first = &at
			}
			if h.Stage == jobsearch.Accepted && a.Stage == jobsearch.Accepted {
				at := h.At
				st.Milestones = append(st.Milestones, Milestone{Key: "hired", Part: HiredPart, At: &at,
					Title: "Hired: " + a.Title + " at " + a.Company})
			}
		}
		if a.Stage != jobsearch.Saved {
			st.Applications++
		}
	}
	if st.Applications > 0 {
		st.Milestones = append(st.Milestones, Milestone{Key: "applications", Part: ApplicationsPart, At: first,
			Title: fmt.Sprintf("Sent %d application%s", st.Applications, plural(st.Applications))})
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
