package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"devpath/internal/account"
	"devpath/internal/devpathtest"
)

const springCohort = `{"name":"Spring 2027","roadmap":"backend","start_date":"2027-03-01","end_date":"2027-09-30",
	"target_date":"2027-09-01","weekly_hours":20,"time_zone":"Europe/Berlin"}`

// cohortWorld is two cohorts, each with an admin, a mentor and a learner,
// beside the instance admin, an outsider and an anonymous visitor.
type cohortWorld struct {
	srv                          *devpathtest.Server
	admin, anon, outsider        *devpathtest.Client
	adminA, mentorA, learnerA    *devpathtest.Client
	adminB, mentorB, learnerB    *devpathtest.Client
	a, b                         string // the cohorts' paths, /api/v1/cohorts/{id}
	learnerAID, learnerBID, mAID int64
}

func newCohortWorld(t *testing.T, e devpathtest.Engine) *cohortWorld {
	t.Helper()
	srv := devpathtest.NewServer(t, e)
	w := &cohortWorld{srv: srv, admin: srv.Learner(t, "root"), anon: srv.Anonymous()}
	w.adminA, w.mentorA, w.learnerA = srv.Learner(t, "admina"), srv.Learner(t, "mentora"), srv.Learner(t, "learnera")
	w.adminB, w.mentorB, w.learnerB = srv.Learner(t, "adminb"), srv.Learner(t, "mentorb"), srv.Learner(t, "learnerb")
	w.outsider = srv.Learner(t, "outsider")
	w.a = w.makeCohort(t, "a")
	w.b = w.makeCohort(t, "b")
	w.learnerAID, w.learnerBID, w.mAID = userID(t, w.learnerA), userID(t, w.learnerB), userID(t, w.mentorA)
	return w
}

// makeCohort creates a cohort whose admin, mentor and learner are admin<x>, mentor<x> and learner<x>.
func (w *cohortWorld) makeCohort(t *testing.T, x string) string {
	t.Helper()
	body := w.admin.Expect(t, "POST", "/api/v1/cohorts", strings.Replace(springCohort, "Spring 2027", "Cohort "+x, 1), 201, `"inactive_days":7`)
	var c struct{ ID int64 }
	json.Unmarshal([]byte(body), &c)
	path := "/api/v1/cohorts/" + itoa(c.ID)
	w.admin.Expect(t, "PUT", path+"/staff", `{"email":"admin`+x+`@example.org","role":"admin"}`, 200, `"role":"admin"`)
	cohortAdmin := map[string]*devpathtest.Client{"a": w.adminA, "b": w.adminB}[x]
	cohortAdmin.Expect(t, "PUT", path+"/staff", `{"email":"mentor`+x+`@example.org","role":"mentor"}`, 200, `"role":"mentor"`)
	cohortAdmin.Expect(t, "POST", path+"/members", `{"email":"learner`+x+`@example.org"}`, 201, `"joined_at"`)
	return path
}

func TestCohortsAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		w := newCohortWorld(t, e)
		a := w.a
		for _, tc := range []struct {
			name               string
			as                 *devpathtest.Client
			method, path, body string
			status             int
			want               string
		}{
			{"bad cohort: every problem at once", w.admin, "POST", "/api/v1/cohorts", `{"name":"","roadmap":"nope",
				"start_date":"2027-03-01","end_date":"2027-02-01","target_date":"someday","weekly_hours":0,"time_zone":"Mars/Base",
				"thresholds":{"inactive_days":-1}}`, 422,
				`"body.end_date"`},
			{"a learner cannot create cohorts", w.learnerA, "POST", "/api/v1/cohorts", springCohort, 403, "instance admin"},
			{"a cohort admin cannot create cohorts", w.adminA, "POST", "/api/v1/cohorts", springCohort, 403, ""},
			{"the cohort admin changes their cohort", w.adminA, "PUT", a, strings.Replace(springCohort, `"weekly_hours":20`, `"weekly_hours":25`, 1) + ``, 200, `"weekly_hours":25`},
			{"a mentor cannot change it", w.mentorA, "PUT", a, springCohort, 403, ""},
			{"the other cohort's admin does not see it", w.adminB, "PUT", a, springCohort, 404, ""},
			{"a cohort admin cannot name cohort admins", w.adminA, "PUT", a + "/staff", `{"email":"outsider@example.org","role":"admin"}`, 403, ""},
			{"unknown email", w.adminA, "POST", a + "/members", `{"email":"nobody@example.org"}`, 422, `has no account`},
			{"a learner added twice", w.adminA, "POST", a + "/members", `{"email":"learnera@example.org"}`, 409, "already a learner"},
			{"lists: the learner's own", w.learnerA, "GET", "/api/v1/cohorts", "", 200, `"learner":true`},
			{"lists: the mentor's role", w.mentorA, "GET", "/api/v1/cohorts", "", 200, `"role":"mentor"`},
			{"milestones for the learner", w.learnerA, "GET", a + "/milestones", "", 200, `{"step":"learn","title":`},
			{"lists: an outsider has none", w.outsider, "GET", "/api/v1/cohorts", "", 200, `[]`},
		} {
			t.Run(tc.name, func(t *testing.T) { tc.as.Expect(t, tc.method, tc.path, tc.body, tc.status, tc.want) })
		}
		// a learner of the cohort without a profile gets a plan on the cohort's
		// schedule; someone in no cohort still needs their own profile
		w.learnerA.Expect(t, "GET", "/api/v1/me/plan/backend", "", 200, `"weeks":[`)
		w.outsider.Expect(t, "GET", "/api/v1/me/plan/backend", "", 404, "no profile yet")

		// the dashboard: progress, activity, sorting, the stuck filter and CSV
		w.learnerA.Expect(t, "PUT", "/api/v1/me/progress/backend/topics/internet", `{"status":"done"}`, 200, "")
		w.adminA.Expect(t, "POST", a+"/members", `{"email":"outsider@example.org"}`, 201, "")
		dash := w.mentorA.Expect(t, "GET", a+"/dashboard?sort=progress", "", 200, `"name":"outsider"`)
		if i, j := strings.Index(dash, `"name":"outsider"`), strings.Index(dash, `"name":"learnera"`); i > j {
			t.Fatalf("least progress first: %s", dash)
		}
		if !strings.Contains(dash, `"steps":[{"step":"learn","percent":`) || !strings.Contains(dash, `"last_activity":"20`) {
			t.Fatalf("dashboard: %s", dash)
		}
		w.mentorA.Expect(t, "GET", a+"/dashboard?sort=sideways", "", 422, "sort")
		past := strings.NewReplacer("2027-03-01", "2020-01-06", "2027-09-30", "2020-12-31", "2027-09-01", "2020-10-01").Replace(springCohort)
		w.adminA.Expect(t, "PUT", a, past, 200, `"start_date":"2020-01-06"`)
		w.mentorA.Expect(t, "GET", a+"/dashboard?stuck=true", "", 200, `"kind":"behind","reason":"Behind the cohort's pace by `)
		csv := w.mentorA.Expect(t, "GET", a+"/dashboard.csv", "", 200, "name,email,percent")
		if !strings.Contains(csv, "learnera,learnera@example.org,") {
			t.Fatalf("csv: %s", csv)
		}
		w.admin.Expect(t, "GET", "/api/v1/admin/roadmaps/backend/completion", "", 200, `"step":"learn","title":`)
		w.admin.Expect(t, "GET", "/api/v1/admin/roadmaps/backend/completion", "", 200, `"done":1,"learning":0`)

		// the Monday summary for staff names who is flagged; other days nothing
		monday := time.Date(2027, 6, 7, 9, 0, 0, 0, time.UTC)
		weeks, err := w.srv.App.Cohorts.WeekFor(context.Background(), w.mAID, monday)
		if err != nil || len(weeks) != 1 || weeks[0].Learners != 2 || len(weeks[0].Flagged) != 2 {
			t.Fatalf("week: %+v %v", weeks, err)
		}
		if weeks, _ := w.srv.App.Cohorts.WeekFor(context.Background(), w.mAID, monday.AddDate(0, 0, 1)); len(weeks) != 0 {
			t.Fatalf("a Tuesday summary: %+v", weeks)
		}
		if weeks, _ := w.srv.App.Cohorts.WeekFor(context.Background(), w.learnerAID, monday); len(weeks) != 0 {
			t.Fatalf("a learner's summary: %+v", weeks)
		}

		// every staff action is in the log staff read
		log := w.mentorA.Expect(t, "GET", a+"/audit", "", 200, `"action":"changed"`)
		for _, want := range []string{`"action":"created","detail":"created \"Cohort a\" on the backend roadmap"`,
			`"action":"staff","detail":"made mentora (mentora@example.org) mentor"`, `"actor":"admina"`, `"action":"added"`} {
			if !strings.Contains(log, want) {
				t.Fatalf("audit lacks %s: %s", want, log)
			}
		}

		// a learner who leaves keeps their progress
		w.learnerA.Expect(t, "PUT", "/api/v1/me/progress/backend/topics/http", `{"status":"done","note":"mine"}`, 200, "")
		w.learnerA.Expect(t, "DELETE", a+"/members/"+itoa(w.learnerAID), "", 204, "")
		w.learnerA.Expect(t, "GET", a, "", 404, "")
		w.learnerA.Expect(t, "GET", "/api/v1/me/progress/backend", "", 200, `"note":"mine"`)
	})
}

// TestCohortPrivacy asks every cohort endpoint as every principal.
func TestCohortPrivacy(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		w := newCohortWorld(t, e)
		a := w.a
		type who struct {
			name string
			c    *devpathtest.Client
		}
		principals := []who{{"learner of the cohort", w.learnerA}, {"learner of another", w.learnerB},
			{"mentor of the cohort", w.mentorA}, {"mentor of another", w.mentorB}, {"cohort admin", w.adminA},
			{"admin of another", w.adminB}, {"instance admin", w.admin}, {"anonymous", w.anon}}
		// statuses in the order of principals above
		for _, ep := range []struct {
			method, path, body string
			want               [8]int
		}{
			{"GET", a, "", [8]int{200, 404, 200, 404, 200, 404, 200, 401}},
			{"GET", a + "/staff", "", [8]int{403, 404, 200, 404, 200, 404, 200, 401}},
			{"GET", a + "/milestones", "", [8]int{200, 404, 200, 404, 200, 404, 200, 401}},
			{"GET", a + "/audit", "", [8]int{403, 404, 200, 404, 200, 404, 200, 401}},
			{"GET", a + "/members", "", [8]int{403, 404, 200, 404, 200, 404, 200, 401}},
			{"GET", a + "/invitations", "", [8]int{403, 404, 403, 404, 200, 404, 200, 401}},
			{"GET", a + "/dashboard", "", [8]int{403, 404, 200, 404, 200, 404, 200, 401}},
			{"GET", a + "/dashboard.csv?sort=flags", "", [8]int{403, 404, 200, 404, 200, 404, 200, 401}},
			{"GET", "/api/v1/admin/roadmaps/backend/completion", "", [8]int{403, 403, 403, 403, 403, 403, 200, 401}},
			{"POST", a + "/invitations", `{"emails":"new@example.org"}`, [8]int{403, 404, 403, 404, 200, 404, 200, 401}},
			{"POST", a + "/links", `{"expires_at":"` + soon + `"}`, [8]int{403, 404, 403, 404, 201, 404, 201, 401}},
			{"PUT", a, springCohort, [8]int{403, 404, 403, 404, 200, 404, 200, 401}},
			{"POST", a + "/members", `{"email":"outsider@example.org"}`, [8]int{403, 404, 403, 404, 201, 404, 409, 401}},
			{"DELETE", a + "/staff/" + itoa(w.mAID), "", [8]int{403, 404, 403, 404, 204, 404, 404, 401}},
		} {
			for i, p := range principals {
				t.Run(ep.method+" "+ep.path+" as "+p.name, func(t *testing.T) {
					if got, body := p.c.Do(t, ep.method, ep.path, ep.body); got != ep.want[i] {
						t.Fatalf("status %d, want %d: %s", got, ep.want[i], body)
					}
				})
			}
		}
		// staff see names, emails and progress of learners, never their notes
		w.learnerA.Expect(t, "PUT", "/api/v1/me/progress/backend/topics/http", `{"status":"learning","note":"private words"}`, 200, "")
		for _, c := range []*devpathtest.Client{w.admin, w.adminA, w.mentorA} {
			for _, path := range []string{a + "/members", a + "/dashboard", a + "/dashboard.csv"} {
				if _, body := c.Do(t, "GET", path, ""); strings.Contains(body, "private words") {
					t.Fatalf("%s shows a note: %s", path, body)
				}
			}
		}
	})
}

func TestInvitations(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		cfg := devpathtest.Config(t, e)
		cfg.Registration = "invite"
		srv := devpathtest.Start(t, cfg)
		ctx := context.Background()
		if _, err := srv.App.Accounts.CreateUser(ctx, account.Registration{Email: "root@example.org", Name: "Root",
			Password: devpathtest.Password}, account.Admin); err != nil {
			t.Fatal(err)
		}
		admin := srv.Anonymous()
		admin.Token = admin.Login(t, "root@example.org", devpathtest.Password)
		body := admin.Expect(t, "POST", "/api/v1/cohorts", springCohort, 201, "")
		var c struct{ ID int64 }
		json.Unmarshal([]byte(body), &c)
		path := "/api/v1/cohorts/" + itoa(c.ID)
		register := func(email, extra string) string {
			return `{"email":"` + email + `","password":"` + devpathtest.Password + `","name":"N"` + extra + `}`
		}
		anon := srv.Anonymous()
		anon.Expect(t, "POST", "/api/v1/users", register("ada@example.org", ""), 403, "by invitation")

		list := "ada@example.org\nnot an email\n\"Bob\",bob@example.org,2027\nADA@example.org\n\nroot@example.org"
		admin.Expect(t, "POST", path+"/members", `{"email":"root@example.org"}`, 201, "")
		report := admin.Expect(t, "POST", path+"/invitations", `{"emails":`+jsonString(list)+`}`, 200, `"invited":2`)
		for _, want := range []string{`"line":2,"text":"not an email","email":"not an email","outcome":"malformed"`,
			`"email":"bob@example.org","outcome":"invited"`, `"line":4,"text":"ADA@example.org","email":"ada@example.org","outcome":"duplicate"`,
			`"line":6,"text":"root@example.org","email":"root@example.org","outcome":"already_member"`} {
			if !strings.Contains(report, want) {
				t.Fatalf("report lacks %s: %s", want, report)
			}
		}
		admin.Expect(t, "POST", path+"/invitations", `{"emails":"ada@example.org"}`, 200, `"outcome":"already_invited"`)
		admin.Expect(t, "POST", path+"/invitations", `{"emails":"  \n "}`, 422, `"body.emails"`)

		// an invited email registers without a code, and is in the cohort
		anon.Expect(t, "POST", "/api/v1/users", register("ada@example.org", ""), 201, "")
		ada := srv.Anonymous()
		ada.Token = ada.Login(t, "ada@example.org", devpathtest.Password)
		ada.Expect(t, "GET", path, "", 200, `"Spring 2027"`)

		// a link with one seat: the first person in, the second told why not
		link := admin.Expect(t, "POST", path+"/links", `{"expires_at":"`+soon+`","seats":1}`, 201, `"url":"http`)
		var l struct{ Code string }
		json.Unmarshal([]byte(link), &l)
		admin.Expect(t, "POST", path+"/links", `{"expires_at":"2000-01-01T00:00:00Z","seats":-1}`, 422, `"body.seats"`)
		anon.Expect(t, "POST", "/api/v1/users", register("cy@example.org", `,"invitation":"wrong"`), 422, `"body.invitation"`)
		anon.Expect(t, "POST", "/api/v1/users", register("cy@example.org", `,"invitation":"`+l.Code+`"`), 201, "")
		anon.Expect(t, "POST", "/api/v1/users", register("di@example.org", `,"invitation":"`+l.Code+`"`), 422, "no seats left")
		cy := srv.Anonymous()
		cy.Token = cy.Login(t, "cy@example.org", devpathtest.Password)
		cy.Expect(t, "GET", path, "", 200, "")

		// someone with an account accepts their email invitation
		if _, err := srv.App.Accounts.CreateUser(ctx, account.Registration{Email: "eve@example.org", Name: "Eve",
			Password: devpathtest.Password}, account.Learner); err != nil {
			t.Fatal(err)
		}
		eve := srv.Anonymous()
		eve.Token = eve.Login(t, "eve@example.org", devpathtest.Password)
		admin.Expect(t, "POST", path+"/invitations", `{"emails":"eve@example.org"}`, 200, `"invited":1`)
		mine := eve.Expect(t, "GET", "/api/v1/me/invitations", "", 200, `"kind":"email"`)
		var invs []struct{ ID int64 }
		json.Unmarshal([]byte(mine), &invs)
		ada.Expect(t, "POST", "/api/v1/me/invitations/"+itoa(invs[0].ID)+"/accept", "", 404, "")
		eve.Expect(t, "POST", "/api/v1/me/invitations/"+itoa(invs[0].ID)+"/accept", "", 200, `"accepted_at"`)
		eve.Expect(t, "GET", path, "", 200, "")
		eve.Expect(t, "POST", "/api/v1/me/cohorts/join", `{"code":"`+l.Code+`"}`, 422, "no seats left")
	})
}

func TestClosedRegistration(t *testing.T) {
	cfg := devpathtest.Config(t, devpathtest.Engine{Name: "sqlite"})
	cfg.Registration = "closed"
	srv := devpathtest.Start(t, cfg)
	srv.Anonymous().Expect(t, "POST", "/api/v1/users",
		`{"email":"a@example.org","password":"`+devpathtest.Password+`","name":"A"}`, 403, "closed")
}

// soon is a link's expiry a month from now, as RFC 3339.
var soon = time.Now().Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339)

func jsonString(s string) string { b, _ := json.Marshal(s); return string(b) }
