package plan

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

// checkPlan asserts what must hold of every plan, whatever the input.
func checkPlan(t *testing.T, r *roadmap.Roadmap, p Profile, statuses map[string]progress.Status, pl Plan) {
	t.Helper()
	out := outTopics(r, p, statuses)
	pos := checkParts(t, r, pl)
	for id, span := range pos {
		if out[id] {
			t.Errorf("%s is known, done or skipped, yet planned", id)
		}
		tp, _ := r.Topic(id)
		for _, pre := range tp.Prerequisites {
			ps, planned := pos[pre]
			switch {
			case planned && ps.last >= span.first:
				t.Errorf("%s starts (part %d) before its prerequisite %s is finished (part %d)", id, span.first, pre, ps.last)
			case !planned && !out[pre]:
				t.Errorf("%s is planned but its prerequisite %s is neither planned nor out", id, pre)
			}
		}
	}
	checkWeeks(t, p, pl)
}

// outTopics are the current ids of topics the learner needs no more.
func outTopics(r *roadmap.Roadmap, p Profile, statuses map[string]progress.Status) map[string]bool {
	out := map[string]bool{}
	for id, st := range statuses {
		if cur, _ := r.Resolve(id); st == progress.Done || st == progress.Skipped {
			out[cur] = true
		}
	}
	for _, id := range p.KnownTopics {
		cur, _ := r.Resolve(id)
		out[cur] = true
	}
	return out
}

type span struct{ first, last int }

// checkParts checks that each topic's parts are one unbroken run adding up
// to its estimate, and returns each topic's first and last part position in
// the plan read from start to end.
func checkParts(t *testing.T, r *roadmap.Roadmap, pl Plan) map[string]span {
	t.Helper()
	pos, hours := map[string]span{}, map[string]int{}
	n, prev := 0, ""
	for _, w := range pl.Weeks {
		if !slices.Equal(w.Topics, partTopics(w)) {
			t.Errorf("week %s: topics %v differ from parts", w.Start.Format(time.DateOnly), w.Topics)
		}
		for _, part := range w.Parts {
			s, seen := pos[part.Topic]
			if seen && part.Topic != prev {
				t.Errorf("%s is studied in two separate runs", part.Topic)
			}
			if !seen {
				s.first = n
			}
			s.last = n
			pos[part.Topic] = s
			hours[part.Topic] += part.Hours
			if tp, _ := r.Topic(part.Topic); part.Finishes != (hours[part.Topic] == tp.EstimateHours) {
				t.Errorf("%s: finishes=%v after %d of %d h", part.Topic, part.Finishes, hours[part.Topic], tp.EstimateHours)
			}
			prev = part.Topic
			n++
		}
	}
	return pos
}

func partTopics(w Week) []string {
	ids := make([]string, len(w.Parts))
	for i, p := range w.Parts {
		ids[i] = p.Topic
	}
	return ids
}

// checkWeeks checks capacity (no week over it, every week but the last
// full), Mondays a week apart in the learner's zone, and the totals.
func checkWeeks(t *testing.T, p Profile, pl Plan) {
	t.Helper()
	loc, _ := time.LoadLocation(p.TimeZone)
	total := 0
	for k, w := range pl.Weeks {
		sum := 0
		for _, part := range w.Parts {
			sum += part.Hours
		}
		want := pl.Start.AddDate(0, 0, 7*k)
		switch {
		case w.Hours != sum:
			t.Errorf("week %d: hours %d, parts add up to %d", k, w.Hours, sum)
		case w.Hours > w.Capacity:
			t.Errorf("week %d: %d h over capacity %d", k, w.Hours, w.Capacity)
		case k < len(pl.Weeks)-1 && w.Hours != w.Capacity:
			t.Errorf("week %d: %d of %d h used, yet later weeks have work", k, w.Hours, w.Capacity)
		case k > 0 && w.Capacity != p.HoursPerWeek, k == 0 && w.Capacity > p.HoursPerWeek:
			t.Errorf("week %d: capacity %d at %d h/week", k, w.Capacity, p.HoursPerWeek)
		case !w.Start.Equal(want) || w.Start.Weekday() != time.Monday || w.Start.Location().String() != loc.String() || w.Start.Hour() != 0:
			t.Errorf("week %d starts %v, want Monday %v", k, w.Start, want)
		}
		total += w.Hours
	}
	if total != pl.TotalHours {
		t.Errorf("total %d, weeks add up to %d", pl.TotalHours, total)
	}
	if len(pl.Weeks) > 0 {
		last := pl.Weeks[len(pl.Weeks)-1].Start
		if pl.ProjectedFinish.Before(last) || !pl.ProjectedFinish.Before(last.AddDate(0, 0, 7)) {
			t.Errorf("finish %v is not in the last week %v", pl.ProjectedFinish, last)
		}
	}
	for i := 1; i < len(pl.Milestones); i++ {
		if pl.Milestones[i].Date.Before(pl.Milestones[i-1].Date) {
			t.Errorf("milestones out of date order: %v", pl.Milestones)
		}
	}
}

func TestBuildProperties(t *testing.T) {
	for _, tc := range []struct {
		name     string
		roadmap  func(t *testing.T) *roadmap.Roadmap
		learners int
	}{
		{"shipped backend", func(t *testing.T) *roadmap.Roadmap { return backend(t) }, 60},
		{"generated 30", func(t *testing.T) *roadmap.Roadmap { return genRoadmap(t, 30, 1) }, 30},
		{"generated 120", func(t *testing.T) *roadmap.Roadmap { return genRoadmap(t, 120, 2) }, 30},
		{"generated 400", func(t *testing.T) *roadmap.Roadmap { return genRoadmap(t, 400, 3) }, 15},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.roadmap(t)
			rng := rand.New(rand.NewPCG(uint64(len(r.Topics)), 7))
			for range tc.learners {
				p, statuses := randomLearner(r, rng)
				start := randomStart(rng)
				if err := p.Validate(r, start); err != nil {
					t.Fatalf("generated an invalid profile: %v", err)
				}
				pl := Build(r, p, statuses, start)
				checkPlan(t, r, p, statuses, pl)
				if again := Build(r, p, maps.Clone(statuses), start); !reflect.DeepEqual(again, pl) {
					t.Fatal("the same input gave a different plan")
				}
				if t.Failed() {
					t.Fatalf("profile %+v", p)
				}
			}
		})
	}
}

func planned(pl Plan) map[string]bool {
	in := map[string]bool{}
	for _, w := range pl.Weeks {
		for _, id := range w.Topics {
			in[id] = true
		}
	}
	return in
}

func TestBuildChoices(t *testing.T) {
	r := backend(t)
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		langs    []string
		statuses map[string]progress.Status
		want     []string // planned
		absent   []string
	}{
		{"one language brings its tooling and one framework", []string{"go"}, nil,
			[]string{"go", "go-ecosystem", "go-net-http", "sql"},
			[]string{"python", "java", "python-ecosystem", "django", "express"}},
		{"the first fitting framework only", []string{"java"}, nil,
			[]string{"java", "jvm-ecosystem", "spring-boot"},
			[]string{"quarkus", "micronaut", "go"}},
		{"a prerequisite from a choice group is pulled in", []string{"typescript"}, nil,
			[]string{"typescript", "typescript-tooling", "nestjs", "javascript-node"},
			[]string{"express", "node-ecosystem", "python"}},
		{"two languages, an option each", []string{"python", "go"}, nil,
			[]string{"python", "go", "python-ecosystem", "go-ecosystem", "django", "go-net-http"},
			[]string{"flask-fastapi", "php"}},
		{"an option already done answers the group", []string{"python"}, map[string]progress.Status{"flask-fastapi": progress.Done},
			[]string{"python", "python-ecosystem"},
			[]string{"django", "flask-fastapi"}},
		{"a language already done still picks its tooling", []string{"python"}, map[string]progress.Status{"python": progress.Done},
			[]string{"python-ecosystem", "django"},
			[]string{"python", "go"}},
		{"a skipped option gives way to the next", []string{"python"}, map[string]progress.Status{"django": progress.Skipped},
			[]string{"flask-fastapi"},
			[]string{"django"}},
		{"an option being learnt stays", []string{"go"}, map[string]progress.Status{"express": progress.Learning},
			[]string{"express", "javascript-node", "go-net-http"},
			[]string{"node-ecosystem"}},
		{"a group with no option for the language is left out", []string{"kotlin"}, nil,
			[]string{"kotlin", "ktor"},
			[]string{"python-ecosystem", "jvm-ecosystem", "python", "java"}},
		{"no language picked: the first option", nil, nil,
			[]string{"python", "python-ecosystem", "django"},
			[]string{"go", "php"}},
		{"no language picked: the one being learnt", nil, map[string]progress.Status{"php": progress.Learning},
			[]string{"php", "php-ecosystem", "laravel"},
			[]string{"python"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Profile{StartingPoint: roadmap.NoExperience, Route: SelfTaught, HoursPerWeek: 10, Languages: tc.langs, TimeZone: "UTC"}
			pl := Build(r, p, tc.statuses, start)
			in := planned(pl)
			for _, id := range tc.want {
				if !in[id] {
					t.Errorf("%s not planned", id)
				}
			}
			for _, id := range tc.absent {
				if in[id] {
					t.Errorf("%s planned", id)
				}
			}
			checkPlan(t, r, p, tc.statuses, pl)
		})
	}
}

func TestBuildOrder(t *testing.T) {
	r := backend(t)
	p := Profile{StartingPoint: roadmap.NoExperience, Route: SelfTaught, HoursPerWeek: 10, Languages: []string{"go"}, TimeZone: "UTC"}
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	first := Build(r, p, nil, start).Weeks[0].Topics
	// No prerequisites anywhere: file order within the first step.
	if want := []string{"internet", "command-line"}; !slices.Equal(first, want) {
		t.Errorf("first week %v, want %v", first, want)
	}
	learning := Build(r, p, map[string]progress.Status{"docker": progress.Learning, "command-line": progress.Done}, start)
	if got := learning.Weeks[0].Topics[0]; got != "docker" {
		t.Errorf("a topic being learnt should come first once ready, got %s", got)
	}
}

func TestBuildWeeks(t *testing.T) {
	r := backend(t)
	base := Profile{StartingPoint: roadmap.NoExperience, Route: SelfTaught, Languages: []string{"python"}}
	for _, tc := range []struct {
		name      string
		zone      string
		hours     int
		start     time.Time
		monday    string
		firstCap  int
		firstDays string // the first parts as topic:hours
	}{
		{"Monday start, full week", "UTC", 10, time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC), "2026-03-02", 10, "internet:4 command-line:6"},
		{"Wednesday start, five days left", "UTC", 10, time.Date(2026, 3, 4, 8, 0, 0, 0, time.UTC), "2026-03-02", 8, "internet:4 command-line:4"},
		{"Sunday start keeps an hour", "UTC", 1, time.Date(2026, 3, 8, 8, 0, 0, 0, time.UTC), "2026-03-02", 1, "internet:1"},
		{"Sunday in UTC is Monday in Tokyo", "Asia/Tokyo", 10, time.Date(2026, 3, 8, 20, 0, 0, 0, time.UTC), "2026-03-09", 10, "internet:4 command-line:6"},
		{"Monday in UTC is Sunday in New York", "America/New_York", 7, time.Date(2026, 3, 9, 2, 0, 0, 0, time.UTC), "2026-03-02", 1, "internet:1"},
		{"a long topic splits", "UTC", 3, time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC), "2026-03-02", 3, "internet:3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := base
			p.TimeZone, p.HoursPerWeek = tc.zone, tc.hours
			pl := Build(r, p, nil, tc.start)
			w := pl.Weeks[0]
			if got := w.Start.Format(time.DateOnly); got != tc.monday || w.Start.Location().String() != tc.zone {
				t.Errorf("first week starts %v, want %s in %s", w.Start, tc.monday, tc.zone)
			}
			if w.Capacity != tc.firstCap {
				t.Errorf("first week capacity %d, want %d", w.Capacity, tc.firstCap)
			}
			if got := partsString(w.Parts); got != tc.firstDays {
				t.Errorf("first week %q, want %q", got, tc.firstDays)
			}
			checkPlan(t, r, p, nil, pl)
		})
	}
}

func TestBuildNothingLeft(t *testing.T) {
	r := backend(t)
	statuses := map[string]progress.Status{}
	for _, tp := range r.Topics {
		statuses[tp.ID] = progress.Done
	}
	p := Profile{StartingPoint: roadmap.NoExperience, Route: Degree, HoursPerWeek: 5, TimeZone: "Europe/Berlin", TargetDate: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
	pl := Build(r, p, statuses, time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC))
	if len(pl.Weeks) != 0 || pl.TotalHours != 0 || pl.ProjectedFinish.Format(time.DateOnly) != "2026-03-04" {
		t.Errorf("plan with nothing left: %d weeks, %d h, finish %v", len(pl.Weeks), pl.TotalHours, pl.ProjectedFinish)
	}
	if pl.Target == nil || !pl.Target.Met {
		t.Errorf("target should be met: %+v", pl.Target)
	}
}

func TestBuildTarget(t *testing.T) {
	r := backend(t)
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	p := Profile{StartingPoint: roadmap.NoExperience, Route: SelfTaught, HoursPerWeek: 10, Languages: []string{"go"}, TimeZone: "UTC"}
	total := Build(r, p, nil, start).TotalHours
	for _, tc := range []struct {
		name      string
		hours     int
		target    time.Time
		met       bool
		reachable bool
		message   string
	}{
		{"generous target", 10, start.AddDate(3, 0, 0), true, true, "You are on track"},
		{"more hours needed", 10, start.AddDate(0, 6, 0), false, true, "would meet it"},
		{"not even at 80 hours", 10, start.AddDate(0, 0, 20), false, false, "Even 80 hours a week would not meet it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p.HoursPerWeek, p.TargetDate = tc.hours, tc.target
			tg := Build(r, p, nil, start).Target
			if tg == nil || tg.Met != tc.met || tg.Reachable != tc.reachable || !strings.Contains(tg.Message, tc.message) {
				t.Fatalf("target %+v", tg)
			}
			if !tc.reachable {
				if tg.HoursPerWeekNeeded != MaxHoursPerWeek {
					t.Errorf("needed %d, want the cap %d", tg.HoursPerWeekNeeded, MaxHoursPerWeek)
				}
				return
			}
			// The hours needed meet the target, and one hour less does not.
			p.HoursPerWeek = tg.HoursPerWeekNeeded
			if at := Build(r, p, nil, start); at.ProjectedFinish.After(tc.target) || !at.Target.Met {
				t.Errorf("%d h/week finishes %v, after %v", p.HoursPerWeek, at.ProjectedFinish, tc.target)
			}
			if p.HoursPerWeek--; p.HoursPerWeek >= MinHoursPerWeek {
				if at := Build(r, p, nil, start); !at.ProjectedFinish.After(tc.target) {
					t.Errorf("%d h/week is already enough, yet %d was asked", p.HoursPerWeek, p.HoursPerWeek+1)
				}
			}
		})
	}
	if total < 500 {
		t.Errorf("a go learner's plan is %d h; the roadmap changed a lot?", total)
	}
}

func BenchmarkBuild1000(b *testing.B) {
	r := genRoadmap(b, 1000, 42)
	p, statuses := randomLearner(r, rand.New(rand.NewPCG(4, 2)))
	start := time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	var pl Plan
	for b.Loop() {
		pl = Build(r, p, statuses, start)
	}
	b.ReportMetric(float64(len(pl.Weeks)), "weeks")
	b.ReportMetric(float64(pl.TotalHours), "hours")
}

func partsString(parts []Part) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s:%d", p.Topic, p.Hours)
	}
	return b.String()
}
