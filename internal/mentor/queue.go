package mentor

import (
	"context"
	"slices"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
)

// Lock rules, as Exercism's mentors know them: a mentor holds a request
// for half an hour (and may extend), and at most four at once.
const (
	LockFor  = 30 * time.Minute
	MaxLocks = 4
	// WaitWindow is how far back the median wait looks.
	WaitWindow = 30 * 24 * time.Hour
	queueLimit = 100
)

// Limits are what a lock must respect for one mentor.
type Limits struct {
	Locks    int // live locks at most, counting this one
	Requests int // locks and taken requests at most (the profile's max_requests)
	Mentees  int // learners mentored at most (the profile's max_mentees)
}

// QueueItem is an open request as the queue shows it: what it asks, never
// who asks or what is attached.
type QueueItem struct {
	ID         int64         `json:"id"`
	Topic      string        `json:"topic"`
	TopicTitle string        `json:"topic_title"`
	Kind       Kind          `json:"kind"`
	Question   string        `json:"question"`
	Language   string        `json:"language"`
	ForYou     bool          `json:"for_you" doc:"the learner asked for you by name"`
	LockedByMe bool          `json:"locked_by_me"`
	CreatedAt  time.Time     `json:"created_at"`
	Wait       time.Duration `json:"-"`
	WaitText   string        `json:"wait" doc:"how long it has waited, in words"`
}

// ReleaseJob frees the locks that have run out.
type ReleaseJob struct{}

// Kind names the job for the queue.
func (ReleaseJob) Kind() string { return "mentor_release_locks" }

// Queue lists the open requests on who's topics, oldest first, with each
// one's wait.
func (s *Service) Queue(ctx context.Context, who account.User) ([]QueueItem, error) {
	if !isMentor(who) {
		return nil, errNotMentor
	}
	now := s.now()
	items, err := s.store.MentorQueue(ctx, who.ID, now, queueLimit)
	for i := range items {
		items[i].Wait = now.Sub(items[i].CreatedAt)
		items[i].WaitText = Words(items[i].Wait)
		items[i].TopicTitle, _ = s.src.Topic(items[i].Topic)
		items[i].Question = excerpt(items[i].Question, 280)
	}
	if items == nil {
		items = []QueueItem{}
	}
	return items, err
}

func excerpt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// Lock takes a request from the queue for LockFor, or extends who's own
// lock by as much. A request another mentor holds is a Conflict.
func (s *Service) Lock(ctx context.Context, who account.User, id int64) (Request, error) {
	if !isMentor(who) {
		return Request{}, errNotMentor
	}
	p, err := s.store.MentorProfile(ctx, who.ID)
	if app.ErrorCode(err) == app.NotFound {
		return Request{}, app.Errorf(app.Forbidden, "write your mentor profile first: it says which topics you take")
	}
	if err != nil {
		return Request{}, err
	}
	now := s.now()
	r, err := s.store.LockMentorRequest(ctx, id, who.ID, now, now.Add(LockFor), Limits{Locks: MaxLocks, Requests: p.MaxRequests, Mentees: p.MaxMentees})
	if err != nil {
		return Request{}, err
	}
	return s.dress(r), nil
}

// Unlock gives a held request back to the queue.
func (s *Service) Unlock(ctx context.Context, who account.User, id int64) error {
	return s.store.UnlockMentorRequest(ctx, id, who.ID)
}

// ReleaseLocks frees the locks that have run out; the queue already
// ignores them, this tidies the rows.
func (s *Service) ReleaseLocks(ctx context.Context) (int64, error) {
	return s.store.ReleaseMentorLocks(ctx, s.now())
}

// MedianWait is the median time the topic's requests waited for a first
// answer over the last 30 days; ok is false when none was answered.
func (s *Service) MedianWait(ctx context.Context, topic string) (time.Duration, bool, error) {
	waits, err := s.store.MentorWaits(ctx, topic, s.now().Add(-WaitWindow))
	if err != nil || len(waits) == 0 {
		return 0, false, err
	}
	return Median(waits), true, nil
}

// Median is the middle of ds (the mean of the two middles for an even
// count); zero for none.
func Median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	ds = slices.Clone(ds)
	slices.Sort(ds)
	n := len(ds)
	if n%2 == 1 {
		return ds[n/2]
	}
	return (ds[n/2-1] + ds[n/2]) / 2
}
