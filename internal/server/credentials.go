package server

import (
	"context"
	"strconv"
	"time"

	"github.com/go-jose/go-jose/v4"

	"devpath/content"
	"devpath/internal/app"
	"devpath/internal/checker"
	"devpath/internal/cohort"
	"devpath/internal/credential"
	"devpath/internal/jobs"
	"devpath/internal/notify"
)

// newCredentials builds the issuer (making its first keys on the first
// start) and connects the evidence that earns credentials: passing check
// runs and passed exercises ask for a scan; topics marked done are found
// by the sweep (credentialWork), so the progress write pays nothing.
func newCredentials(ctx context.Context, a *App) (*credential.Service, error) {
	achievements, err := credential.LoadAchievements(content.Credentials, "credentials")
	if err != nil {
		return nil, err
	}
	s, err := credential.NewService(ctx, a.Store, achievements, credential.Sources{Checks: a.Checks,
		Exercises: a.Exercises, Progress: a.Progress, Roadmaps: a.Roadmaps}, a.BaseURL, time.Now)
	if err != nil {
		return nil, err
	}
	if err := s.SignWith(jose.SignatureAlgorithm(a.Config.CredentialAlgorithm)); err != nil {
		return nil, err
	}
	s.Issued = func(ctx context.Context, c credential.Issued) {
		m := notify.CredentialIssuedMessage(c.Name, "/credentials#credential-"+strconv.FormatInt(c.ID, 10))
		if _, err := a.Notify.Notify(ctx, c.UserID, notify.CredentialIssued, "credential-"+strconv.FormatInt(c.ID, 10), m); err != nil {
			a.Log.Warn("telling a learner of a credential", "user_id", c.UserID, "err", err)
		}
	}
	a.Exercises.Passed = func(ctx context.Context, user int64) { a.scanIfDue(ctx, user, credential.ExercisesKind) }
	notified := a.Checks.Finished
	a.Checks.Finished = func(ctx context.Context, run checker.StoredRun) {
		notified(ctx, run)
		if run.Status == checker.Passed {
			a.queueScan(ctx, run.UserID)
		}
	}
	return s, nil
}

// credentialWork names the jobs that issue credentials: scans, the sweep
// of finished topics, and cohort graduations. A scan is not unique: one
// queued while another runs may see evidence that one missed, and issuing
// is idempotent. The sweep is, and runs every few seconds on one instance.
func (a *App) credentialWork() {
	jobs.Handle(a.Jobs, jobs.Kind{}, func(ctx context.Context, j jobs.Job[credential.ScanJob]) error {
		n, err := a.Credentials.Scan(ctx, j.Args.UserID)
		if n > 0 {
			a.Log.Info("issued credentials", "user_id", j.Args.UserID, "count", n)
		}
		return err
	})
	jobs.Handle(a.Jobs, jobs.Kind{Unique: true}, func(ctx context.Context, _ jobs.Job[credential.SweepJob]) error {
		n, err := a.Credentials.Sweep(ctx)
		if n > 0 {
			a.Log.Info("issued step credentials", "count", n)
		}
		return err
	})
	jobs.Every(a.Jobs, credentialSweepEvery, credential.SweepJob{})
	jobs.Handle(a.Jobs, jobs.Kind{}, func(ctx context.Context, j jobs.Job[cohort.GraduationJob]) error {
		_, err := a.Credentials.Graduate(ctx, j.Args.UserID, strconv.FormatInt(j.Args.CohortID, 10), j.Args.CohortName)
		if app.ErrorCode(err) == app.NotFound {
			return nil // the learner's account is gone since: nobody to issue it to
		}
		return err
	})
}

// credentialSweepEvery is how soon a finished step's credential waits for
// its learner: the sweep is one range read of the history when nothing
// happened.
const credentialSweepEvery = 10 * time.Second

// scanIfDue queues a scan only when it would issue something, so that the
// frequent events (progress writes, exercise passes) add reads, not writes.
func (a *App) scanIfDue(ctx context.Context, user int64, k credential.Kind) {
	due, err := a.Credentials.Due(ctx, user, k)
	if err != nil {
		a.Log.Warn("looking for credentials due", "user_id", user, "err", err)
		return
	}
	if due {
		a.queueScan(ctx, user)
	}
}

// queueScan asks for a scan; the event that asked is already stored, so a
// failure here is logged and the next event asks again.
func (a *App) queueScan(ctx context.Context, user int64) {
	if err := a.Jobs.Insert(ctx, credential.ScanJob{UserID: user}); err != nil {
		a.Log.Warn("queueing a credential scan", "user_id", user, "err", err)
	}
}
