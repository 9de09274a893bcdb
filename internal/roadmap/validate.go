package roadmap

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
)

// MaxEstimateHours bounds one topic's estimate; bigger topics should be split.
const MaxEstimateHours = 300

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

type validator struct {
	src      source
	dir      string
	problems Problems
}

func (v *validator) add(src source, p string, format string, args ...any) {
	v.problems = append(v.problems, Problem{File: src.name, Line: src.line(p), Message: fmt.Sprintf(format, args...)})
}

// roadmap checks roadmap.yaml and builds the roadmap from it.
func (v *validator) roadmap(rf roadmapFile) *Roadmap {
	r := &Roadmap{Slug: rf.Slug, Title: rf.Title, Summary: rf.Summary, Version: rf.Version, Backgrounds: rf.Backgrounds}
	if !idPattern.MatchString(rf.Slug) {
		v.add(v.src, "$.slug", "slug %q: use lower-case letters, digits and dashes", rf.Slug)
	} else if base := path.Base(v.dir); base != "." && base != rf.Slug {
		v.add(v.src, "$.slug", "slug %q differs from its folder name %q", rf.Slug, base)
	}
	if strings.TrimSpace(rf.Title) == "" {
		v.add(v.src, "$", "title is missing")
	}
	if rf.Version < 1 {
		v.add(v.src, "$", "version must be 1 or more")
	}
	steps := v.steps(r, rf.Steps)
	v.topics(r, rf.Topics, steps)
	v.backgrounds(r)
	return r
}

func (v *validator) steps(r *Roadmap, sfs []stepFile) map[string]bool {
	seen := map[string]bool{}
	if len(sfs) == 0 {
		v.add(v.src, "$", "steps: a roadmap needs at least one step")
	}
	for i, s := range sfs {
		at := fmt.Sprintf("$.steps[%d]", i)
		switch {
		case !idPattern.MatchString(s.ID):
			v.add(v.src, at, "step id %q: use lower-case letters, digits and dashes", s.ID)
		case seen[s.ID]:
			v.add(v.src, at, "step id %q appears twice", s.ID)
		}
		if strings.TrimSpace(s.Title) == "" {
			v.add(v.src, at, "step %q has no title", s.ID)
		}
		seen[s.ID] = true
		r.Steps = append(r.Steps, &Step{ID: s.ID, Title: s.Title, Summary: s.Summary})
	}
	return seen
}

func (v *validator) topics(r *Roadmap, tfs []topicFile, steps map[string]bool) {
	ids := map[string]int{} // id or alias -> index of the topic that owns it
	for i, tf := range tfs {
		at := fmt.Sprintf("$.topics[%d]", i)
		if !idPattern.MatchString(tf.ID) {
			v.add(v.src, at+".id", "topic id %q: use lower-case letters, digits and dashes", tf.ID)
		} else if j, dup := ids[tf.ID]; dup {
			v.add(v.src, at+".id", "topic id %q is already used by topic %q", tf.ID, tfs[j].ID)
		}
		ids[tf.ID] = i
		if strings.TrimSpace(tf.Title) == "" {
			v.add(v.src, at, "topic %q has no title", tf.ID)
		}
		if !steps[tf.Step] {
			v.add(v.src, at+".step", "topic %q: unknown step %q", tf.ID, tf.Step)
		}
		if tf.EstimateHours < 1 || tf.EstimateHours > MaxEstimateHours {
			v.add(v.src, at+".estimate_hours", "topic %q: estimate_hours %d is out of range 1 to %d", tf.ID, tf.EstimateHours, MaxEstimateHours)
		}
		if tf.ChoiceGroup != "" && !idPattern.MatchString(tf.ChoiceGroup) {
			v.add(v.src, at+".choice_group", "topic %q: choice_group %q: use lower-case letters, digits and dashes", tf.ID, tf.ChoiceGroup)
		}
		r.Topics = append(r.Topics, &Topic{ID: tf.ID, Title: tf.Title, Step: tf.Step, EstimateHours: tf.EstimateHours,
			Prerequisites: tf.Prerequisites, ChoiceGroup: tf.ChoiceGroup, Aliases: tf.Aliases})
	}
	for i, tf := range tfs {
		for k, a := range tf.Aliases {
			at := fmt.Sprintf("$.topics[%d].aliases[%d]", i, k)
			if j, dup := ids[a]; dup {
				v.add(v.src, at, "alias %q of topic %q is already used by topic %q", a, tf.ID, tfs[j].ID)
			}
			ids[a] = i
		}
	}
	known := map[string]bool{}
	for _, tf := range tfs {
		known[tf.ID] = true
	}
	for i, tf := range tfs {
		for k, p := range tf.Prerequisites {
			at := fmt.Sprintf("$.topics[%d].prerequisites[%d]", i, k)
			switch {
			case p == tf.ID:
				v.add(v.src, at, "topic %q lists itself as a prerequisite", tf.ID)
			case !known[p]:
				v.add(v.src, at, "topic %q: unknown prerequisite %q", tf.ID, p)
			}
		}
	}
	v.cycles(tfs)
}

// cycles reports each prerequisite cycle once, printed as a -> b -> a.
func (v *validator) cycles(tfs []topicFile) {
	index := map[string]int{}
	for i, tf := range tfs {
		index[tf.ID] = i
	}
	const (
		unseen = iota
		onPath
		finished
	)
	state := make([]int, len(tfs))
	var stack []int
	var visit func(i int)
	visit = func(i int) {
		state[i] = onPath
		stack = append(stack, i)
		for _, p := range tfs[i].Prerequisites {
			j, ok := index[p]
			if !ok || j == i {
				continue
			}
			switch state[j] {
			case unseen:
				visit(j)
			case onPath:
				start := slices.Index(stack, j)
				names := make([]string, 0, len(stack)-start+1)
				for _, k := range stack[start:] {
					names = append(names, tfs[k].ID)
				}
				names = append(names, tfs[j].ID)
				v.add(v.src, fmt.Sprintf("$.topics[%d].prerequisites", i), "prerequisite cycle: %s", strings.Join(names, " -> "))
			}
		}
		stack = stack[:len(stack)-1]
		state[i] = finished
	}
	for i := range tfs {
		if state[i] == unseen {
			visit(i)
		}
	}
}

func (v *validator) backgrounds(r *Roadmap) {
	known := map[string]bool{}
	for _, t := range r.Topics {
		known[t.ID] = true
	}
	for i, b := range r.Backgrounds {
		at := fmt.Sprintf("$.backgrounds[%d]", i)
		if !b.StartingPoint.Valid() {
			v.add(v.src, at+".starting_point", "background %q: starting_point %q is not one of %s", b.ID, b.StartingPoint, StartingPointList())
		}
		for k, id := range b.Known {
			if !known[id] {
				v.add(v.src, fmt.Sprintf("%s.known[%d]", at, k), "background %q: unknown topic %q", b.ID, id)
			}
		}
	}
}

// topicFiles reads topics/<id>.md for every topic and checks its resources.
func (v *validator) topicFiles(fsys fs.FS, r *Roadmap) {
	names, _ := fs.Glob(fsys, path.Join(v.dir, "topics", "*.md"))
	want := map[string]bool{}
	for i, t := range r.Topics {
		want[t.ID] = true
		v.topicFile(fsys, t, i)
	}
	for _, n := range names {
		if id := strings.TrimSuffix(path.Base(n), ".md"); !want[id] {
			v.problems = append(v.problems, Problem{File: n, Message: fmt.Sprintf("no topic %q in roadmap.yaml for this file", id)})
		}
	}
}

func (v *validator) topicFile(fsys fs.FS, t *Topic, index int) {
	name := path.Join(v.dir, "topics", t.ID+".md")
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		v.add(v.src, fmt.Sprintf("$.topics[%d].id", index), "topic %q has no file %s: %s", t.ID, name, unwrapPath(err))
		return
	}
	fm, body, ok := splitFrontMatter(data)
	if !ok {
		v.problems = append(v.problems, Problem{File: name, Line: 1, Message: "missing front matter: start the file with a line ---, the resources, and another ---"})
		return
	}
	var f frontMatter
	src, p := decode(name, fm, 1, &f)
	if p != nil {
		v.problems = append(v.problems, *p)
		return
	}
	if len(f.Resources) == 0 {
		v.problems = append(v.problems, Problem{File: name, Line: 2, Message: fmt.Sprintf("topic %q has no resources", t.ID)})
	}
	for i, res := range f.Resources {
		at := fmt.Sprintf("$.resources[%d]", i)
		if kinds := ResourceKinds(); !slices.Contains(kinds, res.Kind) {
			v.add(src, at, "resource %d: kind %q is not one of %s", i+1, res.Kind, strings.Join(kinds, ", "))
		}
		if strings.TrimSpace(res.Title) == "" {
			v.add(src, at, "resource %d has no title", i+1)
		}
		if u, err := url.Parse(res.URL); res.URL == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			v.add(src, at, "resource %d: url %q is not an absolute http(s) address", i+1, res.URL)
		}
	}
	t.Resources = f.Resources
	if strings.TrimSpace(string(body)) == "" {
		v.problems = append(v.problems, Problem{File: name, Message: fmt.Sprintf("topic %q has no description after the front matter", t.ID)})
	}
	if t.Description, err = Markdown(body); err != nil {
		v.problems = append(v.problems, Problem{File: name, Message: "markdown: " + err.Error()})
	}
}
