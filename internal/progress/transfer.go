package progress

import (
	"context"
	"fmt"
	"sort"
	"time"
	"unicode/utf8"

	"devpath/internal/app"
)

// ExportFormat names the JSON document that export writes and import reads.
const ExportFormat = "devpath-progress"

// Export is a learner's progress and notes on every roadmap, as a file.
type Export struct {
	Format     string                   `json:"format" enum:"devpath-progress"`
	Version    int                      `json:"version" minimum:"1" maximum:"1"`
	ExportedAt time.Time                `json:"exported_at,omitempty" required:"false"`
	Roadmaps   map[string]ExportRoadmap `json:"roadmaps"`
}

// ExportRoadmap is one roadmap's entries by topic id.
type ExportRoadmap struct {
	Topics map[string]ExportEntry `json:"topics"`
}

// ExportEntry is one topic's status and note.
type ExportEntry struct {
	Status    Status    `json:"status"`
	Note      string    `json:"note,omitempty" required:"false"`
	UpdatedAt time.Time `json:"updated_at,omitempty" required:"false"`
}

// Export returns everything a learner recorded, on roadmaps that still exist.
func (s *Service) Export(ctx context.Context, user int64) (Export, error) {
	out := Export{Format: ExportFormat, Version: 1, ExportedAt: s.now().UTC(), Roadmaps: map[string]ExportRoadmap{}}
	for _, r := range s.roadmaps.All() {
		es, err := s.entries(ctx, user, r)
		if err != nil {
			return Export{}, err
		}
		if len(es) == 0 {
			continue
		}
		er := ExportRoadmap{Topics: map[string]ExportEntry{}}
		for id, e := range es {
			er.Topics[id] = ExportEntry{Status: e.Status, Note: e.Note, UpdatedAt: e.UpdatedAt}
		}
		out.Roadmaps[r.Slug] = er
	}
	return out, nil
}

// maxImportProblems bounds the problems an import reports.
const maxImportProblems = 10

// Import checks the whole document first and changes nothing when any part
// is wrong; otherwise it applies every entry in one transaction.
func (s *Service) Import(ctx context.Context, user int64, doc Export) (int, error) {
	ups, err := s.importUpdates(doc)
	if err != nil {
		return 0, err
	}
	if len(ups) == 0 {
		return 0, nil
	}
	es, err := s.store.Apply(ctx, user, ups, s.now())
	if err != nil {
		return 0, err
	}
	return len(es), nil
}

// CheckImport returns the problems Import would find in doc, without
// changing anything.
func (s *Service) CheckImport(doc Export) error {
	_, err := s.importUpdates(doc)
	return err
}

func (s *Service) importUpdates(doc Export) ([]Update, error) {
	p := app.Problems{}
	if doc.Format != ExportFormat || doc.Version != 1 {
		p.Add("format", fmt.Sprintf("want format %q version 1", ExportFormat))
	}
	var ups []Update
	slugs := make([]string, 0, len(doc.Roadmaps))
	for slug := range doc.Roadmaps {
		slugs = append(slugs, slug)
	}
	sort.Strings(slugs)
	for _, slug := range slugs {
		r, err := s.roadmaps.Get(slug)
		if err != nil {
			p.Add("roadmaps."+slug, "no such roadmap")
			continue
		}
		ids := make([]string, 0, len(doc.Roadmaps[slug].Topics))
		for id := range doc.Roadmaps[slug].Topics {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			e := doc.Roadmaps[slug].Topics[id]
			at := "roadmaps." + slug + ".topics." + id
			cur, ok := r.Resolve(id)
			switch {
			case !ok:
				p.Add(at, "no such topic")
			case !e.Status.Valid():
				p.Add(at+".status", statusProblem())
			case utf8.RuneCountInString(e.Note) > MaxNote:
				p.Add(at+".note", fmt.Sprintf("must be at most %d characters", MaxNote))
			default:
				st, note := e.Status, e.Note
				ups = append(ups, Update{Roadmap: slug, Topic: cur, Status: &st, Note: &note})
			}
			if len(p) >= maxImportProblems {
				return nil, p.Err()
			}
		}
	}
	return ups, p.Err()
}
