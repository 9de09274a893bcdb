package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"devpath/content"
	"devpath/internal/devpathtest"
	"devpath/internal/practice"
)

// shippedExercises loads the exercises devpath ships: the tests know the
// reference answers that the API never tells.
func shippedExercises(t *testing.T) *practice.Catalog {
	t.Helper()
	c, err := practice.Load(content.Exercises, "exercises")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// answerBody is a JSON attempt with answer in it.
func answerBody(answer string) string {
	b, _ := json.Marshal(map[string]string{"answer": answer})
	return string(b)
}

// jsonStrings returns every string in a JSON document, keys included.
func jsonStrings(t *testing.T, doc string) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatalf("%v: %s", err, doc)
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			out = append(out, x)
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for k, e := range x {
				out = append(out, k)
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

// leaks names the first exercise whose grader's half appears in doc.
func leaks(t *testing.T, doc string, exercises []practice.Exercise) string {
	t.Helper()
	texts := jsonStrings(t, doc)
	if slices.Contains(texts, "answer") || slices.Contains(texts, "check") || slices.Contains(texts, "probes") {
		return "a field of the grader's half"
	}
	for _, ex := range exercises {
		secrets := []string{strings.TrimSpace(ex.Answer), strings.TrimSpace(ex.Check)}
		for _, p := range ex.Probes {
			secrets = append(secrets, strings.TrimSpace(p.SQL))
		}
		for _, secret := range secrets {
			if secret != "" && slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, secret) }) {
				return ex.ID
			}
		}
	}
	return ""
}

func TestExercisesAPI(t *testing.T) {
	cat := shippedExercises(t)
	first := cat.Exercises[0]
	path := "/api/v1/exercises/" + first.ID
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob, visitor := srv.Learner(t, "ada"), srv.Learner(t, "bob"), srv.Anonymous()

		list := visitor.Expect(t, "GET", "/api/v1/exercises", "", 200, `"id":"`+first.ID+`"`)
		if n := strings.Count(list, `"prompt":`); n != len(cat.Exercises) {
			t.Fatalf("the list has %d exercises, want %d", n, len(cat.Exercises))
		}
		if strings.Contains(list, `"passed"`) {
			t.Fatal("a visitor's list says what was passed")
		}
		if id := leaks(t, list, cat.Exercises); id != "" {
			t.Fatalf("the list leaks the grader's half of %s", id)
		}
		brief := visitor.Expect(t, "GET", path, "", 200, `"hints":[`)
		if id := leaks(t, brief, cat.Exercises); id != "" {
			t.Fatalf("the brief leaks the grader's half of %s", id)
		}
		visitor.Expect(t, "GET", "/api/v1/exercises/no-such-exercise", "", 404, "no-such-exercise")
		visitor.Expect(t, "POST", path+"/attempts", answerBody(first.Answer), 401, "log in")
		ada.Expect(t, "GET", path, "", 200, `"passed":false`)

		for _, tc := range []struct {
			name   string
			answer string
			status int
			want   []string
		}{
			{"pass", first.Answer, 200, []string{`"verdict":"pass"`, `"columns":[`, `"topic_done":false`}},
			{"fail with a diff", "SELECT * FROM areas LIMIT 1", 200, []string{`"verdict":"fail"`, `"diff":{"kind":"rows"`, `"missing_count":`}},
			{"attach is refused", "ATTACH DATABASE 'elsewhere.db' AS other", 200,
				[]string{`"verdict":"error"`, `"reason":"denied"`, "an exercise can only use its own database"}},
			{"still grading right after", first.Answer, 200, []string{`"verdict":"pass"`}},
			// the diff quotes the learner's values, and these bytes are no text on PostgreSQL
			{"odd bytes in the result", "SELECT CAST(X'FF00' AS TEXT), name, kind, capacity FROM areas", 200,
				[]string{`"verdict":"fail"`, `"extra_count":`}},
			{"a SQL error", "SELECT * FROM nowhere", 200, []string{`"verdict":"error"`, `"reason":"sql"`, "no such table: nowhere"}},
			{"empty", "  \n", 422, []string{"body.answer", "is empty"}},
			{"oversized", "SELECT 1 " + strings.Repeat("-- padding\n", 3000), 422, []string{"body.answer", "at most 20 KB"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got := ada.Expect(t, "POST", path+"/attempts", answerBody(tc.answer), tc.status, "")
				for _, w := range tc.want {
					if !strings.Contains(got, w) {
						t.Fatalf("the answer lacks %s: %s", w, got)
					}
				}
			})
		}

		history := ada.Expect(t, "GET", path+"/attempts", "", 200, `"answer":"ATTACH DATABASE`)
		var attempts []struct{ Verdict, Answer string }
		json.Unmarshal([]byte(history), &attempts)
		if len(attempts) != 6 || attempts[0].Answer != "SELECT * FROM nowhere" || attempts[5].Verdict != "pass" {
			t.Fatalf("ada's attempts, newest first: %+v", attempts)
		}
		bob.Expect(t, "GET", path+"/attempts", "", 200, "[]")
		bob.Expect(t, "GET", path, "", 200, `"passed":false`)
		ada.Expect(t, "GET", "/api/v1/exercises", "", 200, `"passed":true`)
		ada.Expect(t, "GET", path, "", 200, `"passed":true`)
	})
}

// TestEndlessAnswerKeepsTheServerResponsive: while one learner's endless
// statement runs to its time limit, another learner is graded at once.
func TestEndlessAnswerKeepsTheServerResponsive(t *testing.T) {
	first := shippedExercises(t).Exercises[0]
	path := "/api/v1/exercises/" + first.ID + "/attempts"
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")

		endless := make(chan string, 1)
		go func() {
			req, _ := http.NewRequest("POST", srv.URL+path,
				strings.NewReader(answerBody("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT max(n) FROM r")))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+ada.Token)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				endless <- err.Error()
				return
			}
			defer res.Body.Close()
			var b strings.Builder
			_, err = io.Copy(&b, res.Body)
			endless <- b.String()
		}()
		time.Sleep(200 * time.Millisecond) // let it start
		bob.Expect(t, "POST", path, answerBody(first.Answer), 200, `"verdict":"pass"`)
		select {
		case got := <-endless:
			t.Fatalf("the endless answer ended before bob was graded: %s", got)
		default:
		}
		got := <-endless
		for _, want := range []string{`"verdict":"error"`, `"reason":"timeout"`, "was stopped after"} {
			if !strings.Contains(got, want) {
				t.Fatalf("the endless answer's verdict lacks %s: %s", want, got)
			}
		}
	})
}

// TestPassingATopicsExercisesMarksItDone takes the roadmap topic with the
// fewest exercises and passes them one by one: the last pass marks the
// topic done, and says so.
func TestPassingATopicsExercisesMarksItDone(t *testing.T) {
	byTopic := map[string][]practice.Exercise{}
	for _, ex := range shippedExercises(t).Exercises {
		byTopic[ex.Topic] = append(byTopic[ex.Topic], ex)
	}
	var topic string
	for id, exs := range byTopic {
		if topic == "" || len(exs) < len(byTopic[topic]) || (len(exs) == len(byTopic[topic]) && id < topic) {
			topic = id
		}
	}
	exercises := byTopic[topic]
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada := srv.Learner(t, "ada")
		done := `"` + topic + `":{"status":"done"`
		for i, ex := range exercises {
			want := `"topic_done":false`
			if i == len(exercises)-1 {
				want = `"topic_done":true`
			}
			if got := ada.Expect(t, "GET", "/api/v1/me/progress/backend", "", 200, ""); strings.Contains(got, done) {
				t.Fatalf("%s is done after %d of its %d exercises", topic, i, len(exercises))
			}
			ada.Expect(t, "POST", "/api/v1/exercises/"+ex.ID+"/attempts", answerBody(ex.Answer), 200, want)
		}
		ada.Expect(t, "GET", "/api/v1/me/progress/backend", "", 200, done)
		ada.Expect(t, "POST", "/api/v1/exercises/"+exercises[0].ID+"/attempts", answerBody(exercises[0].Answer), 200, `"topic_done":false`)
	})
}
