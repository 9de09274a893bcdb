package mentor

import (
	"context"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/mentor/assign"
)

// Waiting is a learner with open requests no mentor holds or was asked for.
type Waiting struct {
	LearnerID   int64
	LearnerName string
	Topics      []string
	Languages   []string
}

// Pair is one proposed mentorship, with its score in words.
type Pair struct {
	assign.Pair
	MenteeName string `json:"mentee_name"`
	MentorName string `json:"mentor_name"`
}

// Proposal is a matching an admin previews before applying it.
type Proposal struct {
	Pairs      []Pair `json:"pairs"`
	Unmatched  int    `json:"unmatched" doc:"waiting learners no mentor with room fits"`
	Mentees    int    `json:"mentees"`
	Mentors    int    `json:"mentors"`
	MentorRoom int    `json:"mentor_room" doc:"places left with mentors, before this matching"`
}

var errNotAdmin = app.Errorf(app.Forbidden, "only an admin matches mentees to mentors")

// Propose matches the instance's waiting learners to its mentors with
// room, by topic fit, time-zone overlap and language.
func (s *Service) Propose(ctx context.Context, who account.User) (Proposal, error) {
	if who.Role != account.Admin {
		return Proposal{}, errNotAdmin
	}
	waiting, err := s.store.WaitingMentees(ctx)
	if err != nil {
		return Proposal{}, err
	}
	profiles, err := s.store.MentorProfiles(ctx)
	if err != nil {
		return Proposal{}, err
	}
	now := s.now()
	mentees := make([]assign.Mentee, len(waiting))
	names := map[int64]string{}
	for i, w := range waiting {
		_, off := now.In(s.src.Zone(ctx, w.LearnerID)).Zone()
		mentees[i] = assign.Mentee{ID: w.LearnerID, Topics: w.Topics, Languages: w.Languages, Offset: float64(off) / 3600}
		names[w.LearnerID] = w.LearnerName
	}
	var mentors []assign.Mentor
	room := 0
	for _, p := range profiles {
		if free := p.MaxMentees - p.Mentees; free > 0 {
			mentors = append(mentors, assign.Mentor{ID: p.UserID, Topics: p.Topics, Languages: p.Languages, Offset: p.Offset(now), Capacity: free})
			names[p.UserID], room = p.Name, room+free
		}
	}
	pairs := assign.Assign(mentees, mentors)
	out := Proposal{Pairs: make([]Pair, len(pairs)), Unmatched: len(mentees) - len(pairs), Mentees: len(mentees), Mentors: len(mentors), MentorRoom: room}
	for i, p := range pairs {
		out.Pairs[i] = Pair{Pair: p, MenteeName: names[p.Mentee], MentorName: names[p.Mentor]}
	}
	return out, nil
}

// Apply makes the proposed matching real: each pair becomes a mentorship
// and the mentor takes the learner's open requests on their topics. The
// matching is computed afresh, so it applies what the data says now.
func (s *Service) Apply(ctx context.Context, who account.User) (Proposal, error) {
	p, err := s.Propose(ctx, who)
	if err != nil || len(p.Pairs) == 0 {
		return p, err
	}
	return p, s.store.AssignMentors(ctx, p.Pairs, s.now().UTC())
}
