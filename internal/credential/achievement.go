package credential

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/goccy/go-yaml"
)

// Kind says what evidence earns an achievement.
type Kind string

const (
	ProjectKind   Kind = "project"   // a passing checker run of one project
	ExercisesKind Kind = "exercises" // every SQL exercise of one topic passed
	StepKind      Kind = "step"      // every topic of one roadmap step done
	CohortKind    Kind = "cohort"    // graduation, recorded by the cohort's admin
)

// Achievement is something devpath recognises, as data. Name, Description
// and Criteria may hold "{param}": the topic, step or cohort it is earned for.
type Achievement struct {
	ID          string `yaml:"id"`
	Kind        Kind   `yaml:"kind"`
	Project     string `yaml:"project"` // for ProjectKind: the checker project's slug
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Criteria    string `yaml:"criteria"`
	Colour      int    `yaml:"colour"` // the hue of its picture
}

// Parametrised tells whether the achievement is earned once per topic,
// step or cohort rather than once.
func (a Achievement) Parametrised() bool { return a.Kind != ProjectKind }

// For fills in the achievement's texts for one parameter (its title).
func (a Achievement) For(param string) Achievement {
	fill := func(s string) string { return strings.ReplaceAll(s, "{param}", param) }
	a.Name, a.Description, a.Criteria = fill(a.Name), fill(a.Description), fill(a.Criteria)
	return a
}

// Achievements is the catalog, loaded once at start.
type Achievements struct {
	list []Achievement
	byID map[string]Achievement
}

// LoadAchievements reads achievements.yaml under dir of fsys and checks it.
func LoadAchievements(fsys fs.FS, dir string) (*Achievements, error) {
	name := dir + "/achievements.yaml"
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var list []Achievement
	if err := yaml.UnmarshalWithOptions(b, &list, yaml.Strict()); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	c := &Achievements{list: list, byID: map[string]Achievement{}}
	for _, a := range list {
		if err := a.check(); err != nil {
			return nil, fmt.Errorf("%s: achievement %q: %w", name, a.ID, err)
		}
		if _, dup := c.byID[a.ID]; dup {
			return nil, fmt.Errorf("%s: achievement %q appears twice", name, a.ID)
		}
		c.byID[a.ID] = a
	}
	return c, nil
}

func (a Achievement) check() error {
	switch {
	case a.ID == "" || strings.Trim(a.ID, "abcdefghijklmnopqrstuvwxyz0123456789-") != "":
		return fmt.Errorf("id must be lower-case letters, digits and dashes")
	case a.Name == "" || a.Description == "" || a.Criteria == "":
		return fmt.Errorf("name, description and criteria are all required")
	case a.Kind == ProjectKind && a.Project == "":
		return fmt.Errorf("a project achievement names its project")
	case a.Kind != ProjectKind && a.Kind != ExercisesKind && a.Kind != StepKind && a.Kind != CohortKind:
		return fmt.Errorf("kind %q is not one of project, exercises, step, cohort", a.Kind)
	case a.Colour < 0 || a.Colour > 359:
		return fmt.Errorf("colour must be a hue from 0 to 359")
	}
	return nil
}

// All lists the achievements in file order.
func (c *Achievements) All() []Achievement { return c.list }

// Get returns one achievement; an unknown id is NotFound.
func (c *Achievements) Get(id string) (Achievement, bool) {
	a, ok := c.byID[id]
	return a, ok
}

// OfKind returns the achievements earned by one kind of evidence.
func (c *Achievements) OfKind(k Kind) []Achievement {
	var out []Achievement
	for _, a := range c.list {
		if a.Kind == k {
			out = append(out, a)
		}
	}
	return out
}
