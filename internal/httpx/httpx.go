// Package httpx holds what devpath's two HTTP faces, the JSON API and the
// pages, share: the services they call, the session cookie, the one mapping
// from error codes to statuses, and form parsing that tells a body too
// large from a malformed one.
package httpx

import (
	"devpath/internal/account"
	"devpath/internal/checker"
	"devpath/internal/cohort"
	"devpath/internal/credential"
	"devpath/internal/jobsearch"
	"devpath/internal/match"
	"devpath/internal/mentor"
	"devpath/internal/network"
	"devpath/internal/notify"
	"devpath/internal/plan"
	"devpath/internal/portfolio"
	"devpath/internal/practice"
	"devpath/internal/progress"
	"devpath/internal/resume"
	"devpath/internal/roadmap"
	"devpath/internal/story"
)

// Services are what the handlers of both faces call, with the settings
// they need to speak about the site.
type Services struct {
	Accounts     *account.Service
	Roadmaps     *roadmap.Catalog
	Progress     *progress.Service
	Plans        *plan.Service
	Projects     *checker.Catalog
	Checks       *checker.Service
	Exercises    *practice.Service
	Applications *jobsearch.Service
	Network      *network.Service
	Resumes      *resume.Service
	Match        *match.Service
	Portfolio    *portfolio.Service
	Notify       *notify.Service
	Cohorts      *cohort.Service
	Credentials  *credential.Service
	Stories      *story.Service
	Mentors      *mentor.Service
	Guide        roadmap.Guide

	BaseURL       string // the public address, for links that leave the site
	SecureCookies bool   // set when BaseURL is https
	Version       string
}
