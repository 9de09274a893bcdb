package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

func TestOnboardingAndPlanPages(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		c := srv.Learner(t, "ada")
		c.Expect(t, "GET", "/plan/backend", "", 303, "")
		c.Expect(t, "GET", "/onboarding", "", 200, `name="hours_per_week"`)
		c.Expect(t, "GET", "/onboarding", "", 200, `value="no_experience" checked> No experience yet`)

		answers := url.Values{"starting_point": {"related_change"}, "route": {"self_taught"}, "hours_per_week": {"12"},
			"languages": {"python"}, "background": {"frontend_developer"}, "time_zone": {"Europe/Berlin"}}

		// the background proposes what a frontend developer knows, without saving
		propose := cloneWith(answers, "action", "propose")
		res, body := form(t, c, srv, "/onboarding", propose)
		if res.StatusCode != 200 || !strings.Contains(body, `value="html" checked`) || !strings.Contains(body, "Ticked from your background") ||
			!strings.Contains(body, `value="related_change" checked> Changing from a related job, such as frontend developer`) {
			t.Fatalf("proposal: %d", res.StatusCode)
		}

		// a wrong field keeps what was typed
		bad := cloneWith(answers, "hours_per_week", "200")
		res, body = form(t, c, srv, "/onboarding", bad)
		if res.StatusCode != 422 || !strings.Contains(body, `value="200"`) || !strings.Contains(body, `value="python" checked`) {
			t.Fatalf("bad hours: %d", res.StatusCode)
		}

		save := cloneWith(answers, "known_topics", "html")
		res, _ = form(t, c, srv, "/onboarding", save)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/plan/backend" {
			t.Fatalf("save: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		page := c.Expect(t, "GET", "/plan/backend", "", 200, `aria-current="date"`)
		for _, want := range []string{"12 hours a week", `id="finish"`, "/calendar/", `role="img"`} {
			if !strings.Contains(page, want) {
				t.Fatalf("plan page lacks %s", want)
			}
		}
	})
}

func cloneWith(v url.Values, key, value string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	out.Set(key, value)
	return out
}
