package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"devpath/internal/account"
	"devpath/internal/mentor"
)

// BenchmarkMentorQueue times the queue of a mentor of 40 topics over
// 100,000 open requests on 150 topics, from 2,000 learners, on SQLite
// (the issue asks under 100 ms).
func BenchmarkMentorQueue(b *testing.B) {
	ctx := context.Background()
	s := openBench(b)
	coach, err := s.CreateUser(ctx, account.NewUser{Email: "coach@example.org", Name: "Coach", Role: account.Mentor}, t0)
	if err != nil {
		b.Fatal(err)
	}
	var learners [][]any
	for i := range 2000 {
		learners = append(learners, []any{int64(i + 10), fmt.Sprintf("l%d@example.org", i), "L", "x", "learner", t0})
	}
	if err := insertRows(ctx, s, "users", "id, email, name, password_hash, role, created_at", learners); err != nil {
		b.Fatal(err)
	}
	topic := func(i int) string { return fmt.Sprintf("topic-%03d", i%150) }
	var requests [][]any
	for i := range 100_000 {
		at := t0.Add(time.Duration(i) * time.Second)
		requests = append(requests, []any{int64(10 + i%2000), topic(i * 7), "topic", "Why?", "open", at, at})
	}
	if err := insertRows(ctx, s, "mentor_requests", "learner_id, topic, kind, question, status, created_at, last_message_at", requests); err != nil {
		b.Fatal(err)
	}
	p := mentor.Profile{UserID: coach.ID, TimeZone: "UTC", MaxMentees: 10, MaxRequests: 10, Windows: []mentor.Window{}, UpdatedAt: t0}
	for i := range 40 {
		p.Topics = append(p.Topics, topic(i*3))
	}
	if _, err := s.PutMentorProfile(ctx, p); err != nil {
		b.Fatal(err)
	}
	now := t0.Add(200_000 * time.Second)
	for b.Loop() {
		q, err := s.MentorQueue(ctx, coach.ID, now, 100)
		if err != nil || len(q) != 100 {
			b.Fatalf("%d requests, %v", len(q), err)
		}
	}
}
