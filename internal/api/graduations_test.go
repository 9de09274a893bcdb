package api_test

import (
	"encoding/json"
	"testing"

	"devpath/internal/devpathtest"
)

// TestCohortGraduation: a cohort's admin graduates its learners through the
// job queue; the learner accepts the credential; nobody else may graduate
// anyone, each refused as the cohort refuses them.
func TestCohortGraduation(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		w := newCohortWorld(t, e)
		a, b := w.a+"/graduations", w.b+"/graduations"
		learnerA := `{"learners":[` + itoa(w.learnerAID) + `]}`
		devpathtest.Run(t, []devpathtest.Case{
			{Name: "anonymous", As: w.anon, Method: "POST", Path: a, Body: learnerA, Status: 401},
			{Name: "an outsider", As: w.outsider, Method: "POST", Path: a, Body: learnerA, Status: 404},
			{Name: "the other cohort's admin", As: w.adminB, Method: "POST", Path: a, Body: learnerA, Status: 404},
			{Name: "the cohort's mentor", As: w.mentorA, Method: "POST", Path: a, Body: learnerA, Status: 403},
			{Name: "the learner", As: w.learnerA, Method: "POST", Path: a, Body: learnerA, Status: 403},
			{Name: "no learner chosen", As: w.adminA, Method: "POST", Path: a, Body: `{"learners":[]}`, Status: 422, Want: `"body.learners"`},
			{Name: "a learner of another cohort", As: w.adminA, Method: "POST", Path: a,
				Body: `{"learners":[` + itoa(w.learnerAID) + `,` + itoa(w.learnerBID) + `]}`, Status: 422, Want: "not learners of this cohort: user " + itoa(w.learnerBID)},
			{Name: "not a list", As: w.adminA, Method: "POST", Path: a, Body: `{"learners":"all"}`, Status: 422, Want: `"body.learners"`},
			{Name: "the cohort's admin", As: w.adminA, Method: "POST", Path: a, Body: learnerA, Status: 202, Want: `"email":"learnera@example.org"`},
			{Name: "the instance admin", As: w.admin, Method: "POST", Path: b, Body: `{"learners":[` + itoa(w.learnerBID) + `]}`, Status: 202, Want: "learnerb"},
			{Name: "audited", As: w.mentorA, Method: "GET", Path: w.a[len("/api/v1"):], Status: 200, Want: "graduated learnera"},
		})
		var list []issued
		devpathtest.Eventually(t, "the graduation credential", func() bool {
			json.Unmarshal([]byte(w.learnerA.Expect(t, "GET", "/api/v1/me/credentials", "", 200, "")), &list)
			return len(list) == 1
		})
		c := list[0]
		if c.Achievement != "cohort-graduate" || c.State != "pending" || c.Param != w.a[len("/api/v1/cohorts/"):] {
			t.Fatalf("issued %+v", c)
		}
		p := "/api/v1/me/credentials/" + itoa(c.ID)
		w.learnerA.Expect(t, "GET", p, "", 200, `"name":"Graduate of Cohort a"`)
		w.learnerB.Expect(t, "GET", p, "", 404, "")
		w.learnerA.Expect(t, "POST", p+"/accept", "", 200, `"state":"accepted"`)
	})
}
