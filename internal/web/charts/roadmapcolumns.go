package charts

import (
	"math"
	"slices"
)

// What a way down the rows costs, in user units of line length.
const (
	bendCost  = 40      // each move across in a gap, beyond its length
	lineCost  = 5_000   // running beside another prerequisite's line, in each row
	boxCost   = 100_000 // running through a box (or a label), in each row: only when there is no other way
	titleCost = 300     // running behind a step's title, which has a halo to let lines pass
	reuseGain = 15      // running along a line of the same prerequisite, in each row: its lines merge
)

// Owners of a column of a row, besides a node index.
const (
	free   = -1
	shared = -2
)

// columns knows where in each row a vertical line may run.
type columns struct {
	cost  [][]int       // what running there costs for what is drawn there: boxes, labels, outlines (with clearance), titles
	owner [][]int       // the prerequisite whose line runs there (with clearance), free or shared
	own   []map[int]int // row -> column -> the prerequisite whose line runs exactly there
}

func newColumns(l *layout) *columns {
	c := &columns{}
	for i, r := range l.rows {
		cost := make([]int, pictureW+1)
		block := func(x0, x1, what int) {
			for x := max(0, x0-clearance); x <= min(pictureW, x1+clearance); x++ {
				cost[x] = max(cost[x], what)
			}
		}
		block(0, margin-clearance, boxCost) // no lines along the edges of the picture
		block(pictureW-margin+clearance, pictureW, boxCost)
		switch {
		case r.step < 0:
			block(0, pictureW, boxCost)
		case r.header:
			block(margin, margin+int(textWidth(l.stepTitle(r.step), titleSize, true)), titleCost)
		}
		for _, it := range r.items {
			if it.label {
				block(it.labelX, it.labelX+labelWidth(), boxCost)
			}
			for _, m := range it.nodes {
				block(l.nodes[m].x, l.nodes[m].x+l.nodes[m].w, boxCost)
			}
		}
		for _, o := range l.outlines {
			if o.first <= i && i <= o.last {
				block(o.x, o.x, boxCost)
				block(o.x+o.w, o.x+o.w, boxCost)
			}
		}
		c.cost = append(c.cost, cost)
		c.owner = append(c.owner, slices.Repeat([]int{free}, pictureW+1))
		c.own = append(c.own, map[int]int{})
	}
	return c
}

// column picks the x of the vertical run of a line from src (at sx, in row
// ra) to the topic to in row rb: clear of boxes and of other prerequisites'
// lines in every row between if it can be, and then the shortest way, with
// as few bends as possible. The column is then src's in those rows.
func (c *columns) column(src, ra, rb, sx int, to *node) int {
	best, bestCost := sx, math.MaxInt
	for x := 0; x <= pictureW; x++ {
		cost := move(sx, x) + move(x, landing(to, x))
		for r := ra + 1; r < rb; r++ {
			cost += c.runCost(src, r, x)
		}
		if cost < bestCost {
			best, bestCost = x, cost
		}
	}
	for r := ra + 1; r < rb; r++ {
		c.take(src, r, best)
	}
	return best
}

// move is what a move across from a to b in a gap costs.
func move(a, b int) int {
	if a == b {
		return 0
	}
	return abs(a-b) + bendCost
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// runCost is what running down row r at x costs src.
func (c *columns) runCost(src, r, x int) int {
	cost := c.cost[r][x]
	if o := c.owner[r][x]; o != free && o != src {
		cost += lineCost
	}
	if o, ok := c.own[r][x]; ok && o == src {
		cost -= reuseGain
	}
	return cost
}

// take marks column x of row r as src's, with clearance on both sides.
func (c *columns) take(src, r, x int) {
	c.own[r][x] = src
	for y := max(0, x-clearance); y <= min(pictureW, x+clearance); y++ {
		switch c.owner[r][y] {
		case free:
			c.owner[r][y] = src
		case src:
		default:
			c.owner[r][y] = shared
		}
	}
}
