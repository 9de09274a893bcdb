package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"devpath/internal/app"
	"devpath/internal/devpathtest"
	"devpath/internal/plan"
	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

// sameProfile compares two profiles, the target dates by the instant they name.
func sameProfile(a, b plan.Profile) bool {
	if !a.TargetDate.Equal(b.TargetDate) {
		return false
	}
	a.TargetDate = b.TargetDate
	return reflect.DeepEqual(a, b)
}

func TestProfile(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx := context.Background()
		s := open(t, e)
		ada, _ := s.CreateUser(ctx, user("ada@example.org"), t0)
		bob, _ := s.CreateUser(ctx, user("bob@example.org"), t0)

		if _, err := s.Profile(ctx, ada.ID); app.ErrorCode(err) != app.NotFound {
			t.Fatalf("before onboarding: %v, want not_found", err)
		}
		p := plan.Profile{StartingPoint: roadmap.RelatedChange, Route: plan.SelfTaught, HoursPerWeek: 10,
			Languages: []string{"python"}, Background: "frontend_developer", KnownTopics: []string{"html", "css"},
			TargetDate: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC), TimeZone: "Europe/Berlin"}
		if err := s.PutProfile(ctx, ada.ID, p, t0); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Profile(ctx, ada.ID); err != nil || !sameProfile(got, p) {
			t.Fatalf("read back: %+v %v, want %+v", got, err, p)
		}
		// saving again replaces the whole profile
		p.HoursPerWeek, p.KnownTopics, p.TargetDate = 20, []string{}, time.Time{}
		if err := s.PutProfile(ctx, ada.ID, p, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Profile(ctx, ada.ID); err != nil || !sameProfile(got, p) {
			t.Fatalf("after the second save: %+v %v, want %+v", got, err, p)
		}
		if _, err := s.Profile(ctx, bob.ID); app.ErrorCode(err) != app.NotFound {
			t.Fatalf("bob has ada's profile: %v, want not_found", err)
		}
	})
}

func TestCalendarToken(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx := context.Background()
		s := open(t, e)
		ada, _ := s.CreateUser(ctx, user("ada@example.org"), t0)
		bob, _ := s.CreateUser(ctx, user("bob@example.org"), t0)
		opens := func(token string, want int64) {
			t.Helper()
			if got, err := s.UserByCalendarToken(ctx, token); err != nil || got != want {
				t.Fatalf("feed %q opens user %d (%v), want %d", token, got, err, want)
			}
		}
		unknown := func(token string) {
			t.Helper()
			if got, err := s.UserByCalendarToken(ctx, token); app.ErrorCode(err) != app.NotFound {
				t.Fatalf("feed %q: user %d, %v; want not_found", token, got, err)
			}
		}

		// created once: later calls answer the first secret, not the fresh one they offer
		if tok, err := s.CalendarToken(ctx, ada.ID, "ada-first", t0); err != nil || tok != "ada-first" {
			t.Fatalf("first token: %q %v", tok, err)
		}
		if tok, err := s.CalendarToken(ctx, ada.ID, "ada-second", t0.Add(time.Hour)); err != nil || tok != "ada-first" {
			t.Fatalf("second call: %q %v, want the first token", tok, err)
		}
		if tok, err := s.CalendarToken(ctx, bob.ID, "bob-first", t0); err != nil || tok != "bob-first" {
			t.Fatalf("bob's token: %q %v", tok, err)
		}
		opens("ada-first", ada.ID)
		opens("bob-first", bob.ID)
		unknown("ada-second")

		// rotating makes the old secret unknown and the new one stable
		if err := s.RotateCalendarToken(ctx, ada.ID, "ada-rotated", t0.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		unknown("ada-first")
		opens("ada-rotated", ada.ID)
		opens("bob-first", bob.ID)
		if tok, err := s.CalendarToken(ctx, ada.ID, "ada-third", t0.Add(3*time.Hour)); err != nil || tok != "ada-rotated" {
			t.Fatalf("after rotating: %q %v, want the rotated token", tok, err)
		}
	})
}

func TestReviewsAndDoneTimes(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx := context.Background()
		s := open(t, e)
		ada, _ := s.CreateUser(ctx, user("ada@example.org"), t0)
		bob, _ := s.CreateUser(ctx, user("bob@example.org"), t0)

		for _, r := range []struct {
			user     int64
			roadmap  string
			topic    string
			at       time.Duration
			remember bool
		}{
			{ada.ID, "backend", "http", 3 * time.Hour, true},
			{ada.ID, "backend", "sql", time.Hour, false}, // recorded later, happened earlier
			{ada.ID, "devops", "docker", 2 * time.Hour, true},
			{bob.ID, "backend", "http", 2 * time.Hour, true},
		} {
			if err := s.AddReview(ctx, r.user, r.roadmap, r.topic, r.remember, t0.Add(r.at)); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.Reviews(ctx, ada.ID, "backend")
		if err != nil || len(got) != 2 {
			t.Fatalf("ada's reviews on backend: %+v %v", got, err)
		}
		if got[0].Topic != "sql" || got[0].Remembered || !got[0].At.Equal(t0.Add(time.Hour)) ||
			got[1].Topic != "http" || !got[1].Remembered || !got[1].At.Equal(t0.Add(3*time.Hour)) {
			t.Fatalf("ada's reviews, oldest first: %+v", got)
		}
		if got, err := s.Reviews(ctx, bob.ID, "backend"); err != nil || len(got) != 1 || !got[0].At.Equal(t0.Add(2*time.Hour)) {
			t.Fatalf("bob's reviews on backend: %+v %v", got, err)
		}

		// DoneTimes answers when each topic last became done
		apply := func(roadmap, topic string, st progress.Status, at time.Time) {
			t.Helper()
			if _, err := s.Apply(ctx, ada.ID, []progress.Update{{Roadmap: roadmap, Topic: topic, Status: &st}}, at); err != nil {
				t.Fatal(err)
			}
		}
		apply("backend", "http", progress.Done, t0)
		apply("backend", "http", progress.Learning, t0.Add(time.Hour))
		apply("backend", "http", progress.Done, t0.Add(2*time.Hour))
		apply("backend", "sql", progress.Done, t0.Add(30*time.Minute))
		apply("backend", "git", progress.Learning, t0)
		apply("devops", "docker", progress.Done, t0)
		done, err := s.DoneTimes(ctx, ada.ID, "backend")
		if err != nil || len(done) != 2 || !done["http"].Equal(t0.Add(2*time.Hour)) || !done["sql"].Equal(t0.Add(30*time.Minute)) {
			t.Fatalf("done times: %v %v", done, err)
		}
		if done, err := s.DoneTimes(ctx, bob.ID, "backend"); err != nil || len(done) != 0 {
			t.Fatalf("bob's done times: %v %v", done, err)
		}
	})
}
