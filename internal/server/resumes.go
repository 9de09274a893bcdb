package server

import (
	"time"

	"devpath/content"
	"devpath/internal/career"
)

// newResumes builds the resume service from the shipped career data (the
// JSON Resume schema and the skills vocabulary of the match score) and the
// renderer of printable resumes.
func newResumes(a *App) (*career.Resumes, *career.Renderer, error) {
	schema, err := career.LoadResumeSchema(content.Career)
	if err != nil {
		return nil, nil, err
	}
	vocab, err := career.LoadVocabulary(content.Career)
	if err != nil {
		return nil, nil, err
	}
	renderer, err := career.NewRenderer()
	if err != nil {
		return nil, nil, err
	}
	return career.NewResumes(a.Store, schema, vocab, a.Progress, a.Roadmaps, time.Now), renderer, nil
}
