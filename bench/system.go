package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// scenario is one kind of load.
type scenario string

const (
	scPut     scenario = "progress update"
	scPage    scenario = "roadmap page"
	scSummary scenario = "progress summary"
	scLogin   scenario = "log in"
	scMix     scenario = "mix 80/20"
)

var scenarios = []scenario{scPut, scPage, scSummary, scMix, scLogin}

var statuses = []string{"todo", "learning", "done", "skipped"}

// learner is an account the load acts as.
type learner struct {
	email, password string
	id              string // the system's id for the account
	token           string // a session token or bearer secret
}

// api says how to ask one system for each kind of request; a nil field means
// the system has no such request.
type api struct {
	put     func(l *learner, topic string, body []byte) vegeta.Target
	page    func(l *learner) vegeta.Target
	summary func(l *learner) vegeta.Target
	login   func(l *learner) vegeta.Target
}

// system is one server under test: its process, accounts and requests.
type system struct {
	name     string
	proc     *process
	twin     *process // a second process serving the system (two instances behind a proxy); nil for most
	base     string   // http://host:port
	pprof    string   // host:port of Go's profiler, where the system serves it
	api      api
	learners []*learner
	topics   []string
	notes    atomic.Uint64 // makes every written note unique, so every write changes the row
	logins   atomic.Uint64
}

// cpu is the CPU time of the system's processes.
func (s *system) cpu() (time.Duration, error) {
	t, err := s.proc.cpu()
	if s.twin != nil && err == nil {
		var t2 time.Duration
		t2, err = s.twin.cpu()
		t += t2
	}
	return t, err
}

func (s *system) supports(sc scenario) bool {
	switch sc {
	case scPut:
		return s.api.put != nil
	case scPage:
		return s.api.page != nil
	case scSummary:
		return s.api.summary != nil
	case scLogin:
		return s.api.login != nil
	case scMix:
		return s.api.put != nil && s.api.page != nil && s.api.summary != nil
	}
	return false
}

// targeter returns the request stream of a scenario. Learners and topics
// are drawn at random, so the load spreads over many rows; logins take the
// accounts in turn, so that each stays under devpath's per-account limit.
func (s *system) targeter(sc scenario) vegeta.Targeter {
	return func(t *vegeta.Target) error {
		switch sc {
		case scPut:
			*t = s.randomPut()
		case scPage:
			*t = s.api.page(s.randomLearner())
		case scSummary:
			*t = s.api.summary(s.randomLearner())
		case scLogin:
			*t = s.api.login(s.learners[s.logins.Add(1)%uint64(len(s.learners))])
		case scMix:
			switch r := rand.IntN(10); {
			case r < 2:
				*t = s.randomPut()
			case r < 6:
				*t = s.api.page(s.randomLearner())
			default:
				*t = s.api.summary(s.randomLearner())
			}
		}
		return nil
	}
}

func (s *system) randomLearner() *learner { return s.learners[rand.IntN(len(s.learners))] }

func (s *system) randomPut() vegeta.Target {
	status := statuses[rand.IntN(len(statuses))]
	return s.api.put(s.randomLearner(), s.topics[rand.IntN(len(s.topics))], progressBody(status, s.notes.Add(1)))
}

func progressBody(status string, note uint64) []byte {
	return fmt.Appendf(nil, `{"status":%q,"note":"n%d"}`, status, note)
}

// seed gives every learner the same starting progress on every system, so
// that the read scenarios read the same amount: a quarter of the topics, in
// all four statuses.
func (s *system) seed(ctx context.Context, client *http.Client) error {
	var reqs []vegeta.Target
	for i, l := range s.learners {
		for j, topic := range s.topics {
			if (i+j)%4 == 0 {
				reqs = append(reqs, s.api.put(l, topic, progressBody(statuses[j%4], s.notes.Add(1))))
			}
		}
	}
	return doAll(ctx, client, reqs, 8, http.StatusOK)
}

// doAll sends reqs from workers goroutines and fails on the first answer that is not want.
func doAll(ctx context.Context, client *http.Client, reqs []vegeta.Target, workers int, want int) error {
	ch := make(chan vegeta.Target)
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	for range workers {
		wg.Go(func() {
			for t := range ch {
				if _, err := do(ctx, client, t, want); err != nil {
					once.Do(func() { first = err })
				}
			}
		})
	}
	for _, t := range reqs {
		ch <- t
	}
	close(ch)
	wg.Wait()
	return first
}

// do sends one request and returns the body of an answer with status want.
func do(ctx context.Context, client *http.Client, t vegeta.Target, want int) ([]byte, error) {
	req, err := t.Request()
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != want {
		return nil, fmt.Errorf("%s %s: %s: %s", t.Method, t.URL, resp.Status, bytes.TrimSpace(body))
	}
	return body, nil
}

// post sends a JSON body and decodes the answer into out.
func post(ctx context.Context, client *http.Client, url string, in any, want int, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	body, err := do(ctx, client, vegeta.Target{Method: http.MethodPost, URL: url, Body: b,
		Header: http.Header{"Content-Type": {"application/json"}}}, want)
	if err != nil || out == nil {
		return err
	}
	return json.Unmarshal(body, out)
}

// newLearners makes n accounts with distinct emails and passwords of the
// length both devpath and PocketBase accept.
func newLearners(n int) []*learner {
	ls := make([]*learner, n)
	for i := range ls {
		ls[i] = &learner{email: "learner" + strconv.Itoa(i) + "@bench.example", password: "bench-password-" + strconv.Itoa(i)}
	}
	return ls
}

// forEach runs fn for every learner, workers at a time, and returns the first error.
func forEach(ls []*learner, workers int, fn func(*learner) error) error {
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	for _, l := range ls {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			if err := fn(l); err != nil {
				once.Do(func() { first = err })
			}
		})
	}
	wg.Wait()
	return first
}

func bearer(token string) http.Header {
	return http.Header{"Authorization": {"Bearer " + token}, "Content-Type": {"application/json"}}
}
