// Package match scores a job description against what a learner knows: it
// reads the advert into required and nice-to-have clauses, finds the skills
// of a vocabulary (career/skills.yaml) and of the roadmap's topics in them,
// and weighs what the learner has against what is asked. The matcher is pure;
// the service gathers what the learner knows from their progress and resume.
package match

const skillsFile = "career/skills.yaml"
