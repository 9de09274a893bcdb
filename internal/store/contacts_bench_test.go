package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"devpath/internal/devpathtest"
	"devpath/internal/network"
	"devpath/internal/store"
)

// BenchmarkNetworkLists times the two lists a learner with a large network
// opens most, on SQLite: the contact list sorted by next due (a page of
// 100) and the losing-touch list. The learner has 5,000 contacts, a mix of
// cadences, and 50,000 interactions; bench/ runs it for the 20 ms budget.
func BenchmarkNetworkLists(b *testing.B) {
	ctx := context.Background()
	s := openBench(b)
	u, err := s.CreateUser(ctx, user("ada@example.org"), t0)
	if err != nil {
		b.Fatal(err)
	}
	today := "2026-12-04"
	if err := loadNetwork(ctx, s, u.ID, today, 5000, 10); err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		f    network.Filter
	}{
		{"by-next-due", network.Filter{Limit: network.DefaultLimit}},
		{"losing-touch", network.Filter{DueBy: today, Limit: network.DefaultLimit}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				cs, err := s.Contacts(ctx, u.ID, tc.f)
				if err != nil || len(cs) != network.DefaultLimit {
					b.Fatalf("%d contacts, %v", len(cs), err)
				}
			}
		})
	}
}

func openBench(b *testing.B) *store.Store {
	s, err := store.OpenSQLite(b.TempDir() + "/devpath.db")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := s.Migrate(context.Background(), devpathtest.Logger(b)); err != nil {
		b.Fatal(err)
	}
	return s
}

// loadNetwork writes n contacts with per interactions each, as the store
// would have left them: last contact and next due day in step with the log.
func loadNetwork(ctx context.Context, s *store.Store, user int64, today string, n, per int) error {
	day0, _ := time.Parse(time.DateOnly, today)
	cadences := []int{0, 7, 14, 30, 60, 90}
	kinds := []network.Kind{network.Message, network.Call, network.Coffee, network.GaveHelp, network.AskedHelp}
	var contacts, interactions [][]any
	for i := range n {
		id := int64(i + 1)
		added := day0.AddDate(0, 0, -400-i%30).Format(time.DateOnly)
		last := day0.AddDate(0, 0, -(i*7)%200)
		cadence := cadences[i%len(cadences)]
		contacts = append(contacts, []any{id, user, fmt.Sprintf("Person %05d", i), "Company " + fmt.Sprint(i%300),
			fmt.Sprintf(",tag%d,", i%20), cadence, added, last.Format(time.DateOnly),
			nullable(network.NextDue(cadence, last.Format(time.DateOnly), added)), t0, t0})
		for k := range per {
			interactions = append(interactions, []any{user, id, kinds[k%len(kinds)], last.AddDate(0, 0, -k*11).Format(time.DateOnly), t0})
		}
	}
	if err := insertRows(ctx, s, "contacts", "id, user_id, name, company, tags, cadence_days, added_on, last_contact, next_due, created_at, updated_at", contacts); err != nil {
		return err
	}
	return insertRows(ctx, s, "interactions", "user_id, contact_id, kind, on_day, created_at", interactions)
}

func nullable(day string) any {
	if day == "" {
		return nil
	}
	return day
}

// insertRows inserts rows 500 to a statement.
func insertRows(ctx context.Context, s *store.Store, table, cols string, rows [][]any) error {
	for len(rows) > 0 {
		batch := rows[:min(500, len(rows))]
		rows = rows[len(batch):]
		one := "(?" + strings.Repeat(", ?", len(batch[0])-1) + ")"
		var args []any
		for _, r := range batch {
			args = append(args, r...)
		}
		q := "INSERT INTO " + table + " (" + cols + ") VALUES " + one + strings.Repeat(", "+one, len(batch)-1)
		if _, err := s.Exec(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}
