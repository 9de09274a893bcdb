package credential

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"devpath/internal/app"
	"devpath/internal/checker"
	"devpath/internal/practice"
	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

// StepsRoadmap is the roadmap whose finished steps earn a credential.
const StepsRoadmap = "backend"

// Sources are where the evidence for awards is found.
type Sources struct {
	Checks    *checker.Service
	Exercises *practice.Service
	Progress  *progress.Service
	Roadmaps  *roadmap.Catalog
}

// ScanJob looks for a learner's new evidence and issues what it earns.
// Scanning twice, even at once, issues nothing twice: each award is
// unique per learner in the store.
type ScanJob struct {
	UserID int64 `json:"user_id"`
}

// Kind names the job in the queue.
func (ScanJob) Kind() string { return "credential_scan" }

// Scan issues, pending the learner's acceptance, every credential their
// evidence earns and they do not have yet; it returns how many it issued.
func (s *Service) Scan(ctx context.Context, user int64) (int, error) {
	earned, err := s.earned(ctx, user)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range earned {
		_, created, err := s.Issue(ctx, user, e)
		if err != nil {
			return n, err
		}
		if created {
			n++
		}
	}
	return n, nil
}

// Due tells, by reading only, whether Scan would issue a credential of
// kind k: frequent events (a topic marked done, an exercise passed) ask it
// before queueing a scan, so that most of them write nothing more.
func (s *Service) Due(ctx context.Context, user int64, k Kind) (bool, error) {
	find := map[Kind]func(context.Context, int64) ([]Earned, error){
		ProjectKind: s.projects, ExercisesKind: s.exercises, StepKind: s.steps}[k]
	if find == nil {
		return false, nil
	}
	earned, err := find(ctx, user)
	if err != nil || len(earned) == 0 {
		return false, err
	}
	have, err := s.store.Credentials(ctx, user)
	if err != nil {
		return false, err
	}
	held := map[[2]string]bool{}
	for _, c := range have {
		held[[2]string{c.Achievement, c.Param}] = true
	}
	for _, e := range earned {
		if !held[[2]string{e.Achievement, e.Param}] {
			return true, nil
		}
	}
	return false, nil
}

func (s *Service) earned(ctx context.Context, user int64) ([]Earned, error) {
	var earned []Earned
	for _, find := range []func(context.Context, int64) ([]Earned, error){s.projects, s.exercises, s.steps} {
		e, err := find(ctx, user)
		if err != nil {
			return nil, err
		}
		earned = append(earned, e...)
	}
	return earned, nil
}

// projects: the latest passing checker run of each project.
func (s *Service) projects(ctx context.Context, user int64) ([]Earned, error) {
	if s.sources.Checks == nil {
		return nil, nil
	}
	runs, err := s.sources.Checks.History(ctx, user, "")
	if err != nil {
		return nil, err
	}
	var out []Earned
	seen := map[string]bool{}
	for _, a := range s.achievements.OfKind(ProjectKind) {
		for _, r := range runs { // newest first
			if r.Project != a.Project || r.Status != checker.Passed || seen[a.ID] || r.FinishedAt == nil {
				continue
			}
			seen[a.ID] = true
			out = append(out, Earned{Achievement: a.ID, Evidence: []Evidence{{Type: []string{"Evidence"},
				Name:      fmt.Sprintf("devpath checker run %d of the %s project", r.ID, r.Project),
				Narrative: fmt.Sprintf("%d of %d stages passed on %s.", r.Passed, r.Stages, r.FinishedAt.UTC().Format("2 January 2006"))}}})
		}
	}
	return out, nil
}

// exercises: each topic whose every SQL exercise the learner has passed.
func (s *Service) exercises(ctx context.Context, user int64) ([]Earned, error) {
	if s.sources.Exercises == nil || len(s.achievements.OfKind(ExercisesKind)) == 0 {
		return nil, nil
	}
	passed, err := s.sources.Exercises.Progress(ctx, user)
	if err != nil {
		return nil, err
	}
	type topic struct {
		slug, id   string
		total, got int
	}
	var order []string
	topics := map[string]*topic{}
	for _, b := range s.sources.Exercises.Briefs() {
		slug, id, ok := s.sources.Exercises.Topic(b.ID)
		if !ok {
			continue
		}
		t := topics[id]
		if t == nil {
			t = &topic{slug: slug, id: id}
			topics[id] = t
			order = append(order, id)
		}
		t.total++
		if passed[b.ID] {
			t.got++
		}
	}
	var out []Earned
	a := s.achievements.OfKind(ExercisesKind)[0]
	for _, id := range order {
		t := topics[id]
		if t.got < t.total {
			continue
		}
		out = append(out, Earned{Achievement: a.ID, Param: id, ParamTitle: s.topicTitle(t.slug, id),
			Evidence: []Evidence{{Type: []string{"Evidence"}, Name: "devpath SQL exercises",
				Narrative: fmt.Sprintf("All %d graded SQL exercises of the topic passed.", t.total)}}})
	}
	return out, nil
}

func (s *Service) topicTitle(slug, id string) string {
	if r, err := s.sources.Roadmaps.Get(slug); err == nil {
		if t, err := r.Topic(id); err == nil {
			return t.Title
		}
	}
	return id
}

// steps: each step of the backend roadmap with every topic in scope done.
func (s *Service) steps(ctx context.Context, user int64) ([]Earned, error) {
	if s.sources.Progress == nil || len(s.achievements.OfKind(StepKind)) == 0 {
		return nil, nil
	}
	v, err := s.sources.Progress.Progress(ctx, user, StepsRoadmap)
	if err != nil {
		return nil, err
	}
	a := s.achievements.OfKind(StepKind)[0]
	var out []Earned
	for i, st := range v.Summary.Steps {
		if st.Done == 0 || st.Percent < 100 {
			continue
		}
		out = append(out, Earned{Achievement: a.ID, Param: st.Step, ParamTitle: fmt.Sprintf("step %d, %s", i+1, st.Title),
			Evidence: []Evidence{{Type: []string{"Evidence"}, Name: "devpath roadmap progress",
				Narrative: fmt.Sprintf("%d topics of the step done (%d hours of study by the roadmap's estimates).", st.Done, st.DoneHrs)}}})
	}
	return out, nil
}

// Graduate issues the cohort graduation credential, pending the learner's
// acceptance like the others. The cohort package has decided that the one
// who asked may (see cohort.Service.Graduate); this only issues, once.
func (s *Service) Graduate(ctx context.Context, user int64, cohortID, cohortName string) (Issued, error) {
	if err := CheckGraduation(cohortID, cohortName); err != nil {
		return Issued{}, err
	}
	a := s.achievements.OfKind(CohortKind)
	if len(a) == 0 {
		return Issued{}, fmt.Errorf("no cohort achievement is defined")
	}
	c, _, err := s.Issue(ctx, user, Earned{Achievement: a[0].ID, Param: cohortID, ParamTitle: strings.TrimSpace(cohortName),
		Evidence: []Evidence{{Type: []string{"Evidence"}, Name: "cohort graduation",
			Narrative: "Recorded by the cohort's admin on " + s.now().UTC().Format("2 January 2006") + "."}}})
	return c, err
}

// CheckGraduation returns the problems Graduate would find in its fields.
func CheckGraduation(id, name string) error {
	p := app.Problems{}
	if strings.Trim(id, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" || id == "" || len(id) > 60 {
		p.Add("cohort", "must be the cohort's id: 1 to 60 lowercase letters, digits and dashes")
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(name)); n == 0 || n > 120 {
		p.Add("cohort_name", "must be from 1 to 120 characters")
	}
	return p.Err()
}
