package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"devpath/internal/devpathtest"
	"devpath/internal/progress"
)

// TestProgressCounts writes random statuses concurrently, then compares the
// counts the write keeps with a count over the progress rows themselves.
func TestProgressCounts(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx := context.Background()
		s := open(t, e)
		statuses := []progress.Status{progress.Todo, progress.Learning, progress.Done, progress.Skipped}
		topics := []string{"http", "git", "sql"}
		var wg sync.WaitGroup
		for u := range 12 {
			nu, err := s.CreateUser(ctx, user(fmt.Sprintf("l%d@example.org", u)), t0)
			if err != nil {
				t.Fatal(err)
			}
			wg.Add(1)
			go func(id int64, r *rand.Rand) {
				defer wg.Done()
				for i := range 20 {
					up := progress.Update{Roadmap: "backend", Topic: topics[r.IntN(len(topics))], Status: status(statuses[r.IntN(4)])}
					if _, err := s.Apply(ctx, id, []progress.Update{up}, t0.Add(time.Duration(i)*time.Minute)); err != nil {
						t.Error(err)
					}
				}
			}(nu.ID, rand.New(rand.NewPCG(uint64(u), 3)))
		}
		wg.Wait()
		got, err := s.TopicCounts(ctx, "backend")
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]map[progress.Status]int{}
		for u := int64(1); u <= 12; u++ {
			es, _ := s.Entries(ctx, u, "backend")
			for _, e := range es {
				if e.Status == progress.Todo {
					continue
				}
				if want[e.Topic] == nil {
					want[e.Topic] = map[progress.Status]int{}
				}
				want[e.Topic][e.Status]++
			}
		}
		for _, topic := range topics {
			for _, st := range statuses[1:] {
				if got[topic][st] != want[topic][st] {
					t.Errorf("%s %s: counted %d, rows say %d", topic, st, got[topic][st], want[topic][st])
				}
			}
		}
	})
}
