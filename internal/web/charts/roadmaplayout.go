package charts

import (
	"cmp"
	"math"
	"slices"

	"devpath/internal/roadmap"
)

// Geometry of the roadmap picture, in SVG user units: at its natural width
// one unit is one CSS pixel.
const (
	pictureW    = 960
	margin      = 12 // left and right of every row, top and bottom of the picture
	fontSize    = 12 // topic titles
	lineH       = 14
	padX, padY  = 8, 6
	maxLine     = 150 // a title wider than this wraps to two lines
	itemGap     = 18  // between boxes in a row: room for lines to pass
	memberGap   = 12  // between the topics of a choice group
	groupPad    = 6   // between a choice group's outline and its topics
	labelSize   = 11  // "pick one or two"
	titleSize   = 15  // step titles
	headerH     = 32
	legendH     = 30
	minGap      = 16 // between rows
	trackSep    = 6  // between two horizontal lines in a gap
	clearance   = 6  // a vertical line keeps this far from boxes and other lines
	arrowLen    = 6
	landInset   = 10 // a line comes down on a box at least this far from its corners
	choiceLabel = "pick one or two"
)

// node is one topic's box.
type node struct {
	topic      *roadmap.Topic
	lines      []string // the title, on one or two lines
	x, y, w, h int
	row        int
}

func (n *node) cx() int { return n.x + n.w/2 }

// unit is what a step's layering places: one topic, or the topics of a choice
// group, kept side by side.
type unit struct {
	members []int // node indexes
	group   bool
	layer   int
	want    float64 // the mean centre of the prerequisites already placed; NaN if none
}

// item is one thing in a row: a topic, or a run of a choice group's topics.
type item struct {
	nodes   []int
	outline *outline // nil for a topic on its own
	label   bool     // the run starts with the group's label
	labelX  int
	x, w    int
}

// outline surrounds a choice group, over one or more rows.
type outline struct {
	first, last int // rows
	x, w        int
}

type row struct {
	step   int // index in the roadmap's steps; -1 for the legend
	header bool
	items  []item
	y, h   int
	padTop int // above the boxes, inside a choice group's outline
}

// layout is the picture's geometry, worked out once per roadmap version.
type layout struct {
	r        *roadmap.Roadmap
	nodes    []*node
	byID     map[string]int
	prereqs  [][]int // what each node builds on, after the transitive reduction
	rows     []*row
	outlines []*outline
	routes   []route
	gaps     []gap              // gaps[i] is below rows[i]
	bundles  map[[2]int]*bundle // by prerequisite and gap
	height   int
}

func newLayout(r *roadmap.Roadmap) *layout {
	l := &layout{r: r, byID: map[string]int{}}
	for _, t := range r.Topics {
		l.byID[t.ID] = len(l.nodes)
		l.nodes = append(l.nodes, newNode(t))
	}
	l.prereqs = reduce(l.directPrereqs())
	l.rows = append(l.rows, &row{step: -1, h: legendH})
	for i, s := range r.Steps {
		l.rows = append(l.rows, &row{step: i, header: true, h: headerH})
		l.placeStep(i, s)
	}
	l.route()
	l.placeVertically()
	return l
}

func newNode(t *roadmap.Topic) *node {
	n := &node{topic: t, lines: wrapTitle(t.Title)}
	w := 0.0
	for _, line := range n.lines {
		w = max(w, textWidth(line, fontSize, false))
	}
	n.w = int(math.Ceil(w)) + 2*padX
	n.h = len(n.lines)*lineH + 2*padY
	return n
}

// wrapTitle keeps a title on one line when it is short, and otherwise breaks
// it at the space that makes the longer of the two lines shortest.
func wrapTitle(title string) []string {
	if textWidth(title, fontSize, false) <= maxLine {
		return []string{title}
	}
	best, bestW := -1, math.Inf(1)
	for i, r := range title {
		if r != ' ' {
			continue
		}
		w := max(textWidth(title[:i], fontSize, false), textWidth(title[i+1:], fontSize, false))
		if w < bestW {
			best, bestW = i, w
		}
	}
	if best < 0 {
		return []string{title}
	}
	return []string{title[:best], title[best+1:]}
}

// directPrereqs lists each node's prerequisites as node indexes; names that
// are not topics of the roadmap are left out.
func (l *layout) directPrereqs() [][]int {
	out := make([][]int, len(l.nodes))
	for i, n := range l.nodes {
		for _, p := range n.topic.Prerequisites {
			if j, ok := l.byID[p]; ok && j != i {
				out[i] = append(out[i], j)
			}
		}
	}
	return out
}

// placeStep lays a step's topics out in rows: each layer of its own
// prerequisites (a topic comes below what it builds on within the step) in
// one or more rows, ordered so that topics sit near what they build on.
func (l *layout) placeStep(step int, s *roadmap.Step) {
	units := l.stepUnits(s)
	last := 0
	for _, u := range units {
		last = max(last, u.layer)
	}
	for layer := 0; layer <= last; layer++ {
		var us []*unit
		for _, u := range units {
			if u.layer == layer {
				l.order(u)
				us = append(us, u)
			}
		}
		slices.SortStableFunc(us, func(a, b *unit) int { return cmpWant(a.want, b.want) })
		l.pack(step, us)
	}
}

// stepUnits groups a step's topics into units and gives each its layer. A
// choice group whose topics build on one another, or that would close a
// loop with the rest of the step, is laid out as separate topics.
func (l *layout) stepUnits(s *roadmap.Step) []*unit {
	units := l.groupUnits(s, true)
	if !l.setLayers(units) {
		units = l.groupUnits(s, false)
		l.setLayers(units)
	}
	return units
}

func (l *layout) groupUnits(s *roadmap.Step, grouped bool) []*unit {
	var units []*unit
	groups := map[string]*unit{}
	for _, t := range s.Topics {
		i := l.byID[t.ID]
		if g := t.ChoiceGroup; grouped && g != "" {
			if u := groups[g]; u != nil {
				u.members = append(u.members, i)
				continue
			}
			groups[g] = &unit{members: []int{i}, group: true}
			units = append(units, groups[g])
			continue
		}
		units = append(units, &unit{members: []int{i}})
	}
	var out []*unit
	for _, u := range units {
		if u.group && l.dependsWithin(u.members) {
			for _, m := range u.members {
				out = append(out, &unit{members: []int{m}})
			}
			continue
		}
		out = append(out, u)
	}
	return out
}

// dependsWithin tells whether one of the nodes builds on another, directly or not.
func (l *layout) dependsWithin(members []int) bool {
	in := map[int]bool{}
	for _, m := range members {
		in[m] = true
	}
	seen := map[int]bool{}
	var walk func(int) bool
	walk = func(i int) bool {
		for _, p := range l.prereqs[i] {
			if in[p] {
				return true
			}
			if !seen[p] {
				seen[p] = true
				if walk(p) {
					return true
				}
			}
		}
		return false
	}
	for _, m := range members {
		clear(seen)
		if walk(m) {
			return true
		}
	}
	return false
}

// setLayers puts each unit one layer below the lowest unit of the step it
// builds on. It reports false when the units build on one another in a loop.
func (l *layout) setLayers(units []*unit) bool {
	of := map[int]*unit{}
	for _, u := range units {
		u.layer = 0
		for _, m := range u.members {
			of[m] = u
		}
	}
	for range len(units) + 1 {
		changed := false
		for _, u := range units {
			for _, m := range u.members {
				for _, p := range l.prereqs[m] {
					if pu := of[p]; pu != nil && pu != u && pu.layer+1 > u.layer {
						u.layer, changed = pu.layer+1, true
					}
				}
			}
		}
		if !changed {
			return true
		}
	}
	return false
}

// want is the mean centre of the placed topics that node i builds on, or NaN.
func (l *layout) want(i int) float64 {
	sum, n := 0.0, 0
	for _, p := range l.prereqs[i] {
		if l.nodes[p].row > 0 {
			sum += float64(l.nodes[p].cx())
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return sum / float64(n)
}

// order sorts a group's topics by where their prerequisites are and sets the
// unit's wanted centre (the barycentre of its topics' prerequisites).
func (l *layout) order(u *unit) {
	wants := map[int]float64{}
	sum, n := 0.0, 0
	for _, m := range u.members {
		wants[m] = l.want(m)
		if !math.IsNaN(wants[m]) {
			sum += wants[m]
			n++
		}
	}
	slices.SortStableFunc(u.members, func(a, b int) int { return cmpWant(wants[a], wants[b]) })
	u.want = math.NaN()
	if n > 0 {
		u.want = sum / float64(n)
	}
}

// cmpWant orders wanted positions left to right, those without one last.
func cmpWant(a, b float64) int {
	switch {
	case math.IsNaN(a) && math.IsNaN(b):
		return 0
	case math.IsNaN(a):
		return 1
	case math.IsNaN(b):
		return -1
	}
	return cmp.Compare(a, b)
}

// placeVertically stacks the rows, each gap as tall as its lines need.
func (l *layout) placeVertically() {
	y := margin
	for i, r := range l.rows {
		r.y = y
		for _, it := range r.items {
			for _, m := range it.nodes {
				l.nodes[m].y = y + r.padTop
			}
		}
		y += r.h + l.gaps[i].height()
	}
	l.height = y - l.gaps[len(l.rows)-1].height() + margin
}
