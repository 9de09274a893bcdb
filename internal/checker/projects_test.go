package checker

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/goccy/go-yaml"
)

func TestShippedProjects(t *testing.T) {
	ps := shipped(t).All()
	var names []string
	for _, p := range ps {
		names = append(names, p.Name)
		if p.Title == "" || p.Summary == "" || p.Spec == "" {
			t.Errorf("%s: title, summary or spec is empty", p.Name)
		}
	}
	if !slices.Equal(names, []string{"notes-api", "conduit", "shortener"}) {
		t.Errorf("projects are %v", names)
	}
}

// The stage data (content/projects/*/stages.yaml) and the stage code agree:
// every data stage has code, every code stage has data, in the same order.
func TestStageDataMatchesCode(t *testing.T) {
	for _, s := range suites() {
		raw, err := fs.ReadFile(contentFS, "projects/"+s.name+"/stages.yaml")
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		var pf projectFile
		if err := yaml.Unmarshal(raw, &pf); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		var data []string
		for _, st := range pf.Stages {
			data = append(data, st.Slug)
		}
		if code := codeSlugs(s.suite); !slices.Equal(data, code) {
			t.Errorf("%s:\n data %v\n code %v", s.name, data, code)
		}
	}
}

func codeSlugs(s suite) []string {
	var out []string
	for _, st := range s(nil) {
		out = append(out, st.slug)
	}
	return out
}

// stagesYAML writes a valid stages.yaml holding the given slugs.
func stagesYAML(slugs ...string) *fstest.MapFile {
	var b strings.Builder
	b.WriteString("title: T\nsummary: S\nstages:\n")
	for _, s := range slugs {
		fmt.Fprintf(&b, "  - slug: %s\n    title: t\n    description: d\n", s)
	}
	return &fstest.MapFile{Data: []byte(b.String())}
}

// withHints is stagesYAML with a hints section of the given lines.
func withHints(slugs []string, lines string) *fstest.MapFile {
	return &fstest.MapFile{Data: append(stagesYAML(slugs...).Data, "hints:\n"+lines...)}
}

// shippedFS is a copy of the projects with the code's own slugs, to change.
func shippedFS() fstest.MapFS {
	return fstest.MapFS{
		"notes-api/stages.yaml": stagesYAML(codeSlugs(notesSuite)...),
		"conduit/stages.yaml":   stagesYAML(codeSlugs(conduitSuite)...),
		"shortener/stages.yaml": stagesYAML(codeSlugs(shortenerSuite)...),
	}
}

func TestLoadReportsDisagreement(t *testing.T) {
	notes := codeSlugs(notesSuite)
	swapped := slices.Clone(notes)
	swapped[0], swapped[1] = swapped[1], swapped[0]
	for _, tc := range []struct {
		name   string
		change func(fstest.MapFS)
		want   string
	}{
		{"data stage without code", func(m fstest.MapFS) {
			m["notes-api/stages.yaml"] = stagesYAML(append(slices.Clone(notes), "websockets")...)
		},
			`notes-api: stage "websockets" is in stages.yaml but has no code`},
		{"code stage without data", func(m fstest.MapFS) { m["notes-api/stages.yaml"] = stagesYAML(notes[:len(notes)-1]...) },
			`notes-api: stage "etag" has code but is not in stages.yaml`},
		{"different order", func(m fstest.MapFS) { m["notes-api/stages.yaml"] = stagesYAML(swapped...) },
			"notes-api: stages.yaml lists create-note, health"},
		{"project without data", func(m fstest.MapFS) { delete(m, "conduit/stages.yaml") },
			"conduit: the code has stages but there is no folder"},
		{"project without code", func(m fstest.MapFS) { m["graphql/stages.yaml"] = stagesYAML("one") },
			"graphql: the folder has no stage code"},
		{"unknown field", func(m fstest.MapFS) {
			m["conduit/stages.yaml"] = &fstest.MapFile{Data: append(stagesYAML(codeSlugs(conduitSuite)...).Data, "level: hard\n"...)}
		}, "conduit/stages.yaml"},
		{"bad slug", func(m fstest.MapFS) {
			m["notes-api/stages.yaml"] = stagesYAML(append(slices.Clone(notes), "Bad_Slug")...)
		},
			`slug "Bad_Slug" should be lowercase words joined by dashes`},
		{"duplicate slug", func(m fstest.MapFS) {
			m["notes-api/stages.yaml"] = stagesYAML(append(slices.Clone(notes), "health")...)
		},
			`slug "health" appears twice`},
		{"missing description", func(m fstest.MapFS) {
			m["notes-api/stages.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(stagesYAML(notes...).Data), "    description: d\n", "", 1))}
		}, `stage "health" needs a title and a description`},
		{"hint for an unknown kind", func(m fstest.MapFS) {
			m["notes-api/stages.yaml"] = withHints(notes, "  status-200: h\n")
		}, `notes-api/stages.yaml: hints: "status-200" is not a kind of problem the checker reports`},
		{"hint for an unknown stage", func(m fstest.MapFS) {
			m["notes-api/stages.yaml"] = withHints(notes, "  websockets/value: h\n")
		}, `hints: "websockets/value" names no stage of the project`},
		{"empty hint", func(m fstest.MapFS) {
			m["notes-api/stages.yaml"] = withHints(notes, "  health/value: \"\"\n")
		}, `hints: "health/value" is empty`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := shippedFS()
			tc.change(m)
			_, err := Load(m, ".")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v\nwant an error containing %q", err, tc.want)
			}
		})
	}
}

func TestLoadAcceptsAgreeingData(t *testing.T) {
	c, err := Load(shippedFS(), ".")
	if err != nil || len(c.All()) != 3 {
		t.Fatalf("%v, %v", c, err)
	}
}

func TestLookup(t *testing.T) {
	c := shipped(t)
	p, err := c.Lookup("conduit")
	if err != nil || p.Name != "conduit" || len(p.Stages) != 15 {
		t.Errorf("conduit: %+v, %v", p.Name, err)
	}
	if _, err := c.Lookup("todo-api"); err == nil || !strings.Contains(err.Error(), `unknown project "todo-api"; the projects are notes-api, conduit, shortener`) {
		t.Errorf("unknown project: %v", err)
	}
}

func TestCatalogHandsOutCopies(t *testing.T) {
	c, err := Load(shippedFS(), ".")
	if err != nil {
		t.Fatal(err)
	}
	all := c.All()
	all[0].Stages[0].Title = "changed"
	all[1] = Project{}
	p, err := c.Lookup("notes-api")
	if err != nil || p.Stages[0].Title == "changed" {
		t.Errorf("a change to All's result reached the catalog: %v", err)
	}
	p.Stages[0].Title = "changed"
	if again := c.All(); again[0].Stages[0].Title == "changed" || again[1].Name != "conduit" {
		t.Error("a change to Lookup's result reached the catalog")
	}
}

func TestLoadReportsMissingFolder(t *testing.T) {
	if _, err := Load(shippedFS(), "nowhere"); err == nil {
		t.Error("no error for a folder that does not exist")
	}
}
