package jobsearch

import (
	"fmt"
	"io/fs"
	"math"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
)

// Money is an amount in whole units of a currency, a year when it is a
// salary.
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"` // ISO 4217
}

// String writes the amount with thousands separators: "$77,467", "52,000 EUR".
func (m Money) String() string {
	n := groupThousands(m.Amount)
	switch m.Currency {
	case "USD":
		return "$" + n
	case "GBP":
		return "£" + n
	case "EUR":
		return "€" + n
	}
	return strings.TrimSpace(n + " " + m.Currency)
}

func groupThousands(n int64) string {
	s := strconv.FormatInt(max(n, -n), 10)
	var b strings.Builder
	if n < 0 {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Salaries is every salary source devpath knows.
type Salaries struct {
	Sources []SalarySource `yaml:"sources"`
}

// SalarySource is one publication's salary levels.
type SalarySource struct {
	ID        string        `yaml:"id" json:"id"`
	Title     string        `yaml:"title" json:"title"`
	Publisher string        `yaml:"publisher" json:"publisher"`
	Published string        `yaml:"published" json:"published"` // YYYY or YYYY-MM
	Updated   string        `yaml:"updated" json:"updated,omitempty"`
	URL       string        `yaml:"url" json:"url,omitempty"`
	Region    string        `yaml:"region" json:"region"`
	Currency  string        `yaml:"currency" json:"currency"`
	Note      string        `yaml:"note" json:"note,omitempty"`
	Levels    []SalaryLevel `yaml:"levels" json:"levels"`
}

// SalaryLevel is a typical figure (Amount) or a range (Low to High; High 0
// means open-ended).
type SalaryLevel struct {
	ID     string `yaml:"id" json:"id"`
	Label  string `yaml:"label" json:"label"`
	Amount int64  `yaml:"amount" json:"amount,omitempty"`
	Low    int64  `yaml:"low" json:"low,omitempty"`
	High   int64  `yaml:"high" json:"high,omitempty"`
	Note   string `yaml:"note" json:"note,omitempty"`
}

// Cite names the source and its date, as a person would cite it.
func (s SalarySource) Cite() string {
	date := s.Published
	if s.Updated != "" {
		date += ", updated " + s.Updated
	}
	return fmt.Sprintf("%s, %q (%s)", s.Publisher, s.Title, date)
}

// LoadSalaries reads career/salaries.yaml from fsys and checks it.
func LoadSalaries(fsys fs.FS) (Salaries, error) {
	var s Salaries
	data, err := fs.ReadFile(fsys, salariesFile)
	if err != nil {
		return s, fmt.Errorf("load salaries: %w", err)
	}
	if err := yaml.UnmarshalWithOptions(data, &s, yaml.DisallowUnknownField()); err != nil {
		return s, fmt.Errorf("%s: %w", salariesFile, err)
	}
	var problems []string
	for i, src := range s.Sources {
		for _, p := range src.problems() {
			problems = append(problems, fmt.Sprintf("source %d (%s): %s", i+1, src.ID, p))
		}
	}
	if len(problems) > 0 {
		return s, fmt.Errorf("%s: %s", salariesFile, strings.Join(problems, "; "))
	}
	return s, nil
}

func (s SalarySource) problems() []string {
	var out []string
	for name, v := range map[string]string{"id": s.ID, "title": s.Title, "publisher": s.Publisher, "published": s.Published} {
		if v == "" {
			out = append(out, name+" is required")
		}
	}
	if !isCurrencyCode(s.Currency) {
		out = append(out, "currency must be an ISO 4217 code")
	}
	if len(s.Levels) == 0 {
		out = append(out, "no levels")
	}
	prev := int64(0)
	for _, l := range s.Levels {
		switch {
		case l.ID == "" || l.Label == "":
			out = append(out, "a level needs an id and a label")
		case (l.Amount > 0) == (l.Low > 0):
			out = append(out, l.ID+": give either amount or low (and high)")
		case l.High != 0 && l.High < l.Low:
			out = append(out, l.ID+": high is below low")
		case l.floor() < prev:
			out = append(out, l.ID+": levels must go from lowest to highest")
		}
		prev = l.floor()
	}
	return out
}

// floor and ceiling bound a level; a typical figure bounds itself.
func (l SalaryLevel) floor() int64 { return max(l.Amount, l.Low) }

func (l SalaryLevel) ceiling() int64 {
	if l.Amount > 0 {
		return l.Amount
	}
	if l.High == 0 {
		return math.MaxInt64
	}
	return l.High
}

// Figure shows the level's amount or range in a currency.
func (l SalaryLevel) Figure(currency string) string {
	switch {
	case l.Amount > 0:
		return Money{l.Amount, currency}.String()
	case l.High == 0:
		return "from " + Money{l.Low, currency}.String()
	}
	return Money{l.Low, currency}.String() + " to " + Money{l.High, currency}.String()
}

// Relation is where an offer stands against one level.
type Relation string

const (
	Below Relation = "below"
	At    Relation = "at"
	Above Relation = "above"
)

// nearTypical is how close to a typical figure, as a fraction of it, an
// offer counts as at it: the sources give rounded, "about" figures.
const nearTypical = 0.05

// Comparison is where an offer stands against one source's levels.
type Comparison struct {
	Offer      Money             `json:"offer"`
	Source     SalarySource      `json:"source"`
	Comparable bool              `json:"comparable"` // false when the currencies differ
	Position   string            `json:"position"`   // "between Entry level and Mid level"
	Levels     []LevelComparison `json:"levels"`
	Summary    string            `json:"summary"` // one sentence with the source and its date
}

// LevelComparison is the offer against one level.
type LevelComparison struct {
	Level    SalaryLevel `json:"level"`
	Figure   string      `json:"figure"` // the level's amount or range, written out
	Relation Relation    `json:"relation"`
	// Difference is the offer minus the level's figure, or minus the
	// nearest end of its range (0 inside it).
	Difference int64 `json:"difference"`
}

// Compare says where a yearly offer stands against each level of a source.
func Compare(offer Money, src SalarySource) Comparison {
	c := Comparison{Offer: offer, Source: src, Levels: []LevelComparison{}}
	if offer.Currency != src.Currency {
		c.Summary = fmt.Sprintf("%s gives figures in %s; an offer in %s cannot be compared without an exchange rate.",
			src.Cite(), src.Currency, offer.Currency)
		return c
	}
	c.Comparable = true
	for _, l := range src.Levels {
		c.Levels = append(c.Levels, compareLevel(offer.Amount, l, src.Currency))
	}
	c.Position = position(c.Levels)
	c.Summary = fmt.Sprintf("An offer of %s a year is %s, according to %s, for %s.", offer, c.Position, src.Cite(), src.Region)
	return c
}

func compareLevel(amount int64, l SalaryLevel, currency string) LevelComparison {
	lc := LevelComparison{Level: l, Figure: l.Figure(currency)}
	lo, hi := l.floor(), l.ceiling()
	if l.Amount > 0 {
		slack := int64(float64(l.Amount) * nearTypical)
		lo, hi = l.Amount-slack, l.Amount+slack
	}
	switch {
	case amount < lo:
		lc.Relation, lc.Difference = Below, amount-l.floor()
	case amount > hi:
		lc.Relation, lc.Difference = Above, amount-min(l.ceiling(), hi)
	default:
		lc.Relation = At
		if l.Amount > 0 {
			lc.Difference = amount - l.Amount
		}
	}
	return lc
}

// position puts the per-level relations into words.
func position(ls []LevelComparison) string {
	label := func(l LevelComparison) string { return fmt.Sprintf("%s (%s)", l.Level.Label, l.Figure) }
	for _, l := range ls {
		if l.Relation == At {
			if l.Level.Amount > 0 {
				return "about " + label(l)
			}
			return "within " + label(l)
		}
	}
	for i, l := range ls {
		if l.Relation == Below {
			if i == 0 {
				return "below " + label(l)
			}
			return "between " + label(ls[i-1]) + " and " + label(l)
		}
	}
	if len(ls) == 0 {
		return "not comparable: the source has no levels"
	}
	return "above " + label(ls[len(ls)-1])
}
