package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// TestAdminAPI: the instance admin finds accounts, changes a role, disables
// an account (whose session stops at once and who cannot log in), enables
// it, makes a reset link that works, and changes the registration mode at
// run time; every action is in the admin log.
func TestAdminAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		w := newCohortWorld(t, e)
		learner := "/api/v1/admin/users/" + itoa(w.learnerAID)
		w.admin.Expect(t, "GET", "/api/v1/admin/users?q=LEARNERA", "", 200, `"email":"learnera@example.org"`)
		if _, body := w.admin.Do(t, "GET", "/api/v1/admin/users?q=mentor", ""); strings.Contains(body, "learnera") || !strings.Contains(body, "mentorb") {
			t.Fatalf("search: %s", body)
		}
		w.admin.Expect(t, "GET", "/api/v1/admin/users?q=50%25", "", 200, `[]`)
		w.admin.Expect(t, "PUT", learner+"/role", `{"role":"wizard"}`, 422, `"body.role"`)
		w.admin.Expect(t, "PUT", learner+"/role", `{"role":"mentor"}`, 200, `"role":"mentor"`)
		w.learnerA.Expect(t, "GET", "/api/v1/me", "", 200, `"role":"mentor"`)
		w.admin.Expect(t, "PUT", "/api/v1/admin/users/"+itoa(userID(t, w.admin))+"/disabled", `{"disabled":true}`, 409, "your own account")
		w.admin.Expect(t, "PUT", "/api/v1/admin/users/999999/disabled", `{"disabled":true}`, 404, "")

		w.admin.Expect(t, "PUT", learner+"/disabled", `{"disabled":true}`, 200, `"disabled":true`)
		w.learnerA.Expect(t, "GET", "/api/v1/me", "", 401, "")
		w.anon.Expect(t, "POST", "/api/v1/sessions", `{"email":"learnera@example.org","password":"`+devpathtest.Password+`"}`, 403, "disabled")
		w.anon.Expect(t, "POST", "/api/v1/sessions", `{"email":"learnera@example.org","password":"wrong-password-1"}`, 401, "wrong email or password")
		w.admin.Expect(t, "PUT", learner+"/disabled", `{"disabled":false}`, 200, `"disabled":false`)
		w.learnerA.Token = w.learnerA.Login(t, "learnera@example.org", devpathtest.Password)

		var link struct{ URL string }
		json.Unmarshal([]byte(w.admin.Expect(t, "POST", learner+"/reset-link", "", 201, `"url":"http`)), &link)
		token := link.URL[strings.Index(link.URL, "token=")+len("token="):]
		w.anon.Expect(t, "POST", "/api/v1/password-resets/use", `{"token":"`+token+`","password":"a-new-password-42"}`, 204, "")
		w.learnerA.Login(t, "learnera@example.org", "a-new-password-42")

		w.admin.Expect(t, "GET", "/api/v1/admin/settings", "", 200, `{"registration":"open","registration_default":"open"}`)
		w.admin.Expect(t, "PUT", "/api/v1/admin/settings", `{"registration":"sometimes"}`, 422, `"body.registration"`)
		w.admin.Expect(t, "PUT", "/api/v1/admin/settings", `{"registration":"closed"}`, 200, `"registration":"closed"`)
		w.anon.Expect(t, "POST", "/api/v1/users", `{"email":"new@example.org","password":"`+devpathtest.Password+`","name":"N"}`, 403, "closed")
		w.admin.Expect(t, "PUT", "/api/v1/admin/settings", `{"registration":"open"}`, 200, "")
		w.anon.Expect(t, "POST", "/api/v1/users", `{"email":"new@example.org","password":"`+devpathtest.Password+`","name":"N"}`, 201, "")

		log := w.admin.Expect(t, "GET", "/api/v1/admin/audit", "", 200, `"actor":"root"`)
		for _, want := range []string{`"action":"role","detail":"made learnera (learnera@example.org) mentor (was learner)"`,
			`"action":"disabled","detail":"disabled learnera (learnera@example.org)"`, `"action":"enabled"`,
			`"action":"reset_link"`, `"detail":"set registration to closed"`} {
			if !strings.Contains(log, want) {
				t.Fatalf("admin log lacks %s: %s", want, log)
			}
		}
		if strings.Contains(log, token) {
			t.Fatal("the log holds a reset link")
		}
	})
}

// TestAdminPrivacy: only the instance admin reaches the admin endpoints.
func TestAdminPrivacy(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		w := newCohortWorld(t, e)
		principals := []*devpathtest.Client{w.learnerA, w.learnerB, w.mentorA, w.mentorB, w.adminA, w.adminB, w.admin, w.anon}
		names := []string{"learner of the cohort", "learner of another", "mentor of the cohort", "mentor of another",
			"cohort admin", "admin of another", "instance admin", "anonymous"}
		user := "/api/v1/admin/users/" + itoa(w.learnerBID)
		only := func(ok int) [8]int { return [8]int{403, 403, 403, 403, 403, 403, ok, 401} }
		for _, ep := range []struct {
			method, path, body string
			want               [8]int
		}{
			{"GET", "/api/v1/admin/users", "", only(200)},
			{"GET", user, "", only(200)},
			{"PUT", user + "/role", `{"role":"learner"}`, only(200)},
			{"PUT", user + "/disabled", `{"disabled":false}`, only(200)},
			{"POST", user + "/reset-link", "", only(201)},
			{"GET", "/api/v1/admin/settings", "", only(200)},
			{"PUT", "/api/v1/admin/settings", `{"registration":"open"}`, only(200)},
			{"GET", "/api/v1/admin/audit", "", only(200)},
		} {
			for i, c := range principals {
				t.Run(ep.method+" "+ep.path+" as "+names[i], func(t *testing.T) {
					if got, body := c.Do(t, ep.method, ep.path, ep.body); got != ep.want[i] {
						t.Fatalf("status %d, want %d: %s", got, ep.want[i], body)
					}
				})
			}
		}
	})
}
