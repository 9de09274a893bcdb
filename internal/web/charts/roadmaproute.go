package charts

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// reduce returns the transitive reduction of a prerequisite graph (node i
// builds on prereqs[i]): an edge is left out when the prerequisite is also
// reached through another one. The graph has no cycles (roadmap.Load checks).
func reduce(prereqs [][]int) [][]int {
	n := len(prereqs)
	words := (n + 63) / 64
	anc := make([][]uint64, n) // anc[i] holds every node i builds on, directly or not
	var fill func(i int) []uint64
	fill = func(i int) []uint64 {
		if anc[i] != nil {
			return anc[i]
		}
		anc[i] = make([]uint64, words) // set before the walk: a cycle stops here instead of looping
		for _, p := range prereqs[i] {
			anc[i][p/64] |= 1 << (p % 64)
			for w, bits := range fill(p) {
				anc[i][w] |= bits
			}
		}
		return anc[i]
	}
	out := make([][]int, n)
	for i, ps := range prereqs {
		for _, p := range ps {
			implied := slices.ContainsFunc(ps, func(q int) bool {
				return q != p && fill(q)[p/64]&(1<<(p%64)) != 0
			})
			if !implied && !slices.Contains(out[i], p) {
				out[i] = append(out[i], p)
			}
		}
	}
	return out
}

// route is one drawn edge, from a prerequisite to a topic that builds on it.
type route struct {
	from, to int
	column   int  // x of the vertical run past the rows between them; -1 when the rows are next to each other
	land     int  // x where the line comes down on the topic
	back     bool // the prerequisite is not in a row above (a roadmap listing a later step's topic): a straight line
}

// gap is the space below a row, where edges run across in tracks.
type gap struct {
	bundles []*bundle
	tracks  int
}

func (g gap) height() int { return max(minGap, (g.tracks+1)*trackSep) }

// bundle is the horizontal line that one prerequisite's edges share in a gap.
type bundle struct {
	src, lo, hi, track int
	ups, downs         []int // where lines leave it upwards and downwards
}

// route finds each edge's way: down from the prerequisite into the gap
// below it, across on a track to a column free of boxes in the rows in
// between (the corridors keep some), down that column, across on a track in
// the gap above the topic, and down into it. All the moves across of one
// prerequisite in one gap share a track.
func (l *layout) route() {
	l.gaps = make([]gap, len(l.rows))
	l.bundles = map[[2]int]*bundle{}
	cols := newColumns(l)
	for _, e := range l.edges() {
		from, to := l.nodes[e.from], l.nodes[e.to]
		ra, rb, sx := from.row, to.row, from.cx()
		switch {
		case rb <= ra:
			e.back = true
		case rb == ra+1:
			e.land = landing(to, sx)
		default:
			e.column = cols.column(e.from, ra, rb, sx, to)
			e.land = landing(to, e.column)
		}
		l.routes = append(l.routes, e)
	}
	l.shareLandings()
	for _, e := range l.routes {
		ra, rb, sx := l.nodes[e.from].row, l.nodes[e.to].row, l.nodes[e.from].cx()
		switch {
		case e.back:
		case e.column < 0:
			l.across(e.from, ra, sx, e.land)
		default:
			l.across(e.from, ra, sx, e.column)
			l.across(e.from, rb-1, e.column, e.land)
		}
	}
	for i := range l.gaps {
		l.gaps[i].assignTracks()
	}
}

// shareLandings moves a line that comes down in the middle of a topic onto
// a line that comes straight down on it close by, so that their arrowheads
// do not overlap.
func (l *layout) shareLandings() {
	for i := range l.routes {
		e := &l.routes[i]
		if e.back || e.land != l.nodes[e.to].cx() {
			continue
		}
		for _, o := range l.routes {
			if o.to == e.to && !o.back && o.land != e.land && abs(o.land-e.land) < 3*arrowLen {
				e.land = o.land
				break
			}
		}
	}
}

// landing is where a line coming down at x meets the box n: straight on if
// x is over the box, and otherwise in its middle.
func landing(n *node, x int) int {
	if n.x+landInset <= x && x <= n.x+n.w-landInset {
		return x
	}
	return n.cx()
}

// across notes that one of src's lines comes down into the gap below row g
// at up and leaves it downwards at down.
func (l *layout) across(src, g, up, down int) {
	key := [2]int{src, g}
	b := l.bundles[key]
	if b == nil {
		b = &bundle{src: src, lo: up, hi: up}
		l.bundles[key] = b
		l.gaps[g].bundles = append(l.gaps[g].bundles, b)
	}
	b.lo, b.hi = min(b.lo, up, down), max(b.hi, up, down)
	b.ups, b.downs = append(b.ups, up), append(b.downs, down)
}

// edges lists the reduced edges, top to bottom and left to right.
func (l *layout) edges() []route {
	var out []route
	for i, ps := range l.prereqs {
		for _, p := range ps {
			if l.nodes[i].row > 0 && l.nodes[p].row > 0 { // a topic in no step is not drawn
				out = append(out, route{from: p, to: i, column: -1})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b route) int {
		fa, fb := l.nodes[a.from], l.nodes[b.from]
		return cmp.Or(cmp.Compare(fa.row, fb.row), cmp.Compare(fa.x, fb.x), cmp.Compare(l.nodes[a.to].row, l.nodes[b.to].row))
	})
	return out
}

// assignTracks gives each bundle of the gap a track. Bundles go from the top
// down in the order that makes the fewest crossings (greedily: next comes
// the one that crosses the fewest of those left when it goes above them);
// each takes the first track below every bundle above it that it overlaps.
func (g *gap) assignTracks() {
	left := slices.DeleteFunc(slices.Clone(g.bundles), func(b *bundle) bool {
		b.track = -1 // straight down: no line across
		return b.lo == b.hi
	})
	slices.SortFunc(left, func(a, b *bundle) int { return cmp.Compare(a.lo, b.lo) })
	var placed []*bundle
	for len(left) > 0 {
		best, bestCost := 0, math.MaxInt
		for i, b := range left {
			cost := 0
			for _, o := range left {
				if o != b {
					cost += crossings(b, o)
				}
			}
			if cost < bestCost {
				best, bestCost = i, cost
			}
		}
		b := left[best]
		left = slices.Delete(left, best, best+1)
		b.track = 0
		for _, o := range placed {
			if b.lo <= o.hi+2*clearance && o.lo <= b.hi+2*clearance {
				b.track = max(b.track, o.track+1)
			}
		}
		placed = append(placed, b)
		g.tracks = max(g.tracks, b.track+1)
	}
}

// crossings counts where lines cross when bundle a runs above bundle b: a's
// lines going down through b, and b's lines going up through a.
func crossings(a, b *bundle) int {
	n := 0
	for _, x := range a.downs {
		if b.lo < x && x < b.hi {
			n++
		}
	}
	for _, x := range b.ups {
		if a.lo < x && x < a.hi {
			n++
		}
	}
	return n
}

// trackY is the y of track k in the gap below row i.
func (l *layout) trackY(i, k int) int {
	r, g := l.rows[i], l.gaps[i]
	top := r.y + r.h + (g.height()-(g.tracks-1)*trackSep)/2
	return top + max(k, 0)*trackSep
}

// path draws a route as an orthogonal line ending at the arrowhead above
// the topic; a route going back up is a straight line.
func (l *layout) path(b *strings.Builder, e route) {
	from, to := l.nodes[e.from], l.nodes[e.to]
	sx, sy, tx, ty := from.cx(), from.y+from.h, e.land, to.y-arrowLen
	if e.back {
		fmt.Fprintf(b, "M%d %dL%d %d", sx, sy, to.cx(), to.y)
		return
	}
	exit := l.trackY(from.row, l.bundles[[2]int{e.from, from.row}].track)
	points := [][2]int{{sx, sy}, {sx, exit}}
	if e.column >= 0 {
		entry := l.trackY(to.row-1, l.bundles[[2]int{e.from, to.row - 1}].track)
		points = append(points, [2]int{e.column, exit}, [2]int{e.column, entry}, [2]int{tx, entry})
	} else {
		points = append(points, [2]int{tx, exit})
	}
	orthogonal(b, append(points, [2]int{tx, ty}))
}

// orthogonal writes a line through points that differ in x or in y only,
// as one move and then H and V steps, leaving out empty and collinear ones.
func orthogonal(b *strings.Builder, points [][2]int) {
	fmt.Fprintf(b, "M%d %d", points[0][0], points[0][1])
	for i := 1; i < len(points); i++ {
		p, q := points[i-1], points[i]
		if p == q {
			continue
		}
		next := i + 1
		for next < len(points) && (points[next][0] == q[0] && q[0] == p[0] || points[next][1] == q[1] && q[1] == p[1]) {
			q, i, next = points[next], next, next+1 // the same direction goes on
		}
		if q[0] != p[0] {
			fmt.Fprintf(b, "H%d", q[0])
		} else {
			fmt.Fprintf(b, "V%d", q[1])
		}
	}
}
