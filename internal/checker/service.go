package checker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
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
	// StartRun stores a run that has just begun, together with the job that
	// will work it (RunJob), in one transaction; a learner with a run still
	// running gets a Conflict.
	StartRun(ctx context.Context, r StoredRun) (StoredRun, error)
	FinishRun(ctx context.Context, id int64, status RunStatus, passed int, report []byte, at time.Time) error
	// Run returns any learner's run, for the job that works it.
	Run(ctx context.Context, id int64) (StoredRun, error)
	CheckRun(ctx context.Context, user, id int64) (StoredRun, error)
	CheckRuns(ctx context.Context, user int64, project string, limit int) ([]StoredRun, error)
	// AbandonRuns ends, as failed with report, the runs still running that
	// started before cutoff.
	AbandonRuns(ctx context.Context, cutoff time.Time, report []byte, at time.Time) (int64, error)
}

// RunJob is the job that works a stored run. It is idempotent: a run that
// has finished is not run again.
type RunJob struct {
	RunID int64 `json:"run_id"`
}

// Kind names the job in the queue.
func (RunJob) Kind() string { return "check_run" }

// SweepJob ends the runs whose jobs were lost for good.
type SweepJob struct{}

// Kind names the job in the queue.
func (SweepJob) Kind() string { return "check_sweep" }

// RunTimeout bounds one attempt at a run started from the web.
const RunTimeout = 5 * time.Minute

// Service starts checks for learners, works them as jobs of a durable queue
// and keeps their results.
type Service struct {
	store    Store
	projects *Catalog
	policy   AddressPolicy
	log      *slog.Logger
	now      func() time.Time
	// Finished, when set, hears of every run that ends, for notifications.
	Finished func(ctx context.Context, run StoredRun)
}

// NewService returns the check service for the projects; policy decides which
// addresses the server may dial.
func NewService(store Store, projects *Catalog, policy AddressPolicy, log *slog.Logger, now func() time.Time) *Service {
	return &Service{store: store, projects: projects, policy: policy, log: log, now: now}
}

// Start begins a check of project against baseURL for a learner and returns
// the stored run at once; a job runs the stages, on whichever instance is free.
func (s *Service) Start(ctx context.Context, user int64, project, baseURL string) (StoredRun, error) {
	if err := s.CheckStart(project, baseURL); err != nil {
		return StoredRun{}, err
	}
	p, err := s.projects.Lookup(project)
	if err != nil {
		return StoredRun{}, err
	}
	return s.store.StartRun(ctx, StoredRun{UserID: user, Project: p.Name, URL: baseURL, Status: Running,
		Stages: len(p.Stages), StartedAt: s.now()})
}

// CheckStart returns the problems Start would find in a project's name and
// a server's address, both at once, before anything runs.
func (s *Service) CheckStart(project, baseURL string) error {
	var problems []error
	if _, err := s.projects.Lookup(project); err != nil {
		problems = append(problems, &app.Error{Code: app.Invalid, Message: err.Error(), Fields: map[string]string{"project": "must be one of " + s.projects.names()}})
	}
	if u, err := url.Parse(baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		problems = append(problems, app.FieldError("url", "must be an absolute http:// or https:// address, such as http://localhost:3000"))
	}
	return app.Merge(problems...)
}

// Execute works one attempt at a run. A run cut short by its instance
// stopping is returned as an error, so that the queue tries it again
// (here or elsewhere); on the last attempt it is saved as failed instead.
func (s *Service) Execute(ctx context.Context, runID int64, attempt int, last bool) error {
	run, err := s.store.Run(ctx, runID)
	if app.ErrorCode(err) == app.NotFound || (err == nil && run.Status != Running) {
		return nil // deleted with its learner, or finished by an earlier attempt
	}
	if err != nil {
		return err
	}
	p, err := s.projects.Lookup(run.Project)
	if err != nil {
		return s.abandon(run, "The project "+run.Project+" no longer exists on this server.")
	}
	if attempt > 1 {
		s.log.Info("check run tried again after an interruption", "run", run.ID, "attempt", attempt)
	}
	rep := Run(ctx, p, run.URL, Options{Policy: s.policy})
	if errors.Is(ctx.Err(), context.Canceled) {
		if !last {
			return fmt.Errorf("check run %d: interrupted", run.ID)
		}
		return s.abandon(run, "The check was interrupted twice while the server restarted. Start it again.")
	}
	status := Failed
	if rep.Passed {
		status = Passed
	}
	data, _ := json.Marshal(rep.JSON())
	return s.finish(run, status, rep.passedCount(), data)
}

// finish saves how a run ended, whatever became of the job's context.
func (s *Service) finish(run StoredRun, status RunStatus, passed int, report []byte) error {
	ctx := context.WithoutCancel(context.Background())
	at := s.now()
	if err := s.store.FinishRun(ctx, run.ID, status, passed, report, at); err != nil {
		return fmt.Errorf("saving check run %d: %w", run.ID, err)
	}
	run.Status, run.Passed, run.FinishedAt = status, passed, &at
	if s.Finished != nil {
		s.Finished(ctx, run)
	}
	return nil
}

// abandon ends a run as failed, with why in words in its report.
func (s *Service) abandon(run StoredRun, why string) error {
	return s.finish(run, Failed, 0, abandonedReport(run, why, s.now()))
}

func abandonedReport(run StoredRun, why string, at time.Time) []byte {
	r := ReportJSON{Project: run.Project, URL: run.URL, StartedAt: run.StartedAt.UTC(), Stages: run.Stages,
		Results: []ResultJSON{{Slug: "run", Title: "The run", Status: StatusError, Message: why}}}
	if !run.StartedAt.IsZero() {
		r.DurationMS = at.Sub(run.StartedAt).Milliseconds()
	}
	data, _ := json.Marshal(r)
	return data
}

// Sweep ends the runs still running after lost: their job was lost with
// every attempt (each instance that took it died), so nothing will end them.
func (s *Service) Sweep(ctx context.Context, lost time.Duration) error {
	now := s.now()
	report := abandonedReport(StoredRun{}, "The check was interrupted and could not be finished. Start it again.", now)
	n, err := s.store.AbandonRuns(ctx, now.Add(-lost), report, now)
	if n > 0 {
		s.log.Warn("check runs lost with their jobs were marked failed", "count", n)
	}
	return err
}

// Get returns one of the learner's runs; others' runs are NotFound.
func (s *Service) Get(ctx context.Context, user, id int64) (StoredRun, error) {
	return s.store.CheckRun(ctx, user, id)
}

// History returns the learner's runs, newest first; project narrows it.
func (s *Service) History(ctx context.Context, user int64, project string) ([]StoredRun, error) {
	return s.store.CheckRuns(ctx, user, project, 50)
}
