package server

import (
	"context"
	"time"

	"devpath/content"
	"devpath/internal/practice"
)

// newPractice loads the shipped SQL exercises and builds the grader's two
// datasets once, for every grading to start from a copy.
func newPractice(ctx context.Context, a *App) (*practice.Service, error) {
	exercises, err := practice.Load(content.Exercises, "exercises")
	if err != nil {
		return nil, err
	}
	grader, err := practice.NewGrader(ctx, exercises.Sample, practice.DefaultLimits())
	if err != nil {
		return nil, err
	}
	return practice.NewService(a.Store, exercises, grader, a.Progress, a.Roadmaps, a.Log, time.Now), nil
}
