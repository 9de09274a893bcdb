package cohort

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"devpath/internal/account"
	"devpath/internal/app"
)

// GraduationJob issues one learner's graduation credential. The cohort
// decides who may graduate whom and queues it; issuing is the credential
// package's, connected in server (cohort may not import it).
type GraduationJob struct {
	CohortID   int64  `json:"cohort_id"`
	CohortName string `json:"cohort_name"` // as the credential states it: the name on the day
	UserID     int64  `json:"user_id"`
}

// Kind names the job in the queue.
func (GraduationJob) Kind() string { return "cohort_graduation" }

// GraduationStore queues graduations.
type GraduationStore interface {
	// QueueGraduations queues the jobs in one transaction: all or none.
	QueueGraduations(ctx context.Context, jobs []GraduationJob) error
}

// MaxGraduates bounds one graduation: a cohort's learners fit many times.
const MaxGraduates = 1000

// Graduate queues the graduation credentials of learners of the cohort and
// returns them: the cohort's admins and the instance admin may. Each
// learner accepts theirs before it shows anywhere; graduating someone
// again issues nothing new.
func (s *Service) Graduate(ctx context.Context, who account.User, id int64, learners []int64) ([]Person, error) {
	c, chosen, err := s.graduating(ctx, who, id, learners)
	if err != nil {
		return nil, err
	}
	jobs := make([]GraduationJob, len(chosen))
	names := make([]string, len(chosen))
	for i, p := range chosen {
		jobs[i] = GraduationJob{CohortID: c.ID, CohortName: c.Name, UserID: p.ID}
		names[i] = fmt.Sprintf("%s (%s)", p.Name, p.Email)
	}
	if err := s.store.QueueGraduations(ctx, jobs); err != nil {
		return nil, err
	}
	s.record(ctx, who, id, "graduated", "graduated %s", strings.Join(names, ", "))
	return chosen, nil
}

// Graduating returns whom Graduate would graduate, changing nothing: the
// page shows them to confirm before it asks.
func (s *Service) Graduating(ctx context.Context, who account.User, id int64, learners []int64) ([]Person, error) {
	_, chosen, err := s.graduating(ctx, who, id, learners)
	return chosen, err
}

func (s *Service) graduating(ctx context.Context, who account.User, id int64, learners []int64) (Cohort, []Person, error) {
	c, err := s.require(ctx, who, id, adminAccess)
	if err != nil {
		return Cohort{}, nil, err
	}
	members, err := s.store.Members(ctx, id)
	if err != nil {
		return Cohort{}, nil, err
	}
	chosen, err := choose(members, learners)
	return c, chosen, err
}

// choose returns the members named by ids, once each, in the members'
// order; an id that is not a learner of the cohort is the field's problem.
func choose(members []Person, ids []int64) ([]Person, error) {
	switch {
	case len(ids) == 0:
		return nil, app.FieldError("learners", "choose at least one learner to graduate")
	case len(ids) > MaxGraduates:
		return nil, app.FieldError("learners", fmt.Sprintf("at most %d learners at a time", MaxGraduates))
	}
	var chosen []Person
	for _, m := range members {
		if slices.Contains(ids, m.ID) {
			chosen = append(chosen, m)
		}
	}
	var strangers []string
	for _, id := range ids {
		known := slices.ContainsFunc(members, func(m Person) bool { return m.ID == id })
		if !known && !slices.Contains(strangers, strconv.FormatInt(id, 10)) {
			strangers = append(strangers, strconv.FormatInt(id, 10))
		}
	}
	if len(strangers) > 0 {
		return nil, app.FieldError("learners", "not learners of this cohort: user "+strings.Join(strangers, ", "))
	}
	return chosen, nil
}
