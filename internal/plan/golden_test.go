package plan

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

var update = flag.Bool("update", false, "rewrite the golden plans in testdata/")

// TestGoldenPlans plans the shipped roadmap for one learner per starting
// point and compares with testdata/<starting point>.txt; run with -update
// after a deliberate change and read the diff.
func TestGoldenPlans(t *testing.T) {
	r := backend(t)
	for _, tc := range []struct {
		profile  Profile
		statuses map[string]progress.Status
		start    time.Time
	}{
		{Profile{StartingPoint: roadmap.NoExperience, Route: SelfTaught, HoursPerWeek: 10, Languages: []string{"python"}, TimeZone: "Europe/Berlin"},
			nil, time.Date(2026, 3, 4, 18, 30, 0, 0, time.UTC)},
		{Profile{StartingPoint: roadmap.RelatedChange, Route: Bootcamp, HoursPerWeek: 25, Languages: []string{"javascript-node"},
			Background: "frontend_developer", TargetDate: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), TimeZone: "America/New_York"},
			map[string]progress.Status{"sql": progress.Learning}, time.Date(2026, 3, 2, 14, 0, 0, 0, time.UTC)},
		{Profile{StartingPoint: roadmap.UnrelatedChange, Route: SelfTaught, HoursPerWeek: 8, Languages: []string{"java"},
			TargetDate: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC), TimeZone: "Asia/Tokyo"},
			nil, time.Date(2026, 3, 8, 23, 0, 0, 0, time.UTC)},
		{Profile{StartingPoint: roadmap.Freelance, Route: Degree, HoursPerWeek: 15, Languages: []string{"php"}, Background: "freelancer", TimeZone: "Europe/London"},
			map[string]progress.Status{"sql": progress.Done, "graphql": progress.Skipped, "laravel": progress.Learning}, time.Date(2026, 3, 6, 9, 0, 0, 0, time.UTC)},
	} {
		name := string(tc.profile.StartingPoint)
		t.Run(name, func(t *testing.T) {
			p := tc.profile
			p.KnownTopics = ProposedKnown(r, p) // as if the learner ticked every proposal
			if err := p.Validate(r, tc.start); err != nil {
				t.Fatal(err)
			}
			pl := Build(r, p, tc.statuses, tc.start)
			checkPlan(t, r, p, tc.statuses, pl)
			got := describePlan(r, p, tc.statuses, tc.start, pl)
			file := filepath.Join("testdata", name+".txt")
			if *update {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if got != string(want) {
				t.Errorf("plan differs from %s (run go test -update and read the diff):\n%s", file, got)
			}
		})
	}
}

// describePlan writes a plan as a person would read it.
func describePlan(r *roadmap.Roadmap, p Profile, statuses map[string]progress.Status, start time.Time, pl Plan) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %s, %d h a week, languages %s, background %q\n",
		p.StartingPoint, p.Route, p.HoursPerWeek, strings.Join(p.Languages, " "), p.Background)
	loc, _ := time.LoadLocation(p.TimeZone)
	fmt.Fprintf(&b, "starts %s in %s\n", start.In(loc).Format("Monday 2006-01-02 15:04"), p.TimeZone)
	fmt.Fprintf(&b, "known: %s\n", strings.Join(p.KnownTopics, " "))
	fmt.Fprintf(&b, "progress: %s\n", statusList(statuses))
	fmt.Fprintf(&b, "total %d h over %d weeks, projected finish %s\n", pl.TotalHours, len(pl.Weeks), pl.ProjectedFinish.Format(time.DateOnly))
	if tg := pl.Target; tg != nil {
		fmt.Fprintf(&b, "target %s: met %v, needs %d h a week: %s\n", tg.Date.Format(time.DateOnly), tg.Met, tg.HoursPerWeekNeeded, tg.Message)
	}
	b.WriteString("\nweek of      hours  topics (hours this week; + goes on next week)\n")
	for _, w := range pl.Weeks {
		fmt.Fprintf(&b, "%s  %2d/%-2d  ", w.Start.Format(time.DateOnly), w.Hours, w.Capacity)
		for i, part := range w.Parts {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s %d", part.Topic, part.Hours)
			if !part.Finishes {
				b.WriteString("+")
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("\nmilestones\n")
	for _, m := range pl.Milestones {
		fmt.Fprintf(&b, "%s  %-9s %-10s %s\n", m.Date.Format(time.DateOnly), m.Kind, m.Step, m.Title)
	}
	return b.String()
}

func statusList(statuses map[string]progress.Status) string {
	var parts []string
	for id, st := range statuses {
		parts = append(parts, id+"="+string(st))
	}
	slices.Sort(parts)
	return strings.Join(parts, " ")
}
