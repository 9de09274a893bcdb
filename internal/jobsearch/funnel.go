package jobsearch

import (
	"slices"
	"time"
)

// StageChange is one move of an application, kept for its history.
type StageChange struct {
	Stage Stage
	At    time.Time
	Notes string
}

// ApplicationSummary is what the funnel needs of an application.
type ApplicationSummary struct {
	Stage   Stage
	History []StageChange
}

// FunnelStep is how many applications got at least as far as a stage.
type FunnelStep struct {
	Stage   Stage `json:"stage"`
	Count   int   `json:"count"`
	Percent int   `json:"percent"` // of all applications, rounded
}

// FunnelStages are the steps of the funnel: the way forward.
func FunnelStages() []Stage { return []Stage{Saved, Applied, Screening, Interview, Offer, Accepted} }

// Funnel counts, for each step, the applications that reached it at some
// point, from their histories and current stage. Reaching a stage implies
// the ones before it (an interview without a recorded "applied" was still
// applied for), and a rejection or ghosting implies the application was
// sent; a withdrawal implies nothing, since one can withdraw before applying.
func Funnel(apps []ApplicationSummary) []FunnelStep {
	stages := FunnelStages()
	steps := make([]FunnelStep, len(stages))
	for i, s := range stages {
		steps[i].Stage = s
	}
	for _, a := range apps {
		for i := 0; i <= furthest(a); i++ {
			steps[i].Count++
		}
	}
	for i := range steps {
		if len(apps) > 0 {
			steps[i].Percent = (steps[i].Count*100 + len(apps)/2) / len(apps)
		}
	}
	return steps
}

// furthest is the index in FunnelStages of the furthest stage reached.
func furthest(a ApplicationSummary) int {
	best := reach(a.Stage)
	for _, c := range a.History {
		best = max(best, reach(c.Stage))
	}
	return best
}

func reach(s Stage) int {
	switch s {
	case Rejected, Ghosted:
		return slices.Index(FunnelStages(), Applied)
	case Withdrawn:
		return 0
	}
	return max(slices.Index(FunnelStages(), s), 0)
}
