package server

import (
	"context"
	"html"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"devpath/internal/account"
	"devpath/internal/checker"
	"devpath/internal/config"
	"devpath/internal/jobs"
	"devpath/internal/mail"
	"devpath/internal/notify"
)

// newNotify builds the notification service, with email when the server
// has an SMTP URL, and connects what notifies: the sources of what is due
// and the end of check runs.
func newNotify(ctx context.Context, a *App, m *mail.Mailer) (*notify.Service, error) {
	var mailer notify.Mailer // an untyped nil when there is no SMTP: the app only
	if m != nil {
		mailer = m
	}
	s, err := notify.NewService(ctx, a.Store, a.Plans, mailer, a.Jobs, a.BaseURL, a.Log, time.Now)
	if err != nil {
		return nil, err
	}
	s.Sources = []notify.Source{{Kind: notify.ReviewsDue, Due: a.reviewsDue}, {Kind: notify.FollowUpsDue, Due: a.followUpsDue},
		{Kind: notify.CohortWeekly, Due: a.cohortWeek}, {Kind: notify.ContactsDue, Due: a.contactsDue}}
	a.Checks.Finished = a.checkFinished
	return s, nil
}

// newMailer returns the SMTP mailer, or nil when the server has no SMTP URL.
func newMailer(c config.Config) (*mail.Mailer, error) {
	if c.SMTPURL == "" {
		return nil, nil
	}
	cfg, err := mail.ParseURL(c.SMTPURL, c.SMTPFrom)
	if err != nil {
		return nil, err
	}
	return mail.New(cfg)
}

// mailedResets sends password reset links by email. Not through the job
// queue: a job's arguments are kept in the database, and a reset link must
// not be (only its hash is). The letter goes from a goroutine, so that the
// form answers as fast for an account as for no account; if it is lost,
// the person asks again.
type mailedResets struct {
	mailer *mail.Mailer
	log    *slog.Logger
}

func (m mailedResets) SendReset(_ context.Context, u account.User, link string) error {
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		err := m.mailer.Send(ctx, mail.Message{To: mail.Address{Name: u.Name, Email: u.Email},
			Subject: "Set a new devpath password", Text: resetText(u.Name, link), HTML: resetHTML(u.Name, link)})
		if err != nil {
			m.log.Warn("sending a password reset link", "user_id", u.ID, "err", err)
		}
	}()
	return nil
}

func resetText(name, link string) string {
	return "Hello " + name + ",\n\nsomeone, probably you, asked to set a new password for your devpath account. " +
		"Open this link within 30 minutes to choose one:\n\n" + link +
		"\n\nIf it was not you, ignore this letter: your password stays as it is.\n"
}

func resetHTML(name, link string) string {
	esc := html.EscapeString
	return "<p>Hello " + esc(name) + ",</p><p>someone, probably you, asked to set a new password for your devpath account. " +
		"Open this link within 30 minutes to choose one:</p><p><a href=\"" + esc(link) + "\">Set a new password</a></p>" +
		"<p>If it was not you, ignore this letter: your password stays as it is.</p>"
}

// notifyWork names the notification jobs. The scans run on the leader;
// sending runs wherever a worker is free.
func (a *App) notifyWork() {
	// Mail goes on its own queue, so that a slow SMTP server holds up no
	// other work; 5 attempts ride out a short outage of it.
	letters := jobs.Kind{Queue: "mail", Workers: 8, Attempts: 5}
	jobs.Handle(a.Jobs, letters, func(ctx context.Context, j jobs.Job[notify.EmailJob]) error {
		return a.Notify.SendEmail(ctx, j.Args.NotificationID)
	})
	digests := letters
	digests.Unique = true // one digest job per person and day at a time: two would both send
	jobs.Handle(a.Jobs, digests, func(ctx context.Context, j jobs.Job[notify.DigestJob]) error {
		return a.Notify.SendDigest(ctx, j.Args.UserID, j.Args.Day)
	})
	scans := jobs.Kind{Unique: true} // the next scan waits while one of the same page is queued
	jobs.Handle(a.Jobs, scans, func(ctx context.Context, j jobs.Job[notify.ScanJob]) error {
		return a.Notify.Scan(ctx, j.Args.After)
	})
	jobs.Handle(a.Jobs, scans, func(ctx context.Context, j jobs.Job[notify.DigestScanJob]) error {
		return a.Notify.ScanDigests(ctx, j.Args.After)
	})
	jobs.Every(a.Jobs, time.Hour, notify.ScanJob{})
	// Every quarter of an hour, so a digest goes soon after 08:00 in
	// every time zone, half-hour ones included.
	jobs.Every(a.Jobs, 15*time.Minute, notify.DigestScanJob{})
}

// reviewsDue is the reviews source: topics done on the home roadmap whose
// review has come.
func (a *App) reviewsDue(ctx context.Context, user int64, now time.Time) (notify.Message, bool, error) {
	r, due, err := a.Plans.DueReviews(ctx, user, now)
	if err != nil || len(due) == 0 {
		return notify.Message{}, false, err
	}
	titles := make([]string, len(due))
	for i, d := range due {
		titles[i] = d.Topic
		if t, err := r.Topic(d.Topic); err == nil {
			titles[i] = t.Title
		}
	}
	return notify.ReviewsDueMessage(titles, "/plan/"+r.Slug+"#reviews"), true, nil
}

// followUpsDue is the follow-ups source: open applications whose
// follow-up day has come in the learner's time zone.
func (a *App) followUpsDue(ctx context.Context, user int64, now time.Time) (notify.Message, bool, error) {
	apps, err := a.Applications.FollowUps(ctx, user, now)
	if err != nil || len(apps) == 0 {
		return notify.Message{}, false, err
	}
	due := make([]notify.FollowUp, len(apps))
	for i, ap := range apps {
		due[i] = notify.FollowUp{Company: ap.Company, Title: ap.Title, Due: ap.FollowUp}
	}
	link := "/applications"
	if len(apps) == 1 {
		link += "/" + strconv.FormatInt(apps[0].ID, 10)
	}
	return notify.FollowUpsDueMessage(due, link), true, nil
}

// cohortWeek is the cohort staff's Monday summary: who is flagged, and why.
func (a *App) cohortWeek(ctx context.Context, user int64, now time.Time) (notify.Message, bool, error) {
	weeks, err := a.Cohorts.WeekFor(ctx, user, now)
	if err != nil || len(weeks) == 0 {
		return notify.Message{}, false, err
	}
	out := make([]notify.CohortWeek, len(weeks))
	for i, w := range weeks {
		out[i] = notify.CohortWeek{Name: w.Cohort.Name, Learners: w.Learners}
		for _, l := range w.Flagged {
			out[i].Flagged = append(out[i].Flagged, l.Name+": "+strings.ToLower(l.Flags[0].Reason[:1])+l.Flags[0].Reason[1:])
		}
	}
	link := "/cohorts"
	if len(weeks) == 1 {
		link += "/" + strconv.FormatInt(weeks[0].Cohort.ID, 10) + "?stuck=1&sort=flags"
	}
	return notify.CohortWeekMessage(out, link), true, nil
}

// contactsNamed is how many due contacts a notification names at most.
const contactsNamed = 20

// contactsDue is the staying-in-touch source: contacts whose next due day
// has come in the learner's time zone.
func (a *App) contactsDue(ctx context.Context, user int64, now time.Time) (notify.Message, bool, error) {
	due, err := a.Network.DueAt(ctx, user, now, contactsNamed)
	if err != nil || len(due) == 0 {
		return notify.Message{}, false, err
	}
	names := make([]string, len(due))
	for i, c := range due {
		names[i] = c.Name
	}
	link := "/network/losing-touch"
	if len(due) == 1 {
		link = "/network/contacts/" + strconv.FormatInt(due[0].ID, 10)
	}
	return notify.ContactsDueMessage(names, link), true, nil
}

// checkFinished tells the learner how their check run ended. It runs in the
// run's job, after the result is saved; a failure here is logged, and the
// result stands.
func (a *App) checkFinished(ctx context.Context, run checker.StoredRun) {
	m := notify.CheckFinishedMessage(notify.CheckRun{Project: run.Project, Passed: run.Status == checker.Passed,
		StagesPassed: run.Passed, Stages: run.Stages}, "/practice/checks/"+strconv.FormatInt(run.ID, 10))
	if _, err := a.Notify.Notify(ctx, run.UserID, notify.CheckFinished, strconv.FormatInt(run.ID, 10), m); err != nil {
		a.Log.Warn("notifying of a finished check", "run", run.ID, "err", err)
	}
}
