package checker

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Word lists for made-up data. A learner's server sees different names every
// run, so a server that only works for one hard-coded example fails.
const (
	firstNames = "ada alan barbara claude dennis edsger frances grace hedy ida ivan " +
		"jean john ken leslie linus margaret niklaus radia rasmus rob sophie tim tony yukihiro"
	lastNames = "hopper lovelace turing liskov knuth ritchie thompson dijkstra allen " +
		"shannon lamarr wirth perlman pike hamilton kay moore sutherland wilson backus"
	adjectives = "quiet bright early hidden gentle rapid silver hollow amber honest " +
		"patient curious crooked ancient sudden distant steady narrow velvet frozen"
	nouns = "river lantern garden compass harbour meadow engine orchard ladder signal " +
		"library kettle island pocket tunnel beacon workshop window bridge notebook"
	verbs = "remembers follows carries builds measures borrows answers explains " +
		"collects repairs watches teaches"
	topics = "cooking travel music reading gardening running chess cycling films " +
		"baking hiking photography"
)

// faker makes the data a run sends, from a source seeded by Options.Seed.
type faker struct{ r *rand.Rand }

func newFaker(seed int64) faker {
	return faker{r: rand.New(rand.NewPCG(uint64(seed), 0x6465767061746821))}
}

func (f faker) pick(words string) string {
	list := strings.Fields(words)
	return list[f.r.IntN(len(list))]
}

// number is a four-digit suffix that keeps names apart between runs.
func (f faker) number() int { return 1000 + f.r.IntN(9000) }

func (f faker) username() string {
	return fmt.Sprintf("%s_%s_%d", f.pick(firstNames), f.pick(lastNames), f.number())
}

func (f faker) email(username string) string {
	return strings.ReplaceAll(username, "_", ".") + "@example.com"
}

func (f faker) password() string {
	return fmt.Sprintf("%s-%s-%d", f.pick(adjectives), f.pick(nouns), f.number())
}

// title is capitalised and carries a number, so slugs made from it are unique.
func (f faker) title() string {
	t := fmt.Sprintf("%s %s %d", f.pick(adjectives), f.pick(nouns), f.number())
	return strings.ToUpper(t[:1]) + t[1:]
}

func (f faker) sentence() string {
	s := fmt.Sprintf("The %s %s %s the %s %s.", f.pick(adjectives), f.pick(nouns), f.pick(verbs), f.pick(adjectives), f.pick(nouns))
	return strings.ToUpper(s[:1]) + s[1:]
}

func (f faker) paragraph() string {
	parts := make([]string, 2+f.r.IntN(3))
	for i := range parts {
		parts[i] = f.sentence()
	}
	return strings.Join(parts, " ")
}

// tag is unique to the run, so filtering by it finds only this run's data.
func (f faker) tag() string { return fmt.Sprintf("%s-%d", f.pick(topics), f.number()) }

// word is a plain tag that other runs may share.
func (f faker) word() string { return f.pick(topics) }
