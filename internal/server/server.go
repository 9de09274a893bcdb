// Package server wires devpath together: the store, the services, the API,
// the pages and the operational endpoints, behind one http.Handler.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"devpath/content"
	"devpath/internal/account"
	"devpath/internal/api"
	"devpath/internal/checker"
	"devpath/internal/config"
	"devpath/internal/httpx"
	"devpath/internal/jobs"
	"devpath/internal/jobsearch"
	"devpath/internal/mail"
	"devpath/internal/network"
	"devpath/internal/plan"
	"devpath/internal/portfolio"
	"devpath/internal/progress"
	"devpath/internal/roadmap"
	"devpath/internal/store"
	"devpath/internal/story"
	"devpath/internal/web"
)

// App is a running devpath: its store, services and handler.
type App struct {
	Config  config.Config
	Log     *slog.Logger
	Store   *store.Store
	Jobs    *jobs.Queue // background work; runs once Serve or StartJobs is called
	Handler http.Handler
	Metrics http.Handler // Prometheus /metrics, served apart from the site

	httpx.Services // built once, handed to the API and the pages alike

	mailer *mail.Mailer // nil without --smtp-url
}

// New opens the database, applies migrations and builds the handler.
func New(ctx context.Context, cfg config.Config, log *slog.Logger, version string) (*App, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	st, err := store.Open(cfg.Database, cfg.SQLitePath())
	if err != nil {
		return nil, err
	}
	a := &App{Config: cfg, Log: log, Store: st}
	a.Version, a.BaseURL, a.SecureCookies = version, cfg.BaseURL, cfg.SecureCookies()
	if err := a.build(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return a, nil
}

func (a *App) build(ctx context.Context) error {
	q, err := jobs.New(a.Store.Engine(), a.Store.QueueDB(), a.Log, jobs.Options{RescueAfter: a.Config.JobRescueAfter})
	if err != nil {
		return err
	}
	if err := a.Store.Migrate(ctx, a.Log, q.Migrate); err != nil {
		return err
	}
	a.Jobs = q
	a.Store.UseQueue(q)
	if err := a.services(ctx); err != nil {
		return err
	}
	if err := a.work(); err != nil {
		return err
	}
	return a.routes()
}

// work names the background jobs and who does them.
func (a *App) work() error {
	checks := jobs.Kind{Queue: "checks", Workers: 4, Timeout: a.Config.CheckTimeout, Attempts: 2}
	jobs.Handle(a.Jobs, checks, func(ctx context.Context, j jobs.Job[checker.RunJob]) error {
		return a.Checks.Execute(ctx, j.Args.RunID, j.Attempt, j.Last)
	})
	// A run's job is lost for good once every attempt's instance died:
	// two rescues and the run itself, with room to spare.
	lost := 2*a.Config.JobRescueAfter + 2*a.Config.CheckTimeout
	jobs.Handle(a.Jobs, jobs.Kind{}, func(ctx context.Context, _ jobs.Job[checker.SweepJob]) error {
		return a.Checks.Sweep(ctx, lost)
	})
	jobs.Every(a.Jobs, time.Minute, checker.SweepJob{})
	jobs.Handle(a.Jobs, jobs.Kind{}, func(ctx context.Context, _ jobs.Job[account.SweepJob]) error {
		n, err := a.Accounts.Sweep(ctx)
		if n > 0 {
			a.Log.Info("swept expired sessions, reset links and login counters", "count", n)
		}
		return err
	})
	jobs.Every(a.Jobs, time.Hour, account.SweepJob{})
	a.notifyWork()
	a.cohortWork(a.mailer)
	a.credentialWork()
	a.mentorWork()
	return a.Jobs.Open()
}

// StartJobs begins working background jobs; Serve calls it.
func (a *App) StartJobs(ctx context.Context) error { return a.Jobs.Start(ctx) }

// services builds every domain service, in the order they depend on each other.
func (a *App) services(ctx context.Context) error {
	mailer, err := newMailer(a.Config)
	if err != nil {
		return err
	}
	resets := account.ResetLinks{BaseURL: a.Config.BaseURL}
	if mailer != nil {
		resets.Sender = mailedResets{mailer, a.Log}
	}
	a.Accounts = account.NewService(a.Store, time.Now, a.Config.RegistrationsPerHour, resets)
	a.Roadmaps = roadmap.LoadCatalog(content.Roadmaps, a.Config.RoadmapDir(), a.Log)
	a.Cohorts = newCohorts(a, mailer)
	a.mailer = mailer
	a.Progress = progress.NewService(a.Store, a.Roadmaps, time.Now)
	a.Plans = plan.NewService(a.Store, a.Progress, a.Roadmaps, time.Now)
	a.Plans.Group = a.Cohorts.PlanGroup
	policy, err := checker.ParsePolicy(a.Config.CheckMode(), a.Config.CheckAllowList())
	if err != nil {
		return err
	}
	if a.Projects, err = checker.Load(content.Projects, "projects"); err != nil {
		return err
	}
	a.Checks = checker.NewService(a.Store, a.Projects, policy, a.Log, time.Now)
	salaries, err := jobsearch.LoadSalaries(content.Career)
	if err != nil {
		return err
	}
	if a.Resumes, a.Match, err = newResumes(a); err != nil {
		return err
	}
	a.Applications = jobsearch.NewService(a.Store, a.Resumes, salaries, time.Now)
	communities, err := network.LoadCommunities(content.Career, a.homeTopic)
	if err != nil {
		return err
	}
	a.Network = network.NewService(a.Store, communities, a.homeTopic, a.Plans.Zone, time.Now)
	a.Plans.Appointments = a.appointments
	a.Network.Fetch = func(ctx context.Context, url string) ([]byte, error) {
		return checker.Fetch(ctx, policy, url, network.MaxImportBytes)
	}
	if a.Exercises, err = newPractice(ctx, a); err != nil {
		return err
	}
	a.Portfolio = portfolio.NewService(a.Store, a.Checks, a.Projects, a.Progress, a.Roadmaps, time.Now)
	if a.Notify, err = newNotify(ctx, a, mailer); err != nil {
		return err
	}
	if a.Credentials, err = newCredentials(ctx, a); err != nil {
		return err
	}
	if a.Guide, err = roadmap.LoadGuide(content.Guide); err != nil {
		return err
	}
	a.Mentors = newMentors(a)
	a.Stories = story.NewService(a.Store, story.Sources{Plans: a.Plans, Progress: a.Progress, Roadmaps: a.Roadmaps,
		Portfolio: a.Portfolio, Applications: a.Applications, Credentials: a.Credentials}, time.Now)
	return nil
}

// appointments are the learner's events as the calendar feed carries them.
func (a *App) appointments(ctx context.Context, user int64) ([]plan.Appointment, error) {
	events, err := a.Network.Events(ctx, user)
	out := make([]plan.Appointment, len(events))
	for i, e := range events {
		out[i] = plan.Appointment{ID: "event-" + strconv.FormatInt(e.ID, 10), Title: e.Title, Start: e.Starts,
			Location: e.Place, URL: e.Link, Description: e.Notes}
		if e.Ends != nil {
			out[i].End = *e.Ends
		}
	}
	if err != nil {
		return nil, err
	}
	sessions, err := a.sessionAppointments(ctx, user)
	return append(out, sessions...), err
}

// homeTopic tells whether id is a topic of the home roadmap, the one a
// contact's known topics are named from.
func (a *App) homeTopic(id string) bool {
	_, err := a.Roadmaps.Home().Topic(id)
	return err == nil
}

// routes mounts the API, the pages and the operational endpoints behind the middleware.
func (a *App) routes() error {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for name, db := range a.Store.DBs() {
		reg.MustRegister(collectors.NewDBStatsCollector(db, name))
	}
	metrics := http.NewServeMux()
	metrics.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	a.Metrics = metrics
	mux := http.NewServeMux()
	api.Mount(mux, a.Services)
	pages, err := web.New(a.Services)
	if err != nil {
		return err
	}
	pages.Mount(mux)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("GET /readyz", a.ready)

	var h http.Handler = newMetrics(reg, a.Log).observe(httpx.RouterProblems(mux))
	h = authenticate(a.Accounts, h)
	h = httpx.RefuseBadText(h)
	h = limitBody(h)
	h = http.NewCrossOriginProtection().Handler(h)
	h = httpx.SecurityHeaders(h)
	if h, err = httpx.Compress(h); err != nil {
		return err
	}
	trusted, err := a.Config.TrustedProxyList() // valid: New checked the configuration
	a.Handler = requestID(a.Log, trusted, h)
	return err
}

// ready answers 200 when the database does, 503 otherwise.
func (a *App) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := a.Store.Ping(ctx); err != nil {
		a.Log.Warn("not ready", "err", err)
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintln(w, "ready")
}

// Close lets background jobs finish for a few seconds, cancels the rest
// (the queue tries them again, here after a restart or on another
// instance), then releases the database.
func (a *App) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := a.Jobs.Stop(ctx); err != nil {
		a.Log.Warn("stopping background jobs", "err", err)
	}
	return a.Store.Close()
}

// Serve answers requests on ln until ctx ends, then drains in-flight requests.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           a.Handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(a.Log.Handler(), slog.LevelWarn),
	}
	if err := a.StartJobs(ctx); err != nil {
		return err
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.Log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
