package assign

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// total is the sum of the scores an assignment gets, -1 when it breaks a
// capacity or uses a forbidden pair.
func total(to []int, caps []int, score func(i, j int) int) int {
	load := make([]int, len(caps))
	sum := 0
	for i, j := range to {
		if j < 0 {
			continue
		}
		if sc := score(i, j); sc <= 0 {
			return -1
		} else {
			sum += sc
		}
		if load[j]++; load[j] > caps[j] {
			return -1
		}
	}
	return sum
}

// bruteForce tries every assignment.
func bruteForce(n int, caps []int, score func(i, j int) int) int {
	load := make([]int, len(caps))
	var best func(i int) int
	best = func(i int) int {
		if i == n {
			return 0
		}
		b := best(i + 1) // i stays out
		for j := range caps {
			sc := score(i, j)
			if sc <= 0 || load[j] >= caps[j] {
				continue
			}
			load[j]++
			b = max(b, sc+best(i+1))
			load[j]--
		}
		return b
	}
	return best(0)
}

func TestSolveMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 3000 {
		n, m := 1+rng.IntN(7), 1+rng.IntN(4)
		caps := make([]int, m)
		for j := range caps {
			caps[j] = rng.IntN(3)
		}
		scores := make([][]int, n)
		for i := range scores {
			scores[i] = make([]int, m)
			for j := range scores[i] {
				if rng.IntN(4) > 0 {
					scores[i][j] = rng.IntN(30)
				}
			}
		}
		score := func(i, j int) int { return scores[i][j] }
		to := Solve(n, caps, score)
		got, want := total(to, caps, score), bruteForce(n, caps, score)
		if got != want {
			t.Fatalf("round %d: caps %v scores %v: got %v worth %d, best is %d", round, caps, scores, to, got, want)
		}
	}
}

func TestSolveMovesAMenteeToMakeRoom(t *testing.T) {
	// Mentee 0 fits both mentors a little better at A; mentee 1 fits A only.
	scores := [][]int{{10, 9}, {10, 0}}
	to := Solve(2, []int{1, 1}, func(i, j int) int { return scores[i][j] })
	if to[0] != 1 || to[1] != 0 {
		t.Fatalf("got %v, want mentee 0 at B and 1 at A", to)
	}
}

func TestScoreExplains(t *testing.T) {
	e := Mentee{Topics: []string{"go", "sql"}, Languages: []string{"de"}, Offset: 1}
	m := Mentor{Topics: []string{"go"}, Languages: []string{"de", "en"}, Offset: -2, Capacity: 1}
	sc, why := Score(e, m)
	if sc != 30+19+15 {
		t.Errorf("score %d, want 64", sc)
	}
	for _, part := range []string{"mentors go (1 of 2 topics asked", "3 hours apart", "both speak de"} {
		if !strings.Contains(why, part) {
			t.Errorf("%q does not say %q", why, part)
		}
	}
	if sc, _ := Score(Mentee{Topics: []string{"sql"}}, m); sc != 0 {
		t.Errorf("no shared topic scored %d", sc)
	}
	if pairs := Assign([]Mentee{e, {ID: 2, Topics: []string{"php"}}}, []Mentor{m}); len(pairs) != 1 || pairs[0].Score != 64 {
		t.Errorf("Assign gave %+v", pairs)
	}
}

// BenchmarkAssign is the scale: 2,000 mentees and 200 mentors.
func BenchmarkAssign(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	topics := make([]string, 150)
	for i := range topics {
		topics[i] = "t" + string(rune('a'+i%26)) + string(rune('a'+i/26))
	}
	langs := []string{"en", "de", "es", "fr", "pt"}
	pick := func(k int, from []string) []string {
		out := make([]string, k)
		for i := range out {
			out[i] = from[rng.IntN(len(from))]
		}
		return out
	}
	mentees := make([]Mentee, 2000)
	for i := range mentees {
		mentees[i] = Mentee{ID: int64(i), Topics: pick(1+rng.IntN(3), topics), Languages: pick(1, langs), Offset: float64(rng.IntN(24) - 11)}
	}
	mentors := make([]Mentor, 200)
	for j := range mentors {
		mentors[j] = Mentor{ID: int64(j), Topics: pick(10+rng.IntN(30), topics), Languages: pick(2, langs),
			Offset: float64(rng.IntN(24) - 11), Capacity: 1 + rng.IntN(10)}
	}
	b.ResetTimer()
	for b.Loop() {
		Assign(mentees, mentors)
	}
}

func TestFastPointsAgreeWithScore(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	topics, langs := []string{"go", "sql", "http", "git", "docker"}, []string{"en", "de", "fr"}
	pick := func(from []string) []string {
		var out []string
		for _, x := range from {
			if rng.IntN(2) == 0 {
				out = append(out, x)
			}
		}
		return out
	}
	var es []Mentee
	var ms []Mentor
	for range 30 {
		es = append(es, Mentee{Topics: append(pick(topics), "go"), Languages: pick(langs), Offset: float64(rng.IntN(24) - 11)})
		ms = append(ms, Mentor{Topics: pick(topics), Languages: pick(langs), Offset: float64(rng.IntN(24) - 11), Capacity: 1})
	}
	fast := fastPoints(es, ms)
	for i := range es {
		for j := range ms {
			if want, _ := Score(es[i], ms[j]); fast(i, j) != want {
				t.Fatalf("%+v with %+v: fast %d, Score %d", es[i], ms[j], fast(i, j), want)
			}
		}
	}
}
