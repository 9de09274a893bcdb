package roadmap

import (
	"fmt"
	"io/fs"

	"github.com/goccy/go-yaml"
)

// Guide is the advice beside the roadmap: what to do first from each
// starting point, the education routes and how long they take, and the
// questions newcomers ask (content/guide/guide.yaml).
type Guide struct {
	StartingPoints []GuideStart `yaml:"starting_points"`
	Routes         []GuideRoute `yaml:"routes"`
	FAQ            []Question   `yaml:"faq"`
}

// GuideStart is one starting point and its first moves.
type GuideStart struct {
	ID      StartingPoint `yaml:"id"`
	Summary string        `yaml:"summary"`
	First   []string      `yaml:"first"`
}

// Label is the starting point as learners read it.
func (g GuideStart) Label() string { return g.ID.Label() }

// GuideRoute is one education route.
type GuideRoute struct {
	ID       string `yaml:"id"`
	Duration string `yaml:"duration"`
	About    string `yaml:"about"`
}

// Question is one of the frequent questions.
type Question struct {
	Question string `yaml:"question"`
	Answer   string `yaml:"answer"`
}

// LoadGuide reads guide/guide.yaml from fsys: strictly, and every
// starting point must be known.
func LoadGuide(fsys fs.FS) (Guide, error) {
	const name = "guide/guide.yaml"
	var g Guide
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return g, err
	}
	if err := yaml.UnmarshalWithOptions(b, &g, yaml.Strict()); err != nil {
		return g, fmt.Errorf("%s: %w", name, err)
	}
	for _, s := range g.StartingPoints {
		if !s.ID.Valid() || len(s.First) == 0 {
			return g, fmt.Errorf("%s: starting point %q is unknown or has no first steps", name, s.ID)
		}
	}
	if len(g.Routes) == 0 || len(g.FAQ) == 0 {
		return g, fmt.Errorf("%s: routes and faq are required", name)
	}
	return g, nil
}
