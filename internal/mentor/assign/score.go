package assign

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Mentee is a learner waiting for a mentor: the topics they asked about,
// the languages they would talk in (none: any) and their zone's offset
// from UTC in hours.
type Mentee struct {
	ID        int64
	Topics    []string
	Languages []string
	Offset    float64
}

// Mentor is a mentor with room for Capacity more mentees.
type Mentor struct {
	ID        int64
	Topics    []string
	Languages []string
	Offset    float64
	Capacity  int
}

// Pair is one mentee given to one mentor, with the score and its reasons.
type Pair struct {
	Mentee int64  `json:"mentee_id"`
	Mentor int64  `json:"mentor_id"`
	Score  int    `json:"score" doc:"0 to 100: topics 60, time zones 25, language 15"`
	Why    string `json:"why" doc:"the score in words"`
}

// Weights of the score's parts; they add up to 100.
const (
	topicWeight    = 60
	zoneWeight     = 25
	languageWeight = 15
	zoneReach      = 12.0 // hours apart at which time zones stop counting
)

// parts are a pair's points for topics, time zones and language, and the
// hours between their zones; topic is 0 when no topic is shared.
func parts(e Mentee, m Mentor) (topic, zone, lang int, apart float64) {
	if e.ID == m.ID && e.ID != 0 { // nobody mentors themselves
		return 0, 0, 0, 0
	}
	covered := 0
	for _, t := range e.Topics {
		if slices.Contains(m.Topics, t) {
			covered++
		}
	}
	if covered == 0 {
		return 0, 0, 0, 0
	}
	topic = topicWeight * covered / len(e.Topics)
	apart = hoursBetween(e.Offset, m.Offset)
	zone = zonePoints(e.Offset, m.Offset)
	lang = languageWeight
	if len(e.Languages) > 0 && len(shared(e.Languages, m.Languages)) == 0 {
		lang = 0
	}
	return topic, zone, lang, apart
}

// hoursBetween is how far apart two UTC offsets are, around the clock.
func hoursBetween(a, b float64) float64 {
	d := math.Abs(a - b)
	return math.Min(d, 24-d)
}

// zonePoints rates two zones by the hours between them.
func zonePoints(a, b float64) int {
	return int(math.Round(zoneWeight * math.Max(0, zoneReach-hoursBetween(a, b)) / zoneReach))
}

// Score rates a pair from 0 to 100 and says why. A mentor who covers none
// of the mentee's topics scores 0: no pair.
func Score(e Mentee, m Mentor) (int, string) {
	topic, zone, lang, apart := parts(e, m)
	if topic == 0 {
		return 0, "mentors none of the topics asked about"
	}
	covered := shared(e.Topics, m.Topics)
	langWhy := "no language asked for"
	if len(e.Languages) > 0 {
		if common := shared(e.Languages, m.Languages); len(common) > 0 {
			langWhy = "both speak " + strings.Join(common, ", ")
		} else {
			langWhy = "speaks none of " + strings.Join(e.Languages, ", ")
		}
	}
	why := fmt.Sprintf("mentors %s (%d of %d topics asked, %d points); %s (%d points); %s (%d points)",
		strings.Join(covered, ", "), len(covered), len(e.Topics), topic, hoursApart(apart), zone, langWhy, lang)
	return max(1, topic+zone+lang), why
}

func hoursApart(h float64) string {
	switch {
	case h == 0:
		return "same time zone"
	case h == 1:
		return "1 hour apart"
	}
	return fmt.Sprintf("%g hours apart", h)
}

// shared lists the items of a found in b, in a's order.
func shared(a, b []string) []string {
	var out []string
	for _, x := range a {
		if slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// Assign gives waiting mentees to mentors for the best total score,
// within each mentor's capacity; a mentee no mentor fits stays out.
func Assign(mentees []Mentee, mentors []Mentor) []Pair {
	caps := make([]int, len(mentors))
	for j, m := range mentors {
		caps[j] = m.Capacity
	}
	to := Solve(len(mentees), caps, fastPoints(mentees, mentors))
	var out []Pair
	for i, j := range to {
		if j < 0 {
			continue
		}
		sc, why := Score(mentees[i], mentors[j])
		out = append(out, Pair{Mentee: mentees[i].ID, Mentor: mentors[j].ID, Score: sc, Why: why})
	}
	return out
}

// fastPoints is points(mentees[i], mentors[j]) with topics and languages
// numbered and each mentor's held as a bit set: comparing strings was
// most of the time of a large assignment.
func fastPoints(mentees []Mentee, mentors []Mentor) func(i, j int) int {
	ids := map[string]int{}
	number := func(xs []string) []int {
		out := make([]int, len(xs))
		for i, x := range xs {
			n, ok := ids[x]
			if !ok {
				n = len(ids)
				ids[x] = n
			}
			out[i] = n
		}
		return out
	}
	type numbered struct{ topics, langs []int }
	es := make([]numbered, len(mentees))
	for i, e := range mentees {
		es[i] = numbered{number(e.Topics), number(e.Languages)}
	}
	ms := make([][2]bitset, len(mentors))
	for j, m := range mentors {
		ms[j] = [2]bitset{setOf(number(m.Topics)), setOf(number(m.Languages))}
	}
	return func(i, j int) int {
		if mentees[i].ID == mentors[j].ID && mentees[i].ID != 0 {
			return 0
		}
		e, m := es[i], ms[j]
		covered := 0
		for _, t := range e.topics {
			if m[0].has(t) {
				covered++
			}
		}
		if covered == 0 {
			return 0
		}
		lang := languageWeight
		if len(e.langs) > 0 && !slices.ContainsFunc(e.langs, m[1].has) {
			lang = 0
		}
		return max(1, topicWeight*covered/len(e.topics)+zonePoints(mentees[i].Offset, mentors[j].Offset)+lang)
	}
}

type bitset []uint64

func setOf(xs []int) bitset {
	var b bitset
	for _, x := range xs {
		for len(b) <= x/64 {
			b = append(b, 0)
		}
		b[x/64] |= 1 << (x % 64)
	}
	return b
}

func (b bitset) has(x int) bool { return x/64 < len(b) && b[x/64]&(1<<(x%64)) != 0 }
