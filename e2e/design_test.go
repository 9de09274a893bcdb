package e2e

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	cdproto "github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdp "github.com/chromedp/chromedp"

	"devpath/internal/checker"
	"devpath/internal/checker/checkertest"
	"devpath/internal/devpathtest"
)

// axeSource is axe-core, vendored by scripts/vendor-axe.sh. It is evaluated
// through DevTools, where the page's Content-Security-Policy does not apply;
// devpath never serves it.
//
//go:embed testdata/axe.min.js
var axeSource string

// page is one page of the design check: where it is, and what to do before
// it is looked at (a form to submit, say), when a plain visit is not enough.
type page struct {
	name string
	path string
	then []cdp.Action[cdp.Void]
	shot bool // keep a screenshot of it for people to look at
}

// variant is one way a person sees the site: a width and a colour scheme.
type variant struct {
	width, height int64
	scheme        string
}

func (v variant) String() string { return fmt.Sprintf("%d-%s", v.width, v.scheme) }

var variants = []variant{{390, 844, "light"}, {390, 844, "dark"}, {1280, 800, "light"}, {1280, 800, "dark"}}

// TestDesign visits every page, logged out and logged in with data, at a
// phone's and a laptop's width, in light and dark, and asks two things of
// each: nothing scrolls sideways, and axe-core finds no critical or serious
// violation. It does so on each engine, since the pages show what the
// database gives back. Screenshots of each go to DEVPATH_SCREENSHOTS, or to
// e2e/screenshots (not committed) when that is unset; PostgreSQL's to its
// postgres folder.
func TestDesign(t *testing.T) {
	dir := os.Getenv("DEVPATH_SCREENSHOTS")
	if dir == "" {
		dir = "screenshots"
	}
	t.Run("sqlite", func(t *testing.T) { design(t, devpathtest.Engine{Name: "sqlite"}, dir) })
	if base := os.Getenv(devpathtest.PostgresEnv); base != "" {
		t.Run("postgres", func(t *testing.T) {
			design(t, devpathtest.Engine{Name: "postgres", URL: devpathtest.PostgresSchema(t, base)}, filepath.Join(dir, "postgres"))
		})
	}
}

func design(t *testing.T, e devpathtest.Engine, dir string) {
	box := devpathtest.SMTP(t, devpathtest.MailboxOptions{})
	srv := start(t, e, "--smtp-url", box.URL, "--smtp-from", "devpath <devpath@example.org>")
	base := srv.URL
	// a bound on the whole walk, not a speed target: about 250 page checks, each
	// with axe-core, take over 15 minutes when the shared machine is busy
	ctx := browserFor(t, 30*time.Minute)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}

	do(t, ctx,
		cdp.EmulateViewport(1280, 800),
		cdp.Navigate(base+"/register"),
		cdp.SendKeys(cdp.CSS("#name"), "Margaret"),
		cdp.SendKeys(cdp.CSS("#email"), "margaret@example.org"),
		cdp.SendKeys(cdp.CSS("#password"), "rope memory for apollo"),
		cdp.Submit(cdp.CSS("#password")),
		cdp.WaitVisible(cdp.CSS(`form[action="/logout"]`)),
	)
	ids := seed(t, ctx)
	ids["reset"] = resetLink(t, srv, "margaret@example.org")

	learner := []page{
		{name: "dashboard", path: "/", shot: true},
		{name: "onboarding", path: "/onboarding", shot: true},
		{name: "plan", path: "/plan/backend", shot: true},
		{name: "roadmap", path: "/roadmaps/backend", shot: true},
		{name: "topic", path: "/roadmaps/backend/topics/http", shot: true},
		{name: "account", path: "/account", shot: true},
		{name: "account-password-errors", path: "/account", then: []cdp.Action[cdp.Void]{
			cdp.Click(cdp.CSS(`form[action="/account/password"] button[type="submit"]`)),
			cdp.WaitVisible(cdp.CSS(`[aria-invalid="true"]`)),
		}, shot: true},
		{name: "applications", path: "/applications", shot: true},
		{name: "application", path: "/applications/" + ids["application"], shot: true},
		{name: "application-new", path: "/applications/new"},
		{name: "application-errors", path: "/applications/new", then: []cdp.Action[cdp.Void]{
			cdp.Evaluate[cdp.Void](`document.querySelector('form[action="/applications"]').noValidate = true`),
			cdp.Click(cdp.CSS(`form[action="/applications"] button[type="submit"]`)),
			cdp.WaitVisible(cdp.CSS(`[aria-invalid="true"]`)),
		}, shot: true},
		{name: "network", path: "/network", shot: true},
		{name: "losing-touch", path: "/network/losing-touch", shot: true},
		{name: "contact", path: "/network/contacts/" + ids["contact"], shot: true},
		{name: "events", path: "/network/events", shot: true},
		{name: "event", path: "/network/events/" + ids["event"], shot: true},
		{name: "contacts-import", path: "/network/import", shot: true},
		{name: "contacts-import-csv", path: "/network/import", then: []cdp.Action[cdp.Void]{
			cdp.SetValue(cdp.CSS("#in-csv"), connectionsCSV),
			cdp.Click(cdp.CSS(`form[action="/network/import/csv"] button[type="submit"]`)),
			cdp.WaitVisible(cdp.CSS("#duplicates")),
		}, shot: true},
		{name: "contacts-import-csv-errors", path: "/network/import", then: []cdp.Action[cdp.Void]{
			cdp.SetValue(cdp.CSS("#in-csv"), strings.Replace(connectionsCSV, "grace@navy.example", "grace@", 1)),
			cdp.Click(cdp.CSS(`form[action="/network/import/csv"] button[type="submit"]`)),
			cdp.WaitVisible(cdp.CSS(`.error-summary`)),
		}, shot: true},
		{name: "contacts-import-vcard", path: "/network/import", then: []cdp.Action[cdp.Void]{
			cdp.SetValue(cdp.CSS("#in-vcard"), "BEGIN:VCARD\nVERSION:4.0\nFN:Grace Hopper\nEMAIL:grace@navy.example\nURL:https://www.linkedin.com/in/grace-hopper-example\nEND:VCARD\n"),
			cdp.Click(cdp.CSS(`form[action="/network/import/vcard"] button[type="submit"]`)),
			cdp.WaitVisible(cdp.CSS("#duplicates")),
		}, shot: true},
		{name: "communities", path: "/network/communities", shot: true},
		{name: "communities-errors", path: "/network/communities", then: []cdp.Action[cdp.Void]{
			cdp.Evaluate[cdp.Void](`document.querySelector("#c-r-golang details").open = true`),
			cdp.SetValue(cdp.CSS("#handle-r-golang"), "u/margaret"),
			cdp.SetValue(cdp.CSS("#joined-r-golang"), "2999-01-01"),
			cdp.Click(cdp.CSS(`form[action="/network/communities/r-golang"] button[type="submit"]`)),
			cdp.WaitVisible(cdp.CSS(`[aria-invalid="true"]`)),
		}, shot: true},
		{name: "topic-communities", path: "/roadmaps/backend/topics/online-communities", shot: true},
		{name: "contact-errors", path: "/network/contacts/new", then: []cdp.Action[cdp.Void]{
			cdp.Evaluate[cdp.Void](`document.querySelector('form[action="/network/contacts"]').noValidate = true`),
			cdp.SetValue(cdp.CSS("#in-cadence_days"), "400"),
			cdp.Click(cdp.CSS(`form[action="/network/contacts"] button[type="submit"]`)),
			cdp.WaitVisible(cdp.CSS(`[aria-invalid="true"]`)),
		}, shot: true},
		{name: "resume", path: "/resume", shot: true},
		{name: "resume-errors", path: "/resume", then: []cdp.Action[cdp.Void]{ // a date the schema refuses, beside its field
			cdp.SetValue(cdp.CSS("#work-0-startDate"), "May 2025"),
			cdp.Click(cdp.CSS(`form[action="/resume"] .actions button`)),
			cdp.WaitVisible(cdp.CSS(`[aria-invalid="true"]`)),
		}, shot: true},
		{name: "resume-json", path: "/resume", then: []cdp.Action[cdp.Void]{
			cdp.Click(cdp.CSS("details.json-editor > summary")),
			cdp.WaitVisible(cdp.CSS("#document")),
		}},
		{name: "tailored", path: "/resumes/" + ids["tailored"], shot: true},
		{name: "match", path: "/match", then: []cdp.Action[cdp.Void]{
			cdp.SetValue(cdp.CSS(`textarea[name="job_description"]`), jobAd),
			cdp.Click(cdp.CSS(`form[action="/match"] button[type="submit"]`)),
			cdp.WaitVisible(cdp.CSS("#score")),
		}, shot: true},
		{name: "portfolio", path: "/portfolio", shot: true},
		{name: "showcase", path: "/portfolio/projects/" + ids["showcase"]},
		{name: "check", path: ids["check"], shot: true},
		{name: "exercise-attempted", path: "/practice/sql/select-all-areas"},
		{name: "notifications", path: "/notifications", shot: true},
		{name: "cohorts", path: "/cohorts", shot: true},
		{name: "cohort", path: "/cohorts/" + ids["cohort"], shot: true},
		{name: "cohort-invited", path: "/cohorts/" + ids["cohort"], then: []cdp.Action[cdp.Void]{
			cdp.SetValue(cdp.CSS("#emails"), "ada@example.org\nnot an email\nmargaret@example.org"),
			cdp.Click(cdp.CSS(`form[action$="/invitations"] button[type="submit"]`)),
			cdp.WaitVisible(cdp.CSS(`.notice`)),
		}, shot: true},
		{name: "cohort-opportunities", path: "/cohorts/" + ids["cohort"] + "/opportunities", shot: true},
		{name: "cohort-opportunity-errors", path: "/cohorts/" + ids["cohort"] + "/opportunities", then: []cdp.Action[cdp.Void]{
			cdp.SetValue(cdp.CSS("#link"), "example.org/jobs"),
			cdp.Click(cdp.CSS(`form[action$="/opportunities"] button[type="submit"]`)),
			cdp.WaitVisible(cdp.CSS(`[aria-invalid="true"]`)),
		}, shot: true},
		{name: "admin", path: "/admin", shot: true},
		{name: "admin-users", path: "/admin/users", shot: true},
		{name: "admin-reset-link", path: "/admin/users", then: []cdp.Action[cdp.Void]{
			cdp.Click(cdp.CSS(`form[action$="/reset-link"] button[type="submit"]`)),
			cdp.WaitVisible(cdp.CSS(`.notice`)),
		}, shot: true},
		{name: "cohort-graduate-confirm", path: "/cohorts/" + ids["cohort"], then: []cdp.Action[cdp.Void]{
			cdp.Click(cdp.CSS(`form[action*="/graduations"] input[name="learner"]`)),
			cdp.Click(cdp.CSS(`form[action*="/graduations"] button[type="submit"]`)),
			cdp.WaitVisible(cdp.CSS(`.confirm`)),
		}, shot: true},
		{name: "credentials", path: "/credentials", shot: true},
		{name: "credentials-admin", path: "/admin/credentials", shot: true},
		{name: "credentials-admin-errors", path: "/admin/credentials", then: []cdp.Action[cdp.Void]{
			cdp.SetValue(cdp.CSS(`form.revoke input[name="reason"]`), strings.Repeat("too long ", 60)),
			cdp.Click(cdp.CSS(`form.revoke button[type="submit"]`)),
			cdp.WaitVisible(cdp.CSS(`[aria-invalid="true"]`)),
		}, shot: true},
		{name: "story", path: "/story", shot: true},
		{name: "credential-verified", path: "/credentials/verify", then: []cdp.Action[cdp.Void]{
			cdp.SetValue(cdp.CSS("#jwt"), ids["jwt"]),
			cdp.Click(cdp.CSS(`form[action="/credentials/verify"] button[type="submit"]`)),
			cdp.WaitVisible(cdp.CSS("#result")),
		}, shot: true},
		{name: "notification-settings", path: "/notifications/settings", shot: true},
		{name: "mentorship", path: "/mentorship", shot: true},
		{name: "mentorship-errors", path: "/mentorship", then: []cdp.Action[cdp.Void]{
			cdp.Evaluate[cdp.Void](`document.querySelector('form[action="/mentorship/requests"]').noValidate = true`),
			cdp.Click(cdp.CSS(`form[action="/mentorship/requests"] button[type="submit"]`)),
			cdp.WaitVisible(cdp.CSS(`[aria-invalid="true"]`)),
		}, shot: true},
		{name: "mentor-request-own", path: "/mentorship/requests/" + ids["own-request"], shot: true},
		{name: "mentor-request-held", path: "/mentorship/requests/" + ids["held-request"], shot: true},
		{name: "mentor-request-thread", path: "/mentorship/requests/" + ids["taken-request"], shot: true},
		{name: "mentor-desk", path: "/mentor", shot: true},
		{name: "mentors", path: "/mentors"},
		{name: "mentor-profile", path: "/mentors/1", shot: true},
		{name: "mentor-matching", path: "/mentor/matching", shot: true},
		{name: "mentor-session", path: "/mentorship/sessions/" + ids["session"], shot: true},
		{name: "menu-open", path: "/roadmaps", then: []cdp.Action[cdp.Void]{ // the menu opened (on a phone), the first link in focus
			cdp.Evaluate[cdp.Void](`document.querySelector("details.menu").open = true`),
			cdp.Focus(cdp.CSS("main a")),
		}, shot: true},
	}
	visitor := []page{
		{name: "welcome", path: "/", shot: true},
		{name: "login", path: "/login"},
		{name: "register", path: "/register"},
		{name: "register-errors", path: "/register", then: []cdp.Action[cdp.Void]{
			cdp.Click(cdp.CSS(`form[action="/register"] button[type="submit"]`)),
			cdp.WaitVisible(cdp.CSS(`[aria-invalid="true"]`)),
		}, shot: true},
		{name: "forgot", path: "/password/forgot"},
		{name: "forgot-sent", path: "/password/forgot", then: []cdp.Action[cdp.Void]{
			cdp.SendKeys(cdp.CSS("#email"), "margaret@example.org"),
			cdp.Submit(cdp.CSS("#email")),
			cdp.WaitVisible(cdp.CSS(`.notice`)),
		}},
		{name: "reset", path: ids["reset"]},
		{name: "reset-errors", path: ids["reset"], then: []cdp.Action[cdp.Void]{
			cdp.SendKeys(cdp.CSS("#password"), "short"),
			cdp.Submit(cdp.CSS("#password")),
			cdp.WaitVisible(cdp.CSS(`[aria-invalid="true"]`)),
		}, shot: true},
		{name: "reset-gone", path: "/password/reset?token=dp_used"},
		{name: "login-notice", path: "/login?notice=reset"},
		{name: "roadmaps", path: "/roadmaps"},
		{name: "roadmap-visitor", path: "/roadmaps/backend"},
		{name: "topic-visitor", path: "/roadmaps/backend/topics/http"},
		{name: "practice", path: "/practice", shot: true},
		{name: "exercise", path: "/practice/sql/select-all-areas"},
		{name: "project", path: "/practice/projects/notes-api", shot: true},
		{name: "public-portfolio", path: "/u/margaret", shot: true},
		{name: "public-credential-checks", path: "/u/margaret", then: []cdp.Action[cdp.Void]{
			cdp.Click(cdp.CSS(".credential details > summary")),
			cdp.WaitVisible(cdp.CSS(".credential .verdicts")),
		}, shot: true},
		{name: "credential-verify", path: "/credentials/verify", shot: true},
		{name: "stories", path: "/stories", shot: true},
		{name: "guide", path: "/guide", shot: true},
		{name: "story-public", path: "/stories/margaret", shot: true},
		{name: "credential-not-valid", path: "/credentials/verify", then: []cdp.Action[cdp.Void]{
			cdp.SetValue(cdp.CSS("#jwt"), "eyJhbGciOiJub25lIn0.e30."),
			cdp.Click(cdp.CSS(`form[action="/credentials/verify"] button[type="submit"]`)),
			cdp.WaitVisible(cdp.CSS("#result")),
		}, shot: true},
		{name: "achievement", path: "/credentials/achievements/roadmap-step/learn", shot: true},
		{name: "unsubscribe", path: unsubscribePath(t, box), shot: true},
		{name: "mentor-invitation", path: ids["mentor-invitation"], shot: true},
		{name: "mentors-visitor", path: "/mentors"},
	}

	var report []string
	check := func(pages []page) {
		for _, v := range variants {
			do(t, ctx, cdp.EmulateViewport(v.width, v.height), colorScheme(v.scheme))
			for _, p := range pages {
				line := lookAt(t, ctx, base, p, v, dir)
				report = append(report, line)
			}
		}
	}
	check(learner)
	do(t, ctx, cdp.Evaluate[cdp.Void](`fetch("/logout", {method: "POST"})`, cdp.EvalAwaitPromise))
	check(visitor)
	sort.Strings(report)
	out := "page\tvariant\tcritical+serious nodes\trules\n" + strings.Join(report, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(dir, "axe-report.tsv"), []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("axe counts (also in %s):\n%s", filepath.Join(dir, "axe-report.tsv"), out)
}

// lookAt opens one page in one variant, checks it and returns a report line.
func lookAt(t *testing.T, ctx context.Context, base string, p page, v variant, dir string) string {
	t.Helper()
	steps := append([]cdp.Action[cdp.Void]{cdp.Navigate(base + p.path), cdp.WaitReady(cdp.CSS("body"))}, p.then...)
	if err := cdp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s (%s): %v", p.name, v, err)
	}
	where := fmt.Sprintf("%s at %s", p.name, v)
	widths, err := cdp.Run(ctx, cdp.Evaluate[[]int](`[document.documentElement.scrollWidth, innerWidth, document.documentElement.clientWidth]`))
	if err != nil {
		t.Fatal(err)
	}
	if widths[0] > widths[1] || widths[0] > widths[2] {
		t.Errorf("%s scrolls sideways: the page is %d px wide in a %d px window (%d px inside the scroll bar); widest: %s",
			where, widths[0], widths[1], widths[2], widest(t, ctx, widths[2]))
	}
	if p.shot {
		png, err := cdp.Run(ctx, cdp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot of %s: %v", where, err)
		}
		if err := os.WriteFile(filepath.Join(dir, p.name+"-"+v.String()+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	found := axe(t, ctx)
	nodes := 0
	var rules []string
	for _, f := range found {
		nodes += len(f.Targets)
		rules = append(rules, fmt.Sprintf("%s(%d)", f.ID, len(f.Targets)))
		t.Errorf("%s: axe %s %s on %d nodes: %s; for example %s", where, f.Impact, f.ID, len(f.Targets), f.Help, strings.Join(first(f.Targets, 5), " | "))
	}
	return fmt.Sprintf("%s\t%s\t%d\t%s", p.name, v, nodes, strings.Join(rules, " "))
}

// resetLink makes a password reset link with `devpath user reset-link`, as
// an operator does, on the data of srv; it returns the link's path and query.
func resetLink(t *testing.T, srv *server, email string) string {
	t.Helper()
	out, err := exec.Command(binary, "user", "reset-link", "--email", email, "--data", srv.Data, "--db", srv.DB, "--log-level", "warn").Output()
	if err != nil {
		t.Fatalf("devpath user reset-link: %v %s", err, out)
	}
	u, err := url.Parse(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatalf("reset link %q: %v", out, err)
	}
	return u.RequestURI()
}

// violation is one axe rule that failed, with the selectors of its nodes.
type violation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

// axe runs axe-core on the page and returns its critical and serious violations.
func axe(t *testing.T, ctx context.Context) []violation {
	t.Helper()
	if _, err := cdp.Run(ctx, cdp.Evaluate[cdp.Void](axeSource+"\n;undefined")); err != nil {
		t.Fatalf("loading axe: %v", err)
	}
	out, err := cdp.Run(ctx, cdp.Evaluate[string](`axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(
		r.violations.filter(v => v.impact === "critical" || v.impact === "serious").map(v => ({
			id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(" "))}))))`, cdp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe: %v", err)
	}
	var vs []violation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatalf("axe's answer: %v: %s", err, out)
	}
	return vs
}

// widest names the elements that reach past the window, for the failure message.
func widest(t *testing.T, ctx context.Context, width int) string {
	s, err := cdp.Run(ctx, cdp.Evaluate[string](fmt.Sprintf(`[...document.querySelectorAll("body *")]
		.filter(e => e.getBoundingClientRect().right > %d && getComputedStyle(e).position !== "absolute")
		.filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > %d))
		.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "") + " (" + Math.round(e.getBoundingClientRect().right) + " px)").join(", ")`, width, width)))
	if err != nil {
		return err.Error()
	}
	return s
}

// unsubscribePath is the path of the unsubscribe link in the first email
// devpath sent (about the seeded check run).
func unsubscribePath(t *testing.T, box *devpathtest.Mailbox) string {
	t.Helper()
	link := strings.Trim(box.Wait(t, 1).Header(t).Get("List-Unsubscribe"), "<>")
	return link[strings.Index(link, "/unsubscribe/"):]
}

// colorScheme makes the page see prefers-color-scheme as light or dark.
func colorScheme(scheme string) cdp.Action[cdp.Void] {
	return cdp.Func(func(ctx context.Context, t *cdp.Target) error {
		_, err := cdproto.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	})
}

func first(s []string, n int) []string { return s[:min(n, len(s))] }

// jobAd is a job advert for the match page.
const jobAd = `Junior Backend Developer. Required: Go, PostgreSQL, REST APIs, Docker, Git.
Nice to have: Kubernetes, Redis, message queues, observability with Prometheus.`

// seed gives the logged-in learner something on every page, through the
// same forms a person submits (posted with fetch from the page, so with the
// browser's session): a plan, progress, applications (one overdue for a
// follow-up), a master resume and a tailored copy, a public portfolio with a
// project, notification settings (email for finished checks), and a check run,
// which sends an email. It returns the ids the pages need.
func seed(t *testing.T, ctx context.Context) map[string]string {
	t.Helper()
	post := func(path string, form [][2]string) string {
		t.Helper()
		b, _ := json.Marshal(form)
		js := fmt.Sprintf(`fetch(%q, {method: "POST", body: new URLSearchParams(%s)})
			.then(r => r.ok ? r.url : r.text().then(b => "HTTP " + r.status + ": " + b.slice(0, 2000)))`, path, b)
		got, err := cdp.Run(ctx, cdp.Evaluate[string](js, cdp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("POST %s: %v", path, err)
		}
		if strings.HasPrefix(got, "HTTP ") {
			t.Fatalf("POST %s: %s", path, got)
		}
		return got
	}
	tail := func(u string) string { return u[strings.LastIndexByte(u, '/')+1:] }
	ids := map[string]string{}

	post("/onboarding", [][2]string{{"action", "save"}, {"starting_point", "no_experience"}, {"route", "self_taught"},
		{"hours_per_week", "10"}, {"languages", "go"}, {"time_zone", "Europe/Berlin"}})
	for _, topic := range []string{"internet", "http", "html"} {
		post("/roadmaps/backend/topics/"+topic+"/status", [][2]string{{"status", "done"}})
	}
	post("/roadmaps/backend/topics/git-github/status", [][2]string{{"status", "learning"}})
	post("/roadmaps/backend/topics/http/note", [][2]string{{"note", "Status codes: **2xx** fine, 4xx the client, 5xx the server."}})

	ids["application"] = tail(post("/applications", [][2]string{{"kind", "job"}, {"company", "Hamilton Systems"},
		{"title", "Junior Backend Developer"}, {"location", "Boston"}, {"follow_up", "2024-01-15"}, {"applied_on", "2024-01-02"},
		{"salary_min", "52000"}, {"salary_max", "61000"}, {"currency", "USD"}, {"source_url", "https://example.org/jobs/backend-junior-with-a-long-address"}}))
	post("/applications/"+ids["application"]+"/stage", [][2]string{{"stage", "applied"}})
	for i, c := range []string{"Lovelace Analytics", "Turing Payments", "Noether Data", "Hopper Compilers"} {
		id := tail(post("/applications", [][2]string{{"kind", []string{"job", "internship"}[i%2]}, {"company", c},
			{"title", "Backend intern"}, {"follow_up", "2099-01-01"}}))
		post("/applications/"+id+"/stage", [][2]string{{"stage", []string{"applied", "interview", "offer", "rejected"}[i]}})
	}
	post("/applications/"+ids["application"]+"/interviews", [][2]string{{"at", "2024-02-01"}, {"kind", "phone"}, {"people", "Dana"}})
	post("/applications/"+ids["application"]+"/contacts", [][2]string{{"name", "Dana Reyes"}, {"role", "Engineering manager"}, {"email", "dana@example.org"}})

	ids["contact"] = tail(post("/network/contacts", [][2]string{{"name", "Ada Lovelace"}, {"how_met", "event"},
		{"company", "Analytical Engines Ltd"}, {"role", "Staff engineer"}, {"email", "ada@example.org"}, {"cadence_days", "30"},
		{"links.linkedin", "https://www.linkedin.com/in/ada-lovelace-example"}, {"tags", "go, speaker, london-meetups"}, {"topics", "http, sql"},
		{"notes", "Gave the **keynote** at GopherCon EU on notes and engines.\n\n- likes long walks\n- asked about my notes API"}}))
	post("/network/contacts/"+ids["contact"]+"/interactions", [][2]string{{"kind", "met_at_event"}, {"on", "2024-03-01"}, {"note", "Met at GopherCon EU after her talk"}})
	post("/network/contacts/"+ids["contact"]+"/interactions", [][2]string{{"kind", "gave_help"}, {"on", "2024-03-08"}, {"note", "Sent her the benchmark numbers"}})
	post("/network/contacts", [][2]string{{"name", "Linus Example"}, {"how_met", "community"}, {"company", "Kernel Co"}, {"cadence_days", "90"}})
	post("/network/contacts", [][2]string{{"name", "Barbara Liskov-Example"}, {"how_met", "mentor"}})
	ids["event"] = tail(post("/network/events", [][2]string{{"title", "GopherCon EU"}, {"kind", "conference"}, {"starts_at", "2024-06-17T09:00"},
		{"ends_at", "2024-06-19T18:00"}, {"time_zone", "Europe/Berlin"}, {"place", "Berlin"}, {"link", "https://example.org/gophercon-eu"},
		{"notes", "Talks to watch again: **profiling** and generics."}}))
	post("/network/events/"+ids["event"]+"/people", [][2]string{{"contact_id", ids["contact"]}})
	post("/network/events/"+ids["event"]+"/people", [][2]string{{"name", "Rob Example"}})
	post("/network/communities/gophers-slack", [][2]string{{"handle", "@margaret"}, {"joined_on", "2024-02-01"}})

	post("/resume/json", [][2]string{{"document", graceResume}})
	ids["tailored"] = tail(post("/resumes", [][2]string{{"name", "Hamilton Systems backend role"}, {"application_id", ids["application"]}}))

	post("/portfolio/settings", [][2]string{{"handle", "margaret"}, {"headline", "Backend developer in training: Go, PostgreSQL, REST APIs"},
		{"public", "on"}, {"show_progress", "on"}})
	ids["showcase"] = tail(post("/portfolio/projects", [][2]string{{"kind", "personal"}, {"title", "Notes API"}, {"role", "Sole developer"},
		{"repository_url", "https://example.org/margaret/notes-api"}, {"description", "A small REST API for notes, in **Go** with PostgreSQL."},
		{"topics", "http"}, {"public", "on"}}))

	post("/notifications/settings", [][2]string{{"settings.check_finished", "email"}, {"settings.reviews_due", "digest"}})
	// a cohort (Margaret is the instance admin) with Margaret as its learner,
	// started long enough ago that the dashboard flags her
	ids["cohort"] = tail(post("/cohorts", [][2]string{{"name", "Apollo cohort, autumn"}, {"roadmap", "backend"},
		{"start_date", "2025-09-01"}, {"end_date", "2027-06-30"}, {"target_date", "2027-03-01"}, {"weekly_hours", "15"},
		{"time_zone", "America/New_York"}}))
	post("/cohorts/"+ids["cohort"]+"/members", [][2]string{{"member_email", "margaret@example.org"}})
	// a second account, for the admin's list of accounts
	if _, err := cdp.Run(ctx, cdp.Evaluate[cdp.Void](`fetch("/api/v1/users", {method: "POST", headers: {"Content-Type": "application/json"},
		body: JSON.stringify({email: "grace@example.org", name: "Grace Hopper", password: "a-long-password-1"})}).then(() => undefined)`,
		cdp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	// an internship Margaret applied to from the cohort, and her outcome
	post("/cohorts/"+ids["cohort"]+"/opportunities", [][2]string{{"kind", "internship"}, {"company", "Hamilton Systems"},
		{"title", "Backend intern, summer"}, {"deadline", "2099-05-31"}, {"link", "https://example.org/jobs/7"},
		{"description", "Twelve weeks on the payments team.\nGo, PostgreSQL and code review."}})
	post("/cohorts/"+ids["cohort"]+"/opportunities", [][2]string{{"kind", "job"}, {"company", "Lovelace Analytics"},
		{"title", "Junior backend developer"}})
	post("/cohorts/"+ids["cohort"]+"/opportunities/1/apply", nil)
	me, err := cdp.Run(ctx, cdp.Evaluate[float64](`fetch("/api/v1/me").then(r => r.json()).then(u => u.id)`, cdp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	post(fmt.Sprintf("/cohorts/%s/learners/%d/outcome", ids["cohort"], int64(me)), [][2]string{{"outcome", "internship"}})
	post("/practice/sql/select-all-areas", [][2]string{{"answer", "SELECT * FROM areas;"}})
	// A notes-api server with one mistake a client survives (200 for 201)
	// and one it does not (no ETag), so that the check page shows both.
	notes := httptest.NewServer(checkertest.NewNotesServer(checker.NotesToken, checkertest.NotesCreate200|checkertest.NotesNoETag))
	t.Cleanup(notes.Close)
	run := post("/practice/projects/notes-api/checks", [][2]string{{"url", notes.URL}})
	ids["check"] = run[strings.Index(run, "/practice/checks/"):]
	for range 60 { // the check of a server in this process is quick; wait until it is done
		body, err := cdp.Run(ctx, cdp.Evaluate[string](fmt.Sprintf(`fetch(%q).then(r => r.text())`, ids["check"]), cdp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(body, "Running") {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	seedCredential(t, ctx, post, ids)
	seedMentorship(t, ctx, post, ids)
	post("/story", [][2]string{{"intro", "I kept the books of a bakery and taught myself SQL on the night shift."},
		{"show", "start"}, {"show", "began"}, {"show", "steps"}, {"show", "hours"}, {"show", "projects"}, {"show", "credentials"},
		{"words.step-learn", "Two evenings a week and every Sunday morning, for three months."}, {"published", "on"}})
	return ids
}

// seedCredential finishes the roadmap's first step, which earns a
// credential through the job queue, then accepts it and shows it on the
// public page; ids["jwt"] is the signed credential.
func seedCredential(t *testing.T, ctx context.Context, post func(string, [][2]string) string, ids map[string]string) {
	t.Helper()
	post("/roadmaps/backend/bulk", [][2]string{{"step", "learn"}, {"status", "done"}})
	fetch := func(path string) string {
		body, err := cdp.Run(ctx, cdp.Evaluate[string](fmt.Sprintf(`fetch(%q).then(r => r.text())`, path), cdp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		return body
	}
	id := ""
	for range 60 {
		if m := regexp.MustCompile(`id="credential-(\d+)"`).FindStringSubmatch(fetch("/credentials")); m != nil {
			id = m[1]
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	if id == "" {
		t.Fatal("no credential was issued for the finished step")
	}
	post("/credentials/"+id+"/accept", [][2]string{})
	post("/credentials/"+id+"/public", [][2]string{{"public", "on"}})
	ids["jwt"] = strings.TrimSpace(fetch("/credentials/" + id + "/credential.jwt"))
}

// connectionsCSV is LinkedIn's Connections.csv as it comes: notes, then the header.
const connectionsCSV = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n" +
	"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
	"Grace,Hopper,https://www.linkedin.com/in/grace-hopper-example,grace@navy.example,Navy,Rear admiral,12 Jan 2024\n" +
	"Linus,Torvalds,https://www.linkedin.com/in/linus-example,,Linux Foundation,Fellow,03 Feb 2023\n" +
	"Grace,H.,https://www.linkedin.com/in/grace-hopper-example/,,Navy,,12 Jan 2024\n"
