// Package roadmap holds roadmaps: steps, topics with prerequisites and typed
// resources, read from a folder a person edits by hand and checked on load.
package roadmap

import (
	"html/template"
	"slices"

	"devpath/internal/app"
)

// Roadmap is a path of topics grouped into ordered steps.
type Roadmap struct {
	Slug        string
	Title       string
	Summary     string
	Version     int
	Steps       []*Step
	Topics      []*Topic // in file order, which is step order
	Backgrounds []Background

	byID    map[string]*Topic
	aliases map[string]string // former id -> current id
}

// Step is one stage of a roadmap, such as "learn the foundations".
type Step struct {
	ID      string
	Title   string
	Summary string
	Topics  []*Topic
}

// Topic is one thing to learn.
type Topic struct {
	ID            string
	Title         string
	Step          string
	EstimateHours int
	Prerequisites []string
	ChoiceGroup   string // topics sharing a group are alternatives: pick one or two
	Aliases       []string
	Description   template.HTML // rendered from the topic's Markdown
	Resources     []Resource
}

// Resource is a course, book, page or tool that teaches a topic.
type Resource struct {
	Kind  string `yaml:"kind" json:"kind"`
	Title string `yaml:"title" json:"title"`
	URL   string `yaml:"url" json:"url"`
	Free  bool   `yaml:"free" json:"free"`
}

// ResourceKinds returns the kinds a resource may have. The slice is the caller's own.
func ResourceKinds() []string {
	return []string{"course", "docs", "article", "video", "book", "blog", "practice", "tool"}
}

// Background is a previous career whose topics a career changer already knows.
type Background struct {
	ID            string        `yaml:"id"`
	Title         string        `yaml:"title"`
	StartingPoint StartingPoint `yaml:"starting_point"`
	Known         []string      `yaml:"known"`
}

// Resolve returns the current id for id or a former id of a topic.
func (r *Roadmap) Resolve(id string) (string, bool) {
	if _, ok := r.byID[id]; ok {
		return id, true
	}
	cur, ok := r.aliases[id]
	return cur, ok
}

// Topic returns the topic with id (or a former id), or NotFound naming it.
func (r *Roadmap) Topic(id string) (*Topic, error) {
	if cur, ok := r.Resolve(id); ok {
		return r.byID[cur], nil
	}
	return nil, app.Errorf(app.NotFound, "roadmap %s has no topic %q", r.Slug, id)
}

// Step returns the step with id, or NotFound naming it.
func (r *Roadmap) Step(id string) (*Step, error) {
	for _, s := range r.Steps {
		if s.ID == id {
			return s, nil
		}
	}
	return nil, app.Errorf(app.NotFound, "roadmap %s has no step %q", r.Slug, id)
}

// TotalHours is the sum of every topic's estimate.
func (r *Roadmap) TotalHours() int {
	n := 0
	for _, t := range r.Topics {
		n += t.EstimateHours
	}
	return n
}

// index fills the lookup maps and each step's topic list.
func (r *Roadmap) index() {
	r.byID = make(map[string]*Topic, len(r.Topics))
	r.aliases = map[string]string{}
	steps := map[string]*Step{}
	for _, s := range r.Steps {
		steps[s.ID] = s
	}
	for _, t := range r.Topics {
		r.byID[t.ID] = t
		for _, a := range t.Aliases {
			r.aliases[a] = t.ID
		}
		if s := steps[t.Step]; s != nil {
			s.Topics = append(s.Topics, t)
		}
	}
}

// Catalog is the set of roadmaps a server offers.
type Catalog struct {
	list []*Roadmap
}

// NewCatalog orders roadmaps as given; later roadmaps with a slug already
// taken are left out.
func NewCatalog(rs ...*Roadmap) *Catalog {
	c := &Catalog{}
	for _, r := range rs {
		if !slices.ContainsFunc(c.list, func(o *Roadmap) bool { return o.Slug == r.Slug }) {
			c.list = append(c.list, r)
		}
	}
	return c
}

// Home is the roadmap that profiles, plans, exercises and portfolios name
// topics of: the first one served. It is nil when no roadmap is loaded.
func (c *Catalog) Home() *Roadmap {
	if len(c.list) == 0 {
		return nil
	}
	return c.list[0]
}

// All returns the roadmaps in order.
func (c *Catalog) All() []*Roadmap { return c.list }

// Get returns the roadmap with slug, or NotFound naming it.
func (c *Catalog) Get(slug string) (*Roadmap, error) {
	for _, r := range c.list {
		if r.Slug == slug {
			return r, nil
		}
	}
	return nil, app.Errorf(app.NotFound, "no roadmap %q", slug)
}
