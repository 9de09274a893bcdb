package api_test

import (
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

func TestStoriesAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob, anon := srv.Learner(t, "ada"), srv.Learner(t, "bob"), srv.Anonymous()
		ada.Expect(t, "POST", "/api/v1/me/progress/backend/bulk", `{"step":"learn","status":"done"}`, 200, "")
		long := strings.Repeat("x", 2001)
		devpathtest.Run(t, []devpathtest.Case{
			{Name: "the draft has devpath's milestones", As: ada, Method: "GET", Path: "/api/v1/me/story", Status: 200, Want: `"key":"step-learn"`},
			{Name: "another learner's draft is their own", As: bob, Method: "GET", Path: "/api/v1/me/story", Status: 200, Want: `"milestones":[]`},
			{Name: "a visitor has none", As: anon, Method: "GET", Path: "/api/v1/me/story", Status: 401},
			{Name: "every problem at once", As: ada, Method: "PUT", Path: "/api/v1/me/story", Body: `{"show":["everything"],"intro":"` + long + `"}`, Status: 422, Want: `"body.show"`},
			{Name: "publishing needs a handle", As: ada, Method: "PUT", Path: "/api/v1/me/story", Body: `{"published":true}`, Status: 422, Want: `"body.published"`},
			{Name: "a handle", As: ada, Method: "PUT", Path: "/api/v1/me/portfolio/settings", Body: `{"handle":"ada-l"}`, Status: 200},
			{Name: "a draft stays private", As: ada, Method: "PUT", Path: "/api/v1/me/story", Body: `{"show":["steps"],"words":{"step-learn":"Two evenings a week."}}`, Status: 200, Want: `"words":"Two evenings a week."`},
			{Name: "not published: 404", As: anon, Method: "GET", Path: "/api/v1/stories/ada-l", Status: 404},
			{Name: "publish", As: ada, Method: "PUT", Path: "/api/v1/me/story", Body: `{"show":["steps"],"words":{"step-learn":"Two evenings a week."},"published":true}`, Status: 200, Want: `"published":true`},
			{Name: "anyone reads it", As: anon, Method: "GET", Path: "/api/v1/stories/ada-l", Status: 200, Want: `"words":"Two evenings a week."`},
			{Name: "unchosen parts are hidden", As: anon, Method: "GET", Path: "/api/v1/stories/ada-l", Status: 200, Want: `"hours":0`},
			{Name: "the index", As: anon, Method: "GET", Path: "/api/v1/stories", Status: 200, Want: `"handle":"ada-l"`},
			{Name: "a filter nobody matches", As: anon, Method: "GET", Path: "/api/v1/stories?starting_point=freelance", Status: 200, Want: `[]`},
			{Name: "a filter that is not a starting point", As: anon, Method: "GET", Path: "/api/v1/stories?starting_point=astronaut", Status: 422, Want: "starting_point"},
		})
	})
}
