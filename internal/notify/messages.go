package notify

import (
	"fmt"
	"strconv"
	"strings"
)

// The words of each kind. They take plain values, so that this package
// needs none of the packages that decide what is due.

// ReviewsDueMessage tells that the topics titled are due for a review; link
// is where the reviews are recorded.
func ReviewsDueMessage(titles []string, link string) Message {
	n := len(titles)
	title := "1 topic is due for a review"
	if n != 1 {
		title = strconv.Itoa(n) + " topics are due for a review"
	}
	return Message{Title: title, Link: link,
		Body: "Going over " + listed(titles, 3) + " again now keeps what you learnt from fading."}
}

// FollowUp is an application whose follow-up date has come.
type FollowUp struct {
	Company, Title string
	Due            string // YYYY-MM-DD
}

// FollowUpsDueMessage tells which applications to follow up on; link is
// where they are.
func FollowUpsDueMessage(due []FollowUp, link string) Message {
	names := make([]string, len(due))
	for i, f := range due {
		names[i] = f.Company
	}
	title := "Follow up with " + listed(names, 2)
	parts := make([]string, len(due))
	for i, f := range due {
		parts[i] = fmt.Sprintf("%s (%s), due %s", f.Company, f.Title, f.Due)
	}
	return Message{Title: title, Link: link, Body: "A short, friendly note keeps your application in mind: " + strings.Join(parts, "; ") + "."}
}

// ContactsDueMessage names the contacts whose keep-in-touch day has come;
// link is where they are listed.
func ContactsDueMessage(names []string, link string) Message {
	verb := "are"
	if len(names) == 1 {
		verb = "is"
	}
	return Message{Title: "Get back in touch with " + listed(names, 2), Link: link,
		Body: "A message, a call or a coffee keeps a connection alive: " + listed(names, 5) + " " + verb + " due."}
}

// CheckRun is a check of a learner's project that has ended.
type CheckRun struct {
	Project      string
	Passed       bool
	StagesPassed int
	Stages       int
}

// CheckFinishedMessage tells how a check ended; link is its report.
func CheckFinishedMessage(r CheckRun, link string) Message {
	if r.Passed {
		return Message{Title: "Your " + r.Project + " check passed", Link: link,
			Body: fmt.Sprintf("All %d stages passed. You can show this run as proof on a portfolio project.", r.Stages)}
	}
	return Message{Title: "Your " + r.Project + " check failed", Link: link,
		Body: fmt.Sprintf("%d of %d stages passed. The report shows, stage by stage, what was sent and what came back.", r.StagesPassed, r.Stages)}
}

// CohortWeek is one cohort's week, as its staff hear of it.
type CohortWeek struct {
	Name     string
	Learners int
	Flagged  []string // "Ada: no progress for 9 days ...", one a flagged learner
}

// CohortWeekMessage sums up the week of the cohorts a person is staff of;
// link is where their cohorts are.
func CohortWeekMessage(weeks []CohortWeek, link string) Message {
	flagged := 0
	parts := make([]string, len(weeks))
	for i, w := range weeks {
		flagged += len(w.Flagged)
		parts[i] = fmt.Sprintf("%s: %d of %d learners flagged", w.Name, len(w.Flagged), w.Learners)
		if len(w.Flagged) > 0 {
			parts[i] += " (" + listed(w.Flagged, 3) + ")"
		}
	}
	title := "Nobody in your cohorts is flagged this week"
	if flagged > 0 {
		title = fmt.Sprintf("%d learners in your cohorts may be stuck", flagged)
		if flagged == 1 {
			title = "1 learner in your cohorts may be stuck"
		}
	}
	return Message{Title: title, Link: link, Body: strings.Join(parts, "; ") + "."}
}

// CredentialIssuedMessage tells a learner a credential waits for them.
func CredentialIssuedMessage(name, link string) Message {
	return Message{Title: "A credential for you: " + name, Link: link,
		Body: "devpath issued it from your evidence. Accept it to make it yours; then you may show it on your public page."}
}

// listed names the first max of names and counts the rest: "A, B and 3 more".
func listed(names []string, max int) string {
	if len(names) > max {
		return strings.Join(names[:max], ", ") + " and " + strconv.Itoa(len(names)-max) + " more"
	}
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
