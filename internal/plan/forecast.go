package plan

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

const (
	// ForecastRuns is how many futures the forecast simulates.
	ForecastRuns = 2000
	// MinHistoryWeeks is how many weeks of history a forecast needs.
	MinHistoryWeeks = 2
	// MaxHistoryWeeks bounds the weeks sampled: the pace of half a year
	// ago says little about the learner today.
	MaxHistoryWeeks = 26
	// MaxForecastWeeks is the horizon; a future that has not finished by
	// then counts as never finishing.
	MaxForecastWeeks = 520
)

const week = 7 * 24 * time.Hour

// ForecastResult projects the finish from the learner's real pace.
type ForecastResult struct {
	// WeeklyHours are the estimated hours of the topics done in each of the
	// past weeks sampled, oldest first; the last week ends at now.
	WeeklyHours []int `json:"weekly_hours"`
	// P50 and P90 are the dates by which half and nine tenths of the
	// simulated futures finish, midnight in now's zone. Zero means that at
	// this pace that share does not finish within MaxForecastWeeks.
	P50 time.Time `json:"p50"`
	P90 time.Time `json:"p90"`
}

// Estimates maps every topic id of r, and every former id, to its estimate,
// as Forecast and BurnUp expect.
func Estimates(r *roadmap.Roadmap) map[string]int {
	m := make(map[string]int, len(r.Topics))
	for _, t := range r.Topics {
		m[t.ID] = t.EstimateHours
		for _, a := range t.Aliases {
			m[a] = t.EstimateHours
		}
	}
	return m
}

// Forecast simulates the remaining hours of study by drawing, week after
// week, the throughput of a random past week (estimated hours of the
// topics that became done in it), ForecastRuns times with a generator
// seeded by seed, so the same input always gives the same answer. Weeks
// are the 7-day windows ending at now. It returns nil while the history
// spans fewer than MinHistoryWeeks weeks: there is not enough data yet.
// Pass now in the learner's zone: the dates are days there.
func Forecast(history []progress.Change, estimates map[string]int, remainingHours int, now time.Time, seed int64) *ForecastResult {
	weekly := weeklyHours(history, estimates, now)
	if weekly == nil {
		return nil
	}
	res := &ForecastResult{WeeklyHours: weekly}
	today := dateOf(now, now.Location())
	if remainingHours <= 0 {
		res.P50, res.P90 = today, today
		return res
	}
	days := simulate(weekly, remainingHours, seed)
	res.P50 = finishDate(today, percentile(days, 0.5))
	res.P90 = finishDate(today, percentile(days, 0.9))
	return res
}

// weeklyHours buckets the hours of done topics into past weeks, oldest
// first; nil when the history is too short.
func weeklyHours(history []progress.Change, estimates map[string]int, now time.Time) []int {
	if len(history) == 0 {
		return nil
	}
	first := slices.MinFunc(history, func(a, b progress.Change) int { return a.At.Compare(b.At) }).At
	n := min(int(now.Sub(first)/week), MaxHistoryWeeks)
	if n < MinHistoryWeeks {
		return nil
	}
	weekly := make([]int, n)
	for topic, at := range doneTimes(history) {
		ago := max(int(now.Sub(at)/week), 0) // a change stamped after now counts as this week
		if ago < n {
			weekly[n-1-ago] += estimates[topic]
		}
	}
	return weekly
}

// doneTimes returns, for each topic that is done at the end of the history,
// when it last became done. A note edited on a done topic is not a new
// completion, and a topic set back from done does not count.
func doneTimes(history []progress.Change) map[string]time.Time {
	sorted := slices.Clone(history)
	slices.SortStableFunc(sorted, func(a, b progress.Change) int { return a.At.Compare(b.At) })
	done := map[string]time.Time{}
	for _, c := range sorted {
		switch {
		case c.To != progress.Done:
			delete(done, c.Topic)
		case c.From != progress.Done:
			done[c.Topic] = c.At
		}
	}
	return done
}

// never marks a simulated future that does not finish within the horizon.
const never = math.MaxInt

// simulate returns, for each run, the days until the remaining hours are
// done (spread evenly over the last week's days), or never.
func simulate(weekly []int, remaining int, seed int64) []int {
	days := make([]int, ForecastRuns)
	if slices.Max(weekly) == 0 {
		for i := range days {
			days[i] = never
		}
		return days
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5eed))
	for run := range days {
		days[run] = never
		left := remaining
		for w := 0; w < MaxForecastWeeks; w++ {
			got := weekly[rng.IntN(len(weekly))]
			if got >= left {
				days[run] = 7*w + ceilDiv(7*left, got)
				break
			}
			left -= got
		}
	}
	return days
}

// percentile is the nearest-rank percentile q (0 to 1) of values.
func percentile(values []int, q float64) int {
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	rank := int(math.Ceil(q * float64(len(sorted))))
	return sorted[max(rank-1, 0)]
}

func finishDate(today time.Time, days int) time.Time {
	if days == never {
		return time.Time{}
	}
	return today.AddDate(0, 0, days)
}
