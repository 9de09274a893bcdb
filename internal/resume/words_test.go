package resume

import "testing"

func TestPlace(t *testing.T) {
	for ptr, want := range map[string]string{
		"/":                         "The document",
		"/basics":                   "Basics",
		"/basics/email":             "Email",
		"/basics/label":             "Headline",
		"/basics/location/city":     "City",
		"/basics/location":          "Location",
		"/basics/profiles/0/url":    "Profile 1, profile address",
		"/work":                     "Work experience",
		"/work/0":                   "Work 1",
		"/work/1/startDate":         "Work 2, start date",
		"/work/0/name":              "Work 1, company",
		"/work/0/highlights":        "Work 1, highlights",
		"/work/0/highlights/2":      "Work 1, highlight 3",
		"/education/2/studyType":    "Education 3, qualification",
		"/skills/0/keywords/4":      "Skill 1, keyword 5",
		"/meta/version":             "About this document, version",
		"/x-devpath/note":           "X-devpath, note",
		"/certificates/0/date":      "Certificate 1, date",
		"/projects/0/description":   "Project 1, description",
		"/volunteer/0/organization": "Volunteering 1, organisation",
	} {
		if got := Place(ptr); got != want {
			t.Errorf("Place(%q) = %q, want %q", ptr, got, want)
		}
	}
}

func TestEntryLabel(t *testing.T) {
	for _, tc := range []struct {
		entry map[string]any
		want  string
	}{
		{map[string]any{"name": "Acme", "position": "Backend intern"}, "Backend intern at Acme"},
		{map[string]any{"name": "Acme"}, "Acme"},
		{map[string]any{"organization": "Code Club", "position": "Mentor"}, "Mentor at Code Club"},
		{map[string]any{"institution": "Bootcamp", "area": "Backend", "studyType": "Certificate"}, "Certificate in Backend at Bootcamp"},
		{map[string]any{"institution": "Bootcamp"}, "Bootcamp"},
		{map[string]any{"name": "Depot finder", "description": "An API"}, "Depot finder"},
		{map[string]any{"title": "Best project", "awarder": "Bootcamp"}, "Best project"},
		{map[string]any{"language": "Swedish", "fluency": "Conversational"}, "Swedish"},
		{map[string]any{}, ""},
	} {
		if got := entryLabel(tc.entry); got != tc.want {
			t.Errorf("entryLabel(%v) = %q, want %q", tc.entry, got, tc.want)
		}
	}
}

func TestOpInWords(t *testing.T) {
	for _, tc := range []struct {
		op   Op
		want string
	}{
		{Op{Kind: OpHide, Section: "work", Index: 2}, "hide Work 3"},
		{Op{Kind: OpOrder, Section: "projects", Order: []int{1, 0}}, "reorder Projects"},
		{Op{Kind: OpReword, Path: "/work/0/highlights/1", Text: "Built an API"}, "reword Work 1, highlight 2 as “Built an API”"},
	} {
		if got := tc.op.String(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.op, got, tc.want)
		}
	}
}
