// Package jobsearch is the learner's job search: opportunities (jobs and
// internships), the stages of an application and the moves between them,
// interviews and contacts, the funnel, the CSV export with stage history,
// companies applied to twice, and salary levels as data
// (career/salaries.yaml) to hold an offer against. The rules are pure; the
// service stores applications through its Store.
package jobsearch

const salariesFile = "career/salaries.yaml"
