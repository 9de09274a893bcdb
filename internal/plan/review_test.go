package plan

import (
	"slices"
	"testing"
	"time"
)

func TestReviewInterval(t *testing.T) {
	var got []int
	for streak := range 10 {
		got = append(got, ReviewInterval(streak))
	}
	if want := []int{1, 3, 7, 16, 35, 70, 140, 180, 180, 180}; !slices.Equal(got, want) {
		t.Errorf("intervals %v, want %v", got, want)
	}
}

func TestNextReview(t *testing.T) {
	done := time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC)
	day := func(d int) time.Time { return done.AddDate(0, 0, d) }
	yes := func(d int) Review { return Review{At: day(d), Remembered: true} }
	no := func(d int) Review { return Review{At: day(d)} }
	for _, tc := range []struct {
		name    string
		reviews []Review
		due     time.Time
	}{
		{"first review the day after", nil, day(1)},
		{"then three days", []Review{yes(1)}, day(4)},
		{"then a week", []Review{yes(1), yes(4)}, day(11)},
		{"then 16 days", []Review{yes(1), yes(4), yes(11)}, day(27)},
		{"then 35 days", []Review{yes(1), yes(4), yes(11), yes(27)}, day(62)},
		{"then growing", []Review{yes(1), yes(4), yes(11), yes(27), yes(62)}, day(132)},
		{"a late review counts from when it happened", []Review{yes(10)}, day(13)},
		{"forgetting starts over", []Review{yes(1), yes(4), no(11)}, day(12)},
		{"and climbs again", []Review{yes(1), yes(4), no(11), yes(12)}, day(15)},
		{"order of records does not matter", []Review{yes(4), yes(1)}, day(11)},
		{"reviews before the topic was done again are ignored", []Review{yes(-30), yes(-20), no(-5)}, day(1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := NextReview(done, tc.reviews); !got.Equal(tc.due) {
				t.Errorf("due %v, want %v", got, tc.due)
			}
		})
	}
}

func TestDue(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	items := []ReviewItem{
		{Topic: "http", DoneAt: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)},                                                               // due 2 March
		{Topic: "sql", DoneAt: time.Date(2026, 3, 9, 12, 0, 0, 0, time.UTC)},                                                               // due exactly now
		{Topic: "css", DoneAt: time.Date(2026, 3, 9, 12, 0, 0, 0, time.UTC)},                                                               // same time, sorted by id
		{Topic: "git", DoneAt: time.Date(2026, 3, 9, 13, 0, 0, 0, time.UTC)},                                                               // in an hour
		{Topic: "go", DoneAt: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), Reviews: []Review{{At: now.Add(-time.Hour), Remembered: true}}}, // just reviewed
	}
	var got []string
	for _, d := range Due(items, now) {
		got = append(got, d.Topic)
	}
	if want := []string{"http", "css", "sql"}; !slices.Equal(got, want) {
		t.Errorf("due %v, want %v", got, want)
	}
	all := Schedule(items)
	if len(all) != len(items) || all[len(all)-1].Topic != "go" || all[len(all)-1].Streak != 1 || all[len(all)-1].Interval != 3 {
		t.Errorf("schedule %+v", all)
	}
}
