// Package practice grades SQL exercises. Each exercise is data (see
// content/exercises/exercises.yaml): a prompt, hints and a reference answer.
// A Grader runs a learner's answer and the reference on fresh, sandboxed
// in-memory copies of the practice database, once with the rows learners can
// see and once with a hidden dataset, and says what differs.
//
// Answer, Check, Probes and Plan are the grader's half of an exercise, and
// Sample.Hidden the grader's dataset: never send them to learners.
// Exercise.Brief is the half learners may see.
package practice

import (
	"fmt"
	"regexp"
	"strings"
)

// Level is how hard an exercise is.
type Level string

// Levels, from easiest.
const (
	Beginner     Level = "beginner"
	Intermediate Level = "intermediate"
	Advanced     Level = "advanced"
)

// Area is the part of SQL an exercise practises, finer than a roadmap topic.
type Area string

// Areas, in the order a learner meets them.
const (
	AreaSelect      Area = "select"
	AreaFilter      Area = "filter"
	AreaSort        Area = "sort"
	AreaNull        Area = "nulls" // not "null", which YAML reads as no value
	AreaJoin        Area = "join"
	AreaGroup       Area = "group"
	AreaSubquery    Area = "subquery"
	AreaWindow      Area = "window"
	AreaCTE         Area = "cte"
	AreaIndex       Area = "index"
	AreaTransaction Area = "transaction"
	AreaDesign      Area = "design"
)

// Valid reports whether a is one of the known areas.
func (a Area) Valid() bool {
	switch a {
	case AreaSelect, AreaFilter, AreaSort, AreaNull, AreaJoin, AreaGroup, AreaSubquery,
		AreaWindow, AreaCTE, AreaIndex, AreaTransaction, AreaDesign:
		return true
	}
	return false
}

// ColumnMatch says how result columns are paired with the expected ones.
type ColumnMatch string

const (
	// ByPosition pairs columns in order; their names do not matter. It is
	// the default.
	ByPosition ColumnMatch = "position"
	// ByName pairs columns by case-folded name, in any order; the prompt
	// must say which names it expects.
	ByName ColumnMatch = "name"
)

// Exercise is one graded SQL exercise.
type Exercise struct {
	ID     string `yaml:"id"` // stable slug: attempts and progress refer to it
	Title  string `yaml:"title"`
	Level  Level  `yaml:"level"`
	Topic  string `yaml:"topic"` // a topic id of the backend roadmap
	Area   Area   `yaml:"area"`
	Prompt string `yaml:"prompt"` // Markdown

	Hints []string `yaml:"hints"`

	// Answer is the reference answer. The learner's answer passes when it
	// gives the same result as Answer on both datasets.
	Answer  string      `yaml:"answer"`
	Ordered bool        `yaml:"ordered"` // row order matters (else rows compare as multisets)
	Columns ColumnMatch `yaml:"columns"`

	AllowMultipleStatements bool `yaml:"allow_multiple_statements"`

	// Check, Probes and Plan grade what statements do rather than what
	// they return (DDL, transactions, indexes). With any of them set, the
	// answer's own result table is not compared.
	Plan   *PlanCheck `yaml:"plan"`   // judged first, after the statements
	Probes []Probe    `yaml:"probes"` // then run in order; each must succeed or fail as it says
	Check  string     `yaml:"check"`  // run last; its result must match the one after the reference
}

// Brief is what a learner may see of an exercise.
type Brief struct {
	ID                      string      `json:"id"`
	Title                   string      `json:"title"`
	Level                   Level       `json:"level"`
	Topic                   string      `json:"topic"`
	Area                    Area        `json:"area"`
	Prompt                  string      `json:"prompt"` // Markdown
	Hints                   []string    `json:"hints"`
	Ordered                 bool        `json:"ordered"` // row order is graded
	Columns                 ColumnMatch `json:"columns"` // how columns are paired
	AllowMultipleStatements bool        `json:"allow_multiple_statements"`
}

// Brief returns the exercise without the grader's half.
func (ex Exercise) Brief() Brief {
	return Brief{
		ID: ex.ID, Title: ex.Title, Level: ex.Level, Topic: ex.Topic, Area: ex.Area,
		Prompt: ex.Prompt, Hints: ex.Hints, Ordered: ex.Ordered, Columns: ex.columnMatch(),
		AllowMultipleStatements: ex.AllowMultipleStatements,
	}
}

// IsQuery reports whether the exercise grades the table the answer returns.
func (ex Exercise) IsQuery() bool {
	return ex.Check == "" && len(ex.Probes) == 0 && ex.Plan == nil
}

func (ex Exercise) columnMatch() ColumnMatch {
	if ex.Columns == "" {
		return ByPosition
	}
	return ex.Columns
}

// Expect is what a probe statement must do.
type Expect string

// Probe outcomes.
const (
	ExpectOK    Expect = "ok"
	ExpectError Expect = "error"
)

// Probe is a statement run after the learner's statements that must succeed
// or fail, for example an INSERT that a constraint should reject.
type Probe struct {
	SQL    string `yaml:"sql"`
	Expect Expect `yaml:"expect"`
	Why    string `yaml:"why"` // told to the learner when the probe misbehaves
}

// PlanCheck looks at the EXPLAIN QUERY PLAN of Query after the learner's
// statements ran, one plan line per row.
type PlanCheck struct {
	Query   string   `yaml:"query"`
	Must    []string `yaml:"must"`     // regular expressions the plan must match
	MustNot []string `yaml:"must_not"` // regular expressions it must not match
	Why     string   `yaml:"why"`      // told to the learner when the plan is wrong
}

// Validate checks an exercise on its own, without running anything, and
// returns its problems as "field: problem" strings.
func (ex Exercise) Validate() []string {
	var ps []string
	add := func(field, problem string) { ps = append(ps, field+": "+problem) }
	if !slugPattern().MatchString(ex.ID) {
		add("id", "must be a slug such as select-basics (lower-case letters, digits, hyphens)")
	}
	for _, f := range [][2]string{{"title", ex.Title}, {"topic", ex.Topic}, {"prompt", ex.Prompt}, {"answer", ex.Answer}} {
		if strings.TrimSpace(f[1]) == "" {
			add(f[0], "is required")
		}
	}
	switch ex.Level {
	case Beginner, Intermediate, Advanced:
	default:
		add("level", "must be beginner, intermediate or advanced")
	}
	if !ex.Area.Valid() {
		add("area", fmt.Sprintf("unknown area %q", ex.Area))
	}
	switch ex.Columns {
	case "", ByPosition, ByName:
	default:
		add("columns", `must be "position" or "name"`)
	}
	if n := len(SplitStatements(ex.Answer)); n > 1 && !ex.AllowMultipleStatements {
		add("answer", fmt.Sprintf("has %d statements but allow_multiple_statements is false", n))
	}
	ps = append(ps, ex.validateProbes()...)
	return append(ps, ex.validatePlan()...)
}

func (ex Exercise) validateProbes() []string {
	var ps []string
	for i, p := range ex.Probes {
		if strings.TrimSpace(p.SQL) == "" {
			ps = append(ps, fmt.Sprintf("probes[%d].sql: is required", i))
		}
		if p.Expect != ExpectOK && p.Expect != ExpectError {
			ps = append(ps, fmt.Sprintf(`probes[%d].expect: must be "ok" or "error"`, i))
		}
	}
	return ps
}

func (ex Exercise) validatePlan() []string {
	if ex.Plan == nil {
		return nil
	}
	var ps []string
	if strings.TrimSpace(ex.Plan.Query) == "" {
		ps = append(ps, "plan.query: is required")
	}
	if len(ex.Plan.Must)+len(ex.Plan.MustNot) == 0 {
		ps = append(ps, "plan: needs at least one pattern in must or must_not")
	}
	for _, p := range append(append([]string(nil), ex.Plan.Must...), ex.Plan.MustNot...) {
		if _, err := regexp.Compile(p); err != nil {
			ps = append(ps, fmt.Sprintf("plan: pattern %q: %v", p, err))
		}
	}
	return ps
}

func slugPattern() *regexp.Regexp {
	return regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
}
