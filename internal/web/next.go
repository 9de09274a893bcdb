package web

import (
	"context"
	"strconv"

	"devpath/internal/jobsearch"
	"devpath/internal/plan"
	"devpath/internal/progress"
)

// nextStep is one thing the dashboard suggests doing now, with its link.
type nextStep struct {
	Kind   string // week, review, exercise or follow-up: a word for the badge
	Title  string
	Href   string
	Detail string // a line of context: the job, when it was due
	// Resource is where to start: the topic's first resource, by its title.
	Resource, ResourceURL string
	Due                   jobsearch.Due // for a follow-up: where it stands today
}

// nextSteps gathers what to do now: this week's topics from the plan with
// their first resource, reviews due today, the next unsolved exercise of a
// topic being learnt, and follow-ups due. Each is one click away.
func (w *Web) nextSteps(ctx context.Context, user int64, d *dashboard, pv *progress.View) ([]nextStep, error) {
	var steps []nextStep
	if d.Plan != nil {
		steps = append(steps, weekSteps(d.Plan)...)
		if n := len(d.Plan.Due); n > 0 {
			steps = append(steps, nextStep{Kind: "review", Title: "Review " + strconv.Itoa(n) + " topic" + plural(n) + " you finished",
				Href: "/plan/" + d.Plan.Roadmap.Slug + "#reviews"})
		}
	}
	if pv != nil {
		var learning []string
		for id, e := range pv.Entries {
			if e.Status == progress.Learning {
				learning = append(learning, id)
			}
		}
		if b, ok, err := w.Exercises.Next(ctx, user, learning); err != nil {
			return nil, err
		} else if ok {
			steps = append(steps, nextStep{Kind: "exercise", Title: "Practise: " + b.Title, Href: "/practice/sql/" + b.ID})
		}
	}
	for _, a := range d.FollowUps {
		steps = append(steps, nextStep{Kind: "follow-up", Title: "Follow up with " + a.Company,
			Href: "/applications/" + strconv.FormatInt(a.ID, 10), Detail: a.Title + ", due " + a.FollowUp, Due: a.Due})
	}
	return steps, nil
}

// weekSteps are the topics of the plan's current week, each with the first
// resource that teaches it.
func weekSteps(v *plan.View) []nextStep {
	var steps []nextStep
	for _, wk := range v.Plan.Weeks {
		if v.Now.Before(wk.Start) || !v.Now.Before(wk.Start.AddDate(0, 0, 7)) {
			continue
		}
		for _, id := range wk.Topics {
			t, err := v.Roadmap.Topic(id)
			if err != nil {
				continue // a plan names only the roadmap's topics; nothing to show otherwise
			}
			s := nextStep{Kind: "this week", Title: t.Title, Href: "/roadmaps/" + v.Roadmap.Slug + "/topics/" + t.ID}
			if len(t.Resources) > 0 {
				s.Resource, s.ResourceURL = t.Resources[0].Title, t.Resources[0].URL
			}
			steps = append(steps, s)
		}
	}
	return steps
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
