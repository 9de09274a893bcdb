package web

import "testing"

// TestProblemSentence: the API's field problems read under a label as
// sentences that name it.
func TestProblemSentence(t *testing.T) {
	for _, tc := range []struct{ field, problem, want string }{
		{"hours_per_week", "must be from 1 to 80", "Hours a week must be from 1 to 80."},
		{"name", "is required", "Name is required."},
		{"salary_max", "cannot be negative", "Salary to cannot be negative."},
		{"at", "required", "When is required."},
		{"currency", "required with a salary, e.g. USD", "Currency is required with a salary, e.g. USD."},
		{"resume_id", "not one of your tailored resumes", "The resume you sent is not one of your tailored resumes."},
		{"salary_max", "less than the minimum (5)", "Salary to is less than the minimum (5)."},
		{"kind", "one of job, internship", "Kind must be one of job, internship."},
		{"currency", "a three-letter ISO 4217 code such as USD, EUR or GBP", "Currency must be a three-letter ISO 4217 code such as USD, EUR or GBP."},
		{"handle", "3 to 30 lowercase letters, digits and dashes", "Handle must be 3 to 30 lowercase letters, digits and dashes."},
		{"languages", "pick one or two languages; you picked 3", "Pick one or two languages; you picked 3."},
		{"time_zone", `unknown time zone "Mars"`, `Unknown time zone "Mars".`},
		{"languages", `"cobol" is not one of go, python`, `"cobol" is not one of go, python.`},
		{"file", "Already a sentence.", "Already a sentence."},
		{"note", "", ""},
	} {
		if got := problemSentence(tc.field, tc.problem); got != tc.want {
			t.Errorf("%s %q: got %q, want %q", tc.field, tc.problem, got, tc.want)
		}
	}
}
