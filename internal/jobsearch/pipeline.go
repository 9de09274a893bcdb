package jobsearch

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"devpath/internal/app"
)

// Stage is where an application stands.
type Stage string

const (
	Saved     Stage = "saved"
	Applied   Stage = "applied"
	Screening Stage = "screening"
	Interview Stage = "interview"
	Offer     Stage = "offer"
	Accepted  Stage = "accepted"
	Rejected  Stage = "rejected"
	Withdrawn Stage = "withdrawn"
	Ghosted   Stage = "ghosted"
)

// Stages lists every stage in board order: the way forward, then the ways
// an application closes.
func Stages() []Stage {
	return []Stage{Saved, Applied, Screening, Interview, Offer, Accepted, Rejected, Withdrawn, Ghosted}
}

// Valid reports whether s is one of Stages.
func (s Stage) Valid() bool { return slices.Contains(Stages(), s) }

// Closed reports the stages where an application is over.
func (s Stage) Closed() bool {
	return s == Accepted || s == Rejected || s == Withdrawn || s == Ghosted
}

// Move checks a change of stage. Any move between valid stages is allowed,
// because real searches jump (an offer straight after applying, a rejection
// after the offer), except that moving a closed application back to saved
// throws away its outcome, so it needs confirmed: without it the error is a
// Conflict asking for confirmation.
func Move(from, to Stage, confirmed bool) error {
	problems := app.Problems{}
	if !from.Valid() {
		problems.Add("from", "unknown stage "+quoteStage(from))
	}
	if !to.Valid() {
		problems.Add("stage", "one of "+stageList())
	}
	if err := problems.Err(); err != nil {
		return err
	}
	if from.Closed() && to == Saved && !confirmed {
		return &app.Error{
			Code: app.Conflict,
			Message: fmt.Sprintf("This application is closed (%s). Moving it back to saved reopens it as if you had not applied yet; "+
				"confirm to move it anyway.", from),
			Fields: map[string]string{"confirm": "confirm reopening a closed application"},
		}
	}
	return nil
}

func quoteStage(s Stage) string { return fmt.Sprintf("%q", string(s)) }

func stageList() string {
	names := make([]string, 0, len(Stages()))
	for _, s := range Stages() {
		names = append(names, string(s))
	}
	return strings.Join(names, ", ")
}

// Kind is the kind of opportunity.
type Kind string

const (
	Job        Kind = "job"
	Internship Kind = "internship"
)

// Opportunity is a job or internship the learner is looking at. Dates are
// YYYY-MM-DD as typed, empty when unknown; salaries are whole units of
// Currency a year.
type Opportunity struct {
	Kind        Kind
	Company     string
	Title       string
	Location    string
	Remote      bool
	SalaryMin   int64
	SalaryMax   int64
	Currency    string // ISO 4217, such as USD or EUR
	SourceURL   string
	Description string
	Deadline    string
	StartDate   string // when the job or internship would start
	EndDate     string // when an internship would end
}

// Limits on what a person types, so one record cannot fill a database.
const (
	maxNameLen = 200
	maxTextLen = 100_000 // a pasted job description
)

// Validate checks an opportunity and names every field that is wrong.
func (o Opportunity) Validate() error {
	p := app.Problems{}
	if o.Kind != Job && o.Kind != Internship {
		p.Add("kind", "one of job, internship")
	}
	requireText(p, "company", o.Company)
	requireText(p, "title", o.Title)
	checkLen(p, "location", o.Location, maxNameLen)
	checkLen(p, "description", o.Description, maxTextLen)
	checkSalary(p, o.SalaryMin, o.SalaryMax, o.Currency)
	checkURL(p, "source_url", o.SourceURL)
	checkDate(p, "deadline", o.Deadline)
	checkPeriod(p, "start_date", o.StartDate, "end_date", o.EndDate)
	return p.Err()
}

func requireText(p app.Problems, field, v string) {
	if strings.TrimSpace(v) == "" {
		p.Add(field, "required")
		return
	}
	checkLen(p, field, v, maxNameLen)
}

func checkLen(p app.Problems, field, v string, limit int) {
	if len(v) > limit {
		p.Add(field, fmt.Sprintf("at most %d characters", limit))
	}
}

func checkSalary(p app.Problems, lo, hi int64, currency string) {
	if lo < 0 {
		p.Add("salary_min", "cannot be negative")
	}
	if hi < 0 {
		p.Add("salary_max", "cannot be negative")
	}
	if lo > 0 && hi > 0 && lo > hi {
		p.Add("salary_max", fmt.Sprintf("less than the minimum (%d)", lo))
	}
	if (lo > 0 || hi > 0) && currency == "" {
		p.Add("currency", "required with a salary, e.g. USD")
	}
	if currency != "" && !isCurrencyCode(currency) {
		p.Add("currency", "a three-letter ISO 4217 code such as USD, EUR or GBP")
	}
}

// isCurrencyCode checks the shape of an ISO 4217 code (three capital
// letters); devpath keeps no list of the codes in use.
func isCurrencyCode(c string) bool {
	if len(c) != 3 {
		return false
	}
	for _, r := range c {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// checkURL accepts empty or an absolute http(s) URL with a host, the only
// kind a link on the board can safely point to.
func checkURL(p app.Problems, field, v string) {
	if v == "" {
		return
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		p.Add(field, "an absolute http or https address, such as https://example.com/jobs/42")
		return
	}
	checkLen(p, field, v, 2000)
}

const dateLayout = "2006-01-02"

func checkDate(p app.Problems, field, v string) (time.Time, bool) {
	if v == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(dateLayout, v)
	if err != nil {
		p.Add(field, "a date written YYYY-MM-DD")
		return time.Time{}, false
	}
	return t, true
}

// checkPeriod checks both dates, and that the end is not before the start;
// the problem is reported on the end, which is usually the one mistyped.
func checkPeriod(p app.Problems, startField, start, endField, end string) {
	s, okS := checkDate(p, startField, start)
	e, okE := checkDate(p, endField, end)
	if okS && okE && e.Before(s) {
		p.Add(endField, fmt.Sprintf("before the start date (%s)", start))
	}
}

// Pursuit is the learner's pursuit of one opportunity.
type Pursuit struct {
	Stage     Stage
	AppliedOn string // YYYY-MM-DD, empty until applied
	FollowUp  string // YYYY-MM-DD: when to check in, shown on the dashboard when due
	Offer     Money  // zero until there is an offer
	Notes     string
	// ReferredBy is the contact of the learner's network who referred
	// them, nil for none.
	ReferredBy *int64
}

// Validate checks a pursuit and names every field that is wrong.
func (a Pursuit) Validate() error {
	p := app.Problems{}
	if !a.Stage.Valid() {
		p.Add("stage", "one of "+stageList())
	}
	checkDate(p, "applied_on", a.AppliedOn)
	checkDate(p, "follow_up", a.FollowUp)
	if a.Offer.Amount < 0 {
		p.Add("offer_amount", "cannot be negative")
	}
	if a.Offer.Amount > 0 && !isCurrencyCode(a.Offer.Currency) {
		p.Add("offer_currency", "a three-letter ISO 4217 code such as USD, EUR or GBP")
	}
	checkLen(p, "notes", a.Notes, maxTextLen)
	return p.Err()
}

// InterviewKinds are the kinds of interview an application records.
func InterviewKinds() []string {
	return []string{"phone", "video", "onsite", "technical", "behavioural", "take_home", "other"}
}

// InterviewRecord is one interview of an application. At is a date and
// time in RFC 3339 or YYYY-MM-DD as typed.
type InterviewRecord struct {
	At     string `json:"at"`
	Kind   string `json:"kind"`
	People string `json:"people"` // who interviewed, as the learner wrote it
	Notes  string `json:"notes"`
}

// Validate checks an interview and names every field that is wrong.
func (iv InterviewRecord) Validate() error {
	p := app.Problems{}
	if iv.At == "" {
		p.Add("at", "required")
	} else if !isDateOrTime(iv.At) {
		p.Add("at", "a date (YYYY-MM-DD) or a date and time (2025-02-03T14:00:00Z)")
	}
	if !slices.Contains(InterviewKinds(), iv.Kind) {
		p.Add("kind", "one of "+strings.Join(InterviewKinds(), ", "))
	}
	checkLen(p, "people", iv.People, maxNameLen*5)
	checkLen(p, "notes", iv.Notes, maxTextLen)
	return p.Err()
}

func isDateOrTime(s string) bool {
	_, errTime := time.Parse(time.RFC3339, s)
	_, errDate := time.Parse(dateLayout, s)
	return errTime == nil || errDate == nil
}

// Due is where an application's follow-up stands on a day.
type Due string

const (
	NotDue  Due = ""        // no follow-up date, a later one, or the application is closed
	DueNow  Due = "today"   // the follow-up date is today
	Overdue Due = "overdue" // the follow-up date has passed
)

// FollowUpDue tells where a's follow-up stands on today, a time in the
// learner's zone: the date is a day in that zone.
func (a Application) FollowUpDue(today time.Time) Due {
	day := today.Format(time.DateOnly)
	switch {
	case a.FollowUp == "" || a.Stage.Closed() || a.FollowUp > day:
		return NotDue
	case a.FollowUp == day:
		return DueNow
	}
	return Overdue
}
