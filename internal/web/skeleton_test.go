package web

import (
	"bytes"
	"testing"
	"time"

	"devpath/content"
	"devpath/internal/httpx"
	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

// The roadmap page drawn from its skeleton is byte for byte the page its
// template draws with every value in place, for visitors and for a learner
// with topics in each status (and so some out of scope, in the choice group).
func TestRoadmapSkeletonDrawsTheTemplatesPage(t *testing.T) {
	w, err := New(httpx.Services{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	rm, problems := roadmap.Load(content.Roadmaps, "roadmaps/backend")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	learner := map[string]progress.Entry{}
	for i, st := range []progress.Status{progress.Done, progress.Learning, progress.Skipped, progress.Done} {
		for _, t := range rm.Steps[i].Topics[:3] {
			learner[t.ID] = progress.Entry{Topic: t.ID, Status: st, UpdatedAt: time.Now()}
		}
	}
	learner[rm.Steps[1].Topics[len(rm.Steps[1].Topics)-1].ID] = progress.Entry{Status: progress.Learning} // a choice made
	for _, tc := range []struct {
		name     string
		entries  map[string]progress.Entry
		loggedIn bool
	}{
		{"visitor", nil, false},
		{"new learner", nil, true},
		{"learner with progress", learner, true},
	} {
		v := progress.View{Roadmap: rm, Entries: tc.entries, Summary: progress.Summarise(rm, tc.entries)}
		page, err := w.buildRoadmapPage(v, tc.loggedIn)
		if err != nil {
			t.Fatal(err)
		}
		var want, got bytes.Buffer
		if err := w.pages["roadmap"].ExecuteTemplate(&want, "content", view{Data: page}); err != nil {
			t.Fatal(err)
		}
		for range 2 { // drawn once, then from the skeleton kept
			got.Reset()
			if err := w.drawRoadmap(&got, v, tc.loggedIn); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("%s: the skeleton's page differs from the template's:\n%s\n----\n%s", tc.name, got.String(), want.String())
			}
		}
		if tc.entries != nil {
			for _, st := range progress.Statuses() {
				if !bytes.Contains(got.Bytes(), []byte(`class="topic status-`+string(st))) {
					t.Errorf("%s: no row shows %s", tc.name, st)
				}
			}
		}
	}
}

func TestCutSkeleton(t *testing.T) {
	s, err := cutSkeleton([]byte("a" + string(slotMark(3)) + "bc" + string(slotMark(0)) + "d"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	s.fill(&buf, func(buf *bytes.Buffer, slot int) { buf.WriteString("<" + string(rune('0'+slot)) + ">") })
	if buf.String() != "a<3>bc<0>d" {
		t.Fatalf("filled: %q", buf.String())
	}
	if _, err := cutSkeleton([]byte("a\x00slot1")); err == nil {
		t.Fatal("an unclosed marker was taken")
	}
}
