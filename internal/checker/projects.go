package checker

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
)

// step is the logic of one stage, bound to the state of one run.
type step struct {
	slug  string
	run   func(context.Context) error
	needs []string // what earlier stages must have made for this one to run
	gives []string // what this stage makes for later ones, once it has it (harness.give)
}

// suite builds a project's steps around fresh per-run state. It must not use h
// while building: bindable calls it with nil to read the slugs.
type suite func(h *harness) []step

type namedSuite struct {
	name  string
	suite suite
}

// suites is the code half of the projects, in the order Catalog.All lists them:
// the beginner's project first.
func suites() []namedSuite {
	return []namedSuite{
		{"notes-api", notesSuite},
		{"conduit", conduitSuite},
		{"shortener", shortenerSuite},
	}
}

// The file shape of content/projects/<name>/stages.yaml.
type projectFile struct {
	Title   string      `yaml:"title"`
	Summary string      `yaml:"summary"`
	Stages  []stageFile `yaml:"stages"`
	// Hints by the kind of problem they explain: "issue" or "slug/issue".
	Hints map[string]string `yaml:"hints"`
}

type stageFile struct {
	Slug        string `yaml:"slug"`
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
}

// Catalog is the checkable projects, in the order learners meet them. Load
// one at start and hand it to whoever needs it; it does not change after.
type Catalog struct {
	projects []Project
}

// All returns the projects in order. The slice and the projects are copies.
func (c *Catalog) All() []Project {
	out := make([]Project, len(c.projects))
	for i, p := range c.projects {
		out[i] = p.clone()
	}
	return out
}

// Lookup returns a copy of the project with that name.
func (c *Catalog) Lookup(name string) (Project, error) {
	for _, p := range c.projects {
		if p.Name == name {
			return p.clone(), nil
		}
	}
	return Project{}, fmt.Errorf("unknown project %q; the projects are %s", name, c.names())
}

// names lists the projects' names, in order, for messages.
func (c *Catalog) names() string {
	var names []string
	for _, p := range c.projects {
		names = append(names, p.Name)
	}
	return strings.Join(names, ", ")
}

// clone copies p so that a caller changing its stages changes no one else's.
func (p Project) clone() Project {
	p.Stages = slices.Clone(p.Stages)
	return p
}

// Load reads the projects in folder dir of fsys, one folder each holding
// stages.yaml and, optionally, SPEC.md, and binds them to their stage code.
// It fails when the data and the code disagree: a project or stage on one
// side only, or stages in a different order. The server passes content's
// embedded files and "projects".
func Load(fsys fs.FS, dir string) (*Catalog, error) {
	fsys, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("reading projects: %w", err)
	}
	dirs, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("reading projects: %w", err)
	}
	found := map[string]bool{}
	var errs []error
	for _, d := range dirs {
		if d.IsDir() {
			found[d.Name()] = true
		}
	}
	var out []Project
	for _, s := range suites() {
		if !found[s.name] {
			errs = append(errs, fmt.Errorf("%s: the code has stages but there is no folder %s/ with stages.yaml", s.name, s.name))
			continue
		}
		delete(found, s.name)
		p, err := loadProject(fsys, s)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, p)
	}
	for _, name := range slices.Sorted(maps.Keys(found)) {
		errs = append(errs, fmt.Errorf("%s: the folder has no stage code in internal/checker", name))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &Catalog{projects: out}, nil
}

func loadProject(fsys fs.FS, s namedSuite) (Project, error) {
	file := path.Join(s.name, "stages.yaml")
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return Project{}, fmt.Errorf("%s: %w", s.name, err)
	}
	var pf projectFile
	if err := yaml.UnmarshalWithOptions(data, &pf, yaml.Strict()); err != nil {
		return Project{}, fmt.Errorf("%s: %w", file, err)
	}
	p := Project{Name: s.name, Title: pf.Title, Summary: pf.Summary, suite: s.suite, hints: pf.Hints}
	if spec, err := fs.ReadFile(fsys, path.Join(s.name, "SPEC.md")); err == nil {
		p.Spec = string(spec)
	}
	for _, sf := range pf.Stages {
		p.Stages = append(p.Stages, Stage{Slug: sf.Slug, Title: sf.Title, Description: sf.Description})
	}
	if err := p.validate(file); err != nil {
		return Project{}, err
	}
	return p, nil
}

// validate checks the data on its own, then against the code.
func (p Project) validate(file string) error {
	var errs []error
	if p.Title == "" || p.Summary == "" {
		errs = append(errs, fmt.Errorf("%s: the project needs a title and a summary", file))
	}
	seen := map[string]bool{}
	for i, st := range p.Stages {
		switch {
		case !validSlug(st.Slug):
			errs = append(errs, fmt.Errorf("%s: stage %d: slug %q should be lowercase words joined by dashes", file, i+1, st.Slug))
		case seen[st.Slug]:
			errs = append(errs, fmt.Errorf("%s: stage %d: slug %q appears twice", file, i+1, st.Slug))
		case st.Title == "" || st.Description == "":
			errs = append(errs, fmt.Errorf("%s: stage %q needs a title and a description", file, st.Slug))
		}
		seen[st.Slug] = true
	}
	errs = append(errs, checkHints(file, p.hints, seen))
	errs = append(errs, matchCode(p))
	return errors.Join(errs...)
}

// checkHints refuses a hint for a kind of problem the code never reports,
// or for a stage that does not exist: a typo would hide the hint for good.
func checkHints(file string, hints map[string]string, stages map[string]bool) error {
	var errs []error
	for _, key := range slices.Sorted(maps.Keys(hints)) {
		slug, issue, scoped := strings.Cut(key, "/")
		if !scoped {
			slug, issue = "", key
		}
		switch {
		case !knownIssues[issue]:
			errs = append(errs, fmt.Errorf("%s: hints: %q is not a kind of problem the checker reports", file, key))
		case scoped && !stages[slug]:
			errs = append(errs, fmt.Errorf("%s: hints: %q names no stage of the project", file, key))
		case strings.TrimSpace(hints[key]) == "":
			errs = append(errs, fmt.Errorf("%s: hints: %q is empty", file, key))
		}
	}
	return errors.Join(errs...)
}

// matchCode compares the data's stage slugs with the code's, in order.
func matchCode(p Project) error {
	var data, code []string
	for _, st := range p.Stages {
		data = append(data, st.Slug)
	}
	for _, st := range p.suite(nil) {
		code = append(code, st.slug)
	}
	var errs []error
	for _, s := range data {
		if !slices.Contains(code, s) {
			errs = append(errs, fmt.Errorf("%s: stage %q is in stages.yaml but has no code", p.Name, s))
		}
	}
	for _, s := range code {
		if !slices.Contains(data, s) {
			errs = append(errs, fmt.Errorf("%s: stage %q has code but is not in stages.yaml", p.Name, s))
		}
	}
	if len(errs) == 0 && !slices.Equal(data, code) {
		errs = append(errs, fmt.Errorf("%s: stages.yaml lists %s but the code runs %s", p.Name, strings.Join(data, ", "), strings.Join(code, ", ")))
	}
	return errors.Join(errs...)
}

// validSlug accepts lowercase words of letters and digits joined by single dashes.
func validSlug(s string) bool {
	if s == "" || strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
		return false
	}
	return strings.Trim(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == ""
}
