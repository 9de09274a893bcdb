package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

func TestStoryPages(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob, visitor := srv.Learner(t, "ada"), srv.Learner(t, "bob"), srv.Anonymous()
		ada.Expect(t, "PUT", "/api/v1/me/profile", `{"starting_point":"unrelated_change","route":"self_taught","hours_per_week":10,"languages":["go"],"time_zone":"UTC"}`, 200, "")
		ada.Expect(t, "POST", "/api/v1/me/progress/backend/bulk", `{"step":"learn","status":"done"}`, 200, "")
		ada.Expect(t, "GET", "/story", "", 200, "Finished step 1: Learn the foundations")
		bob.Expect(t, "GET", "/story", "", 200, "No milestones yet")

		// publishing needs a handle; what was typed comes back
		story := url.Values{"intro": {"I drove a forklift."}, "show": {"start", "steps"}, "words.step-learn": {"Evenings, for a month."}, "published": {"on"}}
		res, body := form(t, ada, srv, "/story", story)
		if res.StatusCode != 422 || !strings.Contains(body, "eeds a handle") || !strings.Contains(body, "Evenings, for a month.") ||
			!strings.Contains(body, "I drove a forklift.") {
			t.Fatalf("publish without a handle: %d\n%s", res.StatusCode, body)
		}
		visitor.Expect(t, "GET", "/stories/ada-l", "", 404, "")
		form(t, ada, srv, "/portfolio/settings", url.Values{"handle": {"ada-l"}})
		if res, _ := form(t, ada, srv, "/story", story); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("publish: %d", res.StatusCode)
		}
		page := visitor.Expect(t, "GET", "/stories/ada-l", "", 200, "Evenings, for a month.")
		if !strings.Contains(page, "Changing from an unrelated job") || strings.Contains(page, "Began on devpath") {
			t.Fatalf("the story shows what was not chosen, or hides what was:\n%s", page)
		}
		visitor.Expect(t, "GET", "/stories", "", 200, `href="/stories/ada-l"`)
		visitor.Expect(t, "GET", "/stories?start=unrelated_change&route=self_taught", "", 200, `href="/stories/ada-l"`)
		if strings.Contains(visitor.Expect(t, "GET", "/stories?start=no_experience", "", 200, ""), "/stories/ada-l") {
			t.Fatal("the filter kept a story of another starting point")
		}
		visitor.Expect(t, "GET", "/stories?start=nonsense", "", 200, `href="/stories/ada-l"`)

		// unpublishing takes it down at once
		story.Del("published")
		form(t, ada, srv, "/story", story)
		visitor.Expect(t, "GET", "/stories/ada-l", "", 404, "")
		res, _ = form(t, ada, srv, "/story", url.Values{"show": {"everything"}, "intro": {strings.Repeat("x", 2001)}})
		if res.StatusCode != 422 {
			t.Fatalf("bad parts and a long intro: %d", res.StatusCode)
		}
	})
}

func TestGuidePage(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{Name: "sqlite"})
	page := srv.Anonymous().Expect(t, "GET", "/guide", "", 200, "Can I become a backend developer without a degree?")
	for _, want := range []string{"Going freelance", "Bootcamp", "3 to 12 months", "$77,467", "Springboard", `href="/stories?start=unrelated_change"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the guide lacks %q", want)
		}
	}
}
