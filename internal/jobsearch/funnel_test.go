package jobsearch

import (
	"testing"
	"time"
)

func history(stages ...Stage) ApplicationSummary {
	a := ApplicationSummary{}
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
		apps []ApplicationSummary
		want []int // counts for saved, applied, screening, interview, offer, accepted
	}{
		{"none", nil, []int{0, 0, 0, 0, 0, 0}},
		{"only saved", []ApplicationSummary{history(Saved)}, []int{1, 0, 0, 0, 0, 0}},
		{
			"a typical search",
			[]ApplicationSummary{
				history(Saved, Applied, Screening, Interview, Offer, Accepted),
				history(Saved, Applied, Screening, Interview, Rejected),
				history(Saved, Applied, Ghosted),
				history(Saved, Applied, Rejected),
				history(Saved, Withdrawn),
			},
			[]int{5, 4, 2, 2, 1, 1},
		},
		{"skipped stages count as reached", []ApplicationSummary{history(Saved, Interview)}, []int{1, 1, 1, 1, 0, 0}},
		{"a rejection means it was sent", []ApplicationSummary{history(Rejected)}, []int{1, 1, 0, 0, 0, 0}},
		{"moving back keeps how far it got", []ApplicationSummary{history(Applied, Interview, Saved)}, []int{1, 1, 1, 1, 0, 0}},
		{"no history: the current stage", []ApplicationSummary{{Stage: Screening}}, []int{1, 1, 1, 0, 0, 0}},
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
	steps := Funnel([]ApplicationSummary{history(Saved, Applied), history(Saved, Applied), history(Saved)})
	if steps[0].Percent != 100 || steps[1].Percent != 67 || steps[2].Percent != 0 {
		t.Errorf("%+v", steps)
	}
}
