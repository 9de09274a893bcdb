package store_test

import (
	"context"
	"testing"
	"time"

	"devpath/internal/app"
	"devpath/internal/devpathtest"
	"devpath/internal/jobsearch"
)

// TestApplicationStageMove: fields and stage change together, a move is
// recorded once, and a move from a stage the application has left is a
// Conflict that changes nothing.
func TestApplicationStageMove(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx := context.Background()
		s := open(t, e)
		u, err := s.CreateUser(ctx, user("ada@example.org"), t0)
		if err != nil {
			t.Fatal(err)
		}
		a, err := s.CreateApplication(ctx, jobsearch.Application{UserID: u.ID,
			Opportunity: jobsearch.Opportunity{Kind: jobsearch.Job, Company: "Acme", Title: "Backend developer"},
			Pursuit:     jobsearch.Pursuit{Stage: jobsearch.Saved}}, t0)
		if err != nil {
			t.Fatal(err)
		}

		a.Title, a.Stage = "Go developer", jobsearch.Applied
		got, err := s.UpdateApplication(ctx, a, jobsearch.Saved, "sent by email", t0.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != "Go developer" || got.Stage != jobsearch.Applied || len(got.History) != 2 ||
			got.History[1].Stage != jobsearch.Applied || got.History[1].Notes != "sent by email" {
			t.Fatalf("after the move: %+v", got)
		}

		// a second tab still believes the application is saved
		stale := a
		stale.Title, stale.Stage = "Stale title", jobsearch.Rejected
		if _, err := s.UpdateApplication(ctx, stale, jobsearch.Saved, "", t0.Add(2*time.Hour)); app.ErrorCode(err) != app.Conflict {
			t.Fatalf("stale move: %v, want conflict", err)
		}
		after, err := s.Application(ctx, u.ID, a.ID)
		if err != nil || after.Title != "Go developer" || after.Stage != jobsearch.Applied || len(after.History) != 2 {
			t.Fatalf("the stale move changed something: %+v %v", after, err)
		}

		// editing fields in place records no move
		after.Notes = "call back Monday"
		if got, err = s.UpdateApplication(ctx, after, jobsearch.Applied, "", t0.Add(3*time.Hour)); err != nil || len(got.History) != 2 || got.Notes != "call back Monday" {
			t.Fatalf("edit in place: %+v %v", got, err)
		}

		// another learner's application is not theirs to change
		bob, _ := s.CreateUser(ctx, user("bob@example.org"), t0)
		theirs := after
		theirs.UserID, theirs.Title = bob.ID, "Taken over"
		if _, err := s.UpdateApplication(ctx, theirs, jobsearch.Applied, "", t0); err == nil {
			t.Fatal("bob changed ada's application")
		}
	})
}
