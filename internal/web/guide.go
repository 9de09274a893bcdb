package web

import (
	"net/http"

	"devpath/internal/jobsearch"
	"devpath/internal/plan"
	"devpath/internal/roadmap"
	"devpath/internal/story"
)

// guidePage is the advice beside the roadmap, with the salary levels and
// their sources.
type guidePage struct {
	roadmap.Guide
	Salaries []jobsearch.SalarySource
}

func (guidePage) RouteLabel(id string) string { return story.RouteLabel(plan.Route(id)) }

// Money writes an amount as people read it: "$77,467".
func (guidePage) Money(amount int64, currency string) string {
	return jobsearch.Money{Amount: amount, Currency: currency}.String()
}

func (w *Web) guidePage(rw http.ResponseWriter, r *http.Request) {
	page := guidePage{Guide: w.Guide, Salaries: w.Applications.Salaries().Sources}
	w.render(rw, r, http.StatusOK, "guide", w.view(r, "Guide", page))
}
