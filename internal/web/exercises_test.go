package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"devpath/content"
	"devpath/internal/devpathtest"
	"devpath/internal/practice"
)

// TestExercisePagesWithoutJavaScript grades answers through the plain form:
// each post shows the page again with the verdict, the result, the diff, the
// history and what was typed.
func TestExercisePagesWithoutJavaScript(t *testing.T) {
	cat, err := practice.Load(content.Exercises, "exercises")
	if err != nil {
		t.Fatal(err)
	}
	ex := cat.Exercises[0]
	page := "/practice/sql/" + ex.ID
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		visitor, ada := srv.Anonymous(), srv.Learner(t, "ada")

		visitor.Expect(t, "GET", "/practice", "", 200, `href="`+page+`"`)
		brief := visitor.Expect(t, "GET", page, "", 200, `<details class="hint">`)
		if !strings.Contains(brief, "Log in</a> to have your answer graded") || strings.Contains(brief, strings.TrimSpace(ex.Answer)) {
			t.Fatalf("a visitor's page:\n%s", brief)
		}
		visitor.Expect(t, "GET", "/practice/sql/no-such-exercise", "", 404, "no-such-exercise")
		if res, _ := form(t, visitor, srv, page, url.Values{"answer": {ex.Answer}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("a visitor's answer: %d, want a redirect to log in", res.StatusCode)
		}

		for _, tc := range []struct {
			name, answer string
			status       int
			want         []string
		}{
			{"fail", "SELECT name FROM areas", 200, []string{`id="verdict">fail`, "What differs", "Expected columns",
				"SELECT name FROM areas</textarea>", `<th scope="col">name</th>`}},
			{"empty", "   ", 422, []string{"Answer is empty: write a SQL statement.", `aria-invalid="true"`}},
			{"pass", ex.Answer, 200, []string{`id="verdict">pass`, "Your result on the sample data", `<th scope="col">`,
				"Your attempts", `<span class="badge">fail</span>`,
				// the parts htmx swaps in besides the result: the badge and the way on
				`<span id="exercise-status"><span class="badge passed">passed</span></span>`,
				`<p id="next-exercise"><a class="button" href="/practice/sql/`}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res, body := form(t, ada, srv, page, url.Values{"answer": {tc.answer}})
				if res.StatusCode != tc.status {
					t.Fatalf("status %d, want %d\n%s", res.StatusCode, tc.status, body)
				}
				for _, w := range tc.want {
					if !strings.Contains(body, w) {
						t.Fatalf("the page lacks %s:\n%s", w, body)
					}
				}
			})
		}
		ada.Expect(t, "GET", "/practice", "", 200, `<span class="badge passed">passed</span>`)
		ada.Expect(t, "GET", page, "", 200, ex.Answer+"</textarea>") // the editor carries on from the last answer
	})
}

// TestExerciseFormWithHtmx: htmx swaps in only successful answers, so a
// refused answer comes back as 200 with its message where the result goes.
func TestExerciseFormWithHtmx(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	ada := srv.Learner(t, "ada")
	res := ada.Request(t, "POST", "/practice/sql/select-all-areas", url.Values{"answer": {" "}}.Encode(),
		http.Header{"Content-Type": {"application/x-www-form-urlencoded"}, "Hx-Request": {"true"}})
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || !strings.Contains(string(body), `<div id="attempt">`) || !strings.Contains(string(body), "Answer is empty: write a SQL statement.") {
		t.Fatalf("status %d, want 200 with the message in the result:\n%s", res.StatusCode, body)
	}
}
