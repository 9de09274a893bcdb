package plan

import (
	"errors"
	"maps"
	"slices"
	"testing"
	"time"

	"devpath/internal/app"
	"devpath/internal/roadmap"
)

func TestValidate(t *testing.T) {
	r := backend(t)
	today := time.Date(2026, 3, 4, 22, 30, 0, 0, time.UTC) // 4 March in Berlin, already 5 March in Tokyo
	good := Profile{StartingPoint: roadmap.RelatedChange, Route: Bootcamp, HoursPerWeek: 12, Languages: []string{"python", "go"},
		Background: "frontend_developer", KnownTopics: []string{"html", "git"}, TargetDate: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
		TimeZone: "Europe/Berlin"}
	for _, tc := range []struct {
		name   string
		edit   func(p *Profile)
		fields []string // the fields named, none for a valid profile
	}{
		{"valid, a former topic id accepted", func(*Profile) {}, nil},
		{"no target date", func(p *Profile) { p.TargetDate = time.Time{} }, nil},
		{"target today", func(p *Profile) { p.TargetDate = time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC) }, nil},
		{"hours at the bounds", func(p *Profile) { p.HoursPerWeek = 80 }, nil},
		{"no language", func(p *Profile) { p.Languages = nil }, []string{"languages"}},
		{"three languages", func(p *Profile) { p.Languages = []string{"go", "python", "java"} }, []string{"languages"}},
		{"background for another starting point", func(p *Profile) { p.Background = "career_changer" }, []string{"background"}},
		{"unknown background", func(p *Profile) { p.Background = "astronaut" }, []string{"background"}},
		{"no hours", func(p *Profile) { p.HoursPerWeek = 0 }, []string{"hours_per_week"}},
		{"too many hours", func(p *Profile) { p.HoursPerWeek = 81 }, []string{"hours_per_week"}},
		{"unknown language", func(p *Profile) { p.Languages = []string{"go", "rust"} }, []string{"languages"}},
		{"a topic that is not a language", func(p *Profile) { p.Languages = []string{"sql"} }, []string{"languages"}},
		{"unknown known topic", func(p *Profile) { p.KnownTopics = []string{"html", "cobol"} }, []string{"known_topics"}},
		{"target in the past", func(p *Profile) { p.TargetDate = time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC) }, []string{"target_date"}},
		{"yesterday in the learner's zone", func(p *Profile) {
			p.TimeZone, p.TargetDate = "Asia/Tokyo", time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
		}, []string{"target_date"}},
		{"unknown time zone", func(p *Profile) { p.TimeZone = "Mars/Olympus" }, []string{"time_zone"}},
		{"the server's zone", func(p *Profile) { p.TimeZone = "Local" }, []string{"time_zone"}},
		{"no time zone", func(p *Profile) { p.TimeZone = "" }, []string{"time_zone"}},
		{"bad starting point and route", func(p *Profile) { p.StartingPoint, p.Route, p.Background = "retired", "osmosis", "" },
			[]string{"route", "starting_point"}},
		{"everything wrong at once", func(p *Profile) {
			*p = Profile{HoursPerWeek: -1, Languages: []string{"x"}, Background: "y", KnownTopics: []string{"z"},
				TargetDate: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), TimeZone: "Nowhere/Land"}
		}, []string{"background", "hours_per_week", "known_topics", "languages", "route", "starting_point", "target_date", "time_zone"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := good
			tc.edit(&p)
			err := p.Validate(r, today)
			if tc.fields == nil {
				if err != nil {
					t.Fatalf("valid profile refused: %v", err)
				}
				return
			}
			var ae *app.Error
			if !errors.As(err, &ae) || ae.Code != app.Invalid {
				t.Fatalf("want an invalid app.Error, got %v", err)
			}
			if got := slices.Sorted(maps.Keys(ae.Fields)); !slices.Equal(got, tc.fields) {
				t.Errorf("fields %v, want %v (%v)", got, tc.fields, err)
			}
		})
	}
}

func TestProposedKnown(t *testing.T) {
	r := backend(t)
	for _, tc := range []struct {
		name    string
		profile Profile
		want    []string
	}{
		{"frontend developer", Profile{StartingPoint: roadmap.RelatedChange, Background: "frontend_developer"},
			[]string{"internet", "command-line", "code-editor", "http", "html", "css", "javascript", "git-github", "browser-devtools", "data-formats"}},
		{"python developer", Profile{StartingPoint: roadmap.RelatedChange, Background: "python_developer"},
			[]string{"command-line", "code-editor", "git-github", "data-formats", "data-structures", "python", "python-ecosystem", "oop"}},
		{"related change without a background: several fit, none proposed", Profile{StartingPoint: roadmap.RelatedChange}, nil},
		{"unrelated change: the one background for it", Profile{StartingPoint: roadmap.UnrelatedChange},
			[]string{"team-communication", "remote-work", "technical-writing", "agile-teamwork", "linkedin"}},
		{"freelance", Profile{StartingPoint: roadmap.Freelance},
			[]string{"internet", "code-editor", "html", "css", "javascript", "php", "remote-work", "freelance-work"}},
		{"no experience", Profile{StartingPoint: roadmap.NoExperience}, nil},
		{"background of another starting point", Profile{StartingPoint: roadmap.NoExperience, Background: "frontend_developer"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ProposedKnown(r, tc.profile); !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}
