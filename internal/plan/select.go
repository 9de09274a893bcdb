package plan

import (
	"container/heap"
	"slices"

	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

// graph is a roadmap as indexes, built once per plan so that selection and
// ordering run on slices instead of maps.
type graph struct {
	topics  []*roadmap.Topic
	index   map[string]int
	prereqs [][]int
	step    []int // index of each topic's step in the roadmap
}

func newGraph(r *roadmap.Roadmap) *graph {
	g := &graph{topics: r.Topics, index: make(map[string]int, len(r.Topics)),
		prereqs: make([][]int, len(r.Topics)), step: make([]int, len(r.Topics))}
	steps := make(map[string]int, len(r.Steps))
	for i, s := range r.Steps {
		steps[s.ID] = i
	}
	for i, t := range r.Topics {
		g.index[t.ID] = i
		g.step[i] = steps[t.Step]
	}
	for i, t := range r.Topics {
		for _, p := range t.Prerequisites {
			if j, ok := g.index[p]; ok { // the loader guarantees it; stay safe anyway
				g.prereqs[i] = append(g.prereqs[i], j)
			}
		}
	}
	return g
}

// learner is what selection needs to know about the person: their status
// per topic and the topics they said they know, both by topic index.
type learner struct {
	status []progress.Status
	known  []bool
}

func newLearner(r *roadmap.Roadmap, g *graph, p Profile, statuses map[string]progress.Status) learner {
	l := learner{status: make([]progress.Status, len(g.topics)), known: make([]bool, len(g.topics))}
	exact := make([]bool, len(g.topics))
	for id, st := range statuses {
		cur, ok := r.Resolve(id)
		if !ok {
			continue
		}
		i := g.index[cur]
		// An entry under the current id beats one under a former id; two
		// former ids are settled by a fixed rule so the plan stays stable.
		switch {
		case id == cur:
			l.status[i], exact[i] = st, true
		case !exact[i] && st > l.status[i]:
			l.status[i] = st
		}
	}
	for _, id := range p.KnownTopics {
		if cur, ok := r.Resolve(id); ok {
			l.known[g.index[cur]] = true
		}
	}
	return l
}

// out tells whether topic i needs no more study.
func (l learner) out(i int) bool {
	return l.known[i] || l.status[i] == progress.Done || l.status[i] == progress.Skipped
}

// settled tells whether the learner has dealt with topic i in a way that
// answers its choice group: they know it, did it or are learning it.
func (l learner) settled(i int) bool {
	return l.known[i] || l.status[i] == progress.Done || l.status[i] == progress.Learning
}

// selectTopics returns the topics left to study, in study order.
func selectTopics(r *roadmap.Roadmap, g *graph, p Profile, l learner) []int {
	groups := choiceGroups(g)
	langs := chosenLanguages(r, g, groups[LanguageGroup], p, l)
	deps := languageDeps(g, langs)
	roots := make([]bool, len(g.topics))
	for group, options := range groups {
		var picked []int
		if group == LanguageGroup {
			picked = langs
		} else {
			picked = pickOptions(options, langs, deps, l)
		}
		for _, i := range picked {
			roots[i] = true
		}
	}
	for i, t := range g.topics {
		if t.ChoiceGroup == "" || l.status[i] == progress.Learning {
			roots[i] = true
		}
	}
	return order(g, l, include(g, l, roots))
}

// choiceGroups maps each group to its options in file order.
func choiceGroups(g *graph) map[string][]int {
	groups := map[string][]int{}
	for i, t := range g.topics {
		if t.ChoiceGroup != "" {
			groups[t.ChoiceGroup] = append(groups[t.ChoiceGroup], i)
		}
	}
	return groups
}

// chosenLanguages is the profile's languages; without any, the languages
// the learner has already dealt with; failing that, the first option that
// is not skipped, as progress.InScope counts the group.
func chosenLanguages(r *roadmap.Roadmap, g *graph, options []int, p Profile, l learner) []int {
	var langs []int
	for _, id := range p.Languages {
		if cur, ok := r.Resolve(id); ok && g.topics[g.index[cur]].ChoiceGroup == LanguageGroup {
			langs = append(langs, g.index[cur])
		}
	}
	if len(langs) == 0 {
		for _, i := range options {
			if l.settled(i) {
				langs = append(langs, i)
			}
		}
	}
	if len(langs) == 0 {
		for _, i := range options {
			if l.status[i] != progress.Skipped {
				return []int{i}
			}
		}
	}
	slices.Sort(langs)
	return slices.Compact(langs)
}

// languageDeps records, for every topic, which chosen languages it depends
// on directly or through other prerequisites (bit k for langs[k]), and
// whether it depends on any option of the language group at all.
type langDeps struct {
	chosen  [][]uint64
	anyLang []bool
}

func languageDeps(g *graph, langs []int) langDeps {
	words := (len(langs) + 63) / 64
	d := langDeps{chosen: make([][]uint64, len(g.topics)), anyLang: make([]bool, len(g.topics))}
	bit := map[int]int{}
	for k, i := range langs {
		bit[i] = k
	}
	done := make([]bool, len(g.topics))
	var visit func(i int)
	visit = func(i int) {
		done[i] = true
		set := make([]uint64, words)
		for _, j := range g.prereqs[i] {
			if !done[j] {
				visit(j)
			}
			for w := range set {
				set[w] |= d.chosen[j][w]
			}
			if d.anyLang[j] || g.topics[j].ChoiceGroup == LanguageGroup {
				d.anyLang[i] = true
			}
			if k, ok := bit[j]; ok {
				set[k/64] |= 1 << (k % 64)
			}
		}
		d.chosen[i] = set
	}
	for i := range g.topics {
		if !done[i] {
			visit(i)
		}
	}
	return d
}

func (d langDeps) has(i, k int) bool { return d.chosen[i][k/64]&(1<<(k%64)) != 0 }

// pickOptions chooses in a group that is not the language group: for each
// chosen language, the option the learner already dealt with, else the
// first one not skipped, among the options that depend on that language.
// A group none of whose options fits a chosen language gets its first
// option that is tied to no language at all; when every option is tied to
// some language, the group is tooling for languages the learner did not
// pick and is left out rather than dragging in a language they did not choose.
func pickOptions(options, langs []int, deps langDeps, l learner) []int {
	var picked []int
	for k := range langs {
		var fits []int
		for _, i := range options {
			if deps.has(i, k) {
				fits = append(fits, i)
			}
		}
		picked = append(picked, firstFit(fits, l)...)
	}
	if len(picked) > 0 {
		return picked
	}
	var untied []int
	for _, i := range options {
		if !deps.anyLang[i] {
			untied = append(untied, i)
		}
	}
	return firstFit(untied, l)
}

func firstFit(fits []int, l learner) []int {
	var settled []int
	for _, i := range fits {
		if l.settled(i) {
			settled = append(settled, i)
		}
	}
	if len(settled) > 0 {
		return settled
	}
	for _, i := range fits {
		if l.status[i] != progress.Skipped {
			return []int{i}
		}
	}
	return nil
}

// include marks the roots and, through prerequisites, everything they need,
// leaving out (and not walking through) topics the learner needs no more.
func include(g *graph, l learner, roots []bool) []bool {
	in := make([]bool, len(g.topics))
	var visit func(i int)
	visit = func(i int) {
		in[i] = true
		for _, j := range g.prereqs[i] {
			if !in[j] && !l.out(j) {
				visit(j)
			}
		}
	}
	for i, root := range roots {
		if root && !in[i] && !l.out(i) {
			visit(i)
		}
	}
	return in
}

// order sorts the included topics so that each comes after its included
// prerequisites. Among the topics ready at a time, one being learnt comes
// first (the learner is on it already), then the earlier step, then the
// earlier topic in the file.
func order(g *graph, l learner, in []bool) []int {
	waiting := make([]int, len(g.topics))
	dependants := make([][]int, len(g.topics))
	ready := &readyQueue{g: g, l: l}
	for i := range g.topics {
		if !in[i] {
			continue
		}
		for _, j := range g.prereqs[i] {
			if in[j] {
				waiting[i]++
				dependants[j] = append(dependants[j], i)
			}
		}
		if waiting[i] == 0 {
			ready.items = append(ready.items, i)
		}
	}
	heap.Init(ready)
	var seq []int
	for ready.Len() > 0 {
		i := heap.Pop(ready).(int)
		seq = append(seq, i)
		for _, d := range dependants[i] {
			if waiting[d]--; waiting[d] == 0 {
				heap.Push(ready, d)
			}
		}
	}
	return seq
}

// readyQueue is a heap of topic indexes whose prerequisites are planned.
type readyQueue struct {
	g     *graph
	l     learner
	items []int
}

func (q *readyQueue) Len() int      { return len(q.items) }
func (q *readyQueue) Swap(a, b int) { q.items[a], q.items[b] = q.items[b], q.items[a] }
func (q *readyQueue) Push(x any)    { q.items = append(q.items, x.(int)) }
func (q *readyQueue) Pop() any {
	x := q.items[len(q.items)-1]
	q.items = q.items[:len(q.items)-1]
	return x
}

func (q *readyQueue) Less(a, b int) bool {
	i, j := q.items[a], q.items[b]
	li, lj := q.l.status[i] == progress.Learning, q.l.status[j] == progress.Learning
	switch {
	case li != lj:
		return li
	case q.g.step[i] != q.g.step[j]:
		return q.g.step[i] < q.g.step[j]
	}
	return i < j
}
