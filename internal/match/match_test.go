package match

import (
	"slices"
	"strings"
	"testing"

	"devpath/content"
	"devpath/internal/roadmap"
)

const paymentsJob = `Backend Engineer, Payments

About us
We are a 40-person fintech in Leeds. Our go-to-market team works closely with engineering.

What you'll do
- Design and build REST APIs in Go
- Own our PostgreSQL schema and the queries behind every report

Requirements
- 2+ years of professional experience with Go (Golang)
- Strong SQL skills
- You write unit tests as a matter of course
- Docker

Nice to have
- Kafka
- Terraform or other infrastructure as code
- AWS
`

func TestMatch(t *testing.T) {
	m := backendMatcher(t)
	for _, tc := range []struct {
		name        string
		job         string
		known       []string
		score       int
		matched     []string // in this order
		missing     []string // in this order
		required    []string // skills that must be found as required
		nice        []string // skills that must be found as nice to have
		absent      []string // skills that must not be found
		mentions    map[string]int
		missingTopc map[string]string // missing skill -> topic id ("" for none)
	}{
		{
			name:  "required skill the learner has",
			job:   "Requirements:\n- Go\n- Kafka",
			known: []string{"Kafka"},
			score: 50, matched: []string{"Kafka"}, missing: []string{"Go"},
			required: []string{"Go", "Kafka"},
		},
		{
			name:  "the same skill only nice to have weighs less",
			job:   "Requirements:\n- Go\n\nNice to have:\n- Kafka",
			known: []string{"Kafka"},
			score: 33, matched: []string{"Kafka"}, missing: []string{"Go"},
			required: []string{"Go"}, nice: []string{"Kafka"},
		},
		{
			name:  "a clause's own wording overrides its section",
			job:   "Requirements: Python is required; Go is a plus.",
			known: []string{"python"},
			score: 67, required: []string{"Python"}, nice: []string{"Go"},
		},
		{
			name:     "synonyms and spellings meet their canonical skill",
			job:      "You know Postgres, k8s, JS, Golang and RESTful design.",
			known:    []string{"PostgreSQL", "kubernetes", "JavaScript", "go", "REST APIs"},
			score:    100,
			required: []string{"PostgreSQL", "Kubernetes", "JavaScript", "Go", "REST APIs"},
		},
		{
			name:   "go-to-market and go to market are not Go",
			job:    "Join our go-to-market team. Go to market with us and go beyond. Let's go!",
			absent: []string{"Go"},
		},
		{
			name:     "Go as a language next to the verb",
			job:      "We write Go to build fast services; you will go far.",
			required: []string{"Go"},
			mentions: map[string]int{"Go": 1},
		},
		{
			name:     "REST the style, rest the noun",
			job:      "The rest of the team builds REST services.",
			known:    []string{"rest-api-design"},
			score:    100,
			mentions: map[string]int{"REST APIs": 1},
		},
		{
			name:        "C# and C++ are different languages",
			job:         "Requirements: C#, .NET and ASP.NET Core",
			known:       []string{"C++"},
			score:       0,
			missing:     []string{"C#", ".NET", "ASP.NET Core"},
			absent:      []string{"C++"},
			missingTopc: map[string]string{"C#": "csharp", ".NET": "dotnet-ecosystem", "ASP.NET Core": "aspnet-core"},
		},
		{
			name:        "C++ has no roadmap topic",
			job:         "Requirements: modern C++ and Linux",
			known:       []string{"csharp"},
			score:       0,
			missing:     []string{"C++", "Linux"},
			absent:      []string{"C#"},
			missingTopc: map[string]string{"C++": "", "Linux": "command-line"},
		},
		{
			name:  "a topic done in the roadmap counts as the skill",
			job:   "Requirements: MySQL or PostgreSQL",
			known: []string{"relational-databases"},
			score: 100, matched: []string{"MySQL", "PostgreSQL"},
		},
		{
			name:     "frequency counts with diminishing returns",
			job:      "Python. Python services. Python tooling. Python everywhere. Java once.",
			known:    []string{"java"},
			score:    33, // Python weighs min(sqrt(4), 2) = 2, Java 1
			mentions: map[string]int{"Python": 4, "Java": 1},
		},
		{
			name:     "frequency is capped",
			job:      strings.Repeat("Python. ", 9) + "Java.",
			known:    []string{"java"},
			score:    33, // sqrt(9) = 3, capped at 2
			mentions: map[string]int{"Python": 9},
		},
		{
			name:        "plurals and -ing forms",
			job:         "Requirements: relational databases, caching, microservice",
			known:       []string{"caching"},
			required:    []string{"Relational databases", "Caching", "Microservices"},
			missingTopc: map[string]string{"Microservices": "performance-scalability"},
			score:       33,
		},
		{
			name:     "a realistic posting",
			job:      paymentsJob,
			known:    []string{"go", "sql", "docker", "unit-testing"},
			required: []string{"Go", "PostgreSQL", "SQL", "Unit testing", "Docker", "REST APIs"},
			nice:     []string{"Kafka", "Terraform", "Infrastructure as code", "AWS"},
			absent:   []string{"Kubernetes"},
			mentions: map[string]int{"Go": 3},
			matched:  []string{"Go", "SQL", "Unit testing", "Docker"},
			// REST APIs comes first of the equal weights: it is mentioned first
			missing: []string{"REST APIs", "PostgreSQL", "Kafka", "Terraform", "Infrastructure as code", "AWS"},
			score:   54, // (1.73 + 3) / 8.73 of the weight
		},
		{
			name:  "nothing recognised",
			job:   "We are looking for a kind and curious person.",
			score: 0,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := m.Match(tc.job, tc.known)
			if res.Score != tc.score {
				t.Errorf("score %d, want %d\n%s", res.Score, tc.score, explain(res))
			}
			checkAddsUp(t, res)
			if tc.matched != nil && !slices.Equal(res.Matched, tc.matched) {
				t.Errorf("matched %v, want %v", res.Matched, tc.matched)
			}
			if tc.missing != nil && !slices.Equal(missingNames(res), tc.missing) {
				t.Errorf("missing %v, want %v", missingNames(res), tc.missing)
			}
			checkFactors(t, res, tc.required, true)
			checkFactors(t, res, tc.nice, false)
			for _, s := range tc.absent {
				if f := factor(res, s); f != nil {
					t.Errorf("%s found: %v", s, f)
				}
			}
			for s, n := range tc.mentions {
				if f := factor(res, s); f == nil || f.Mentions != n {
					t.Errorf("%s: mentions %v, want %d", s, f, n)
				}
			}
			for s, topic := range tc.missingTopc {
				i := slices.IndexFunc(res.Missing, func(ms Missing) bool { return ms.Skill == s })
				if i < 0 || res.Missing[i].Topic != topic {
					t.Errorf("missing %s: want topic %q in %+v", s, topic, res.Missing)
				}
			}
		})
	}
}

// checkAddsUp asserts that the explanation is the score: shares make 100,
// points are the shares of the skills had, and they sum to the score.
func checkAddsUp(t *testing.T, res Result) {
	t.Helper()
	shares, points := 0, 0
	for _, f := range res.Explanation {
		shares += f.Share
		points += f.Points
		if (f.Has && f.Points != f.Share) || (!f.Has && f.Points != 0) {
			t.Errorf("%s: points %d with share %d, has %v", f.Skill, f.Points, f.Share, f.Has)
		}
	}
	if len(res.Explanation) > 0 && shares != 100 {
		t.Errorf("shares add up to %d, want 100", shares)
	}
	if points != res.Score {
		t.Errorf("points add up to %d, score is %d", points, res.Score)
	}
	if res.Formula == "" {
		t.Error("no formula")
	}
}

func checkFactors(t *testing.T, res Result, skills []string, required bool) {
	t.Helper()
	for _, s := range skills {
		f := factor(res, s)
		if f == nil {
			t.Errorf("%s not found in %s", s, explain(res))
		} else if f.Required != required {
			t.Errorf("%s: required %v, want %v", s, f.Required, required)
		}
	}
}

func factor(res Result, skill string) *Factor {
	for i := range res.Explanation {
		if res.Explanation[i].Skill == skill {
			return &res.Explanation[i]
		}
	}
	return nil
}

func missingNames(res Result) []string {
	out := []string{}
	for _, m := range res.Missing {
		out = append(out, m.Skill)
	}
	return out
}

func explain(res Result) string {
	var b strings.Builder
	for _, f := range res.Explanation {
		b.WriteString(f.String() + "\n")
	}
	return b.String()
}

func TestMatchFactorExplainsItself(t *testing.T) {
	res := backendMatcher(t).Match("Requirements: Go, Go and Go.\nBonus: Redis", []string{"golang"})
	got := []string{}
	for _, f := range res.Explanation {
		got = append(got, f.String())
	}
	want := []string{
		"Go: required, mentioned 3 times, weight 1.73, worth 78 of 100 points; you have it (+78)",
		"Redis: nice to have, mentioned once, weight 0.50, worth 22 of 100 points; you do not have it yet (+0)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("explanation\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.Score != 78 || res.Missing[0].TopicTitle != "Caching with Redis" {
		t.Errorf("score %d, missing %+v", res.Score, res.Missing)
	}
}

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"C#/.NET, C++ and Node.js; ASP.NET Core.", []string{"C#", ".NET", "C++", "and", "Node.js", "ASP.NET", "Core"}},
		{"Python+Django, CI/CD, go-to-market", []string{"Python", "Django", "CI", "CD", "go", "to", "market"}},
		{"3+ years (Go). End of sentence.", []string{"3+", "years", "Go", "End", "of", "sentence"}},
		{"Vue.js, F#, e.g. REST", []string{"Vue.js", "F#", "e.g", "REST"}},
	} {
		if got := words(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("words(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestStemMeetsBaseWord(t *testing.T) {
	for _, pair := range [][2]string{
		{"databases", "database"}, {"caching", "cache"}, {"logging", "log"}, {"APIs", "API"},
		{"microservices", "microservice"}, {"dependencies", "dependency"}, {"testing", "test"},
	} {
		if a, b := fold(pair[0]), fold(pair[1]); a != b {
			t.Errorf("fold(%q) = %q, fold(%q) = %q", pair[0], a, pair[1], b)
		}
	}
	for _, w := range []string{"Go", "SQL", "Redis", "class", "status", "Node.js", "C#"} {
		if got := fold(w); got != strings.ToLower(w) {
			t.Errorf("fold(%q) = %q, want it unstemmed", w, got)
		}
	}
}

func TestVocabularyFile(t *testing.T) {
	v, err := LoadVocabulary(content.Career)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Skills) < 150 {
		t.Errorf("%d skills, want about 150", len(v.Skills))
	}
	r, problems := roadmap.Load(content.Roadmaps, "roadmaps/backend")
	if problems != nil {
		t.Fatal(problems)
	}
	for _, s := range v.Skills {
		if _, ok := r.Resolve(s.Topic); s.Topic != "" && !ok {
			t.Errorf("%s: topic %q is not in the backend roadmap", s.Name, s.Topic)
		}
	}
}

func TestVocabularyCheck(t *testing.T) {
	for _, tc := range []struct {
		name  string
		v     Vocabulary
		wants string
	}{
		{"spelling used twice", Vocabulary{Skills: []Skill{{Name: "PostgreSQL", Aliases: []string{"Postgres"}}, {Name: "Postgres"}}}, "already used by PostgreSQL"},
		{"no name", Vocabulary{Skills: []Skill{{Aliases: []string{"x"}}}}, "has no name"},
		{"punctuation only", Vocabulary{Skills: []Skill{{Name: "Go", Aliases: []string{"//"}}}}, "has no words"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.v.Check()
			if err == nil || !strings.Contains(err.Error(), tc.wants) {
				t.Errorf("Check() = %v, want %q", err, tc.wants)
			}
		})
	}
}

func TestMatcherSkills(t *testing.T) {
	got := backendMatcher(t).Skills("Go, Postgres, Docker; golang again, and LinkedIn")
	want := []string{"Go", "PostgreSQL", "Docker", "Using LinkedIn"}
	if !slices.Equal(got, want) {
		t.Errorf("Skills = %v, want %v", got, want)
	}
}

func TestMatcherWithoutRoadmap(t *testing.T) {
	m := NewMatcher(nil, Vocabulary{Skills: []Skill{{Name: "Go", Exact: []string{"Go"}, Topic: "go"}}})
	res := m.Match("Go and go", []string{"go"})
	if res.Score != 100 || len(res.Explanation) != 1 || res.Explanation[0].Mentions != 1 || res.Explanation[0].Topic != "" {
		t.Errorf("%+v", res)
	}
}
