package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/checker"
	"devpath/internal/cohort"
	"devpath/internal/jobs"
	"devpath/internal/mail"
	"devpath/internal/mentor"
	"devpath/internal/notify"
	"devpath/internal/plan"
)

// newMentors builds mentorship on the services it reads from, and lets its
// invitations, beside the cohorts', admit people to register.
func newMentors(a *App) *mentor.Service {
	s := mentor.NewService(a.Store, mentor.Sources{
		Topic:   a.topicTitle,
		Attach:  a.attachment,
		Context: a.menteeContext,
		Zone:    a.Plans.Zone,
		Tell:    a.tellMentorship,
		Promote: func(ctx context.Context, u account.User) error {
			_, err := a.Accounts.SetRole(ctx, u.Email, account.Mentor)
			return err
		},
	}, time.Now)
	a.Accounts.Admission(account.Mode(a.Config.Registration), invitations{a.Cohorts, s})
	s.SendLetters(a.mailer != nil)
	return s
}

// mentorWork names mentorship's periodic jobs: locks that ran out are
// freed each minute, quiet threads reminded and stale ones closed hourly.
func (a *App) mentorWork() {
	jobs.Handle(a.Jobs, jobs.Kind{}, func(ctx context.Context, _ jobs.Job[mentor.ReleaseJob]) error {
		_, err := a.Mentors.ReleaseLocks(ctx)
		return err
	})
	jobs.Every(a.Jobs, time.Minute, mentor.ReleaseJob{})
	jobs.Handle(a.Jobs, jobs.Kind{}, func(ctx context.Context, _ jobs.Job[mentor.TidyJob]) error {
		n, err := a.Mentors.Tidy(ctx)
		if n > 0 {
			a.Log.Info("closed quiet mentoring threads", "count", n)
		}
		return err
	})
	jobs.Every(a.Jobs, time.Hour, mentor.TidyJob{})
	letters := jobs.Kind{Queue: "mail", Workers: 8, Attempts: 5}
	jobs.Handle(a.Jobs, letters, func(ctx context.Context, j jobs.Job[mentor.SessionLetterJob]) error {
		return a.mailSession(ctx, j.Args.SessionID)
	})
}

// mailSession sends both people of a session its iCalendar invitation.
func (a *App) mailSession(ctx context.Context, id int64) error {
	s, ok, err := a.Mentors.SessionToMail(ctx, id)
	if err != nil || !ok || a.mailer == nil {
		return err
	}
	host := "devpath"
	if u, err := url.Parse(a.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	cal, err := s.ICS(host, time.Now())
	if err != nil {
		return err
	}
	when := s.StartsAt.UTC().Format("Monday 2 January 2006, 15:04 UTC")
	for i, to := range []mail.Address{{Email: s.MentorEmail, Name: s.MentorName}, {Email: s.LearnerEmail, Name: s.LearnerName}} {
		l := mail.Letter{Title: "Mentoring session: " + when, Greeting: "Hello " + to.Name + ",",
			Intro: s.MentorName + " and " + s.LearnerName + " meet on " + when + ". The invitation is attached for your calendar.",
			Sections: []mail.Section{{Items: []mail.Item{{Title: "Where", Text: orNone(s.Place)}, {Title: "Agenda", Text: orNone(s.Agenda)},
				{Title: "The session on devpath", URL: a.BaseURL + "/mentorship/sessions/" + strconv.FormatInt(s.ID, 10)}}}},
			Why: "You are the mentor or the mentee of this session."}
		msg, err := l.Message(to, "session"+strconv.FormatInt(s.ID, 10)+"-"+strconv.Itoa(i))
		if err != nil {
			return err
		}
		msg.Calendar = cal
		if err := a.mailer.Send(ctx, msg); err != nil {
			return err
		}
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "not said yet"
	}
	return s
}

// invitations admit people invited by a cohort or by a learner who wants
// them as a mentor; the code's prefix tells which.
type invitations struct {
	cohorts *cohort.Service
	mentors *mentor.Service
}

func (i invitations) Admit(ctx context.Context, email, code string) error {
	switch {
	case strings.HasPrefix(code, mentor.CodePrefix):
		return i.mentors.Admit(ctx, email, code)
	case code != "":
		return i.cohorts.Admit(ctx, email, code)
	}
	err := i.cohorts.Admit(ctx, email, "")
	if err != nil && i.mentors.Admit(ctx, email, "") == nil {
		return nil
	}
	return err
}

func (i invitations) Welcome(ctx context.Context, u account.User, code string) error {
	mentorCode, cohortCode := "", code
	if strings.HasPrefix(code, mentor.CodePrefix) {
		mentorCode, cohortCode = code, ""
	}
	return errors.Join(i.cohorts.Welcome(ctx, u, cohortCode), i.mentors.Welcome(ctx, u, mentorCode))
}

// topicTitle names a topic of the home roadmap.
func (a *App) topicTitle(id string) (string, bool) {
	t, err := a.Roadmaps.Home().Topic(id)
	if err != nil {
		return "", false
	}
	return t.Title, true
}

// attachment copies the item a request attaches, as text a mentor reads.
func (a *App) attachment(ctx context.Context, learner int64, kind mentor.Kind, item *int64) (mentor.Attachment, error) {
	switch {
	case kind == mentor.AboutResume && item == nil:
		m, err := a.Resumes.Master(ctx, learner)
		return mentor.Attachment{Title: "Master resume", Body: string(m.Document)}, err
	case item == nil:
		return mentor.Attachment{}, nil
	}
	switch kind {
	case mentor.AboutCheck:
		run, err := a.Checks.Get(ctx, learner, *item)
		if err != nil {
			return mentor.Attachment{}, err
		}
		return checkAttachment(run.Project, string(run.Status), run.Report), nil
	case mentor.AboutExercise:
		at, err := a.Exercises.GetAttempt(ctx, learner, *item)
		return mentor.Attachment{Title: fmt.Sprintf("SQL exercise %s: %s", at.Exercise, at.Verdict),
			Body: at.Answer + "\n\n" + at.Message}, err
	case mentor.AboutProject:
		p, err := a.Portfolio.Project(ctx, learner, *item)
		return mentor.Attachment{Title: "Portfolio project: " + p.Title,
			Body: strings.TrimSpace(p.Description + "\n\n" + p.RepositoryURL + "\n" + p.LiveURL)}, err
	case mentor.AboutResume:
		t, err := a.Resumes.Tailored(ctx, learner, *item)
		if err != nil {
			return mentor.Attachment{}, err
		}
		ops, err := json.MarshalIndent(t.Tailoring, "", "  ")
		return mentor.Attachment{Title: "Tailored resume: " + t.Name, Body: string(ops)}, err
	}
	return mentor.Attachment{}, nil
}

// checkAttachment is a check run's report in plain text: each stage's
// verdict, message and transcript.
func checkAttachment(project, status string, r *checker.ReportJSON) mentor.Attachment {
	att := mentor.Attachment{Title: fmt.Sprintf("Check of %s: %s", project, status)}
	if r == nil {
		return att
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", r.Summary())
	for _, res := range r.Results {
		fmt.Fprintf(&b, "\n== %s: %s\n", res.Title, res.Status)
		if res.Message != "" {
			b.WriteString(res.Message + "\n")
		}
		for _, f := range res.Findings {
			fmt.Fprintf(&b, "- %s: %s\n", f.Level, f.Message)
		}
		if res.Transcript != "" {
			b.WriteString(res.Transcript + "\n")
		}
	}
	att.Body = b.String()
	return att
}

// menteeContext is what a mentor sees of a learner beside a request: the
// learner's status on the topic's prerequisites, and their plan in words.
func (a *App) menteeContext(ctx context.Context, learner int64, topic string) (mentor.LearnerContext, error) {
	out := mentor.LearnerContext{Prerequisites: []mentor.TopicState{}, Plan: "no plan yet"}
	rm := a.Roadmaps.Home()
	t, err := rm.Topic(topic)
	if err != nil {
		return out, nil // a topic renamed away: no prerequisites to show
	}
	pv, err := a.Progress.Progress(ctx, learner, rm.Slug)
	if err != nil {
		return out, err
	}
	for _, id := range t.Prerequisites {
		title, _ := a.topicTitle(id)
		out.Prerequisites = append(out.Prerequisites, mentor.TopicState{ID: id, Title: title, Status: string(pv.Status(id))})
	}
	v, err := a.Plans.PlanFrom(ctx, learner, pv)
	switch {
	case app.ErrorCode(err) == app.NotFound:
		return out, nil
	case err != nil:
		return out, err
	case v.Plan.Target != nil && v.Plan.Target.Message != "":
		out.Plan = v.Plan.Target.Message
	default:
		out.Plan = fmt.Sprintf("%g%% done; at %d hours a week, projected to finish on %s", pv.Summary.Percent,
			v.Plan.HoursPerWeek, v.Plan.ProjectedFinish.Format("2 January 2006"))
	}
	return out, nil
}

// tellMentorship sends mentorship's notifications through the inbox.
func (a *App) tellMentorship(ctx context.Context, user int64, n mentor.Note) error {
	kind := map[string]notify.Kind{"reply": notify.MentorReply, "reminder": notify.MentorQuiet, "session": notify.MentorSession}[n.Kind]
	_, err := a.Notify.Notify(ctx, user, kind, n.Key, notify.Message{Title: n.Title, Body: n.Body, Link: n.Link})
	return err
}

// sessionAppointments are a person's mentoring sessions as their calendar
// feed carries them, on either side.
func (a *App) sessionAppointments(ctx context.Context, user int64) ([]plan.Appointment, error) {
	sessions, err := a.Mentors.Sessions(ctx, account.User{ID: user})
	out := make([]plan.Appointment, len(sessions))
	for i, s := range sessions {
		with := s.MentorName
		if s.MentorID == user {
			with = s.LearnerName
		}
		out[i] = plan.Appointment{ID: "mentor-session-" + strconv.FormatInt(s.ID, 10), Title: "Mentoring with " + with,
			Start: s.StartsAt, End: s.EndsAt, Description: s.Agenda}
		if strings.HasPrefix(s.Place, "https://") || strings.HasPrefix(s.Place, "http://") {
			out[i].URL = s.Place
		} else {
			out[i].Location = s.Place
		}
	}
	return out, err
}
