package charts

import (
	"math"
	"slices"
	"strings"
)

// corridors are columns kept free of boxes from the top of the picture to
// the bottom, so that a line from a prerequisite to a topic several rows
// below has a straight way down near both.
var corridors = []int{240, 480, 720}

const (
	corridorW   = 24
	corridorGap = 240 // between two corridors' centres
)

// clearOfCorridors moves a box of width w starting at x to the right until
// it covers no corridor, unless it is too wide for the space between two.
func clearOfCorridors(x, w int) int {
	if w > corridorGap-corridorW {
		return x
	}
	for _, c := range corridors {
		if x < c+corridorW/2 && x+w > c-corridorW/2 {
			x = c + corridorW/2
		}
	}
	return x
}

// pack fills rows with a layer's units in order, starting a new row when
// the next one does not fit. A choice group too wide for a row takes rows of
// its own inside one outline.
func (l *layout) pack(step int, us []*unit) {
	var cur []item
	var wants []float64
	flush := func() {
		l.addRow(step, cur, wants)
		cur, wants = nil, nil
	}
	for _, u := range us {
		it := item{nodes: u.members}
		if u.group {
			runs := l.groupRuns(u.members)
			if len(runs) > 1 {
				flush()
				for _, r := range runs {
					l.addRow(step, []item{r}, nil)
				}
				continue
			}
			it = runs[0]
		}
		if len(cur) > 0 && !l.arrange(slices.Concat(cur, []item{it}), nil) {
			flush()
		}
		cur, wants = append(cur, it), append(wants, u.want)
	}
	flush()
}

// groupRuns splits a choice group's topics into runs that each fit a row;
// the first run starts with the label.
func (l *layout) groupRuns(members []int) []item {
	o := &outline{}
	l.outlines = append(l.outlines, o)
	runs := []item{{outline: o, label: true}}
	for _, m := range members {
		r := &runs[len(runs)-1]
		try := item{outline: o, label: r.label, nodes: append(slices.Clone(r.nodes), m)}
		if len(r.nodes) > 0 && !l.arrange([]item{try}, nil) {
			runs = append(runs, item{outline: o})
			r = &runs[len(runs)-1]
		}
		r.nodes = append(r.nodes, m)
	}
	return runs
}

// arrange places items left to right, each as near its wanted centre as
// the one before allows (wants may be nil: as far left as they go), with
// their boxes out of the corridors. It reports whether they fit the width.
func (l *layout) arrange(items []item, wants []float64) bool {
	x := margin
	for i := range items {
		if wants != nil && !math.IsNaN(wants[i]) {
			x = max(x, int(math.Round(wants[i]))-l.naturalWidth(items[i])/2)
		}
		x = l.put(&items[i], x) + itemGap
	}
	return x-itemGap <= pictureW-margin
}

// put places an item's label and boxes from x on and returns where it ends.
func (l *layout) put(it *item, x int) int {
	pad := 0
	if it.outline != nil {
		pad = groupPad
	}
	first := true
	place := func(w int) int {
		at := clearOfCorridors(x+pad, w)
		if first {
			it.x, first = at-pad, false
			pad = 0
		}
		x = at + w + memberGap
		return at
	}
	if it.label {
		it.labelX = place(labelWidth())
	}
	for _, m := range it.nodes {
		l.nodes[m].x = place(l.nodes[m].w)
	}
	end := x - memberGap
	if it.outline != nil {
		end += groupPad
	}
	it.w = end - it.x
	return end
}

// naturalWidth is an item's width with nothing in its way.
func (l *layout) naturalWidth(it item) int {
	w := -memberGap
	if it.outline != nil {
		w += 2 * groupPad
	}
	if it.label {
		w += labelWidth() + memberGap
	}
	for _, m := range it.nodes {
		w += l.nodes[m].w + memberGap
	}
	return w
}

// addRow places items in a new row, near their wanted centres when they
// fit that way, and otherwise from the left.
func (l *layout) addRow(step int, items []item, wants []float64) {
	if len(items) == 0 {
		return
	}
	if !l.arrange(items, wants) {
		l.arrange(items, nil)
	}
	ri := len(l.rows)
	r := &row{step: step, items: items}
	l.rows = append(l.rows, r)
	for _, it := range items {
		if o := it.outline; o != nil {
			r.padTop = groupPad
			if o.first == 0 { // rows 0 and 1 are the legend and a header: 0 means not placed yet
				o.first, o.x, o.w = ri, it.x, it.w
			}
			right := max(o.x+o.w, it.x+it.w)
			o.last, o.x = ri, min(o.x, it.x)
			o.w = right - o.x
		}
		for _, m := range it.nodes {
			l.nodes[m].row = ri
		}
	}
	for _, it := range items {
		for _, m := range it.nodes {
			r.h = max(r.h, l.nodes[m].h+2*r.padTop)
		}
	}
}

func labelWidth() int {
	first, second := splitLabel()
	return int(math.Ceil(max(textWidth(first, labelSize, false), textWidth(second, labelSize, false))))
}

// splitLabel puts the group label on two short lines: "pick one" / "or two".
func splitLabel() (string, string) {
	i := strings.Index(choiceLabel, " or ")
	return choiceLabel[:i], choiceLabel[i+1:]
}
