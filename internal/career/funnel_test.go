package career

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"
)

func history(stages ...Stage) AppSummary {
	a := AppSummary{}
	at := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
	for i, s := range stages {
		a.History = append(a.History, StageChange{Stage: s, At: at.AddDate(0, 0, 7*i)})
		a.Stage = s
	}
	return a
}

func TestFunnel(t *testing.T) {
	for _, tc := range []struct {
		name string
		apps []AppSummary
		want []int // counts for saved, applied, screening, interview, offer, accepted
	}{
		{"none", nil, []int{0, 0, 0, 0, 0, 0}},
		{"only saved", []AppSummary{history(Saved)}, []int{1, 0, 0, 0, 0, 0}},
		{
			"a typical search",
			[]AppSummary{
				history(Saved, Applied, Screening, Interview, Offer, Accepted),
				history(Saved, Applied, Screening, Interview, Rejected),
				history(Saved, Applied, Ghosted),
				history(Saved, Applied, Rejected),
				history(Saved, Withdrawn),
			},
			[]int{5, 4, 2, 2, 1, 1},
		},
		{"skipped stages count as reached", []AppSummary{history(Saved, Interview)}, []int{1, 1, 1, 1, 0, 0}},
		{"a rejection means it was sent", []AppSummary{history(Rejected)}, []int{1, 1, 0, 0, 0, 0}},
		{"moving back keeps how far it got", []AppSummary{history(Applied, Interview, Saved)}, []int{1, 1, 1, 1, 0, 0}},
		{"no history: the current stage", []AppSummary{{Stage: Screening}}, []int{1, 1, 1, 0, 0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			steps := Funnel(tc.apps)
			if len(steps) != len(tc.want) {
				t.Fatalf("steps %v", steps)
			}
			for i, s := range steps {
				if s.Stage != FunnelStages()[i] || s.Count != tc.want[i] {
					t.Errorf("step %d: %+v, want %s %d", i, s, FunnelStages()[i], tc.want[i])
				}
			}
		})
	}
}

func TestFunnelPercent(t *testing.T) {
	steps := Funnel([]AppSummary{history(Saved, Applied), history(Saved, Applied), history(Saved)})
	if steps[0].Percent != 100 || steps[1].Percent != 67 || steps[2].Percent != 0 {
		t.Errorf("%+v", steps)
	}
}

func TestFunnelSVG(t *testing.T) {
	steps := Funnel([]AppSummary{history(Saved, Applied, Interview), history(Saved, Applied), history(Saved)})
	svg := string(FunnelSVG(steps))
	if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, svg)
	}
	for _, want := range []string{
		`role="img"`,
		`aria-label="Application funnel: saved 3 (100%), applied 2 (67%), screening 1 (33%), interview 1 (33%), offer 0 (0%), accepted 0 (0%)"`,
		"<title>Application funnel: saved 3",
		">Saved</text>", ">Interview</text>", ">2 (67%)</text>",
		`width="300"`, // the widest bar is the full width
		`width="200"`, // two thirds of it
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("svg lacks %q\n%s", want, svg)
		}
	}
	if n := strings.Count(svg, "<rect"); n != 6 {
		t.Errorf("%d bars, want 6", n)
	}
	empty := string(FunnelSVG(Funnel(nil)))
	if !strings.Contains(empty, `aria-label="Application funnel: no applications yet"`) {
		t.Errorf("empty funnel: %s", empty)
	}
}
