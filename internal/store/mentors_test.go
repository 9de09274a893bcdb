package store_test

import (
	"context"
	"testing"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/devpathtest"
	"devpath/internal/mentor"
)

// TestMentorTimers runs mentorship's timed rules on each engine with a
// clock the test moves: a lock runs out after 30 minutes and the release
// job frees it; a quiet thread is reminded once at 21 days and closed at 28.
func TestMentorTimers(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx := context.Background()
		s := open(t, e)
		now := t0
		var told []mentor.Note
		svc := mentor.NewService(s, mentor.Sources{
			Topic: func(id string) (string, bool) { return "Topic " + id, id != "nope" },
			Attach: func(context.Context, int64, mentor.Kind, *int64) (mentor.Attachment, error) {
				return mentor.Attachment{}, nil
			},
			Context: func(context.Context, int64, string) (mentor.LearnerContext, error) {
				return mentor.LearnerContext{}, nil
			},
			Zone: func(context.Context, int64) *time.Location { return time.UTC },
			Tell: func(_ context.Context, _ int64, n mentor.Note) error {
				told = append(told, n)
				return nil
			},
		}, func() time.Time { return now })
		mk := func(email string, role account.Role) account.User {
			nu := user(email)
			nu.Role = role
			u, err := s.CreateUser(ctx, nu, t0)
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		mk("root@example.org", account.Admin)
		ada, coach, rival := mk("ada@example.org", account.Learner), mk("coach@example.org", account.Mentor), mk("rival@example.org", account.Mentor)
		for _, m := range []account.User{coach, rival} {
			if _, err := svc.SaveProfile(ctx, m, mentor.Profile{Topics: []string{"http"}, MaxMentees: 2, MaxRequests: 2}); err != nil {
				t.Fatal(err)
			}
		}
		r, err := svc.Ask(ctx, ada, mentor.Ask{Topic: "http", Kind: mentor.AboutTopic, Question: "Why 201?"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Lock(ctx, coach, r.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Lock(ctx, rival, r.ID); app.ErrorCode(err) != app.Conflict {
			t.Fatalf("the rival's lock: %v, want a conflict", err)
		}
		now = now.Add(mentor.LockFor + time.Minute)
		if n, err := svc.ReleaseLocks(ctx); err != nil || n != 1 {
			t.Fatalf("released %d, %v", n, err)
		}
		if _, err := svc.Reply(ctx, coach, r.ID, "too late"); app.ErrorCode(err) != app.NotFound {
			t.Fatalf("a reply after the lock ran out: %v", err)
		}
		if _, err := svc.Lock(ctx, rival, r.ID); err != nil {
			t.Fatalf("the rival's lock once freed: %v", err)
		}
		if _, err := svc.Reply(ctx, rival, r.ID, "Send **201**."); err != nil {
			t.Fatal(err)
		}
		if w, ok, err := svc.MedianWait(ctx, "http"); err != nil || !ok || w != mentor.LockFor+time.Minute {
			t.Fatalf("median wait %v %v %v", w, ok, err)
		}

		told = nil
		now = now.Add(mentor.RemindAfter + time.Hour)
		for range 2 { // reminded once, however often the job runs
			if n, err := svc.Tidy(ctx); err != nil || n != 0 {
				t.Fatalf("tidy at 21 days: closed %d, %v", n, err)
			}
		}
		if len(told) != 2 || told[0].Kind != "reminder" {
			t.Fatalf("told %+v, want one reminder each to the learner and the mentor", told)
		}
		now = now.Add(mentor.CloseAfter - mentor.RemindAfter)
		if n, err := svc.Tidy(ctx); err != nil || n != 1 {
			t.Fatalf("tidy at 28 days: closed %d, %v", n, err)
		}
		d, err := svc.Get(ctx, ada, r.ID)
		if err != nil || d.Status != mentor.Closed {
			t.Fatalf("after 28 quiet days: %+v %v", d.Request, err)
		}
		f, _, err := svc.MyFigures(ctx, rival)
		if err != nil || f.Handled != 1 || f.Closed != 1 || f.MedianAnswer == "" {
			t.Fatalf("figures %+v %v", f, err)
		}
	})
}
