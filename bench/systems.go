package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// env is what every part of the bench shares: where things go and the
// binaries it built.
type env struct {
	src   string // the devpath source tree measured
	tmp   string // data directories, removed at the end
	out   string // logs and profiles, kept
	bins  bins
	addrs *sourceAddrs
	// floorSync is the write floors' synchronous setting
	floorSync string
}

func (e *env) logPath(name string) string { return filepath.Join(e.out, name+".log") }

// roadmapDoc is devpath's GET /api/v1/roadmaps/{slug}, as far as the bench needs it.
type roadmapDoc struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
	Steps []struct {
		ID     string `json:"id"`
		Title  string `json:"title"`
		Topics []struct {
			ID    string `json:"id"`
			Title string `json:"title"`
		} `json:"topics"`
	} `json:"steps"`
}

func (r *roadmapDoc) topicIDs() []string {
	var ids []string
	for _, s := range r.Steps {
		for _, t := range s.Topics {
			ids = append(ids, t.ID)
		}
	}
	return ids
}

// --- devpath

func devpathAPI(base string) api {
	return api{
		put: func(l *learner, topic string, body []byte) vegeta.Target {
			return vegeta.Target{Method: http.MethodPut, URL: base + "/api/v1/me/progress/backend/topics/" + topic,
				Body: body, Header: bearer(l.token)}
		},
		page: func(l *learner) vegeta.Target {
			return vegeta.Target{Method: http.MethodGet, URL: base + "/roadmaps/backend",
				Header: http.Header{"Cookie": {"devpath_session=" + l.token}}}
		},
		summary: func(l *learner) vegeta.Target {
			return vegeta.Target{Method: http.MethodGet, URL: base + "/api/v1/me/progress/backend", Header: bearer(l.token)}
		},
		login: func(l *learner) vegeta.Target {
			return vegeta.Target{Method: http.MethodPost, URL: base + "/api/v1/sessions",
				Body:   fmt.Appendf(nil, `{"email":%q,"password":%q}`, l.email, l.password),
				Header: http.Header{"Content-Type": {"application/json"}}}
		},
	}
}

// startDevpath runs devpath on a fresh SQLite data directory, registers the
// learners and logs each in once.
func startDevpath(ctx context.Context, e *env, learners int) (*system, *roadmapDoc, error) {
	return startDevpathAs(ctx, e, nameDevpath, "devpath", learners)
}

// startDevpathAs is startDevpath for a system called name, in data directory
// dir, with extra flags for serve.
func startDevpathAs(ctx context.Context, e *env, name, dir string, learners int, flags ...string) (*system, *roadmapDoc, error) {
	return startDevpathBin(ctx, e, e.bins.devpath, name, dir, learners, flags...)
}

// startDevpathBin is startDevpathAs for the devpath binary bin.
func startDevpathBin(ctx context.Context, e *env, bin, name, dir string, learners int, flags ...string) (*system, *roadmapDoc, error) {
	pprof, err := freeAddr()
	if err != nil {
		return nil, nil, err
	}
	args := append([]string{"serve", "--data", filepath.Join(e.tmp, dir), "--log-level", "warn", "--pprof", pprof,
		"--registrations-per-hour", "0", "--metrics-addr", ""}, flags...)
	s, err := startServer(e, name, "/readyz", nil, bin, append(args, "--addr")...)
	if err != nil {
		return nil, nil, err
	}
	s.pprof = pprof
	s.api = devpathAPI(s.base)
	client := newClient(8, true, e.addrs)
	// The first account becomes the admin: make it one the load never uses.
	if err := registerDevpath(ctx, client, s.base, &learner{email: "admin@bench.example", password: "bench-admin-password"}); err != nil {
		return s, nil, err
	}
	s.learners = newLearners(learners)
	err = forEach(s.learners, 4, func(l *learner) error {
		if err := registerDevpath(ctx, client, s.base, l); err != nil {
			return err
		}
		var out struct{ Token string }
		err := post(ctx, client, s.base+"/api/v1/sessions", map[string]string{"email": l.email, "password": l.password}, http.StatusCreated, &out)
		l.token = out.Token
		return err
	})
	if err != nil {
		return s, nil, err
	}
	body, err := do(ctx, client, vegeta.Target{Method: http.MethodGet, URL: s.base + "/api/v1/roadmaps/backend"}, http.StatusOK)
	if err != nil {
		return s, nil, err
	}
	rm := &roadmapDoc{}
	if err := json.Unmarshal(body, rm); err != nil {
		return s, nil, err
	}
	s.topics = rm.topicIDs()
	return s, rm, s.seed(ctx, newClient(8, false, nil))
}

func registerDevpath(ctx context.Context, client *http.Client, base string, l *learner) error {
	var out struct{ ID int64 }
	err := post(ctx, client, base+"/api/v1/users",
		map[string]string{"email": l.email, "password": l.password, "name": "Learner " + l.email}, http.StatusCreated, &out)
	l.id = strconv.FormatInt(out.ID, 10)
	return err
}

// --- PocketBase

func pocketbaseAPI(base string) api {
	summary := base + "/api/collections/progress/records?" + url.Values{
		"filter": {"roadmap='backend'"}, "perPage": {"500"}, "skipTotal": {"1"}}.Encode()
	return api{
		put: func(l *learner, topic string, body []byte) vegeta.Target {
			return vegeta.Target{Method: http.MethodPut, URL: base + "/api/devpath/progress/backend/" + topic,
				Body: body, Header: bearer(l.token)}
		},
		page: func(l *learner) vegeta.Target {
			return vegeta.Target{Method: http.MethodGet, URL: base + "/devpath/roadmaps/backend", Header: bearer(l.token)}
		},
		summary: func(l *learner) vegeta.Target {
			return vegeta.Target{Method: http.MethodGet, URL: summary, Header: bearer(l.token)}
		},
		login: func(l *learner) vegeta.Target {
			return vegeta.Target{Method: http.MethodPost, URL: base + "/api/collections/users/auth-with-password",
				Body:   fmt.Appendf(nil, `{"identity":%q,"password":%q}`, l.email, l.password),
				Header: http.Header{"Content-Type": {"application/json"}}}
		},
	}
}

// startPocketBase runs the PocketBase peer on a fresh data directory with the
// roadmap devpath serves, signs the learners up and logs each in once.
func startPocketBase(ctx context.Context, e *env, rm *roadmapDoc, learners int) (*system, error) {
	rmPath := filepath.Join(e.tmp, "roadmap.json")
	b, err := json.Marshal(rm)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(rmPath, b, 0o644); err != nil {
		return nil, err
	}
	s, err := startServer(e, namePocketBase, "/api/health", []string{"BENCH_ROADMAP=" + rmPath}, e.bins.pocketbase,
		"serve", "--dir", filepath.Join(e.tmp, "pocketbase"), "--http")
	if err != nil {
		return nil, err
	}
	s.api = pocketbaseAPI(s.base)
	s.topics = rm.topicIDs()
	s.learners = newLearners(learners)
	client := newClient(8, true, e.addrs)
	err = forEach(s.learners, 4, func(l *learner) error {
		err := post(ctx, client, s.base+"/api/collections/users/records", map[string]string{
			"email": l.email, "password": l.password, "passwordConfirm": l.password, "name": "Learner " + l.email}, http.StatusOK, nil)
		if err != nil {
			return err
		}
		var out struct {
			Token  string
			Record struct{ ID string }
		}
		err = post(ctx, client, s.base+"/api/collections/users/auth-with-password",
			map[string]string{"identity": l.email, "password": l.password}, http.StatusOK, &out)
		l.token, l.id = out.Token, out.Record.ID
		return err
	})
	if err != nil {
		return s, err
	}
	return s, s.seed(ctx, newClient(8, false, nil))
}

// --- floors

// startFloor runs a write floor (mode naive or group) with learners 1..n.
func startFloor(ctx context.Context, e *env, name, mode string, n int, topics []string) (*system, error) {
	s, err := startServer(e, name, "/healthz", nil, e.bins.floors,
		"-mode", mode, "-data", filepath.Join(e.tmp, "floor-"+mode), "-learners", strconv.Itoa(n), "-synchronous", e.floorSync, "-addr")
	if err != nil {
		return nil, err
	}
	base := s.base
	s.api = api{put: func(l *learner, topic string, body []byte) vegeta.Target {
		return vegeta.Target{Method: http.MethodPut, URL: base + "/progress/" + l.id + "/" + topic, Body: body,
			Header: http.Header{"Content-Type": {"application/json"}}}
	}}
	s.topics = topics
	s.learners = make([]*learner, n)
	for i := range s.learners {
		s.learners[i] = &learner{id: strconv.Itoa(i + 1)}
	}
	return s, s.seed(ctx, newClient(8, false, nil))
}

// startStatic serves page from memory with bare net/http.
func startStatic(e *env, page []byte) (*system, error) {
	path := filepath.Join(e.tmp, "page.html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		return nil, err
	}
	s, err := startServer(e, nameStatic, "/healthz", nil, e.bins.floors, "-mode", "static", "-page", path, "-addr")
	if err != nil {
		return nil, err
	}
	base := s.base
	s.api = api{page: func(*learner) vegeta.Target { return vegeta.Target{Method: http.MethodGet, URL: base + "/page"} }}
	s.learners = []*learner{{}}
	return s, nil
}

// startServer starts bin on a free port (appended to args, whose last
// element is the address flag) and waits until ready answers 200.
func startServer(e *env, name, ready string, extraEnv []string, bin string, args ...string) (*system, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	p, err := startProcess(name, e.logPath(name), extraEnv, bin, append(args, addr)...)
	if err != nil {
		return nil, err
	}
	s := &system{name: name, proc: p, base: "http://" + addr}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := waitReady(ctx, p, s.base+ready, time.Minute); err != nil {
		p.kill()
		return nil, err
	}
	return s, nil
}

// pageOf fetches devpath's roadmap page as the first learner sees it.
func pageOf(ctx context.Context, s *system) ([]byte, error) {
	return do(ctx, newClient(1, false, nil), s.api.page(s.learners[0]), http.StatusOK)
}
