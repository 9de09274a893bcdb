package match

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Result is a job description's match score with its reasons.
type Result struct {
	Score       int       `json:"score"`   // 0..100: the sum of Points
	Matched     []string  `json:"matched"` // skills the learner has, most important first
	Missing     []Missing `json:"missing"` // skills the learner lacks, most important first
	Explanation []Factor  `json:"explanation"`
	Formula     string    `json:"formula"`
}

// Missing is a skill the description asks for that the learner lacks.
type Missing struct {
	Skill      string `json:"skill"`
	Topic      string `json:"topic,omitempty"` // roadmap topic id that teaches it
	TopicTitle string `json:"topic_title,omitempty"`
	Required   bool   `json:"required"`
}

// Factor is one skill's part in the score.
type Factor struct {
	Skill    string  `json:"skill"`
	Topic    string  `json:"topic,omitempty"`
	Required bool    `json:"required"` // false: only nice to have
	Mentions int     `json:"mentions"`
	Weight   float64 `json:"weight"` // importance times the frequency factor
	Share    int     `json:"share"`  // of the 100 points, what this skill is worth
	Has      bool    `json:"has"`
	Points   int     `json:"points"` // Share when the learner has the skill, else 0
}

// String explains the factor in a sentence.
func (f Factor) String() string {
	kind := "nice to have"
	if f.Required {
		kind = "required"
	}
	times := "once"
	if f.Mentions != 1 {
		times = fmt.Sprintf("%d times", f.Mentions)
	}
	has := "you do not have it yet"
	if f.Has {
		has = "you have it"
	}
	return fmt.Sprintf("%s: %s, mentioned %s, weight %.2f, worth %d of 100 points; %s (+%d)",
		f.Skill, kind, times, f.Weight, f.Share, has, f.Points)
}

// Match scores a job description against what the learner knows: known
// holds roadmap topic ids the learner has done and skill names from their
// resume, in any spelling the vocabulary knows. A skill counts as had when
// its name is known or the topic that teaches it is.
func (m *Matcher) Match(jobDescription string, known []string) Result {
	found := m.scan(m.phrases.jobTokens(jobDescription))
	has := m.known(known)
	factors := make([]Factor, 0, len(found))
	order := map[string]int{}
	for idx, mn := range found {
		s := m.skills[idx]
		factors = append(factors, Factor{
			Skill: s.name, Topic: s.topic, Required: mn.required, Mentions: mn.count,
			Weight: weight(mn), Has: has(idx),
		})
		order[s.name] = mn.first
	}
	slices.SortFunc(factors, func(a, b Factor) int {
		return cmp.Or(cmp.Compare(b.Weight, a.Weight), cmp.Compare(order[a.Skill], order[b.Skill]))
	})
	share(factors)
	return m.result(factors)
}

func weight(mn *mention) float64 {
	w := niceWeight
	if mn.required {
		w = requiredWeight
	}
	return w * math.Min(math.Sqrt(float64(mn.count)), maxFrequencyFactor)
}

// share gives each factor its whole points out of 100 in proportion to its
// weight, so that the explanation adds up: the points of the skills had sum
// to the rounded score, the rest to what is left of 100. Within each group
// whole points go by largest remainder.
func share(fs []Factor) {
	total, had := 0.0, 0.0
	for _, f := range fs {
		total += f.Weight
		if f.Has {
			had += f.Weight
		}
	}
	if total == 0 {
		return
	}
	score := int(math.Round(100 * had / total))
	apportion(fs, true, score, total)
	apportion(fs, false, 100-score, total)
}

// apportion shares points among the factors whose Has is has.
func apportion(fs []Factor, has bool, points int, total float64) {
	var idx []int
	rest := map[int]float64{}
	for i := range fs {
		if fs[i].Has != has {
			continue
		}
		exact := 100 * fs[i].Weight / total
		fs[i].Share = int(exact)
		rest[i] = exact - float64(fs[i].Share)
		points -= fs[i].Share
		idx = append(idx, i)
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(rest[b], rest[a]) })
	for k := 0; k < points && k < len(idx); k++ {
		fs[idx[k]].Share++
	}
}

func (m *Matcher) result(fs []Factor) Result {
	r := Result{Matched: []string{}, Missing: []Missing{}, Explanation: fs, Formula: Formula}
	for i := range fs {
		f := &fs[i]
		if f.Has {
			f.Points = f.Share
			r.Score += f.Points
			r.Matched = append(r.Matched, f.Skill)
			continue
		}
		r.Missing = append(r.Missing, Missing{Skill: f.Skill, Topic: f.Topic, TopicTitle: m.topicTitle(f.Topic), Required: f.Required})
	}
	return r
}

func (m *Matcher) topicTitle(id string) string {
	if id == "" || m.roadmap == nil {
		return ""
	}
	t, err := m.roadmap.Topic(id)
	if err != nil {
		return ""
	}
	return t.Title
}

// known returns whether the learner has the skill at an index.
func (m *Matcher) known(known []string) func(int) bool {
	skills := map[int]bool{}
	topics := map[string]bool{}
	for _, k := range known {
		if id := m.resolve(k); id != "" {
			topics[id] = true
		}
		if idx, ok := m.lookup[strings.Join(foldTokens(k), " ")]; ok {
			skills[idx] = true
		}
	}
	return func(idx int) bool {
		return skills[idx] || (m.skills[idx].topic != "" && topics[m.skills[idx].topic])
	}
}

// Skills returns the skills named in text, in order of first mention, for
// turning a resume's skills and keywords into the matcher's names.
func (m *Matcher) Skills(text string) []string {
	found := m.scan(m.phrases.jobTokens(text))
	type named struct {
		name  string
		first int
	}
	list := make([]named, 0, len(found))
	for idx, mn := range found {
		list = append(list, named{m.skills[idx].name, mn.first})
	}
	slices.SortFunc(list, func(a, b named) int { return cmp.Compare(a.first, b.first) })
	out := make([]string, len(list))
	for i, n := range list {
		out[i] = n.name
	}
	return out
}
