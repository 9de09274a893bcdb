package store_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/devpathtest"
	"devpath/internal/jobsearch"
	"devpath/internal/network"
	"devpath/internal/store"
)

// TestApplicationContactsMove: the migration makes each contact of an
// application a contact of its learner's network, with the
// company and the link filed by kind, and linked to the application; new
// contacts are numbered after them.
func TestApplicationContactsMove(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx := context.Background()
		s, u := atVersion(t, e, 11)
		// as version 11 wrote them
		_, err := s.Exec(ctx, `INSERT INTO applications (user_id, kind, company, title, stage, created_at, updated_at)
			VALUES (?, 'job', 'Acme', 'Backend developer', 'saved', ?, ?)`, u.ID, t0, t0)
		if err == nil {
			_, err = s.Exec(ctx, `INSERT INTO contacts (application_id, name, role, email, url, notes)
				SELECT MAX(id), 'Grace', 'CTO', 'grace@acme.example', 'https://www.linkedin.com/in/grace', 'met at GopherCon' FROM applications`)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Migrate(ctx, devpathtest.Logger(t)); err != nil {
			t.Fatal(err)
		}
		apps, err := s.Applications(ctx, u.ID, jobsearch.Filter{})
		if err != nil || len(apps) != 1 {
			t.Fatalf("applications: %+v %v", apps, err)
		}
		a, err := s.Application(ctx, u.ID, apps[0].ID)
		if err != nil || len(a.Contacts) != 1 || a.Contacts[0].Name != "Grace" || a.Contacts[0].URL != "https://www.linkedin.com/in/grace" {
			t.Fatalf("people of the application: %+v %v", a.Contacts, err)
		}
		id := a.Contacts[0].ID
		c, err := s.Contact(ctx, u.ID, id)
		if err != nil || c.Name != "Grace" || c.Company != "Acme" || c.Role != "CTO" || c.Links.LinkedIn != "https://www.linkedin.com/in/grace" ||
			c.Notes != "met at GopherCon" || c.LastContact != "" || c.NextDue != "" {
			t.Fatalf("moved contact: %+v %v", c, err)
		}
		touched, err := s.ContactApplications(ctx, u.ID, id)
		if err != nil || len(touched) != 1 || touched[0].ID != a.ID || touched[0].Referred {
			t.Fatalf("applications of the moved contact: %+v %v", touched, err)
		}
		next, err := s.CreateContact(ctx, u.ID, network.Contact{Name: "Linus"}, "2026-11-01", t0)
		if err != nil || next.ID <= id {
			t.Fatalf("a new contact after the move: %+v %v", next, err)
		}
	})
}

// atVersion opens a fresh store migrated up to version, with one learner.
func atVersion(t *testing.T, e devpathtest.Engine, version int64) (*store.Store, account.User) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(e.URL, filepath.Join(t.TempDir(), "devpath.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.MigrateTo(ctx, version); err != nil {
		t.Fatal(err)
	}
	u, err := s.CreateUser(ctx, user("ada@example.org"), t0)
	if err != nil {
		t.Fatal(err)
	}
	return s, u
}

// TestContactCadence: the next due day counts from the day a contact was
// added, then from the latest interaction, whatever order they are logged
// in; deleting the latest moves it back; the list puts the soonest due
// first and contacts without a cadence last.
func TestContactCadence(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx := context.Background()
		s := open(t, e)
		u, _ := s.CreateUser(ctx, user("ada@example.org"), t0)
		bob, _ := s.CreateUser(ctx, user("bob@example.org"), t0)
		grace, err := s.CreateContact(ctx, u.ID, network.Contact{Name: "Grace", Cadence: 30, Tags: []string{"go", "berlin"}}, "2026-11-01", t0)
		if err != nil || grace.NextDue != "2026-12-01" {
			t.Fatalf("new contact: %+v %v", grace, err)
		}
		s.CreateContact(ctx, u.ID, network.Contact{Name: "Linus", HowMet: network.AtEvent}, "2026-11-01", t0)
		ken, _ := s.CreateContact(ctx, u.ID, network.Contact{Name: "Ken", Cadence: 7, Tags: []string{"c"}}, "2026-11-01", t0)

		log := func(on string) network.Interaction {
			t.Helper()
			i, err := s.LogInteraction(ctx, u.ID, network.Interaction{ContactID: grace.ID, Kind: network.Coffee, On: on}, t0)
			if err != nil {
				t.Fatal(err)
			}
			return i
		}
		latest := log("2026-11-20")
		log("2026-11-10") // an older one logged later changes nothing
		if c, _ := s.Contact(ctx, u.ID, grace.ID); c.LastContact != "2026-11-20" || c.NextDue != "2026-12-20" {
			t.Fatalf("after logging: %+v", c)
		}
		if err := s.DeleteInteraction(ctx, u.ID, grace.ID, latest.ID); err != nil {
			t.Fatal(err)
		}
		if c, _ := s.Contact(ctx, u.ID, grace.ID); c.LastContact != "2026-11-10" || c.NextDue != "2026-12-10" {
			t.Fatalf("after deleting the latest: %+v", c)
		}

		names := func(f network.Filter) []string {
			t.Helper()
			f.Limit = 10
			cs, err := s.Contacts(ctx, u.ID, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, c := range cs {
				out = append(out, c.Name)
			}
			return out
		}
		for _, tc := range []struct {
			f    network.Filter
			want []string
		}{
			{network.Filter{}, []string{"Ken", "Grace", "Linus"}},
			{network.Filter{DueBy: "2026-11-08"}, []string{"Ken"}},
			{network.Filter{Tag: "GO"}, []string{"Grace"}},
			{network.Filter{HowMet: network.AtEvent}, []string{"Linus"}},
			{network.Filter{Query: "lin"}, []string{"Linus"}},
		} {
			if got := names(tc.f); !slices.Equal(got, tc.want) {
				t.Errorf("%+v: %v, want %v", tc.f, got, tc.want)
			}
		}

		sum, err := s.NetworkSummary(ctx, u.ID, "2026-11-01", "2026-11-08")
		if err != nil || sum != (network.Summary{Contacts: 3, AddedMonth: 3, MetMonth: 1, Due: 1}) {
			t.Fatalf("summary: %+v %v", sum, err)
		}

		// another learner's contact is not theirs to read, log, change or delete
		if _, err := s.Contact(ctx, bob.ID, ken.ID); app.ErrorCode(err) != app.NotFound {
			t.Errorf("bob read: %v", err)
		}
		if _, err := s.LogInteraction(ctx, bob.ID, network.Interaction{ContactID: ken.ID, Kind: network.Call, On: "2026-11-02"}, t0); app.ErrorCode(err) != app.NotFound {
			t.Errorf("bob logged: %v", err)
		}
		if _, err := s.UpdateContact(ctx, bob.ID, network.Contact{ID: ken.ID, Name: "Taken"}, t0); app.ErrorCode(err) != app.NotFound {
			t.Errorf("bob changed: %v", err)
		}
		if err := s.DeleteContact(ctx, bob.ID, ken.ID); app.ErrorCode(err) != app.NotFound {
			t.Errorf("bob deleted: %v", err)
		}
		if _, err := s.Interactions(ctx, bob.ID, grace.ID); app.ErrorCode(err) != app.NotFound {
			t.Errorf("bob read the log: %v", err)
		}

		// changing the cadence moves the next due day from the last contact
		grace.Cadence = 0
		if c, err := s.UpdateContact(ctx, u.ID, grace, t0.Add(time.Hour)); err != nil || c.NextDue != "" || c.LastContact != "2026-11-10" {
			t.Fatalf("no cadence: %+v %v", c, err)
		}
	})
}

// TestNetworkMigrationDownAndUp: migration 00012 undone puts each person of
// an application back on it, keeps the application with its stages and
// interviews, and applies again on the same data.
func TestNetworkMigrationDownAndUp(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx := context.Background()
		s, u := atVersion(t, e, 12)
		// as version 12 writes them
		var app int64
		err := s.QueryRow(ctx, `INSERT INTO applications (user_id, kind, company, title, stage, created_at, updated_at)
			VALUES (?, 'job', 'Acme', 'Backend developer', 'saved', ?, ?) RETURNING id`, u.ID, t0, t0).Scan(&app)
		var grace network.Contact
		if err == nil {
			grace, err = s.CreateContact(ctx, u.ID, network.Contact{Name: "Grace", Role: "CTO", Links: network.Links{LinkedIn: "https://www.linkedin.com/in/grace"}}, "2026-11-01", t0)
		}
		for _, q := range []string{
			`INSERT INTO application_contacts (application_id, contact_id) VALUES (?, ?)`,
			`UPDATE applications SET referred_by = ? WHERE id = ?`,
		} {
			if err == nil {
				args := []any{app, grace.ID}
				if strings.HasPrefix(q, "UPDATE") {
					args = []any{grace.ID, app}
				}
				_, err = s.Exec(ctx, q, args...)
			}
		}
		for _, q := range []string{
			`INSERT INTO interviews (application_id, at, kind) VALUES (?, '2026-12-01', 'video')`,
			`INSERT INTO application_stages (application_id, stage, at) VALUES (?, 'saved', ?)`,
		} {
			if err == nil {
				args := []any{app}
				if strings.Contains(q, "stages") {
					args = append(args, t0)
				}
				_, err = s.Exec(ctx, q, args...)
			}
		}
		if err != nil {
			t.Fatal(err)
		}

		if err := s.MigrateDownTo(ctx, 11); err != nil {
			t.Fatalf("down: %v", err)
		}
		var name, url string
		var interviews, stages int
		if err := s.QueryRow(ctx, `SELECT name, url FROM contacts WHERE application_id = ?`, app).Scan(&name, &url); err != nil || name != "Grace" || url != grace.Links.LinkedIn {
			t.Fatalf("the person back on the application: %q %q %v", name, url, err)
		}
		if err := s.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM interviews WHERE application_id = ?), (SELECT COUNT(*) FROM application_stages WHERE application_id = ?)`, app, app).Scan(&interviews, &stages); err != nil || interviews != 1 || stages == 0 {
			t.Fatalf("the application's interviews and stages after the down migration: %d %d %v", interviews, stages, err)
		}

		if err := s.Migrate(ctx, devpathtest.Logger(t)); err != nil {
			t.Fatalf("up again: %v", err)
		}
		got, err := s.Application(ctx, u.ID, app)
		if err != nil || len(got.Contacts) != 1 || got.Contacts[0].Name != "Grace" || len(got.Interviews) != 1 {
			t.Fatalf("after down and up: %+v %v", got, err)
		}
	})
}
