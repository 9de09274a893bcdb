package match

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"devpath/internal/app"
	"devpath/internal/progress"
	"devpath/internal/resume"
	"devpath/internal/roadmap"
)

// MaxJobDescription is how many characters of a pasted job description are read.
const MaxJobDescription = 100_000

// Service scores job descriptions against what a learner has: the topics
// they have done on the home roadmap and the skills their resume names.
type Service struct {
	matcher  *Matcher
	home     *roadmap.Roadmap // whose done topics count as known; nil when none is loaded
	progress *progress.Service
	resumes  *resume.Service
}

// NewService returns the match service. It reads the catalog's home
// roadmap, as the planner does.
func NewService(roadmaps *roadmap.Catalog, vocab Vocabulary, progress *progress.Service, resumes *resume.Service) *Service {
	home := roadmaps.Home()
	return &Service{matcher: NewMatcher(home, vocab), home: home, progress: progress, resumes: resumes}
}

// Match scores a job description against the learner: the topics they have
// done on the home roadmap and the skills listed in their master resume.
func (s *Service) Match(ctx context.Context, user int64, jobDescription string) (Result, error) {
	switch n := utf8.RuneCountInString(jobDescription); {
	case strings.TrimSpace(jobDescription) == "":
		return Result{}, app.FieldError("job_description", "paste the text of the job advert")
	case n > MaxJobDescription:
		return Result{}, app.FieldError("job_description", fmt.Sprintf("must be at most %d characters", MaxJobDescription))
	}
	known, err := s.known(ctx, user)
	if err != nil {
		return Result{}, err
	}
	return s.matcher.Match(jobDescription, known), nil
}

// known lists what the learner has: done topic ids, then the skills their
// master resume names in its skills section.
func (s *Service) known(ctx context.Context, user int64) ([]string, error) {
	var known []string
	if s.home != nil {
		pv, err := s.progress.Progress(ctx, user, s.home.Slug)
		if err != nil {
			return nil, err
		}
		for id, e := range pv.Entries {
			if e.Status == progress.Done {
				known = append(known, id)
			}
		}
	}
	master, err := s.resumes.MasterParsed(ctx, user)
	if app.ErrorCode(err) == app.NotFound {
		return known, nil // no resume yet: the roadmap alone speaks for the learner
	}
	if err != nil {
		return nil, err
	}
	for _, g := range master.Skills {
		text := g.Name + "\n" + strings.Join(g.Keywords, "\n")
		known = append(known, s.matcher.Skills(text)...)
	}
	return known, nil
}
