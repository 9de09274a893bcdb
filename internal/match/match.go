package match

import (
	"cmp"
	"slices"
	"strings"

	"devpath/internal/roadmap"
)

// Weights of the match score.
const (
	requiredWeight = 1.0
	niceWeight     = 0.5
	// Frequency counts with diminishing returns: the square root of the
	// number of mentions, at most this much.
	maxFrequencyFactor = 2.0
)

// Formula is the match score's rule in one sentence, shown beside it.
const Formula = "Each skill the description asks for weighs 1 if required or 0.5 if nice to have, " +
	"times the square root of how often it is mentioned (at most 2); the 100 points are shared " +
	"out in proportion to these weights, and the score is the sum of the points of the skills you have."

// Matcher finds the skills a job description asks for and scores them
// against what a learner knows. It is safe for concurrent use.
type Matcher struct {
	roadmap *roadmap.Roadmap
	skills  []matchSkill
	exact   map[string][]term // first word as written -> terms
	folded  map[string][]term // first word folded -> terms
	lookup  map[string]int    // folded spelling -> skill index
	phrases phraseLists
}

type matchSkill struct {
	name, topic string // topic: current id in the roadmap, "" when none
	stops       [][]string
}

// term is one spelling of a skill, as a sequence of words.
type term struct {
	words []string // as written when exact, else folded
	exact bool
	skill int
}

// NewMatcher builds a matcher from the vocabulary and the roadmap's topics.
// A vocabulary skill speaks for the topic that teaches it; a topic no skill
// names becomes a skill of its own, spelled as its title, its id (dashes
// read as spaces) and its former ids, except where a spelling is taken. This
// keeps a topic id such as "go" from matching the verb. r may be nil.
func NewMatcher(r *roadmap.Roadmap, vocab Vocabulary) *Matcher {
	m := &Matcher{roadmap: r, exact: map[string][]term{}, folded: map[string][]term{}, lookup: map[string]int{},
		phrases: newPhraseLists()}
	covered := map[string]bool{}
	for _, s := range vocab.Skills {
		topic := m.resolve(s.Topic)
		covered[topic] = true
		m.add(s.Name, topic, s.spellings(), s.NotFollowedBy)
	}
	if r != nil {
		for _, t := range r.Topics {
			if !covered[t.ID] {
				m.add(t.Title, t.ID, topicSpellings(t), nil)
			}
		}
	}
	for _, idx := range []map[string][]term{m.exact, m.folded} {
		for k := range idx {
			slices.SortStableFunc(idx[k], func(a, b term) int { return cmp.Compare(len(b.words), len(a.words)) })
		}
	}
	return m
}

func (m *Matcher) resolve(topic string) string {
	if m.roadmap == nil || topic == "" {
		return ""
	}
	id, _ := m.roadmap.Resolve(topic)
	return id
}

// add registers a skill under each spelling not already taken.
func (m *Matcher) add(name, topic string, sps []spelling, stops []string) {
	idx := len(m.skills)
	ms := matchSkill{name: name, topic: topic}
	for _, s := range stops {
		ms.stops = append(ms.stops, foldTokens(s))
	}
	added := false
	for _, sp := range sps {
		key := strings.Join(foldTokens(sp.text), " ")
		if _, taken := m.lookup[key]; key == "" || taken {
			continue
		}
		m.lookup[key] = idx
		added = true
		if sp.exact {
			ws := words(sp.text)
			m.exact[ws[0]] = append(m.exact[ws[0]], term{words: ws, exact: true, skill: idx})
		} else {
			ws := foldTokens(sp.text)
			m.folded[ws[0]] = append(m.folded[ws[0]], term{words: ws, skill: idx})
		}
	}
	if added {
		m.skills = append(m.skills, ms)
	}
}

// topicSpellings are the ways a job description might name a topic.
func topicSpellings(t *roadmap.Topic) []spelling {
	sps := []spelling{{text: t.Title}}
	if before, _, ok := strings.Cut(t.Title, ":"); ok {
		sps = append(sps, spelling{text: before})
	}
	for _, id := range append([]string{t.ID}, t.Aliases...) {
		// a one-word id is left out when short: three letters are too
		// likely to be an ordinary word
		if strings.Contains(id, "-") || len(id) >= 4 {
			sps = append(sps, spelling{text: strings.ReplaceAll(id, "-", " ")})
		}
	}
	return sps
}

// mention counts how a skill appears in a job description.
type mention struct {
	count    int
	required bool
	first    int // word position of the first mention, for a stable order
}

// scan finds every skill mention, preferring the longest spelling at each
// word ("Spring Boot" over "Spring"), and never reusing a word.
func (m *Matcher) scan(toks []jobToken) map[int]*mention {
	found := map[int]*mention{}
	for i := 0; i < len(toks); {
		t, ok := m.longestAt(toks, i)
		if !ok {
			i++
			continue
		}
		mn := found[t.skill]
		if mn == nil {
			mn = &mention{first: i}
			found[t.skill] = mn
		}
		mn.count++
		mn.required = mn.required || toks[i].required
		i += len(t.words)
	}
	return found
}

// longestAt returns the longest spelling that matches at word i; on equal
// length an exact spelling wins.
func (m *Matcher) longestAt(toks []jobToken, i int) (term, bool) {
	if toks[i].raw == "" {
		return term{}, false
	}
	best, found := term{}, false
	for _, list := range [][]term{m.exact[toks[i].raw], m.folded[toks[i].fold]} {
		for _, t := range list { // longest first
			if found && len(t.words) <= len(best.words) {
				break
			}
			if t.matches(toks, i) && !m.stopped(t.skill, toks, i+len(t.words)) {
				best, found = t, true
				break
			}
		}
	}
	return best, found
}

func (t term) matches(toks []jobToken, i int) bool {
	if i+len(t.words) > len(toks) {
		return false
	}
	for k, w := range t.words {
		tok := toks[i+k]
		if tok.raw == "" || (t.exact && tok.raw != w) || (!t.exact && tok.fold != w) {
			return false
		}
	}
	return true
}

// stopped reports a match followed by a phrase showing it is the ordinary
// word ("Go to market").
func (m *Matcher) stopped(skill int, toks []jobToken, next int) bool {
	for _, stop := range m.skills[skill].stops {
		if next+len(stop) > len(toks) {
			continue
		}
		if slices.EqualFunc(stop, toks[next:next+len(stop)], func(w string, t jobToken) bool { return t.fold == w }) {
			return true
		}
	}
	return false
}
