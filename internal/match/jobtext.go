package match

import (
	"slices"
	"strings"
	"unicode"
)

// Phrases that say whether what a job description lists is required or
// only nice to have. They are compared as folded words, so "requirements"
// also covers "requirement", and "nice-to-have" equals "nice to have".
// Nice-to-have phrases are checked first: "not required" is one of them.
const (
	nicePhrases = "nice to have|good to have|bonus|a plus|big plus|huge plus|an advantage|advantageous|" +
		"preferred|preferably|desirable|desired|ideally|optional|not required|not needed|not a must|not essential|" +
		"would be great|would be nice|extra credit|we would love|we'd love"
	requiredPhrases = "required|require|requires|must|essential|mandatory|need|needed"
	// Headings also recognise these; a heading opens a section that lasts
	// until the next heading.
	requiredHeadings = "requirements|must have|qualifications|minimum qualifications|basic qualifications|" +
		"you have|you bring|what you bring|what you'll need|what you will need|you will need|you'll need|" +
		"what we're looking for|what we are looking for|who you are|about you|skills|your skills|" +
		"experience|responsibilities|what you'll do|what you will do|the role|your role|tech stack|our stack"
	// Mentions in the company's own sections count as nice to have: they
	// describe the place, not what the applicant must know.
	companyHeadings = "about us|about the company|who we are|benefits|perks|what we offer|we offer|" +
		"why join us|why join|why work with us|compensation|salary|equal opportunity|our mission|our values"
	niceHeadings = nicePhrases + "|plus|nice|bonus points|extras"
)

// phraseLists holds the phrases above as folded words, split once per
// Matcher rather than once per line read.
type phraseLists struct {
	nice, required                 [][]string
	niceHead, companyHead, reqHead [][]string
}

func newPhraseLists() phraseLists {
	split := func(list string) [][]string {
		var out [][]string
		for _, p := range strings.Split(list, "|") {
			out = append(out, foldTokens(p))
		}
		return out
	}
	return phraseLists{
		nice: split(nicePhrases), required: split(requiredPhrases),
		niceHead: split(niceHeadings), companyHead: split(companyHeadings), reqHead: split(requiredHeadings),
	}
}

// jobToken is one word of a job description, with whether the clause it
// stands in asks for it (required) or only mentions it.
type jobToken struct {
	raw      string
	fold     string
	required bool
}

// jobTokens splits a job description into words and marks each as required
// or not, from the section it is in and the wording of its own clause.
func (ph phraseLists) jobTokens(desc string) []jobToken {
	var out []jobToken
	required := true // before any heading, what a posting lists is what it asks for
	for _, line := range strings.Split(desc, "\n") {
		h := ph.readHeading(line)
		lineRequired := required
		if h.found {
			lineRequired = ph.headingRequired(h.heading)
			if h.opensSection {
				required = lineRequired
			}
		}
		for _, clause := range clauses(h.body) {
			out = appendClause(out, clause, ph.clauseRequired(clause, lineRequired))
		}
	}
	return out
}

func appendClause(out []jobToken, clause string, required bool) []jobToken {
	for _, w := range words(clause) {
		out = append(out, jobToken{raw: w, fold: fold(w), required: required})
	}
	// an empty token keeps phrases from running across clause boundaries
	return append(out, jobToken{})
}

// lineHeading is what readHeading found in one line.
type lineHeading struct {
	body         string // the text to read for skills
	heading      string
	found        bool
	opensSection bool // it applies to the lines below, not only its own
}

// readHeading recognises "Requirements:", "## Nice to have", "**Bonus**",
// "Preferred qualifications" (a known heading phrase and at most one more
// word) and "Nice to have: Kafka" (which applies to its own line only).
func (ph phraseLists) readHeading(line string) lineHeading {
	text := strings.TrimSpace(line)
	if text == "" || isBullet(text) {
		return lineHeading{body: line}
	}
	markdown := strings.HasPrefix(text, "#")
	text = strings.TrimSpace(strings.Trim(text, "#*_ \t"))
	if i := strings.Index(text, ":"); i > 0 && len(words(text[:i])) <= 6 {
		body := text[i+1:]
		return lineHeading{body: body, heading: text[:i], found: true, opensSection: strings.TrimSpace(body) == ""}
	}
	if markdown || ph.isHeadingPhrase(text) {
		return lineHeading{body: text, heading: text, found: true, opensSection: true}
	}
	return lineHeading{body: line}
}

// isBullet reports list items, which are content rather than headings.
func isBullet(text string) bool {
	r := []rune(text)
	if strings.ContainsRune("-*•·–—", r[0]) && len(r) > 1 && unicode.IsSpace(r[1]) {
		return true
	}
	i := 0
	for i < len(r) && unicode.IsDigit(r[i]) {
		i++
	}
	return i > 0 && i < len(r) && (r[i] == '.' || r[i] == ')')
}

// isHeadingPhrase reports a known heading phrase followed by at most one
// more word, so "Bonus points" is a heading and "Experience with Go" is not.
func (ph phraseLists) isHeadingPhrase(text string) bool {
	ws := foldTokens(text)
	for _, list := range [][][]string{ph.niceHead, ph.companyHead, ph.reqHead} {
		for _, pw := range list {
			if len(pw) <= len(ws) && len(ws) <= len(pw)+1 && slices.Equal(ws[:len(pw)], pw) {
				return true
			}
		}
	}
	return false
}

// headingRequired says whether a section under this heading asks for what
// it lists. Unknown headings ("The role", "Location") count as required.
func (ph phraseLists) headingRequired(heading string) bool {
	ws := foldTokens(heading)
	return !containsPhrase(ws, ph.niceHead) && !containsPhrase(ws, ph.companyHead)
}

// clauseRequired lets a clause's own wording override its section:
// "Kafka is a plus" inside the requirements, or "Docker is required"
// among the nice-to-haves.
func (ph phraseLists) clauseRequired(clause string, section bool) bool {
	ws := foldTokens(clause)
	switch {
	case containsPhrase(ws, ph.nice):
		return false
	case containsPhrase(ws, ph.required):
		return true
	}
	return section
}

// containsPhrase reports whether any of the phrases occurs in ws as whole
// words.
func containsPhrase(ws []string, phrases [][]string) bool {
	for _, pw := range phrases {
		for i := 0; i+len(pw) <= len(ws); i++ {
			if slices.Equal(ws[i:i+len(pw)], pw) {
				return true
			}
		}
	}
	return false
}

// clauses splits a line at sentence ends (". ", ";", "!", "?"), so that
// "Python is required; Go is a plus." is read as two statements.
func clauses(line string) []string {
	var out []string
	start := 0
	rs := []rune(line)
	for i, r := range rs {
		end := r == ';' || r == '!' || r == '?' ||
			(r == '.' && (i+1 == len(rs) || unicode.IsSpace(rs[i+1])))
		if end {
			out = append(out, string(rs[start:i]))
			start = i + 1
		}
	}
	return append(out, string(rs[start:]))
}
