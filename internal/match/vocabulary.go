package match

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/goccy/go-yaml"
)

// Skill is one technology or ability a job description may ask for.
type Skill struct {
	Name    string   `yaml:"name"`    // canonical, shown to people
	Aliases []string `yaml:"aliases"` // other spellings, matched ignoring case
	// Exact spellings are matched only as written, for names that are also
	// ordinary words ("Go", "Rust", "REST").
	Exact []string `yaml:"exact"`
	// NotFollowedBy lists phrases that, right after a match, show the word
	// was the ordinary one ("Go to market").
	NotFollowedBy []string `yaml:"not_followed_by"`
	Topic         string   `yaml:"topic"` // roadmap topic id that teaches it; may be empty
}

// Vocabulary is the list of skills the matcher looks for, besides the
// roadmap's own topics.
type Vocabulary struct {
	Skills []Skill `yaml:"skills"`
}

// LoadVocabulary reads career/skills.yaml from fsys and checks it.
func LoadVocabulary(fsys fs.FS) (Vocabulary, error) {
	var v Vocabulary
	data, err := fs.ReadFile(fsys, skillsFile)
	if err != nil {
		return v, fmt.Errorf("load skills: %w", err)
	}
	if err := yaml.UnmarshalWithOptions(data, &v, yaml.DisallowUnknownField()); err != nil {
		return v, fmt.Errorf("%s: %w", skillsFile, err)
	}
	if err := v.Check(); err != nil {
		return v, fmt.Errorf("%s: %w", skillsFile, err)
	}
	return v, nil
}

// Check reports skills without a name and spellings claimed by two skills,
// since either would make the match score depend on file order.
func (v Vocabulary) Check() error {
	var problems []string
	owner := map[string]string{} // folded spelling -> skill name
	for i, s := range v.Skills {
		if strings.TrimSpace(s.Name) == "" {
			problems = append(problems, fmt.Sprintf("skill %d has no name", i+1))
			continue
		}
		for _, sp := range s.spellings() {
			key := strings.Join(foldTokens(sp.text), " ")
			if key == "" {
				problems = append(problems, fmt.Sprintf("%s: spelling %q has no words", s.Name, sp.text))
			} else if prev, ok := owner[key]; ok && prev != s.Name {
				problems = append(problems, fmt.Sprintf("%s: spelling %q is already used by %s", s.Name, sp.text, prev))
			} else {
				owner[key] = s.Name
			}
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return nil
}

// spelling is one way of writing a skill, with its case rule.
type spelling struct {
	text  string
	exact bool
}

// spellings lists the name (unless it is also an exact spelling), the
// aliases and the exact spellings.
func (s Skill) spellings() []spelling {
	var out []spelling
	nameExact := false
	for _, e := range s.Exact {
		nameExact = nameExact || e == s.Name
	}
	if !nameExact {
		out = append(out, spelling{text: s.Name})
	}
	for _, a := range s.Aliases {
		out = append(out, spelling{text: a})
	}
	for _, e := range s.Exact {
		out = append(out, spelling{text: e, exact: true})
	}
	return out
}
