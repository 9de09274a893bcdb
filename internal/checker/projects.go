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

	"devpath/content"
)

// step is the logic of one stage, bound to the state of one run.
type step struct {
	slug string
	run  func(context.Context) error
}

// suite builds a project's steps around fresh per-run state. It must not use h
// while building: bindable calls it with nil to read the slugs.
type suite func(h *harness) []step

type namedSuite struct {
	name  string
	suite suite
}

// suites is the code half of the projects, in the order Projects lists them:
// the beginner's project first.
func suites() []namedSuite {
	return []namedSuite{
		{"notes-api", notesSuite},
		{"conduit", conduitSuite},
	}
}

// The file shape of content/projects/<name>/stages.yaml.
type projectFile struct {
	Title   string      `yaml:"title"`
	Summary string      `yaml:"summary"`
	Stages  []stageFile `yaml:"stages"`
}

type stageFile struct {
	Slug        string `yaml:"slug"`
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Hint        string `yaml:"hint"`
}

// Projects returns the shipped projects. The embedded data is checked against
// the code by the package tests, so a mismatch here is a build defect, and it
// panics like regexp.MustCompile.
func Projects() []Project {
	ps, err := Load(shipped())
	if err != nil {
		panic("checker: shipped projects do not match the code: " + err.Error())
	}
	return ps
}

// Lookup returns the shipped project with that name.
func Lookup(name string) (Project, error) {
	ps, err := Load(shipped())
	if err != nil {
		return Project{}, err
	}
	var names []string
	for _, p := range ps {
		if p.Name == name {
			return p, nil
		}
		names = append(names, p.Name)
	}
	return Project{}, fmt.Errorf("unknown project %q; the projects are %s", name, strings.Join(names, ", "))
}

func shipped() fs.FS {
	sub, err := fs.Sub(content.Projects, "projects")
	if err != nil {
		panic(err) // only for an invalid path literal
	}
	return sub
}

// Load reads projects from fsys, one folder each holding stages.yaml and,
// optionally, SPEC.md, and binds them to their stage code. It fails when the
// data and the code disagree: a project or stage on one side only, or stages
// in a different order.
func Load(fsys fs.FS) ([]Project, error) {
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
	return out, errors.Join(errs...)
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
	p := Project{Name: s.name, Title: pf.Title, Summary: pf.Summary, suite: s.suite}
	if spec, err := fs.ReadFile(fsys, path.Join(s.name, "SPEC.md")); err == nil {
		p.Spec = string(spec)
	}
	for _, sf := range pf.Stages {
		p.Stages = append(p.Stages, Stage{Slug: sf.Slug, Title: sf.Title, Description: sf.Description, Hint: sf.Hint})
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
		case st.Title == "" || st.Description == "" || st.Hint == "":
			errs = append(errs, fmt.Errorf("%s: stage %q needs a title, a description and a hint", file, st.Slug))
		}
		seen[st.Slug] = true
	}
	errs = append(errs, matchCode(p))
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
