package notify

import (
	"slices"
	"strings"
)

// Kind is what a notification is about. Each person chooses, per kind, how
// it reaches them.
type Kind string

const (
	ReviewsDue    Kind = "reviews_due"
	FollowUpsDue  Kind = "follow_ups_due"
	CheckFinished Kind = "check_finished"
	CohortWeekly  Kind = "cohort_week"
	ContactsDue   Kind = "contacts_due"
	// CredentialIssued: a credential waits for the learner to accept it.
	CredentialIssued Kind = "credential_issued"
	// MentorReply: a message in a mentoring thread; MentorQuiet: a
	// thread quiet for three weeks, which closes after four.
	MentorReply Kind = "mentor_reply"
	MentorQuiet Kind = "mentor_quiet"
	// MentorSession: the other side scheduled a mentoring session.
	MentorSession Kind = "mentor_session"
)

// KindInfo describes a kind to the person choosing how to get it.
type KindInfo struct {
	Kind  Kind   `json:"kind"`
	Label string `json:"label"`
	About string `json:"about"`
}

// kinds are every kind in the order the settings list them. A capability
// that notifies adds its kind here.
var kinds = []KindInfo{
	{ReviewsDue, "Reviews due", "Topics you finished that are due for another look, once a day at most."},
	{FollowUpsDue, "Follow-ups due", "Applications whose follow-up date has come, once a day at most."},
	{CheckFinished, "Project checks finished", "A check of your project's server has ended, passed or failed."},
	{CohortWeekly, "Cohort week", "For cohort staff, on Mondays: who in your cohorts is flagged as stuck, and why."},
	{ContactsDue, "Contacts to get back in touch with", "People in your network whose keep-in-touch day has come, once a day at most."},
	{CredentialIssued, "Credentials issued", "devpath issued you a credential, which waits for you to accept it."},
	{MentorReply, "Mentoring messages", "Your mentor or mentee wrote in one of your mentoring threads."},
	{MentorQuiet, "Quiet mentoring threads", "A mentoring thread has had no message for three weeks; it closes after four."},
	{MentorSession, "Mentoring sessions", "Your mentor or mentee scheduled a session with you."},
}

// Kinds returns every kind, in the settings' order.
func Kinds() []KindInfo { return slices.Clone(kinds) }

// Info describes k; ok is false for an unknown kind.
func (k Kind) Info() (KindInfo, bool) {
	i := slices.IndexFunc(kinds, func(ki KindInfo) bool { return ki.Kind == k })
	if i < 0 {
		return KindInfo{}, false
	}
	return kinds[i], true
}

func kindList() string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = string(k.Kind)
	}
	return strings.Join(names, ", ")
}

// Delivery is how notifications of a kind reach a person. The inbox in the
// app always gets a copy; email and digest add a letter.
type Delivery string

const (
	InApp  Delivery = "app"    // the inbox only
	Email  Delivery = "email"  // the inbox, and an email each
	Digest Delivery = "digest" // the inbox, and one email a day about 08:00 with everything new
)

// DefaultDelivery is the choice of someone who made none: nobody gets email
// they did not ask for.
const DefaultDelivery = InApp

// DigestHour is when, in a person's own time zone, the daily digest goes.
const DigestHour = 8

// Deliveries are the choices, in the settings' order, with their labels.
var Deliveries = []struct {
	Delivery Delivery
	Label    string
}{
	{InApp, "In the app only"},
	{Email, "By email, as it happens"},
	{Digest, "In a daily email digest, about 08:00 your time"},
}

// Valid tells whether d is one of the deliveries.
func (d Delivery) Valid() bool { return d == InApp || d == Email || d == Digest }

// emailed tells whether d sends a letter of some kind.
func (d Delivery) emailed() bool { return d == Email || d == Digest }
