package plan

import (
	"slices"
	"strings"
	"time"
)

// MaxReviewInterval bounds the days between two reviews: twice a year keeps
// an old topic from fading without crowding the list.
const MaxReviewInterval = 180

// ReviewInterval is the days to wait after the streak-th review remembered
// in a row (0: right after the topic was done, or after a review forgotten):
// 1, 3, 7, 16, 35, then doubling up to MaxReviewInterval. The first five
// follow the usual spaced-repetition spacing; doubling past them keeps the
// reviews of long-known topics rare instead of monthly forever.
func ReviewInterval(streak int) int {
	switch streak {
	case 0:
		return 1
	case 1:
		return 3
	case 2:
		return 7
	case 3:
		return 16
	}
	days := 35
	for i := 4; i < streak && days < MaxReviewInterval; i++ {
		days *= 2
	}
	return min(days, MaxReviewInterval)
}

// Review is one time the learner went over a done topic again.
type Review struct {
	At         time.Time `json:"at"`
	Remembered bool      `json:"remembered"` // false: they had forgotten it
}

// ReviewItem is a done topic with its reviews since it was done.
type ReviewItem struct {
	Topic   string    `json:"topic"`
	DoneAt  time.Time `json:"done_at"`
	Reviews []Review  `json:"reviews"`
}

// DueReview is when a topic should next be reviewed.
type DueReview struct {
	Topic string    `json:"topic"`
	Due   time.Time `json:"due"`
	// Streak is the reviews remembered in a row so far; Interval the days
	// from the last review (or completion) to Due.
	Streak   int `json:"streak"`
	Interval int `json:"interval_days"`
}

// NextReview returns when a topic done at doneAt, with these reviews, is
// next due. Reviews before doneAt belong to an earlier time the topic was
// done and are ignored; a review forgotten starts the intervals over.
func NextReview(doneAt time.Time, reviews []Review) time.Time {
	return next(ReviewItem{DoneAt: doneAt, Reviews: reviews}).Due
}

func next(it ReviewItem) DueReview {
	rs := slices.Clone(it.Reviews)
	slices.SortStableFunc(rs, func(a, b Review) int { return a.At.Compare(b.At) })
	last, streak := it.DoneAt, 0
	for _, r := range rs {
		if r.At.Before(it.DoneAt) {
			continue
		}
		last = r.At
		if streak++; !r.Remembered {
			streak = 0
		}
	}
	days := ReviewInterval(streak)
	return DueReview{Topic: it.Topic, Due: last.AddDate(0, 0, days), Streak: streak, Interval: days}
}

// Schedule returns the next review of every item, soonest first (then by
// topic id, so equal dates keep a stable order).
func Schedule(items []ReviewItem) []DueReview {
	out := make([]DueReview, len(items))
	for i, it := range items {
		out[i] = next(it)
	}
	slices.SortFunc(out, func(a, b DueReview) int {
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		return strings.Compare(a.Topic, b.Topic)
	})
	return out
}

// Due returns the reviews due at or before now, soonest first: the list
// the dashboard shows.
func Due(items []ReviewItem, now time.Time) []DueReview {
	all := Schedule(items)
	n := 0
	for n < len(all) && !all[n].Due.After(now) {
		n++
	}
	return all[:n]
}
