package progress

import (
	"testing"
	"testing/fstest"
	"time"

	"devpath/internal/roadmap"
)

func demo(t *testing.T) *roadmap.Roadmap {
	t.Helper()
	yml := `slug: demo
title: Demo
version: 1
steps:
  - {id: learn, title: Learn}
  - {id: build, title: Build}
topics:
  - {id: http, title: HTTP, step: learn, estimate_hours: 10}
  - {id: go, title: Go, step: learn, estimate_hours: 40, choice_group: language}
  - {id: python, title: Python, step: learn, estimate_hours: 30, choice_group: language}
  - {id: api, title: API, step: build, estimate_hours: 20, prerequisites: [http]}
`
	md := "---\nresources:\n  - {kind: docs, title: Docs, url: 'https://example.org', free: true}\n---\nText.\n"
	fsys := fstest.MapFS{"demo/roadmap.yaml": {Data: []byte(yml)}}
	for _, id := range []string{"http", "go", "python", "api"} {
		fsys["demo/topics/"+id+".md"] = &fstest.MapFile{Data: []byte(md)}
	}
	r, problems := roadmap.Load(fsys, "demo")
	if problems != nil {
		t.Fatal(problems)
	}
	return r
}

func entries(kv ...string) map[string]Entry {
	m := map[string]Entry{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = Entry{Topic: kv[i], Status: Status(kv[i+1])}
	}
	return m
}

func TestSummarise(t *testing.T) {
	r := demo(t)
	for _, tc := range []struct {
		name        string
		entries     map[string]Entry
		hours, done int
		percent     float64
		learnTodo   int
	}{
		// nothing chosen: the language group counts once, through go (40 h)
		{"fresh", nil, 70, 0, 0, 2},
		{"http done", entries("http", "done"), 70, 10, 14.3, 1},
		// python chosen: go drops out of scope
		{"python chosen", entries("python", "learning"), 60, 0, 0, 1},
		{"both languages", entries("go", "done", "python", "done"), 100, 70, 70, 1},
		{"skipped is out of scope", entries("http", "skipped", "api", "done"), 60, 20, 33.3, 1},
		{"everything skipped", entries("http", "skipped", "go", "skipped", "python", "skipped", "api", "skipped"), 0, 0, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Summarise(r, tc.entries)
			if s.Hours != tc.hours || s.DoneHrs != tc.done || s.Percent != tc.percent || s.Steps[0].Todo != tc.learnTodo {
				t.Fatalf("got hours %d done %d percent %v learn todo %d; want %d %d %v %d",
					s.Hours, s.DoneHrs, s.Percent, s.Steps[0].Todo, tc.hours, tc.done, tc.percent, tc.learnTodo)
			}
		})
	}
}

func TestSummariseActivity(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	day := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name             string
		times            []time.Time
		loc              *time.Location
		current, longest int
	}{
		{"none", nil, time.UTC, 0, 0},
		{"today only", []time.Time{day(27, 9)}, time.UTC, 1, 1},
		{"through yesterday counts while today is open", []time.Time{day(25, 9), day(26, 9)}, time.UTC, 2, 2},
		{"broken two days ago", []time.Time{day(24, 9), day(20, 9), day(21, 9), day(22, 9)}, time.UTC, 0, 3},
		{"several changes a day count once", []time.Time{day(26, 1), day(26, 2), day(27, 3)}, time.UTC, 2, 2},
		// 23:30 UTC on the 25th is the 26th in Berlin
		{"days are the learner's days", []time.Time{day(25, 23).Add(30 * time.Minute), day(27, 8)}, berlin, 2, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := SummariseActivity(tc.times, now, tc.loc)
			if a.Current != tc.current || a.Longest != tc.longest {
				t.Fatalf("current %d longest %d, want %d %d", a.Current, a.Longest, tc.current, tc.longest)
			}
			if len(a.Days) != HeatmapDays || a.Days[HeatmapDays-1].Date != now.In(tc.loc).Format(time.DateOnly) {
				t.Fatalf("heatmap: %d days ending %s", len(a.Days), a.Days[len(a.Days)-1].Date)
			}
		})
	}
}

// Statuses is the caller's own: changing it changes no later answer.
func TestStatusesAreFresh(t *testing.T) {
	Statuses()[0] = "changed"
	if got := Statuses(); len(got) != 4 || got[0] != Todo || got[3] != Skipped {
		t.Errorf("statuses %v", got)
	}
}
