package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"devpath/internal/app"
	"devpath/internal/checker"
	"devpath/internal/devpathtest"
	"devpath/internal/portfolio"
)

// sameProject compares two projects, their times by the instant they name.
func sameProject(a, b portfolio.Project) bool {
	if !a.CreatedAt.Equal(b.CreatedAt) || !a.UpdatedAt.Equal(b.UpdatedAt) {
		return false
	}
	a.CreatedAt, a.UpdatedAt = b.CreatedAt, b.UpdatedAt
	return reflect.DeepEqual(a, b)
}

func TestPortfolioProjects(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx := context.Background()
		s := open(t, e)
		ada, _ := s.CreateUser(ctx, user("ada@example.org"), t0)
		bob, _ := s.CreateUser(ctx, user("bob@example.org"), t0)

		notes, err := s.CreatePortfolioProject(ctx, portfolio.Project{UserID: ada.ID, Kind: portfolio.Personal,
			Title: "Notes API", Role: "sole developer", RepositoryURL: "https://git.example.org/ada/notes",
			StartDate: "2026-01-10", EndDate: "2026-03-01", Description: "A notes service in **Go**.",
			Topics: []string{"http", "rest-api-design"}, Public: true}, t0)
		if err != nil {
			t.Fatal(err)
		}
		if notes.ID == 0 || !notes.CreatedAt.Equal(t0) || !notes.UpdatedAt.Equal(t0) {
			t.Fatalf("created: %+v", notes)
		}
		if got, err := s.PortfolioProject(ctx, ada.ID, notes.ID); err != nil || !sameProject(got, notes) {
			t.Fatalf("read back: %+v %v, want %+v", got, err, notes)
		}
		shop, err := s.CreatePortfolioProject(ctx, portfolio.Project{UserID: ada.ID, Kind: portfolio.Freelance, Title: "Shop"}, t0.Add(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if list, err := s.PortfolioProjects(ctx, ada.ID); err != nil || len(list) != 2 || list[0].ID != shop.ID || list[1].ID != notes.ID {
			t.Fatalf("list, newest first: %+v %v", list, err)
		}

		// an update replaces the fields, keeps the creation time, and can attach a run
		run, err := s.StartRun(ctx, checker.StoredRun{UserID: ada.ID, Project: "notes-api", URL: "http://localhost:3000",
			Status: checker.Running, Stages: 11, StartedAt: t0})
		if err != nil {
			t.Fatal(err)
		}
		edited := notes
		edited.Title, edited.Topics, edited.EndDate, edited.Public, edited.CheckRunID = "Notes API v2", []string{"http"}, "", false, &run.ID
		updated, err := s.UpdatePortfolioProject(ctx, edited, t0.Add(time.Hour))
		if err != nil || !updated.CreatedAt.Equal(t0) || !updated.UpdatedAt.Equal(t0.Add(time.Hour)) {
			t.Fatalf("update: %+v %v", updated, err)
		}
		if got, err := s.PortfolioProject(ctx, ada.ID, notes.ID); err != nil || !sameProject(got, updated) {
			t.Fatalf("after the update: %+v %v, want %+v", got, err, updated)
		}

		// another learner's project is NotFound, to read, change or remove
		if _, err := s.PortfolioProject(ctx, bob.ID, notes.ID); app.ErrorCode(err) != app.NotFound {
			t.Fatalf("bob reads ada's project: %v, want not_found", err)
		}
		theirs := updated
		theirs.UserID, theirs.Title = bob.ID, "Taken over"
		if _, err := s.UpdatePortfolioProject(ctx, theirs, t0.Add(2*time.Hour)); app.ErrorCode(err) != app.NotFound {
			t.Fatalf("bob updates ada's project: %v, want not_found", err)
		}
		if err := s.DeletePortfolioProject(ctx, bob.ID, notes.ID); app.ErrorCode(err) != app.NotFound {
			t.Fatalf("bob deletes ada's project: %v, want not_found", err)
		}
		if got, err := s.PortfolioProject(ctx, ada.ID, notes.ID); err != nil || !sameProject(got, updated) {
			t.Fatalf("bob changed ada's project: %+v %v", got, err)
		}
		if list, err := s.PortfolioProjects(ctx, bob.ID); err != nil || len(list) != 0 {
			t.Fatalf("bob's list: %+v %v", list, err)
		}

		if err := s.DeletePortfolioProject(ctx, ada.ID, notes.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PortfolioProject(ctx, ada.ID, notes.ID); app.ErrorCode(err) != app.NotFound {
			t.Fatalf("a deleted project: %v, want not_found", err)
		}
		if err := s.DeletePortfolioProject(ctx, ada.ID, notes.ID); app.ErrorCode(err) != app.NotFound {
			t.Fatalf("deleting twice: %v, want not_found", err)
		}
		if list, _ := s.PortfolioProjects(ctx, ada.ID); len(list) != 1 || list[0].ID != shop.ID {
			t.Fatalf("after the delete: %+v", list)
		}
	})
}

func TestPortfolioSettings(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx := context.Background()
		s := open(t, e)
		ada, _ := s.CreateUser(ctx, user("ada@example.org"), t0)
		bob, _ := s.CreateUser(ctx, user("bob@example.org"), t0)
		mia, _ := s.CreateUser(ctx, user("mia@example.org"), t0)

		if set, err := s.PortfolioSettings(ctx, ada.ID); err != nil || set != (portfolio.Settings{}) {
			t.Fatalf("never saved: %+v %v, want zero settings", set, err)
		}
		mine := portfolio.Settings{Handle: "ada-l", Public: true, ShowProgress: true, Headline: "Backend developer in training"}
		if err := s.PutPortfolioSettings(ctx, ada.ID, mine, t0); err != nil {
			t.Fatal(err)
		}
		if set, err := s.PortfolioSettings(ctx, ada.ID); err != nil || set != mine {
			t.Fatalf("read back: %+v %v, want %+v", set, err, mine)
		}
		// saving again replaces, and keeping one's own handle is no conflict
		mine.ShowProgress, mine.Headline = false, "Go developer"
		if err := s.PutPortfolioSettings(ctx, ada.ID, mine, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if set, _ := s.PortfolioSettings(ctx, ada.ID); set != mine {
			t.Fatalf("after the second save: %+v, want %+v", set, mine)
		}

		// a handle another learner has is the error portfolio.Store documents, and changes nothing
		err := s.PutPortfolioSettings(ctx, bob.ID, portfolio.Settings{Handle: "ada-l", Headline: "mine now"}, t0)
		var got, want *app.Error
		if !errors.As(err, &got) || !errors.As(portfolio.HandleTaken("ada-l"), &want) || !reflect.DeepEqual(got, want) {
			t.Fatalf("taken handle: %v, want %v", err, portfolio.HandleTaken("ada-l"))
		}
		if set, _ := s.PortfolioSettings(ctx, bob.ID); set != (portfolio.Settings{}) {
			t.Fatalf("the refused save stored %+v", set)
		}
		// any number of learners can be without a handle
		for _, u := range []int64{bob.ID, mia.ID} {
			if err := s.PutPortfolioSettings(ctx, u, portfolio.Settings{Headline: "no page yet"}, t0); err != nil {
				t.Fatalf("settings without a handle for user %d: %v", u, err)
			}
		}

		o, err := s.PortfolioOwner(ctx, "ada-l")
		if err != nil || o.UserID != ada.ID || o.Name != ada.Name || o.Settings != mine {
			t.Fatalf("owner of ada-l: %+v %v", o, err)
		}
		for _, handle := range []string{"nobody-here", ""} {
			if o, err := s.PortfolioOwner(ctx, handle); app.ErrorCode(err) != app.NotFound {
				t.Fatalf("owner of %q: %+v %v, want not_found", handle, o, err)
			}
		}
	})
}
