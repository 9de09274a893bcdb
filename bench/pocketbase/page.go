package main

import "html/template"

// The page shows what devpath's roadmap page shows a learner: a summary,
// each step with its count, each topic with its status and the buttons that
// change it. It has no site layout around it, so it is the smaller page.
const pageHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body><main>
<h1>{{.Title}}</h1>
<p><strong>{{.Total.Percent}}%</strong> done · {{.Total.Done}} done, {{.Total.Learning}} learning, {{.Total.Todo}} to do, {{.Total.Skipped}} skipped</p>
{{range .Steps}}
<section id="step-{{.ID}}"><h2>{{.Title}}</h2>
<p>{{.Count.Percent}}% done · {{.Count.Done}} of {{.Count.All}} topics</p>
<ul>{{range .Topics}}
<li class="topic status-{{.Status}}" id="t-{{.ID}}"><a href="/devpath/roadmaps/{{$.Slug}}/topics/{{.ID}}">{{.Title}}</a> <span class="badge">{{.Status}}</span>
<form method="post" action="/devpath/roadmaps/{{$.Slug}}/topics/{{.ID}}/status">{{$s := .Status}}{{range $.Statuses}}<button name="status" value="{{.}}" aria-pressed="{{eq . $s}}">{{.}}</button>{{end}}</form></li>{{end}}
</ul></section>
{{end}}
</main></body></html>`

func newPageTemplate() (*template.Template, error) {
	return template.New("roadmap").Parse(pageHTML)
}

type count struct{ Done, Learning, Todo, Skipped, All, Percent int }

func (c *count) add(status string) {
	switch status {
	case "done":
		c.Done++
	case "learning":
		c.Learning++
	case "skipped":
		c.Skipped++
	default:
		c.Todo++
	}
	c.All++
	if n := c.All - c.Skipped; n > 0 {
		c.Percent = 100 * c.Done / n
	}
}

type pageTopic struct{ ID, Title, Status string }

type pageStep struct {
	ID, Title string
	Count     count
	Topics    []pageTopic
}

type pageView struct {
	Slug, Title string
	Total       count
	Steps       []pageStep
	Statuses    []string
}

func buildPage(rm *roadmap, status map[string]string) pageView {
	v := pageView{Slug: rm.Slug, Title: rm.Title, Statuses: statuses}
	for _, s := range rm.Steps {
		ps := pageStep{ID: s.ID, Title: s.Title}
		for _, t := range s.Topics {
			st := status[t.ID]
			if st == "" {
				st = "todo"
			}
			ps.Count.add(st)
			v.Total.add(st)
			ps.Topics = append(ps.Topics, pageTopic{ID: t.ID, Title: t.Title, Status: st})
		}
		v.Steps = append(v.Steps, ps)
	}
	return v
}
