package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // tests name zones; do not depend on the machine's zoneinfo

	"devpath/internal/devpathtest"
)

// profileAnswers is a complete onboarding form.
var profileAnswers = url.Values{"starting_point": {"related_change"}, "route": {"self_taught"}, "hours_per_week": {"12"},
	"languages": {"python"}, "background": {"frontend_developer"}, "time_zone": {"Europe/Berlin"}}

func TestOnboardingAndPlanPages(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		c := srv.Learner(t, "ada")
		c.Expect(t, "GET", "/plan/backend", "", 303, "")
		c.Expect(t, "GET", "/onboarding", "", 200, `name="hours_per_week"`)
		c.Expect(t, "GET", "/onboarding", "", 200, `value="no_experience" checked> No experience yet`)
		// before a zone is saved: UTC, which the browser's script may replace
		c.Expect(t, "GET", "/onboarding", "", 200, `<option value="UTC" selected>UTC</option>`)
		c.Expect(t, "GET", "/onboarding", "", 200, `data-guess`)

		// the background proposes what a frontend developer knows, without saving
		propose := cloneWith(profileAnswers, "action", "propose")
		res, body := form(t, c, srv, "/onboarding", propose)
		if res.StatusCode != 200 || !strings.Contains(body, `value="html" checked`) || !strings.Contains(body, "Ticked from your background") ||
			!strings.Contains(body, `value="related_change" checked> Changing from a related job, such as frontend developer`) {
			t.Fatalf("proposal: %d", res.StatusCode)
		}

		// a wrong field keeps what was typed
		bad := cloneWith(profileAnswers, "hours_per_week", "200")
		res, body = form(t, c, srv, "/onboarding", bad)
		if res.StatusCode != 422 || !strings.Contains(body, `value="200"`) || !strings.Contains(body, `value="python" checked`) {
			t.Fatalf("bad hours: %d", res.StatusCode)
		}

		save := cloneWith(profileAnswers, "known_topics", "html")
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
		page = c.Expect(t, "GET", "/onboarding", "", 200, `<option value="Europe/Berlin" selected>Berlin</option>`)
		if strings.Contains(page, "data-guess") {
			t.Error("the browser may replace a saved zone")
		}
	})
}

// TestOnboardingKeepsWhatWasTyped: a refused form comes back as it was
// sent, each problem a sentence under its field.
func TestOnboardingKeepsWhatWasTyped(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Learner(t, "ada")
	for _, tc := range []struct {
		name, field, value string
		want               []string
	}{
		{"hours in words", "hours_per_week", "ten", []string{`value="ten"`,
			`<p id="hours-error" class="field-error">Hours a week must be a whole number from 1 to 80.</p>`}},
		{"too many hours", "hours_per_week", "81", []string{`value="81"`,
			`<p id="hours-error" class="field-error">Hours a week must be from 1 to 80.</p>`}},
		{"unknown zone", "time_zone", "Mars/Olympus_Mons", []string{`<a href="#f-time_zone">Time zone</a>`,
			`<option value="Mars/Olympus_Mons" selected>Mars/Olympus_Mons</option>`,
			`<p id="tz-error" class="field-error">Unknown time zone &#34;Mars/Olympus_Mons&#34;.</p>`}},
		{"the server's zone", "time_zone", "Local", []string{`<p id="tz-error" class="field-error">Time zone must be an IANA time zone name`}},
		{"a date in the past", "target_date", "2001-01-01", []string{`value="2001-01-01"`,
			`<p id="target-error" class="field-error">Ready-by date must be today or later.</p>`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := form(t, c, srv, "/onboarding", cloneWith(profileAnswers, tc.field, tc.value))
			if res.StatusCode != 422 {
				t.Fatalf("status %d", res.StatusCode)
			}
			for _, want := range tc.want {
				if !strings.Contains(body, want) {
					t.Errorf("the form lacks %s", want)
				}
			}
		})
	}
}

// TestTimesInTheViewersZone: a stored instant shows in the zone of the
// learner's profile, UTC until they choose one.
func TestTimesInTheViewersZone(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Learner(t, "ada")
	c.Expect(t, "PUT", "/api/v1/me/progress/backend/topics/http", `{"status":"learning"}`, 200, "learning")
	var history []struct{ At time.Time }
	if err := json.Unmarshal([]byte(c.Expect(t, "GET", "/api/v1/me/progress/backend/history", "", 200, "")), &history); err != nil || len(history) == 0 {
		t.Fatalf("history: %v %v", history, err)
	}
	at := history[0].At
	const layout = "2 Jan 2006 15:04 MST"
	c.Expect(t, "GET", "/roadmaps/backend/topics/http", "", 200, at.UTC().Format(layout))

	// +05:45 changes the minutes as well as the hours, and often the date
	if res, _ := form(t, c, srv, "/onboarding", cloneWith(profileAnswers, "time_zone", "Asia/Kathmandu")); res.StatusCode != 303 {
		t.Fatalf("onboarding: %d", res.StatusCode)
	}
	kathmandu, _ := time.LoadLocation("Asia/Kathmandu")
	shown := strings.ReplaceAll(at.In(kathmandu).Format(layout), "+", "&#43;") // as html/template escapes it
	c.Expect(t, "GET", "/roadmaps/backend/topics/http", "", 200, shown)
	c.Expect(t, "GET", "/account", "", 200, "<dd>Asia/Kathmandu, for every date and time")
}

// TestCalendarAddresses: the plan shows the feed's full address from the
// base URL, to copy, and as webcal:// to open a calendar app.
func TestCalendarAddresses(t *testing.T) {
	cfg := devpathtest.Config(t, devpathtest.Engine{})
	cfg.BaseURL = "https://devpath.example/"
	srv := devpathtest.Start(t, cfg)
	c := srv.Learner(t, "ada")
	if res, _ := form(t, c, srv, "/onboarding", profileAnswers); res.StatusCode != 303 {
		t.Fatalf("onboarding: %d", res.StatusCode)
	}
	page := c.Expect(t, "GET", "/plan/backend", "", 200, `<input id="calendar-url" readonly value="https://devpath.example/calendar/`)
	c.Expect(t, "GET", "/plan/backend", "", 200, `href="webcal://devpath.example/calendar/`)
	start := strings.Index(page, "https://devpath.example/calendar/") + len("https://devpath.example")
	path := page[start : start+strings.Index(page[start:], `"`)]
	srv.Anonymous().Expect(t, "GET", path, "", 200, "BEGIN:VCALENDAR")
}

func cloneWith(v url.Values, key, value string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	out.Set(key, value)
	return out
}
