package notify_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/app/apptest"
	"devpath/internal/devpathtest"
	"devpath/internal/jobs"
	"devpath/internal/mail"
	"devpath/internal/notify"
	"devpath/internal/store"
)

// fixture is the notification service over a real store on one engine, a
// job queue that takes jobs but works none (the tests call the work
// themselves), a real SMTP server on loopback, and a clock the test moves.
type fixture struct {
	svc    *notify.Service
	store  *store.Store
	box    *devpathtest.Mailbox
	queued *recorder
	clock  *clock
	zones  zones
}

func newFixture(t *testing.T, e devpathtest.Engine, withMail bool) *fixture {
	t.Helper()
	ctx := context.Background()
	cfg := devpathtest.Config(t, e)
	st, err := store.Open(cfg.Database, cfg.SQLitePath())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	log := devpathtest.Logger(t)
	if err := st.Migrate(ctx, log); err != nil {
		t.Fatal(err)
	}
	q, err := jobs.New(st.Engine(), st.QueueDB(), log, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	// River inserts only the kinds it has workers for; these never run, as
	// the queue is not started: the tests call the work themselves.
	idle(q, notify.EmailJob{})
	idle(q, notify.DigestJob{})
	idle(q, notify.ScanJob{})
	idle(q, notify.DigestScanJob{})
	if err := q.Open(); err != nil {
		t.Fatal(err)
	}
	st.UseQueue(q)
	f := &fixture{store: st, queued: &recorder{q: q}, clock: &clock{t: time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)}, zones: zones{}}
	var mailer notify.Mailer
	if withMail {
		f.box = devpathtest.SMTP(t, devpathtest.MailboxOptions{})
		mc, err := mail.ParseURL(f.box.URL, "devpath <devpath@example.org>")
		if err != nil {
			t.Fatal(err)
		}
		if mailer, err = mail.New(mc); err != nil {
			t.Fatal(err)
		}
	}
	f.svc, err = notify.NewService(ctx, st, f.zones, mailer, f.queued, "https://devpath.test", log, f.clock.now)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func idle[T jobs.Args](q *jobs.Queue, _ T) {
	jobs.Handle(q, jobs.Kind{}, func(context.Context, jobs.Job[T]) error { return nil })
}

// person creates an account living in zone.
func (f *fixture) person(t *testing.T, name, zone string) int64 {
	t.Helper()
	u, err := f.store.CreateUser(context.Background(), account.NewUser{Email: name + "@example.org", Name: name, PasswordHash: "-"}, f.clock.now())
	if err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	f.zones[u.ID] = loc
	return u.ID
}

func (f *fixture) choose(t *testing.T, user int64, choices map[notify.Kind]notify.Delivery) {
	t.Helper()
	if _, err := f.svc.SetSettings(context.Background(), user, choices); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) inbox(t *testing.T, user int64) notify.Page {
	t.Helper()
	p, err := f.svc.Inbox(context.Background(), user, 0)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

type zones map[int64]*time.Location

func (z zones) Zone(_ context.Context, user int64) *time.Location { return z[user] }

// recorder passes jobs on to the queue and keeps them, for the test to read.
type recorder struct {
	q    *jobs.Queue
	mu   sync.Mutex
	jobs []any
}

func (r *recorder) Insert(ctx context.Context, args interface{ Kind() string }) error {
	r.mu.Lock()
	r.jobs = append(r.jobs, args)
	r.mu.Unlock()
	return r.q.Insert(ctx, args)
}

func (r *recorder) take() []any {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.jobs
	r.jobs = nil
	return out
}

// TestScanMakesOnePerDay: a scan that runs twice makes one notification per
// person and kind; the next day in the person's own time zone makes another.
func TestScanMakesOnePerDay(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		f := newFixture(t, e, false)
		ctx := context.Background()
		kiwi := f.person(t, "kiwi", "Pacific/Auckland") // UTC+13 in December
		asked := 0
		f.svc.Sources = []notify.Source{{Kind: notify.ReviewsDue, Due: func(_ context.Context, user int64, now time.Time) (notify.Message, bool, error) {
			asked++
			if now.Location().String() != "Pacific/Auckland" {
				t.Errorf("the source was asked at %s, not in the person's zone", now)
			}
			return notify.ReviewsDueMessage([]string{"HTTP", "SQL"}, "/plan/backend#reviews"), true, nil
		}}}
		f.clock.set(time.Date(2026, 12, 4, 10, 30, 0, 0, time.UTC)) // 23:30 on the 4th in Auckland
		for range 2 {
			if err := f.svc.Scan(ctx, 0); err != nil {
				t.Fatal(err)
			}
		}
		if p := f.inbox(t, kiwi); len(p.Items) != 1 || p.Unread != 1 || asked != 1 {
			t.Fatalf("after two scans: %d notifications, %d unread, the source asked %d times; want 1, 1, 1", len(p.Items), p.Unread, asked)
		}
		f.clock.set(time.Date(2026, 12, 4, 11, 30, 0, 0, time.UTC)) // 00:30 on the 5th there
		if err := f.svc.Scan(ctx, 0); err != nil {
			t.Fatal(err)
		}
		p := f.inbox(t, kiwi)
		if len(p.Items) != 2 || p.Items[0].Key != "reviews_due:2026-12-05" || p.Items[1].Key != "reviews_due:2026-12-04" {
			t.Fatalf("after midnight in Auckland: %+v", p.Items)
		}
		if got := p.Items[0].Title; got != "2 topics are due for a review" {
			t.Errorf("title %q", got)
		}
	})
}

// TestEmailGoesOnce: a notification chosen by email is sent once, however
// often its job runs, with both parts, the headers of a one-click
// unsubscribe, and its time in the person's zone.
func TestEmailGoesOnce(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		f := newFixture(t, e, true)
		ctx := context.Background()
		ada := f.person(t, "ada", "Europe/Berlin")
		f.choose(t, ada, map[notify.Kind]notify.Delivery{notify.CheckFinished: notify.Email})
		m := notify.CheckFinishedMessage(notify.CheckRun{Project: "notes-api", StagesPassed: 3, Stages: 7}, "/practice/checks/12")
		if added, err := f.svc.Notify(ctx, ada, notify.CheckFinished, "12", m); err != nil || !added {
			t.Fatalf("notify: %v %v", added, err)
		}
		if added, _ := f.svc.Notify(ctx, ada, notify.CheckFinished, "12", m); added {
			t.Fatal("the same key made a second notification")
		}
		id := f.inbox(t, ada).Items[0].ID
		for range 2 {
			if err := f.svc.SendEmail(ctx, id); err != nil {
				t.Fatal(err)
			}
		}
		if n := f.box.Count(); n != 1 {
			t.Fatalf("%d emails, want 1", n)
		}
		got := f.box.Wait(t, 1)
		h := got.Header(t)
		if h.Get("To") != `"ada" <ada@example.org>` || h.Get("Subject") != "Your notes-api check failed" ||
			!strings.HasPrefix(h.Get("List-Unsubscribe"), "<https://devpath.test/unsubscribe/") ||
			h.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
			t.Errorf("headers: %v", h)
		}
		parts := got.Parts(t)
		for _, want := range []string{"3 of 7 stages passed", "https://devpath.test/practice/checks/12", "Fri 4 Dec 2026, 10:00 CET"} {
			if !strings.Contains(parts["text/plain"], want) || !strings.Contains(parts["text/html"], want) {
				t.Errorf("a part lacks %q:\n%s\n%s", want, parts["text/plain"], parts["text/html"])
			}
		}
	})
}

// TestDigestGroupsItems: the digest waits for 08:00 in the person's zone,
// carries every waiting item grouped by kind in one email, and goes once a day.
func TestDigestGroupsItems(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		f := newFixture(t, e, true)
		ctx := context.Background()
		grace := f.person(t, "grace", "America/New_York") // UTC-5
		f.choose(t, grace, map[notify.Kind]notify.Delivery{notify.ReviewsDue: notify.Digest, notify.CheckFinished: notify.Digest})
		f.clock.set(time.Date(2026, 12, 4, 3, 0, 0, 0, time.UTC)) // 22:00 on the 3rd in New York
		f.svc.Notify(ctx, grace, notify.ReviewsDue, "2026-12-03", notify.ReviewsDueMessage([]string{"Git"}, "/plan/backend#reviews"))
		for _, run := range []string{"1", "2"} {
			f.svc.Notify(ctx, grace, notify.CheckFinished, run, notify.CheckFinishedMessage(notify.CheckRun{Project: "conduit", Passed: true, Stages: 9}, "/practice/checks/"+run))
		}
		f.queued.take()
		f.clock.set(time.Date(2026, 12, 4, 12, 59, 0, 0, time.UTC)) // 07:59 there
		scan(t, f)
		if got := f.queued.take(); len(got) != 0 {
			t.Fatalf("before 08:00 the scan queued %v", got)
		}
		f.clock.set(time.Date(2026, 12, 4, 13, 5, 0, 0, time.UTC)) // 08:05
		scan(t, f)
		want := notify.DigestJob{UserID: grace, Day: "2026-12-04"}
		if got := f.queued.take(); len(got) != 1 || got[0] != want {
			t.Fatalf("at 08:05 the scan queued %v, want %v", got, want)
		}
		for range 2 {
			if err := f.svc.SendDigest(ctx, grace, "2026-12-04"); err != nil {
				t.Fatal(err)
			}
		}
		if n := f.box.Count(); n != 1 {
			t.Fatalf("%d digests, want 1", n)
		}
		text := f.box.Wait(t, 1).Parts(t)["text/plain"]
		reviews, checks := strings.Index(text, "Reviews due\n-----------"), strings.Index(text, "Project checks finished\n")
		if reviews < 0 || checks < reviews || strings.Count(text, "Your conduit check passed") != 2 || !strings.Contains(text, "Thu 3 Dec 2026, 22:00 EST") {
			t.Errorf("the digest does not group its three items by kind, in New York time:\n%s", text)
		}
		if subject := f.box.Wait(t, 1).Header(t).Get("Subject"); subject != "Your devpath digest for Friday 4 December: 3 new notifications" {
			t.Errorf("subject %q", subject)
		}
		scan(t, f)
		if got := f.queued.take(); len(got) != 0 {
			t.Errorf("after the day's digest the scan queued %v", got)
		}
	})
}

func scan(t *testing.T, f *fixture) {
	t.Helper()
	if err := f.svc.ScanDigests(context.Background(), 0); err != nil {
		t.Fatal(err)
	}
}

// TestUnsubscribe: a link made for one person and kind works for that
// only, and stops the letters already waiting.
func TestUnsubscribe(t *testing.T) {
	f := newFixture(t, devpathtest.Engine{}, true)
	ctx := context.Background()
	ada, bob := f.person(t, "ada", "UTC"), f.person(t, "bob", "UTC")
	f.choose(t, ada, map[notify.Kind]notify.Delivery{notify.FollowUpsDue: notify.Email})
	f.svc.Notify(ctx, ada, notify.FollowUpsDue, "2026-12-04", notify.FollowUpsDueMessage([]notify.FollowUp{{Company: "Acme", Title: "Dev", Due: "2026-12-01"}}, "/applications"))
	f.svc.SendEmail(ctx, f.inbox(t, ada).Items[0].ID)
	link := f.box.Wait(t, 1).Header(t).Get("List-Unsubscribe")
	parts := strings.Split(strings.Trim(link, "<>"), "/") // https: "" devpath.test unsubscribe user scope token
	if len(parts) != 7 || parts[5] != "follow_ups_due" {
		t.Fatalf("link %q", link)
	}
	token := parts[6]
	for _, bad := range []struct {
		user  int64
		scope string
	}{{bob, "follow_ups_due"}, {ada, "reviews_due"}, {ada, "digest"}, {ada, "nonsense"}} {
		_, err := f.svc.Unsubscribe(ctx, bad.user, bad.scope, token)
		apptest.Error(t, err, app.NotFound)
	}
	f.svc.Notify(ctx, ada, notify.FollowUpsDue, "2026-12-05", notify.FollowUpsDueMessage([]notify.FollowUp{{Company: "Acme", Title: "Dev", Due: "2026-12-01"}}, "/applications"))
	u, err := f.svc.Unsubscribe(ctx, ada, "follow_ups_due", token)
	if err != nil || u.What != "emails about follow-ups due" {
		t.Fatalf("unsubscribe: %+v, %v", u, err)
	}
	settings, _ := f.svc.Settings(ctx, ada)
	if d := settings[1]; d.Kind != notify.FollowUpsDue || d.Delivery != notify.InApp {
		t.Errorf("after unsubscribing: %+v", d)
	}
	f.svc.SendEmail(ctx, f.inbox(t, ada).Items[0].ID) // the letter that was waiting
	if n := f.box.Count(); n != 1 {
		t.Errorf("%d emails: the one waiting went despite the unsubscribe", n)
	}
}

// TestInboxIsPrivate: a person reads and marks only their own notifications.
func TestInboxIsPrivate(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		f := newFixture(t, e, false)
		ctx := context.Background()
		ada, bob := f.person(t, "ada", "UTC"), f.person(t, "bob", "UTC")
		for _, key := range []string{"1", "2", "3"} {
			f.svc.Notify(ctx, ada, notify.CheckFinished, key, notify.Message{Title: "run " + key})
		}
		p := f.inbox(t, ada)
		if len(p.Items) != 3 || p.Unread != 3 || p.Items[0].Title != "run 3" {
			t.Fatalf("inbox: %+v", p)
		}
		if q := f.inbox(t, bob); len(q.Items) != 0 {
			t.Fatalf("bob sees %d of ada's notifications", len(q.Items))
		}
		apptest.Error(t, f.svc.MarkRead(ctx, bob, p.Items[0].ID), app.NotFound)
		if err := f.svc.MarkRead(ctx, ada, p.Items[0].ID); err != nil {
			t.Fatal(err)
		}
		if n, _ := f.svc.Unread(ctx, ada); n != 2 {
			t.Fatalf("unread after one read: %d", n)
		}
		if n, err := f.svc.MarkAllRead(ctx, ada); n != 2 || err != nil {
			t.Fatalf("mark all: %d, %v", n, err)
		}
		if n, _ := f.svc.Unread(ctx, ada); n != 0 {
			t.Fatalf("unread after all read: %d", n)
		}
	})
}

// TestSettingsRefuseUnknowns names the field that is wrong.
func TestSettingsRefuseUnknowns(t *testing.T) {
	f := newFixture(t, devpathtest.Engine{}, false)
	ada := f.person(t, "ada", "UTC")
	_, err := f.svc.SetSettings(context.Background(), ada, map[notify.Kind]notify.Delivery{"gossip": notify.Email, notify.ReviewsDue: "pigeon"})
	e := apptest.Error(t, err, app.Invalid)
	if e.Fields["settings.gossip"] == "" || e.Fields["settings.reviews_due"] == "" {
		t.Errorf("fields: %v", e.Fields)
	}
}
