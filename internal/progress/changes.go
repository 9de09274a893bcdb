package progress

import "context"

// maxChanges bounds the history read for forecasts: years of daily study.
const maxChanges = 100000

// Changes returns a learner's whole history on a roadmap, newest first, with
// former topic ids resolved to current ones; for forecasts and charts.
func (s *Service) Changes(ctx context.Context, user int64, slug string) ([]Change, error) {
	r, err := s.roadmaps.Get(slug)
	if err != nil {
		return nil, err
	}
	cs, err := s.store.History(ctx, user, slug, "", maxChanges)
	if err != nil {
		return nil, err
	}
	for i := range cs {
		if id, ok := r.Resolve(cs[i].Topic); ok {
			cs[i].Topic = id
		}
	}
	return cs, nil
}
