package roadmap

import (
	"strings"
	"testing"
	"testing/fstest"

	"devpath/content"
)

const goodYAML = `slug: demo
title: Demo
summary: A small roadmap.
version: 1
steps:
  - id: learn
    title: Learn
  - id: build
    title: Build
topics:
  - id: http
    title: HTTP
    step: learn
    estimate_hours: 4
    aliases: [http-basics]
  - id: go
    title: Go
    step: learn
    estimate_hours: 40
    prerequisites: [http]
    choice_group: language
  - id: python
    title: Python
    step: learn
    estimate_hours: 40
    prerequisites: [http]
    choice_group: language
  - id: api
    title: An API
    step: build
    estimate_hours: 10
    prerequisites: [go]
backgrounds:
  - id: web
    title: Web developer
    starting_point: related_change
    known: [http]
`

func topicMD(title string) string {
	return "---\nresources:\n  - kind: docs\n    title: " + title + " docs\n    url: https://example.org/" + title +
		"\n    free: true\n  - kind: book\n    title: A book\n    url: https://example.org/book\n    free: false\n---\nLearn **" + title + "**.\n"
}

func fixture(edit func(fstest.MapFS)) fstest.MapFS {
	fsys := fstest.MapFS{"demo/roadmap.yaml": {Data: []byte(goodYAML)}}
	for _, id := range []string{"http", "go", "python", "api"} {
		fsys["demo/topics/"+id+".md"] = &fstest.MapFile{Data: []byte(topicMD(id))}
	}
	if edit != nil {
		edit(fsys)
	}
	return fsys
}

func replace(file, old, new string) func(fstest.MapFS) {
	return func(fsys fstest.MapFS) {
		fsys[file].Data = []byte(strings.Replace(string(fsys[file].Data), old, new, 1))
	}
}

func TestLoadGood(t *testing.T) {
	r, problems := Load(fixture(nil), "demo")
	if problems != nil {
		t.Fatal(problems)
	}
	if len(r.Steps) != 2 || len(r.Steps[0].Topics) != 3 || len(r.Topics) != 4 || r.TotalHours() != 94 {
		t.Fatalf("unexpected shape: %d steps, %d topics", len(r.Steps), len(r.Topics))
	}
	tp, err := r.Topic("http-basics")
	if err != nil || tp.ID != "http" {
		t.Fatalf("alias lookup: %v %v", tp, err)
	}
	if !strings.Contains(string(tp.Description), "<strong>http</strong>") || len(tp.Resources) != 2 || tp.Resources[1].Free {
		t.Fatalf("topic file: %q %+v", tp.Description, tp.Resources)
	}
	if _, err := r.Topic("nope"); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Fatalf("unknown topic: %v", err)
	}
}

func TestLoadBroken(t *testing.T) {
	const yml, httpMD = "demo/roadmap.yaml", "demo/topics/http.md"
	for _, tc := range []struct {
		name string
		edit func(fstest.MapFS)
		want string // file:line: message fragment
	}{
		{"unknown prerequisite", replace(yml, "prerequisites: [go]", "prerequisites: [rust]"), `demo/roadmap.yaml:32: topic "api": unknown prerequisite "rust"`},
		{"cycle", replace(yml, "    estimate_hours: 4\n", "    estimate_hours: 4\n    prerequisites: [api]\n"),
			"prerequisite cycle: http -> api -> go -> http"},
		{"duplicate id", replace(yml, "id: python", "id: go"), `demo/roadmap.yaml:22: topic id "go" is already used by topic "go"`},
		{"alias taken by an id", replace(yml, "aliases: [http-basics]", "aliases: [api]"), `demo/roadmap.yaml:15: alias "api" of topic "http" is already used by topic "api"`},
		{"missing topic file", func(f fstest.MapFS) { delete(f, "demo/topics/api.md") }, `demo/roadmap.yaml:28: topic "api" has no file demo/topics/api.md`},
		{"stray topic file", func(f fstest.MapFS) { f["demo/topics/old.md"] = &fstest.MapFile{Data: []byte(topicMD("old"))} }, `demo/topics/old.md: no topic "old"`},
		{"resource without url", replace(httpMD, "    url: https://example.org/book\n", ""), `demo/topics/http.md:7: resource 2: url "" is not an absolute http(s) address`},
		{"resource without kind", replace(httpMD, "kind: book", "kind: podcast"), `demo/topics/http.md:7: resource 2: kind "podcast" is not one of`},
		{"estimate out of range", replace(yml, "estimate_hours: 10", "estimate_hours: 0"), `demo/roadmap.yaml:31: topic "api": estimate_hours 0 is out of range 1 to 300`},
		{"unknown step", replace(yml, "step: build", "step: ship"), `demo/roadmap.yaml:30: topic "api": unknown step "ship"`},
		{"misspelt field", replace(yml, "estimate_hours: 40", "estimated_hours: 40"), `demo/roadmap.yaml:19`},
		{"bad yaml", replace(yml, "title: Demo", "title: [Demo"), `demo/roadmap.yaml:`},
		{"no front matter", replace(httpMD, "---\n", ""), `demo/topics/http.md:1: missing front matter`},
		{"slug differs from folder", replace(yml, "slug: demo", "slug: other"), `demo/roadmap.yaml:1: slug "other" differs from its folder name "demo"`},
		{"background knows an unknown topic", replace(yml, "known: [http]", "known: [html]"), `demo/roadmap.yaml:37: background "web": unknown topic "html"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, problems := Load(fixture(tc.edit), "demo")
			if r != nil || problems == nil {
				t.Fatal("want problems, got a roadmap")
			}
			if !strings.Contains(problems.Error(), tc.want) {
				t.Fatalf("problems lack %q:\n%s", tc.want, problems.Error())
			}
		})
	}
}

// TestShippedRoadmap holds the backend roadmap to the bar the product promises.
func TestShippedRoadmap(t *testing.T) {
	r, problems := Load(content.Roadmaps, "roadmaps/backend")
	if problems != nil {
		t.Fatal(problems)
	}
	resources := 0
	for _, tp := range r.Topics {
		resources += len(tp.Resources)
		if len(tp.Resources) < 2 {
			t.Errorf("topic %s has %d resources, want at least 2", tp.ID, len(tp.Resources))
		}
	}
	if len(r.Topics) < 90 || resources < 300 {
		t.Fatalf("%d topics and %d resources, want at least 90 and 300", len(r.Topics), resources)
	}
	if len(r.Steps) != 8 {
		t.Fatalf("%d steps, want the guide's 8", len(r.Steps))
	}
	languages := 0
	for _, tp := range r.Topics {
		if tp.ChoiceGroup == "language" {
			languages++
		}
	}
	if languages < 8 {
		t.Fatalf("%d languages in the choice group, want at least 8", languages)
	}
}
