package plan

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	_ "time/tzdata" // tests name zones; do not depend on the machine's zoneinfo

	"devpath/content"
	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

func backend(tb testing.TB) *roadmap.Roadmap {
	tb.Helper()
	r, problems := roadmap.Load(content.Roadmaps, "roadmaps/backend")
	if problems != nil {
		tb.Fatal(problems)
	}
	return r
}

// genRoadmap writes a random roadmap of n topics as files and loads it, so
// that it is checked exactly like shipped content. Topics are generated in
// an order where prerequisites come first, then shuffled in the file (within
// a rough step order), so prerequisites may sit later in the file or even in
// a later step. It has a language choice group, a tooling group tied to the
// languages, a framework group tied to them through tooling, and a database
// group tied to none; some topics have former ids.
func genRoadmap(tb testing.TB, n int, seed uint64) *roadmap.Roadmap {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	// The last step is the apply step, so that job-ready milestones are exercised too.
	genSteps := []string{"basics", "language", "skills", "projects", "people", "apply"}
	langs := max(2, min(8, n/15))
	type topic struct {
		id, group  string
		step, hrs  int
		prereqs    []string
		fileOrder  float64
		hasAliases bool
	}
	ts := make([]topic, n)
	for g := range ts {
		t := &ts[g]
		t.id = fmt.Sprintf("t-%04d", g)
		t.step = min(len(genSteps)-1, max(0, g*len(genSteps)/n+rng.IntN(3)-1))
		t.hrs = 1 + rng.IntN(30)
		if rng.IntN(10) == 0 {
			t.hrs = 40 + rng.IntN(120) // long topics force splitting
		}
		t.fileOrder = float64(t.step) + rng.Float64()
		t.hasAliases = rng.IntN(8) == 0
		lo := max(0, g-40) // mostly recent prerequisites, as in a real path
		for k := rng.IntN(4); k > 0 && g > 0; k-- {
			p := ts[lo+rng.IntN(g-lo)].id
			if !slices.Contains(t.prereqs, p) {
				t.prereqs = append(t.prereqs, p)
			}
		}
	}
	group := func(from, count int, name string, prereq func(k int) []string) {
		for k := range count {
			if g := from + k; g < n {
				ts[g].group, ts[g].prereqs = name, prereq(k)
			}
		}
	}
	group(2, langs, LanguageGroup, func(int) []string { return []string{ts[0].id} })
	group(n/4, langs, "tooling", func(k int) []string { return []string{ts[2+k].id} })
	group(n/3, langs, "framework", func(k int) []string { return []string{ts[n/4+k].id} })
	group(n/2, 3, "database", func(int) []string { return nil })

	var y strings.Builder
	fmt.Fprintf(&y, "slug: gen\ntitle: Generated\nsummary: A generated roadmap.\nversion: 1\nsteps:\n")
	for _, s := range genSteps {
		fmt.Fprintf(&y, "  - id: %s\n    title: Step %s\n", s, s)
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(ts[a].fileOrder, ts[b].fileOrder) })
	fsys := fstest.MapFS{}
	y.WriteString("topics:\n")
	for _, g := range order {
		t := ts[g]
		fmt.Fprintf(&y, "  - id: %s\n    title: Topic %d\n    step: %s\n    estimate_hours: %d\n    prerequisites: [%s]\n",
			t.id, g, genSteps[t.step], t.hrs, strings.Join(t.prereqs, ", "))
		if t.group != "" {
			fmt.Fprintf(&y, "    choice_group: %s\n", t.group)
		}
		if t.hasAliases {
			fmt.Fprintf(&y, "    aliases: [old-%s]\n", t.id)
		}
		fsys["gen/topics/"+t.id+".md"] = &fstest.MapFile{Data: []byte(
			"---\nresources:\n  - kind: docs\n    title: Docs\n    url: https://example.org/" + t.id + "\n    free: true\n---\nLearn it.\n")}
	}
	fsys["gen/roadmap.yaml"] = &fstest.MapFile{Data: []byte(y.String())}
	r, problems := roadmap.Load(fsys, "gen")
	if problems != nil {
		tb.Fatal(problems)
	}
	return r
}

// randomLearner makes a valid profile and a progress map for roadmap r.
func randomLearner(r *roadmap.Roadmap, rng *rand.Rand) (Profile, map[string]progress.Status) {
	zones := []string{"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Lord_Howe"}
	p := Profile{StartingPoint: roadmap.NoExperience, Route: SelfTaught, HoursPerWeek: 1 + rng.IntN(MaxHoursPerWeek),
		TimeZone: zones[rng.IntN(len(zones))]}
	langs := groupOptions(r, LanguageGroup)
	for k := 1 + rng.IntN(2); k > 0; k-- {
		p.Languages = append(p.Languages, langs[rng.IntN(len(langs))])
	}
	statuses := map[string]progress.Status{}
	for _, t := range r.Topics {
		id := t.ID
		if len(t.Aliases) > 0 && rng.IntN(2) == 0 {
			id = t.Aliases[0] // progress recorded under a former id
		}
		switch x := rng.IntN(100); {
		case x < 8:
			statuses[id] = progress.Done
		case x < 12:
			statuses[id] = progress.Skipped
		case x < 15:
			statuses[id] = progress.Learning
		case x < 20:
			statuses[id] = progress.Todo
		case x < 25:
			p.KnownTopics = append(p.KnownTopics, id)
		}
	}
	return p, statuses
}

func randomStart(rng *rand.Rand) time.Time {
	return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.Int64N(int64(400 * 24 * time.Hour))))
}
