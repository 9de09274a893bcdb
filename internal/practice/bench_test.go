package practice

import (
	"context"
	"testing"
)

// BenchmarkGrade grades a correct answer to a typical exercise (a join with
// GROUP BY and HAVING) on both datasets. The reference's results are cached
// after the first run, as they are on a server.
func BenchmarkGrade(b *testing.B) {
	g := newTestGrader(b, DefaultLimits())
	ex := exercise(b, "group-regulars")
	answer := `SELECT b.member_id, m.first_name, m.last_name, COUNT(*)
	           FROM bookings b JOIN members m USING (member_id)
	           WHERE b.status = 'attended'
	           GROUP BY b.member_id HAVING COUNT(*) > 4`
	ctx := context.Background()
	for b.Loop() {
		if v := g.Grade(ctx, ex, answer); v.Verdict != Pass {
			b.Fatal(v.Message)
		}
	}
}

// BenchmarkGradeStatements grades a schema-design answer: a trigger, seven
// probes and a check, on both datasets.
func BenchmarkGradeStatements(b *testing.B) {
	g := newTestGrader(b, DefaultLimits())
	ex := exercise(b, "design-full-session-trigger")
	ctx := context.Background()
	for b.Loop() {
		if v := g.Grade(ctx, ex, ex.Answer); v.Verdict != Pass {
			b.Fatal(v.Message)
		}
	}
}
