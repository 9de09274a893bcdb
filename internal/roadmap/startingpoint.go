package roadmap

import "strings"

// StartingPoint is where a learner comes from. A learner's plan profile holds
// one, and each background in roadmap content is written for one.
type StartingPoint string

const (
	NoExperience    StartingPoint = "no_experience"
	RelatedChange   StartingPoint = "related_change"
	UnrelatedChange StartingPoint = "unrelated_change"
	Freelance       StartingPoint = "freelance"
)

// StartingPoints returns every starting point, in the order the onboarding
// form offers them. The slice is the caller's own.
func StartingPoints() []StartingPoint {
	return []StartingPoint{NoExperience, RelatedChange, UnrelatedChange, Freelance}
}

// Valid reports whether sp is one of StartingPoints.
func (sp StartingPoint) Valid() bool { return sp.Label() != "" }

// Label is how a learner reads sp; empty for a value that is not a starting point.
func (sp StartingPoint) Label() string {
	switch sp {
	case NoExperience:
		return "No experience yet"
	case RelatedChange:
		return "Changing from a related job, such as frontend developer"
	case UnrelatedChange:
		return "Changing from an unrelated job"
	case Freelance:
		return "Going freelance"
	}
	return ""
}

// StartingPointList is the values joined for a message: "no_experience, related_change, ...".
func StartingPointList() string {
	var names []string
	for _, sp := range StartingPoints() {
		names = append(names, string(sp))
	}
	return strings.Join(names, ", ")
}
