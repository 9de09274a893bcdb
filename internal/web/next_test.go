package web_test

import (
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// TestDoThisNext: the dashboard says what to do now, one click each: this
// week's topics with a resource, the next exercise of a topic being
// learnt, and a follow-up that is due.
func TestDoThisNext(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		c := srv.Learner(t, "ada")
		c.Expect(t, "GET", "/", "", 200, "Nothing is waiting")
		c.Expect(t, "PUT", "/api/v1/me/profile", `{"starting_point":"no_experience","route":"self_taught","hours_per_week":10,"languages":["python"],"time_zone":"Europe/Berlin"}`, 200, "")
		c.Expect(t, "PUT", "/api/v1/me/progress/backend/topics/sql", `{"status":"learning"}`, 200, "")
		c.Expect(t, "POST", "/api/v1/me/applications", `{"kind":"job","company":"Acme","title":"Go developer","follow_up":"2020-01-02"}`, 201, "")
		page := c.Expect(t, "GET", "/", "", 200, `id="next-steps"`)
		for _, want := range []string{"this week", "Start with ", `href="/practice/sql/`, "Practise: ", "Follow up with Acme", "due 2020-01-02"} {
			if !strings.Contains(page, want) {
				t.Errorf("dashboard lacks %q", want)
			}
		}
	})
}
