package practice

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/goccy/go-yaml"

	"devpath/internal/app"
	"devpath/internal/roadmap"
)

// Sample is the practice database as SQL: one schema and two datasets for it.
// Learners may read Schema and Visible (to explore the data, or to load it
// into their own SQLite); Hidden is the grader's alone.
type Sample struct {
	Schema  string // DDL
	Visible string // the rows learners see
	Hidden  string // other rows in the same tables, used only for grading
}

// Catalog is the shipped practice content: the database and the exercises,
// in file order.
type Catalog struct {
	Sample    Sample
	Exercises []Exercise
}

// The files a catalog folder holds.
const (
	schemaFile    = "schema.sql"
	visibleFile   = "data.sql"
	hiddenFile    = "hidden.sql"
	exercisesFile = "exercises.yaml"
)

type exercisesDoc struct {
	Exercises []Exercise `yaml:"exercises"`
}

// Load reads a catalog from folder dir of fsys (schema.sql, data.sql,
// hidden.sql, exercises.yaml) and checks every exercise on its own. It does
// not run any SQL: Grader.CheckReference does that.
func Load(fsys fs.FS, dir string) (*Catalog, error) {
	var c Catalog
	files := []struct {
		name string
		dst  *string
	}{{schemaFile, &c.Sample.Schema}, {visibleFile, &c.Sample.Visible}, {hiddenFile, &c.Sample.Hidden}}
	for _, f := range files {
		data, err := fs.ReadFile(fsys, path.Join(dir, f.name))
		if err != nil {
			return nil, fmt.Errorf("practice: read %s: %w", f.name, err)
		}
		*f.dst = string(data)
	}
	data, err := fs.ReadFile(fsys, path.Join(dir, exercisesFile))
	if err != nil {
		return nil, fmt.Errorf("practice: read %s: %w", exercisesFile, err)
	}
	var doc exercisesDoc
	if err := yaml.UnmarshalWithOptions(data, &doc, yaml.Strict()); err != nil {
		return nil, fmt.Errorf("practice: %s: %w", exercisesFile, err)
	}
	c.Exercises = doc.Exercises
	if err := c.validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// validate checks each exercise and that ids are unique.
func (c *Catalog) validate() error {
	var ps []string
	seen := make(map[string]bool, len(c.Exercises))
	for i, ex := range c.Exercises {
		for _, p := range ex.Validate() {
			ps = append(ps, fmt.Sprintf("exercise %d (%s): %s", i+1, ex.ID, p))
		}
		if seen[ex.ID] {
			ps = append(ps, fmt.Sprintf("exercise %d: id %q is used twice", i+1, ex.ID))
		}
		seen[ex.ID] = true
	}
	if len(ps) > 0 {
		return errors.New("practice: " + exercisesFile + ":\n  " + strings.Join(ps, "\n  "))
	}
	return nil
}

// Exercise returns the exercise with the given id, or a NotFound error.
func (c *Catalog) Exercise(id string) (Exercise, error) {
	for _, ex := range c.Exercises {
		if ex.ID == id {
			return ex, nil
		}
	}
	return Exercise{}, app.Errorf(app.NotFound, "no exercise %q", id)
}

// CheckTopics returns an error naming every exercise whose topic is not a
// topic (or a former topic id) of r.
func (c *Catalog) CheckTopics(r *roadmap.Roadmap) error {
	var ps []string
	for _, ex := range c.Exercises {
		if _, ok := r.Resolve(ex.Topic); !ok {
			ps = append(ps, fmt.Sprintf("%s: topic %q is not in roadmap %s", ex.ID, ex.Topic, r.Slug))
		}
	}
	if len(ps) > 0 {
		return errors.New("practice: " + strings.Join(ps, "; "))
	}
	return nil
}
