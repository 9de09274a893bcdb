package network_test

import (
	"slices"
	"strings"
	"testing"

	"devpath/internal/app"
	"devpath/internal/app/apptest"
	"devpath/internal/network"
)

func known(id string) bool { return id == "http" || id == "sql" }

// TestContactProblems: every bad field of a contact is named at once.
func TestContactProblems(t *testing.T) {
	c := network.Contact{Name: " ", HowMet: "pub", Email: "grace@", Cadence: 400,
		Links:  network.Links{LinkedIn: "javascript:alert(1)"},
		Tags:   []string{"a,b"},
		Topics: []string{"http", "cobol"}}.Normalized()
	e := apptest.Error(t, c.Validate(known), app.Invalid)
	want := []string{"cadence_days", "email", "how_met", "links.linkedin", "name", "topics"}
	for _, f := range want {
		if e.Fields[f] == "" {
			t.Errorf("no problem named %s: %v", f, e.Fields)
		}
	}
	if !strings.Contains(e.Fields["cadence_days"], "1 to 365") {
		t.Errorf("cadence problem: %q", e.Fields["cadence_days"])
	}
	ok := network.Contact{Name: "Grace", Cadence: 365, Tags: []string{" Go ", "go", "Berlin"}, Topics: []string{"sql", "http", "sql"}}.Normalized()
	if err := ok.Validate(known); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ok.Tags, []string{"go", "berlin"}) || !slices.Equal(ok.Topics, []string{"http", "sql"}) {
		t.Errorf("normalized: %v %v", ok.Tags, ok.Topics)
	}
}

// TestInteractionDates: a day after today is refused, today is fine.
func TestInteractionDates(t *testing.T) {
	for _, tc := range []struct {
		on, problem string
	}{
		{"2026-12-04", ""},
		{"2026-12-05", "in the future"},
		{"04/12/2026", "YYYY-MM-DD"},
		{"", "required"},
	} {
		err := network.Interaction{Kind: network.GaveHelp, On: tc.on}.Validate("2026-12-04")
		if tc.problem == "" {
			if err != nil {
				t.Errorf("%q: %v", tc.on, err)
			}
			continue
		}
		if e := apptest.Error(t, err, app.Invalid); !strings.Contains(e.Fields["on"], tc.problem) {
			t.Errorf("%q: %v", tc.on, e.Fields)
		}
	}
	e := apptest.Error(t, network.Interaction{Kind: "lunch", On: "2026-12-01"}.Validate("2026-12-04"), app.Invalid)
	if e.Fields["kind"] == "" {
		t.Errorf("kind: %v", e.Fields)
	}
}

func TestNextDue(t *testing.T) {
	for _, tc := range []struct {
		cadence     int
		last, added string
		want        string
	}{
		{0, "2026-11-01", "2026-10-01", ""},
		{30, "", "2026-11-01", "2026-12-01"},
		{7, "2026-12-30", "2026-01-01", "2027-01-06"},
	} {
		if got := network.NextDue(tc.cadence, tc.last, tc.added); got != tc.want {
			t.Errorf("NextDue(%d, %q, %q) = %q, want %q", tc.cadence, tc.last, tc.added, got, tc.want)
		}
	}
	c := network.Contact{NextDue: "2026-12-04"}
	if c.StandingOn("2026-12-03") != network.NoRhythm || c.StandingOn("2026-12-04") != network.DueToday || c.StandingOn("2026-12-05") != network.Overdue {
		t.Error("standing")
	}
}

func TestLinksOf(t *testing.T) {
	if l := network.LinksOf("https://www.linkedin.com/in/grace"); l.LinkedIn == "" {
		t.Errorf("%+v", l)
	}
	if l := network.LinksOf("https://github.com/grace"); l.GitHub == "" {
		t.Errorf("%+v", l)
	}
	if l := network.LinksOf("https://grace.dev"); l.Website == "" {
		t.Errorf("%+v", l)
	}
}
