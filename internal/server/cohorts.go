package server

import (
	"context"
	"net/url"
	"strconv"
	"time"

	"devpath/internal/account"
	"devpath/internal/cohort"
	"devpath/internal/jobs"
	"devpath/internal/mail"
)

// newCohorts builds the cohort service and lets it decide, with the
// registration mode, who may create an account.
func newCohorts(a *App, mailer *mail.Mailer) *cohort.Service {
	s := cohort.NewService(a.Store, a.Roadmaps, time.Now)
	s.SendLetters(mailer != nil)
	a.Accounts.Admission(account.Mode(a.Config.Registration), s)
	return s
}

// cohortWork names the cohort jobs: invitation letters go on the mail queue.
func (a *App) cohortWork(mailer *mail.Mailer) {
	letters := jobs.Kind{Queue: "mail", Workers: 8, Attempts: 5}
	jobs.Handle(a.Jobs, letters, func(ctx context.Context, j jobs.Job[cohort.LetterJob]) error {
		return a.mailInvitation(ctx, mailer, j.Args.InvitationID)
	})
}

// mailInvitation sends an email invitation that is still live. A retry
// after a send whose answer was lost sends it again, with the same
// Message-ID.
func (a *App) mailInvitation(ctx context.Context, mailer *mail.Mailer, id int64) error {
	inv, ok, err := a.Cohorts.ToMail(ctx, id)
	if err != nil || !ok || mailer == nil {
		return err
	}
	register := a.BaseURL + "/register?email=" + url.QueryEscape(inv.Email)
	l := mail.Letter{
		Title:    "You are invited to " + inv.CohortName,
		Greeting: "Hello,",
		Intro:    "You are invited to learn with the cohort " + inv.CohortName + " on devpath.",
		Sections: []mail.Section{{Items: []mail.Item{
			{Title: "New here? Create your account", Text: "Register with this email address and you join the cohort.", URL: register},
			{Title: "Have an account already?", Text: "Log in and accept the invitation on the cohorts page.", URL: a.BaseURL + "/cohorts"},
		}}},
		Why: "A cohort admin invited this address. The invitation lasts until " + inv.ExpiresAt.Format("2 January 2006") + ".",
	}
	msg, err := l.Message(mail.Address{Email: inv.Email}, "inv"+strconv.FormatInt(inv.ID, 10))
	if err != nil {
		return err
	}
	return mailer.Send(ctx, msg)
}
