// Package jobs runs devpath's work that outlives a request: checker runs,
// reminders and notifications. It stands on River, with the same code path on
// SQLite and PostgreSQL: jobs are rows in the database, so they survive a
// restart, and each runs once even when several instances share one
// PostgreSQL.
//
// Domain packages know nothing of River: a job's arguments are a plain
// struct with a Kind method, and its work is a plain function.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"
)

// Args are a job's arguments: small, JSON-encodable, and enough for the
// work to find everything else in the database.
// An alias, so that a package can accept them without importing this one.
type Args = interface{ Kind() string }

// Job is one attempt at a job's work.
type Job[T Args] struct {
	ID      int64
	Args    T
	Attempt int  // 1 on the first try
	Last    bool // no attempt follows this one if it fails
}

// Kind says how the jobs of one kind run.
type Kind struct {
	Queue    string        // jobs of a queue share its workers; default "default"
	Workers  int           // at most this many of the queue's jobs at once on each instance; default 4
	Timeout  time.Duration // an attempt's context ends after this; default one minute
	Attempts int           // tries in all, a crash counting as one; default 3
	// Unique keeps at most one job of the kind with the same arguments
	// waiting or running: inserting another meanwhile does nothing.
	Unique bool
}

// Options are the queue's settings.
type Options struct {
	// RescueAfter is how long a job may stay running before the queue
	// takes it for lost (its instance died) and tries it again. It must be
	// longer than every kind's timeout; default ten minutes.
	RescueAfter time.Duration
	// Poll is how often an instance looks for new jobs; default a quarter second.
	Poll time.Duration
	// ID names this instance in the jobs it runs; default a random one.
	ID string
}

// Queue holds the job kinds and, once started, the River client that works them.
type Queue struct {
	driver  riverdriver.Driver[*sql.Tx]
	log     *slog.Logger
	opts    Options
	workers *river.Workers
	kinds   map[string]Kind
	queues  map[string]river.QueueConfig
	every   []*river.PeriodicJob
	client  *river.Client[*sql.Tx]
}

// New returns a queue over db, which is SQLite or PostgreSQL as engine
// says. On SQLite db must be the store's single writing connection: River
// and devpath then take turns instead of meeting SQLITE_BUSY.
func New(engine string, db *sql.DB, log *slog.Logger, opts Options) (*Queue, error) {
	var driver riverdriver.Driver[*sql.Tx]
	switch engine {
	case "sqlite":
		driver = riversqlite.New(db)
	case "postgres":
		driver = riverdatabasesql.New(db)
	default:
		return nil, fmt.Errorf("jobs: unknown engine %q", engine)
	}
	if opts.RescueAfter == 0 {
		opts.RescueAfter = 10 * time.Minute
	}
	if opts.Poll == 0 {
		opts.Poll = 250 * time.Millisecond
	}
	return &Queue{driver: driver, log: log, opts: opts, workers: river.NewWorkers(),
		kinds: map[string]Kind{}, queues: map[string]river.QueueConfig{}}, nil
}

// Migrate brings River's own tables up to date; devpath's migrations run first.
func (q *Queue) Migrate(ctx context.Context) error {
	m, err := rivermigrate.New(q.driver, &rivermigrate.Config{Logger: quiet(q.log)})
	if err != nil {
		return fmt.Errorf("job queue migrations: %w", err)
	}
	res, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return fmt.Errorf("job queue migrations: %w", err)
	}
	for _, v := range res.Versions {
		q.log.Info("migrated", "part", "job queue", "version", v.Version)
	}
	return nil
}

// Handle makes work the handler of jobs whose arguments are T. Call it
// before Open.
func Handle[T Args](q *Queue, k Kind, work func(context.Context, Job[T]) error) {
	var zero T
	k = k.withDefaults()
	q.kinds[zero.Kind()] = k
	if qc, ok := q.queues[k.Queue]; !ok || qc.MaxWorkers < k.Workers {
		q.queues[k.Queue] = river.QueueConfig{MaxWorkers: k.Workers, FetchPollInterval: q.opts.Poll}
	}
	river.AddWorker(q.workers, &worker[T]{kind: k, work: work})
}

// Every inserts args once per interval, on one instance only (River's
// elected leader), and once when the queue starts.
func Every(q *Queue, interval time.Duration, args Args) {
	q.every = append(q.every, river.NewPeriodicJob(river.PeriodicInterval(interval),
		func() (river.JobArgs, *river.InsertOpts) { return args, q.insertOpts(args) },
		&river.PeriodicJobOpts{RunOnStart: true}))
}

// Open makes the queue ready to take jobs, once every kind is handled;
// jobs are worked only after Start.
func (q *Queue) Open() error {
	c, err := river.NewClient(q.driver, &river.Config{
		ID:                   q.opts.ID,
		Logger:               quiet(q.log),
		Queues:               q.queues,
		Workers:              q.workers,
		PeriodicJobs:         q.every,
		RescueStuckJobsAfter: q.opts.RescueAfter,
		FetchPollInterval:    q.opts.Poll,
		FetchCooldown:        min(q.opts.Poll, 100*time.Millisecond),
		PollOnly:             true, // no LISTEN/NOTIFY: the same path on both engines
		JobTimeout:           -1,   // each kind sets its own, in worker.Timeout
	})
	if err != nil {
		return fmt.Errorf("job queue: %w", err)
	}
	q.client = c
	return nil
}

// Start begins working jobs in the background until Stop.
func (q *Queue) Start(ctx context.Context) error {
	if q.client == nil {
		return ErrNotStarted
	}
	return q.client.Start(ctx)
}

// Stop lets the jobs in progress finish until ctx ends, then cancels them;
// a cancelled job is tried again later, here or on another instance.
func (q *Queue) Stop(ctx context.Context) error {
	if q.client == nil {
		return nil
	}
	err := q.client.Stop(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return q.client.StopAndCancel(context.Background())
	}
	return err
}

// ErrNotStarted is returned by Insert and Start before Open.
var ErrNotStarted = errors.New("jobs: the queue is not open")

// Insert adds a job, to run as soon as a worker is free.
func (q *Queue) Insert(ctx context.Context, args Args) error {
	if q.client == nil {
		return ErrNotStarted
	}
	_, err := q.client.Insert(ctx, args, q.insertOpts(args))
	return err
}

// InsertTx adds a job within tx, so that it exists if and only if the
// transaction commits.
func (q *Queue) InsertTx(ctx context.Context, tx *sql.Tx, args Args) error {
	if q.client == nil {
		return ErrNotStarted
	}
	_, err := q.client.InsertTx(ctx, tx, args, q.insertOpts(args))
	return err
}

func (q *Queue) insertOpts(args Args) *river.InsertOpts {
	k, ok := q.kinds[args.Kind()]
	if !ok {
		k = Kind{}.withDefaults()
	}
	opts := &river.InsertOpts{Queue: k.Queue, MaxAttempts: k.Attempts}
	if k.Unique {
		// River's default states include completed jobs, which would keep a
		// periodic job from being inserted again until they are cleaned away.
		opts.UniqueOpts = river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{rivertype.JobStateAvailable,
			rivertype.JobStatePending, rivertype.JobStateRetryable, rivertype.JobStateRunning, rivertype.JobStateScheduled}}
	}
	return opts
}

func (k Kind) withDefaults() Kind {
	if k.Queue == "" {
		k.Queue = river.QueueDefault
	}
	if k.Workers == 0 {
		k.Workers = 4
	}
	if k.Timeout == 0 {
		k.Timeout = time.Minute
	}
	if k.Attempts == 0 {
		k.Attempts = 3
	}
	return k
}

// worker adapts a plain function to River's Worker.
type worker[T Args] struct {
	river.WorkerDefaults[T]
	kind Kind
	work func(context.Context, Job[T]) error
}

func (w *worker[T]) Work(ctx context.Context, j *river.Job[T]) error {
	return w.work(ctx, Job[T]{ID: j.ID, Args: j.Args, Attempt: j.Attempt, Last: j.Attempt >= j.MaxAttempts})
}

func (w *worker[T]) Timeout(*river.Job[T]) time.Duration { return w.kind.Timeout }

// quiet passes on River's warnings and errors, not its chatter.
func quiet(log *slog.Logger) *slog.Logger {
	return slog.New(levelAtLeast{log.Handler(), slog.LevelWarn})
}

type levelAtLeast struct {
	slog.Handler
	min slog.Level
}

func (h levelAtLeast) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h levelAtLeast) WithAttrs(as []slog.Attr) slog.Handler {
	return levelAtLeast{h.Handler.WithAttrs(as), h.min}
}

func (h levelAtLeast) WithGroup(name string) slog.Handler {
	return levelAtLeast{h.Handler.WithGroup(name), h.min}
}
