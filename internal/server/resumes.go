package server

import (
	"time"

	"devpath/content"
	"devpath/internal/match"
	"devpath/internal/resume"
)

// newResumes builds the resume service from the shipped JSON Resume schema,
// and the match score from the shipped skills vocabulary.
func newResumes(a *App) (*resume.Service, *match.Service, error) {
	schema, err := resume.LoadSchema(content.Career)
	if err != nil {
		return nil, nil, err
	}
	vocab, err := match.LoadVocabulary(content.Career)
	if err != nil {
		return nil, nil, err
	}
	resumes := resume.NewService(a.Store, schema, time.Now)
	return resumes, match.NewService(a.Roadmaps, vocab, a.Progress, resumes), nil
}
