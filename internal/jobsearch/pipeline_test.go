package jobsearch

import (
	"strings"
	"testing"
	"time"

	"devpath/internal/app"
	"devpath/internal/app/apptest"
)

func TestStages(t *testing.T) {
	closed := map[Stage]bool{Accepted: true, Rejected: true, Withdrawn: true, Ghosted: true}
	if len(Stages()) != 9 {
		t.Fatalf("stages %v", Stages())
	}
	for _, s := range Stages() {
		if !s.Valid() || s.Closed() != closed[s] {
			t.Errorf("%s: valid %v, closed %v", s, s.Valid(), s.Closed())
		}
	}
	if Stage("hired").Valid() || Stage("").Valid() {
		t.Error("unknown stages are valid")
	}
}

func TestMove(t *testing.T) {
	for _, tc := range []struct {
		from, to  Stage
		confirmed bool
		code      app.Code // "" for allowed
		field     string
	}{
		{Saved, Applied, false, "", ""},
		{Applied, Interview, false, "", ""},  // skipping screening is fine
		{Saved, Offer, false, "", ""},        // so is jumping far ahead
		{Offer, Rejected, false, "", ""},     // and closing from anywhere
		{Interview, Applied, false, "", ""},  // and moving back while open
		{Rejected, Interview, false, "", ""}, // a closed one may reopen past saved
		{Applied, Saved, false, "", ""},      // an open one back to saved
		{Saved, Saved, false, "", ""},
		{Rejected, Saved, false, app.Conflict, "confirm"},
		{Ghosted, Saved, false, app.Conflict, "confirm"},
		{Withdrawn, Saved, false, app.Conflict, "confirm"},
		{Accepted, Saved, false, app.Conflict, "confirm"},
		{Rejected, Saved, true, "", ""},
		{Applied, "hired", false, app.Invalid, "stage"},
		{"", Applied, false, app.Invalid, "from"},
	} {
		err := Move(tc.from, tc.to, tc.confirmed)
		name := string(tc.from) + " -> " + string(tc.to)
		if tc.code == "" {
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		e := apptest.Error(t, err, tc.code)
		if e.Fields[tc.field] == "" {
			t.Errorf("%s: fields %v, want %s", name, e.Fields, tc.field)
		}
	}
}

func TestMoveAsksForConfirmationInWords(t *testing.T) {
	e := apptest.Error(t, Move(Rejected, Saved, false), app.Conflict)
	for _, want := range []string{"closed (rejected)", "confirm"} {
		if !strings.Contains(e.Message, want) {
			t.Errorf("message %q lacks %q", e.Message, want)
		}
	}
}

func validOpportunity() Opportunity {
	return Opportunity{
		Kind: Internship, Company: "Harbour Freight Co-operative", Title: "Backend intern",
		Location: "Leeds", SalaryMin: 24000, SalaryMax: 28000, Currency: "GBP",
		SourceURL: "https://jobs.example.org/42", Deadline: "2025-03-31",
		StartDate: "2025-06-02", EndDate: "2025-09-26",
	}
}

func TestOpportunityValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*Opportunity)
		fields map[string]string // field -> fragment; nil for valid
	}{
		{"valid", func(*Opportunity) {}, nil},
		{"a job without salary or dates", func(o *Opportunity) {
			*o = Opportunity{Kind: Job, Company: "Acme", Title: "Backend developer"}
		}, nil},
		{"company and title required", func(o *Opportunity) { o.Company, o.Title = " ", "" },
			map[string]string{"company": "required", "title": "required"}},
		{"unknown kind", func(o *Opportunity) { o.Kind = "gig" }, map[string]string{"kind": "job, internship"}},
		{"salary min above max", func(o *Opportunity) { o.SalaryMin = 30000 },
			map[string]string{"salary_max": "less than the minimum"}},
		{"negative salary", func(o *Opportunity) { o.SalaryMin = -1 }, map[string]string{"salary_min": "negative"}},
		{"salary without currency", func(o *Opportunity) { o.Currency = "" }, map[string]string{"currency": "required"}},
		{"currency not a code", func(o *Opportunity) { o.Currency = "pounds" }, map[string]string{"currency": "ISO 4217"}},
		{"lower-case currency", func(o *Opportunity) { o.Currency = "gbp" }, map[string]string{"currency": "ISO 4217"}},
		{"relative URL", func(o *Opportunity) { o.SourceURL = "jobs.example.org/42" }, map[string]string{"source_url": "absolute"}},
		{"javascript URL", func(o *Opportunity) { o.SourceURL = "javascript:alert(1)" }, map[string]string{"source_url": "http"}},
		{"ftp URL", func(o *Opportunity) { o.SourceURL = "ftp://example.org/x" }, map[string]string{"source_url": "http"}},
		{"deadline not a date", func(o *Opportunity) { o.Deadline = "31/03/2025" }, map[string]string{"deadline": "YYYY-MM-DD"}},
		{"impossible deadline", func(o *Opportunity) { o.Deadline = "2025-02-30" }, map[string]string{"deadline": "YYYY-MM-DD"}},
		{"end before start", func(o *Opportunity) { o.EndDate = "2025-05-30" },
			map[string]string{"end_date": "before the start date (2025-06-02)"}},
		{"every problem at once", func(o *Opportunity) {
			*o = Opportunity{SalaryMin: 5, SalaryMax: 1, SourceURL: "x", Deadline: "soon"}
		}, map[string]string{"kind": "", "company": "", "title": "", "salary_max": "", "currency": "", "source_url": "", "deadline": ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := validOpportunity()
			tc.change(&o)
			checkFields(t, o.Validate(), tc.fields)
		})
	}
}

func TestApplicationValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		a      Pursuit
		fields map[string]string
	}{
		{"valid", Pursuit{Stage: Offer, AppliedOn: "2025-01-10", FollowUp: "2025-01-24", Offer: Money{52000, "GBP"}}, nil},
		{"saved, nothing else", Pursuit{Stage: Saved}, nil},
		{"unknown stage", Pursuit{Stage: "hired"}, map[string]string{"stage": "one of saved"}},
		{"bad dates", Pursuit{Stage: Applied, AppliedOn: "yesterday", FollowUp: "2025-13-01"},
			map[string]string{"applied_on": "YYYY-MM-DD", "follow_up": "YYYY-MM-DD"}},
		{"offer without currency", Pursuit{Stage: Offer, Offer: Money{Amount: 50000}}, map[string]string{"offer_currency": "ISO 4217"}},
		{"negative offer", Pursuit{Stage: Offer, Offer: Money{-1, "USD"}}, map[string]string{"offer_amount": "negative"}},
	} {
		t.Run(tc.name, func(t *testing.T) { checkFields(t, tc.a.Validate(), tc.fields) })
	}
}

func TestInterviewValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		iv     InterviewRecord
		fields map[string]string
	}{
		{"date and time", InterviewRecord{At: "2025-02-03T14:00:00Z", Kind: "technical", People: "Sam, Priya"}, nil},
		{"date only", InterviewRecord{At: "2025-02-03", Kind: "phone"}, nil},
		{"no date, unknown kind", InterviewRecord{Kind: "chat"}, map[string]string{"at": "required", "kind": "one of phone"}},
		{"bad date", InterviewRecord{At: "next Tuesday", Kind: "video"}, map[string]string{"at": "YYYY-MM-DD"}},
	} {
		t.Run(tc.name, func(t *testing.T) { checkFields(t, tc.iv.Validate(), tc.fields) })
	}
}

// checkFields asserts an Invalid error naming exactly the fields, each
// problem containing its fragment; nil fields means no error.
func checkFields(t *testing.T, err error, fields map[string]string) {
	t.Helper()
	if fields == nil {
		if err != nil {
			t.Fatalf("valid input refused: %v", err)
		}
		return
	}
	e := apptest.Error(t, err, app.Invalid)
	if len(e.Fields) != len(fields) {
		t.Errorf("fields %v, want %v", e.Fields, fields)
	}
	for f, frag := range fields {
		if p, ok := e.Fields[f]; !ok || !strings.Contains(p, frag) {
			t.Errorf("%s: %q, want it to say %q", f, p, frag)
		}
	}
}

func TestFollowUpDue(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	// 23:30 UTC on 14 March is already 15 March in Berlin
	now := time.Date(2026, 3, 14, 23, 30, 0, 0, time.UTC).In(berlin)
	for _, tc := range []struct {
		followUp string
		stage    Stage
		want     Due
	}{
		{"", Applied, NotDue},
		{"2026-03-16", Applied, NotDue},
		{"2026-03-15", Applied, DueNow},
		{"2026-03-14", Applied, Overdue},
		{"2026-01-02", Interview, Overdue},
		{"2026-01-02", Rejected, NotDue}, // closed: nothing to follow up
	} {
		a := Application{Pursuit: Pursuit{Stage: tc.stage, FollowUp: tc.followUp}}
		if got := a.FollowUpDue(now); got != tc.want {
			t.Errorf("follow-up %q at stage %s: %q, want %q", tc.followUp, tc.stage, got, tc.want)
		}
	}
}
