package checker

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/url"
	"sync"
	"time"

	"devpath/internal/app"
)

// RunStatus is where a stored run stands.
type RunStatus string

const (
	Running RunStatus = "running"
	Passed  RunStatus = "passed"
	Failed  RunStatus = "failed"
)

// StoredRun is a check run as the store keeps it.
type StoredRun struct {
	ID         int64
	UserID     int64
	Project    string
	URL        string
	Status     RunStatus
	Passed     int // stages passed
	Stages     int
	Report     *ReportJSON // nil while running
	StartedAt  time.Time
	FinishedAt *time.Time
}

// Store is the storage the check service needs.
type Store interface {
	StartRun(ctx context.Context, r StoredRun) (StoredRun, error)
	FinishRun(ctx context.Context, id int64, status RunStatus, passed int, report []byte, at time.Time) error
	CheckRun(ctx context.Context, user, id int64) (StoredRun, error)
	CheckRuns(ctx context.Context, user int64, project string, limit int) ([]StoredRun, error)
	// AbandonRuns ends runs left running by a process that stopped.
	AbandonRuns(ctx context.Context, at time.Time) (int64, error)
}

// runTimeout bounds a whole run started from the web.
const runTimeout = 5 * time.Minute

// Service runs checks for learners in the background and keeps their results.
type Service struct {
	store    Store
	projects *Catalog
	policy   AddressPolicy
	log      *slog.Logger
	now      func() time.Time
	slots    chan struct{} // runs at the same time, server-wide
	mu       sync.Mutex
	active   map[int64]bool // learners with a run in progress
	wg       sync.WaitGroup
	base     context.Context // ends when the server stops, ending the runs with it
	stop     context.CancelFunc
}

// NewService returns the check service for the projects; policy decides which
// addresses the server may dial.
func NewService(store Store, projects *Catalog, policy AddressPolicy, log *slog.Logger, now func() time.Time) *Service {
	base, stop := context.WithCancel(context.Background())
	return &Service{store: store, projects: projects, policy: policy, log: log, now: now, slots: make(chan struct{}, 4),
		active: map[int64]bool{}, base: base, stop: stop}
}

// Start begins a check of project against baseURL for a learner and returns
// the stored run at once; the stages run in the background.
func (s *Service) Start(ctx context.Context, user int64, project, baseURL string) (StoredRun, error) {
	p, err := s.projects.Lookup(project)
	if err != nil {
		return StoredRun{}, &app.Error{Code: app.Invalid, Message: err.Error(), Fields: map[string]string{"project": "must be notes-api or conduit"}}
	}
	if u, err := url.Parse(baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return StoredRun{}, app.FieldError("url", "must be an absolute http:// or https:// address, such as http://localhost:3000")
	}
	if !s.claim(user) {
		return StoredRun{}, app.Errorf(app.Conflict, "a check of yours is still running: wait for it to finish")
	}
	run, err := s.store.StartRun(ctx, StoredRun{UserID: user, Project: p.Name, URL: baseURL, Status: Running,
		Stages: len(p.Stages), StartedAt: s.now()})
	if err != nil {
		s.release(user)
		return StoredRun{}, err
	}
	s.wg.Add(1)
	go s.run(p, run)
	return run, nil
}

func (s *Service) claim(user int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.active[user] {
		return false
	}
	s.active[user] = true
	return true
}

func (s *Service) release(user int64) {
	s.mu.Lock()
	delete(s.active, user)
	s.mu.Unlock()
}

// run executes the stages detached from the request that asked for them.
func (s *Service) run(p Project, run StoredRun) {
	defer s.wg.Done()
	defer s.release(run.UserID)
	s.slots <- struct{}{}
	defer func() { <-s.slots }()
	ctx, cancel := context.WithTimeout(s.base, runTimeout)
	defer cancel()
	rep := Run(ctx, p, run.URL, Options{Policy: s.policy})
	status, passed := Failed, rep.passedCount()
	if rep.Passed {
		status = Passed
	}
	data, _ := json.Marshal(rep.JSON())
	if err := s.store.FinishRun(context.Background(), run.ID, status, passed, data, s.now()); err != nil {
		s.log.Error("saving a check run", "run", run.ID, "err", err)
	}
}

// Wait blocks until the runs in progress have finished.
func (s *Service) Wait() { s.wg.Wait() }

// Stop ends the runs in progress (each is saved as failed) and waits for them.
func (s *Service) Stop() {
	s.stop()
	s.wg.Wait()
}

// Get returns one of the learner's runs; others' runs are NotFound.
func (s *Service) Get(ctx context.Context, user, id int64) (StoredRun, error) {
	return s.store.CheckRun(ctx, user, id)
}

// History returns the learner's runs, newest first; project narrows it.
func (s *Service) History(ctx context.Context, user int64, project string) ([]StoredRun, error) {
	return s.store.CheckRuns(ctx, user, project, 50)
}

// Recover ends runs that a stopped process left running.
func (s *Service) Recover(ctx context.Context) error {
	n, err := s.store.AbandonRuns(ctx, s.now())
	if n > 0 {
		s.log.Warn("check runs interrupted by a restart were marked failed", "count", n)
	}
	return err
}
