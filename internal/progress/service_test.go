package progress_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"devpath/internal/account"
	"devpath/internal/devpathtest"
	"devpath/internal/progress"
	"devpath/internal/roadmap"
	"devpath/internal/store"
)

// version returns a one-step roadmap whose topic about HTTP has the given
// id and former ids, as a roadmap file would say after a rename.
func version(t *testing.T, id string, aliases string) *roadmap.Catalog {
	t.Helper()
	yml := "slug: demo\ntitle: Demo\nversion: 1\nsteps:\n  - {id: s, title: S}\ntopics:\n  - {id: " + id +
		", title: HTTP, step: s, estimate_hours: 5, aliases: [" + aliases + "]}\n  - {id: tls, title: TLS, step: s, estimate_hours: 5}\n"
	md := "---\nresources:\n  - {kind: docs, title: D, url: 'https://example.org', free: true}\n---\nText.\n"
	fsys := fstest.MapFS{
		"demo/roadmap.yaml":         {Data: []byte(yml)},
		"demo/topics/" + id + ".md": {Data: []byte(md)},
		"demo/topics/tls.md":        {Data: []byte(md)},
	}
	r, problems := roadmap.Load(fsys, "demo")
	if problems != nil {
		t.Fatal(problems)
	}
	return roadmap.NewCatalog(r)
}

// TestProgressSurvivesRename records progress under a topic's old id, then
// reads it through a roadmap where the topic was renamed.
func TestProgressSurvivesRename(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx := context.Background()
		st, err := store.Open(e.URL, filepath.Join(t.TempDir(), "devpath.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if err := st.Migrate(ctx, devpathtest.Logger(t)); err != nil {
			t.Fatal(err)
		}
		u, _ := st.CreateUser(ctx, account.NewUser{Email: "ada@example.org", Name: "Ada", PasswordHash: "x"}, time.Now())
		clock := func() time.Time { return time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC) }

		before := progress.NewService(st, version(t, "http-basics", ""), clock)
		done, note := progress.Done, "status codes"
		if _, err := before.Set(ctx, u.ID, "demo", "http-basics", &done, &note); err != nil {
			t.Fatal(err)
		}

		after := progress.NewService(st, version(t, "http", "http-basics"), clock)
		v, err := after.Progress(ctx, u.ID, "demo")
		if err != nil {
			t.Fatal(err)
		}
		if e := v.Entries["http"]; e.Status != progress.Done || e.Note != "status codes" || v.Summary.Percent != 50 {
			t.Fatalf("after the rename: %+v, %v%%", v.Entries, v.Summary.Percent)
		}
		doc, _ := after.Export(ctx, u.ID)
		if _, ok := doc.Roadmaps["demo"].Topics["http"]; !ok {
			t.Fatalf("export uses the old id: %+v", doc)
		}
		// a topic dropped without an alias disappears from view but not from the database
		gone := progress.NewService(st, version(t, "https", ""), clock)
		if v, _ := gone.Progress(ctx, u.ID, "demo"); len(v.Entries) != 0 {
			t.Fatalf("a removed topic still shows: %+v", v.Entries)
		}
		if _, err := gone.Set(ctx, u.ID, "demo", "http-basics", &done, nil); err == nil || !strings.Contains(err.Error(), "http-basics") {
			t.Fatalf("writing to a removed topic: %v", err)
		}
	})
}
