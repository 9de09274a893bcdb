package store_test

import (
	"context"
	"fmt"
	"testing"

	"devpath/internal/cohort"
	"devpath/internal/store"
)

// BenchmarkDashboardReads times each read of a 500-learner cohort's
// dashboard on SQLite, every learner halfway through 150 topics (75
// progress rows each, 37,500 in all), beside 1,000 learners of no cohort:
// where the dashboard's time goes before Go sums it (BenchmarkAssess in
// internal/cohort times that part).
func BenchmarkDashboardReads(b *testing.B) {
	ctx := context.Background()
	s := openBench(b)
	id := loadCohort(ctx, b, s, 500, 1000, 150)
	for _, tc := range []struct {
		name string
		read func() (int, error)
	}{
		{"members", func() (int, error) { ps, err := s.Members(ctx, id); return len(ps), err }},
		{"entries", func() (int, error) { es, err := s.MemberEntries(ctx, id, "backend"); return len(es), err }},
		{"practice", func() (int, error) { ps, err := s.MemberPractice(ctx, id); return len(ps) + 1, err }},
		{"reviews", func() (int, error) { rs, err := s.MemberReviews(ctx, id, "backend"); return len(rs) + 1, err }},
		{"outcomes", func() (int, error) { rs, err := s.Results(ctx, id); return len(rs) + 1, err }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if n, err := tc.read(); err != nil || n == 0 {
					b.Fatalf("%d rows, %v", n, err)
				}
			}
		})
	}
}

// loadCohort writes learners in a cohort and others outside it, each with
// the first half of topics done (the middle one in learning), and returns
// the cohort's id.
func loadCohort(ctx context.Context, b *testing.B, s *store.Store, learners, others, topics int) int64 {
	c, err := s.CreateCohort(ctx, cohort.Cohort{Name: "Bench", Roadmap: "backend", StartDate: "2026-09-01", EndDate: "2027-06-30",
		TargetDate: "2027-03-01", WeeklyHours: 20, TimeZone: "UTC", Thresholds: cohort.DefaultThresholds()}, t0)
	if err != nil {
		b.Fatal(err)
	}
	var users, members, progress [][]any
	for u := range learners + others {
		uid := int64(u + 1)
		users = append(users, []any{uid, fmt.Sprintf("l%05d@example.org", u), fmt.Sprintf("Learner %05d", u), "x", "learner", t0})
		if u < learners {
			members = append(members, []any{c.ID, uid, t0})
		}
		for i := range topics / 2 {
			st := "done"
			if i == topics/2-1 {
				st = "learning"
			}
			progress = append(progress, []any{uid, "backend", fmt.Sprintf("t%03d", i), st, "", t0})
		}
	}
	for _, t := range []struct {
		table, cols string
		rows        [][]any
	}{
		{"users", "id, email, name, password_hash, role, created_at", users},
		{"cohort_members", "cohort_id, user_id, joined_at", members},
		{"progress", "user_id, roadmap, topic, status, note, updated_at", progress},
	} {
		if err := insertRows(ctx, s, t.table, t.cols, t.rows); err != nil {
			b.Fatal(err)
		}
	}
	return c.ID
}
