// Package assign matches waiting mentees to mentors: the best total score
// over every assignment that respects each mentor's capacity (a min-cost
// flow), with each pair's score explained in words. Pure: values in,
// values out.
package assign

import "math"

// Solve assigns each of n mentees to at most one of len(caps) mentors, a
// mentor j taking at most caps[j], so that the sum of score(i, j) over
// the pairs is as large as it can be. A score of 0 or less forbids the
// pair. It returns, for each mentee, its mentor's index or -1.
//
// It is the successive shortest path algorithm for min-cost flow, adding
// one mentee at a time, with costs -score and an "unassigned" mentor of
// unlimited capacity at cost 0. An augmenting path runs from the new
// mentee to a mentor, then on through mentees who move from one mentor to
// another, and ends at a mentor with room. A mentee has a single way in
// (from its mentor), so Dijkstra runs over mentors alone: the hop from
// mentor j to j2 costs the least cost(k, j2) - cost(k, j) over j's
// mentees k, a table kept up to date as mentees move, and node
// potentials keep every hop's reduced cost non-negative. Each search is
// O(m²) at worst, usually far less: it ends at the first mentor with room.
func Solve(n int, caps []int, score func(i, j int) int) []int {
	s := newSolver(n, caps, score)
	for i := range n {
		s.add(i)
	}
	out := make([]int, n)
	for i, j := range s.to {
		if j == s.none {
			j = -1
		}
		out[i] = j
	}
	return out
}

const inf = math.MaxInt / 4

type solver struct {
	none    int     // the index of "unassigned", after the mentors
	cost    [][]int // cost[i][j], inf when forbidden; cost[i][none] = 0
	caps    []int
	load    []int
	members [][]int // mentees per mentor
	at      []int   // a mentee's place in its mentor's members
	to      []int   // a mentee's mentor
	q       []int   // mentors' potentials
	qt      int     // the sink's potential
	hop     [][]int // hop[j][j2]: least cost(k, j2) - cost(k, j) over j's mentees k
	by      [][]int // that mentee k

	dist []int  // per mentor, this search
	from []int  // the mentor a mentor was reached from; -1 from the new mentee
	done []bool // settled
	path []int
}

func newSolver(n int, caps []int, score func(i, j int) int) *solver {
	m := len(caps)
	s := &solver{none: m, caps: caps, load: make([]int, m+1), members: make([][]int, m+1),
		at: make([]int, n), to: make([]int, n), q: make([]int, m+1), cost: make([][]int, n),
		hop: make([][]int, m+1), by: make([][]int, m+1),
		dist: make([]int, m+1), from: make([]int, m+1), done: make([]bool, m+1)}
	flat := make([]int, n*(m+1))
	for i := range n {
		row := flat[i*(m+1) : (i+1)*(m+1)]
		for j := range m {
			row[j] = inf
			if sc := score(i, j); sc > 0 && caps[j] > 0 {
				row[j] = -sc
			}
		}
		s.cost[i] = row
	}
	for j := range s.hop {
		s.hop[j], s.by[j] = make([]int, m+1), make([]int, m+1)
		for j2 := range s.hop[j] {
			s.hop[j][j2] = inf
		}
	}
	return s
}

// full tells whether mentor j has no room left.
func (s *solver) full(j int) bool { return j != s.none && s.load[j] >= s.caps[j] }

// add routes mentee i along the shortest augmenting path.
func (s *solver) add(i int) {
	row := s.cost[i]
	lo := inf
	for j := range s.dist {
		s.dist[j], s.from[j], s.done[j] = inf, -1, false
		if row[j] < inf {
			s.dist[j] = row[j] - s.q[j]
			lo = min(lo, s.dist[j])
		}
	}
	for j, d := range s.dist {
		if d < inf {
			s.dist[j] = d - lo // a constant shift of the start: distances from i stay non-negative
		}
	}
	distT, last := inf, -1
	for {
		j := s.closest()
		if j < 0 || s.dist[j] >= distT {
			break
		}
		s.done[j] = true
		if !s.full(j) {
			if dt := s.dist[j] + s.q[j] - s.qt; dt < distT {
				distT, last = dt, j
			}
		}
		s.relax(j)
	}
	s.augment(i, last)
	for j, d := range s.dist {
		if s.done[j] && d < distT {
			s.q[j] += d - distT
		}
	}
}

// closest is the unsettled mentor nearest the start, -1 for none.
func (s *solver) closest() int {
	j, d := -1, inf
	for k, dk := range s.dist {
		if !s.done[k] && dk < d {
			j, d = k, dk
		}
	}
	return j
}

// relax offers the hops out of settled mentor j.
func (s *solver) relax(j int) {
	base := s.dist[j] + s.q[j]
	for j2, h := range s.hop[j] {
		if h >= inf || s.done[j2] {
			continue
		}
		if nd := base + h - s.q[j2]; nd < s.dist[j2] {
			s.dist[j2], s.from[j2] = nd, j
		}
	}
}

// augment moves mentees along the path that ends at mentor last: on each
// hop one mentee moves on, and i takes the first mentor's place.
func (s *solver) augment(i, last int) {
	s.path = s.path[:0]
	for j := last; j >= 0; j = s.from[j] {
		s.path = append(s.path, j)
	}
	s.load[last]++
	for x := 0; x+1 < len(s.path); x++ { // from the end of the path back
		to, from := s.path[x], s.path[x+1]
		k := s.by[from][to]
		s.leave(k, from)
		s.join(k, to)
	}
	s.join(i, s.path[len(s.path)-1])
}

func (s *solver) join(k, j int) {
	s.to[k], s.at[k] = j, len(s.members[j])
	s.members[j] = append(s.members[j], k)
	row, cj := s.cost[k], s.cost[k][j]
	for j2, c := range row {
		if c >= inf || j2 == j {
			continue
		}
		if h := c - cj; h < s.hop[j][j2] {
			s.hop[j][j2], s.by[j][j2] = h, k
		}
	}
}

func (s *solver) leave(k, j int) {
	ms := s.members[j]
	end := ms[len(ms)-1]
	ms[s.at[k]], s.at[end] = end, s.at[k]
	s.members[j] = ms[:len(ms)-1] // its load stays: the mentee before it on the path comes in
	for j2, b := range s.by[j] {
		if b == k && s.hop[j][j2] < inf {
			s.rehop(j, j2)
		}
	}
}

// rehop finds hop[j][j2] afresh over j's mentees.
func (s *solver) rehop(j, j2 int) {
	s.hop[j][j2] = inf
	for _, k := range s.members[j] {
		if c := s.cost[k][j2]; c < inf {
			if h := c - s.cost[k][j]; h < s.hop[j][j2] {
				s.hop[j][j2], s.by[j][j2] = h, k
			}
		}
	}
}
