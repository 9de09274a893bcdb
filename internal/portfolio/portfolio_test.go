package portfolio

import (
	"errors"
	"testing"

	"devpath/internal/app"
	"devpath/internal/progress"
)

// fields returns the fields an error names, empty when it is nil.
func fields(t *testing.T, err error) map[string]string {
	t.Helper()
	if err == nil {
		return map[string]string{}
	}
	var e *app.Error
	if !errors.As(err, &e) || e.Code != app.Invalid {
		t.Fatalf("not an invalid-input error: %v", err)
	}
	return e.Fields
}

func TestProjectValidate(t *testing.T) {
	ok := Project{Kind: OpenSource, Title: "Queue library", StartDate: "2025-01-01", EndDate: "2025-01-01",
		RepositoryURL: "https://git.example.org/q"}
	for _, tc := range []struct {
		name  string
		edit  func(*Project)
		field string // "" when valid
	}{
		{"valid", func(*Project) {}, ""},
		{"ongoing", func(p *Project) { p.EndDate = "" }, ""},
		{"end before start", func(p *Project) { p.EndDate = "2024-12-31" }, "end_date"},
		{"month only", func(p *Project) { p.StartDate = "2025-01" }, "start_date"},
		{"unknown kind", func(p *Project) { p.Kind = "hobby" }, "kind"},
		{"blank title", func(p *Project) { p.Title = "   " }, "title"},
		{"javascript link", func(p *Project) { p.LiveURL = "javascript:alert(1)" }, "live_url"},
		{"relative link", func(p *Project) { p.RepositoryURL = "/q" }, "repository_url"},
		{"run id", func(p *Project) { id := int64(0); p.CheckRunID = &id }, "check_run_id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := ok
			tc.edit(&p)
			got := fields(t, p.Validate())
			if tc.field == "" && len(got) > 0 || tc.field != "" && got[tc.field] == "" {
				t.Errorf("fields %v, want %q", got, tc.field)
			}
		})
	}
}

func TestSettingsValidate(t *testing.T) {
	for handle, valid := range map[string]bool{
		"ada": true, "ada-lovelace-1815": true, "a1b": true, "abcdefghijklmnopqrstuvwxyz0123": true,
		"ab": false, "Ada": false, "ada_l": false, "-ada": false, "ada-": false, "abcdefghijklmnopqrstuvwxyz01234": false,
	} {
		s := Settings{Handle: handle}
		if got := fields(t, s.Validate())["handle"] == ""; got != valid {
			t.Errorf("handle %q: valid %v, want %v", handle, got, valid)
		}
	}
	s := Settings{Public: true}
	if fields(t, s.Validate())["handle"] == "" {
		t.Error("a public page without a handle was accepted")
	}
}

func TestPublicProgressHidesEmptySteps(t *testing.T) {
	step := func(id string, pct float64) progress.StepCount {
		return progress.StepCount{Step: id, Title: id, Count: progress.Count{Percent: pct}}
	}
	if p := publicProgress("Backend", progress.Summary{Steps: []progress.StepCount{step("a", 0), step("b", 0)}}); p != nil {
		t.Fatalf("nothing done, yet a visitor sees %+v", p)
	}
	p := publicProgress("Backend", progress.Summary{Count: progress.Count{Percent: 12}, Steps: []progress.StepCount{step("a", 40), step("b", 0), step("c", 3.5)}})
	if p == nil || p.Percent != 12 || len(p.Steps) != 2 || p.Steps[0].Step != "a" || p.Steps[1].Step != "c" {
		t.Fatalf("visitor's progress: %+v", p)
	}
}
