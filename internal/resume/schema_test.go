package resume

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"devpath/content"
	"devpath/internal/app"
	"devpath/internal/app/apptest"
)

func loadSchema(t *testing.T) *Schema {
	t.Helper()
	s, err := LoadSchema(content.Career)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestValidateResume(t *testing.T) {
	s := loadSchema(t)
	for _, tc := range []struct {
		name string
		doc  string
		want map[string]string // field -> a fragment of its problem; nil: valid
	}{
		{name: "the sample resume", doc: string(sampleResumeJSON(t))},
		{name: "empty resume", doc: `{}`},
		{name: "unknown members are allowed", doc: `{"x-theme": {"colour": "teal"}, "basics": {"pronouns": "they/them"}}`},
		{name: "partial dates", doc: `{"work": [{"startDate": "2021", "endDate": "2021-06"}, {"startDate": "2022-03-01"}]}`},
		{
			name: "wrong types",
			doc:  `{"basics": {"name": 42, "profiles": {}}, "work": [{"highlights": "one big string"}], "skills": "Go"}`,
			want: map[string]string{
				"/basics/name":       "want string",
				"/basics/profiles":   "want array",
				"/work/0/highlights": "want array",
				"/skills":            "want array",
			},
		},
		{
			name: "bad email and url",
			doc:  `{"basics": {"email": "mira at example.org", "url": "mira.example.org"}}`,
			want: map[string]string{"/basics/email": "must be an email address", "/basics/url": "must be a whole web address"},
		},
		{
			name: "dates not in ISO 8601",
			doc:  `{"work": [{"startDate": "March 2021"}], "education": [{"endDate": "2020/06"}]}`,
			want: map[string]string{
				"/work/0/startDate":    "“March 2021” is not a date",
				"/education/0/endDate": "like 2024, 2024-05 or 2024-05-17",
			},
		},
		{
			name: "dates not on the calendar",
			doc:  `{"work": [{"startDate": "2021-13"}], "awards": [{"date": "2023-02-30"}]}`,
			want: map[string]string{
				"/work/0/startDate": "not a date on the calendar",
				"/awards/0/date":    "not a date on the calendar",
			},
		},
		{
			name: "end before start",
			doc: `{"work": [{"startDate": "2022-01", "endDate": "2023-01"}, {"startDate": "2024-05", "endDate": "2023-12"}],
				"education": [{"startDate": "2019", "endDate": "2018-09"}], "projects": [{"startDate": "2023-05-02", "endDate": "2023-05-01"}]}`,
			want: map[string]string{
				"/work/1/endDate":      "ends (2023-12) before it starts (2024-05)",
				"/education/0/endDate": "before it starts",
				"/projects/0/endDate":  "before it starts",
			},
		},
		{
			name: "not JSON",
			doc:  `{"basics": {"name": "Mira"`,
			want: map[string]string{"/": "not valid JSON"},
		},
		{
			name: "not an object",
			doc:  `["a", "resume"]`,
			want: map[string]string{"/": "want object"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := s.ValidateResume([]byte(tc.doc))
			if tc.want == nil {
				if err != nil {
					t.Fatalf("valid document refused: %v", err)
				}
				return
			}
			e := apptest.Error(t, err, app.Invalid)
			if len(e.Fields) != len(tc.want) {
				t.Errorf("fields %v, want %d: %v", e.Fields, len(tc.want), tc.want)
			}
			for field, frag := range tc.want {
				if !strings.Contains(e.Fields[field], frag) {
					t.Errorf("%s: %q, want it to say %q", field, e.Fields[field], frag)
				}
			}
		})
	}
}

func TestValidateResumeTooLarge(t *testing.T) {
	s := loadSchema(t)
	big := `{"basics": {"summary": "` + strings.Repeat("a", MaxBytes) + `"}}`
	e := apptest.Error(t, s.ValidateResume([]byte(big)), app.Invalid)
	if !strings.Contains(e.Fields["/"], "limit is 2 MB") {
		t.Errorf("fields %v", e.Fields)
	}
	justUnder := `{"basics": {"summary": "` + strings.Repeat("a", MaxBytes-40) + `"}}`
	if err := s.ValidateResume([]byte(justUnder)); err != nil {
		t.Errorf("a document under 2 MB was refused: %v", err)
	}
}

// The schema is built once and shared by every request.
func TestValidateResumeConcurrently(t *testing.T) {
	s := loadSchema(t)
	good, bad := sampleResumeJSON(t), []byte(`{"basics": {"email": "nope"}}`)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			doc, wantErr := good, false
			if i%2 == 1 {
				doc, wantErr = bad, true
			}
			if err := s.ValidateResume(doc); (err != nil) != wantErr {
				t.Errorf("goroutine %d: %v", i, err)
			}
		})
	}
	wg.Wait()
}

// Reading and writing a resume keeps every member, known or not.
func TestResumeRoundTripIsLossless(t *testing.T) {
	in := sampleResumeJSON(t)
	r := sampleResume(t)
	if r.Basics.Name != "Mira Okonkwo-Lind" || len(r.Work) != 2 || r.Work[0].Highlights[1] == "" {
		t.Fatalf("typed fields not read: %+v", r.Basics)
	}
	if string(r.Work[0].Extra["x-team"]) != `"platform"` || r.Extra["x-devpath"] == nil || r.Meta.Extra["theme"] == nil {
		t.Fatalf("unknown members not kept: %v %v %v", r.Work[0].Extra, r.Extra, r.Meta.Extra)
	}
	out, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if !sameJSON(t, in, out) {
		t.Errorf("round trip changed the document:\n%s", out)
	}
}

func TestParseResumeRefusesWrongShapes(t *testing.T) {
	_, err := ParseResume([]byte(`{"work": "x"}`))
	e := apptest.Error(t, err, app.Invalid)
	if e.Fields["/"] == "" {
		t.Errorf("fields %v", e.Fields)
	}
}

func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	xb, _ := json.Marshal(x)
	yb, _ := json.Marshal(y)
	return bytes.Equal(xb, yb)
}

// TestJSONProblemInWords: where a document stops being JSON is said as a
// line and column, not a byte offset.
func TestJSONProblemInWords(t *testing.T) {
	got := jsonProblem([]byte("{\n  \"basics\": {\n    \"name\": ,\n  }\n}"))
	if !strings.Contains(got, "on line 3 at column 13") || strings.Contains(got, "byte") || strings.Contains(got, "json:") {
		t.Errorf("problem: %s", got)
	}
}
