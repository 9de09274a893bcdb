package main

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"
	"math/rand/v2"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
	_ "modernc.org/sqlite"
)

// crashResult is the crash test: writes acknowledged with a 2xx answer while
// devpath was killed again and again, and how many of them are missing.
type crashResult struct {
	kills        int
	writers      int
	acked        int64 // writes answered 2xx
	unanswered   int64 // writes sent that got no answer (some may have been committed); refused connections are not counted
	cells        int   // distinct (learner, topic) rows the acknowledged writes touched
	lost         int   // cells whose stored note is older than the last acknowledged one, or missing
	lostExamples []string
	history      int64 // history rows of the learners: at least acked, at most acked + unanswered
	integrity    string
	restart      time.Duration // mean time from exec to ready
	elapsed      time.Duration
}

// crashPhase runs writers against devpath, SIGKILLs it kills times at random
// moments (the last time instead of stopping it) and restarts it on the same
// data directory, then reads the database and compares it with what was
// acknowledged. Each writer owns one learner and writes in turn, so for every
// row the last acknowledged note is the one that must be there, or a later
// one whose answer the kill swallowed.
func crashPhase(ctx context.Context, e *env, kills int) (*crashResult, error) {
	const writers = 16
	res := &crashResult{kills: kills, writers: writers}
	start := time.Now()
	data := filepath.Join(e.tmp, "crash")
	addr, err := freeAddr()
	if err != nil {
		return res, err
	}
	srv, err := startCrashServer(e, data, addr)
	if err != nil {
		return res, err
	}
	log.Printf("crash test: %d writers, %d kills", writers, kills)
	ls, err := crashLearners(ctx, e, srv.base, writers)
	if err != nil {
		srv.proc.kill()
		return res, err
	}
	w := &crashWriters{base: srv.base, acked: make([]map[string]uint64, writers)}
	wctx, stopWriters := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for i := range ls {
		w.acked[i] = map[string]uint64{}
		wg.Go(func() { w.run(wctx, i, ls[i]) })
	}
	var restarts time.Duration
	for k := 1; k <= kills; k++ {
		time.Sleep(time.Duration(300+rand.IntN(1200)) * time.Millisecond)
		srv.proc.kill()
		if k == kills || ctx.Err() != nil {
			break // the last kill is the end: the check reads what it left
		}
		t := time.Now()
		if srv, err = startCrashServer(e, data, addr); err != nil {
			break
		}
		restarts += time.Since(t)
	}
	stopWriters()
	wg.Wait()
	if err := cmp.Or(err, ctx.Err()); err != nil {
		return res, err
	}
	res.restart = restarts / time.Duration(max(kills-1, 1))
	res.acked, res.unanswered = w.ackCount.Load(), w.noAnswer.Load()
	err = res.check(filepath.Join(data, "devpath.db"), ls, w.acked)
	res.elapsed = time.Since(start)
	return res, err
}

func startCrashServer(e *env, data, addr string) (*system, error) {
	p, err := startProcess("devpath (crash test)", e.logPath("devpath-crash"), nil, e.bins.devpath,
		"serve", "--data", data, "--log-level", "warn", "--registrations-per-hour", "0", "--metrics-addr", "", "--addr", addr)
	if err != nil {
		return nil, err
	}
	s := &system{name: "devpath", proc: p, base: "http://" + addr}
	if err := waitReady(context.Background(), p, s.base+"/readyz", time.Minute); err != nil {
		p.kill()
		return nil, err
	}
	return s, nil
}

func crashLearners(ctx context.Context, e *env, base string, n int) ([]*learner, error) {
	client := newClient(4, true, e.addrs)
	if err := registerDevpath(ctx, client, base, &learner{email: "admin@bench.example", password: "bench-admin-password"}); err != nil {
		return nil, err
	}
	ls := newLearners(n)
	err := forEach(ls, 4, func(l *learner) error {
		if err := registerDevpath(ctx, client, base, l); err != nil {
			return err
		}
		var out struct{ Token string }
		err := post(ctx, client, base+"/api/v1/sessions", map[string]string{"email": l.email, "password": l.password}, http.StatusCreated, &out)
		l.token = out.Token
		return err
	})
	return ls, err
}

// crashWriters send progress updates with unique notes and remember, per
// writer and topic, the last note that was acknowledged.
type crashWriters struct {
	base     string
	note     atomic.Uint64
	ackCount atomic.Int64
	noAnswer atomic.Int64
	acked    []map[string]uint64 // per writer: topic -> last acknowledged note
}

func (w *crashWriters) run(ctx context.Context, i int, l *learner) {
	client := newClient(1, false, nil)
	api := devpathAPI(w.base)
	for ctx.Err() == nil {
		topic := crashTopics[rand.IntN(len(crashTopics))]
		n := w.note.Add(1)
		t := api.put(l, topic, progressBody(statuses[rand.IntN(len(statuses))], n))
		code, err := send(ctx, client, t)
		switch {
		case err == nil && code/100 == 2:
			w.acked[i][topic] = n
			w.ackCount.Add(1)
			continue
		case err != nil && !errors.Is(err, syscall.ECONNREFUSED):
			w.noAnswer.Add(1) // sent, perhaps committed, but never answered
		}
		time.Sleep(10 * time.Millisecond) // the server is down or restarting
	}
}

// crashTopics is a handful of real backend topics, few enough that each is
// written many times, so that a lost overwrite would show.
var crashTopics = []string{"internet", "http", "command-line", "code-editor", "html", "education-routes"}

// send returns the status of the answer.
func send(ctx context.Context, client *http.Client, t vegeta.Target) (int, error) {
	req, err := t.Request()
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req.WithContext(ctx))
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// check opens the database the last kill left (SQLite recovers the WAL on
// open) and compares every row with the last acknowledged note.
func (r *crashResult) check(path string, ls []*learner, acked []map[string]uint64) error {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&r.integrity); err != nil {
		return err
	}
	ids := make([]string, len(ls))
	for i, l := range ls {
		ids[i] = l.id
		for topic, want := range acked[i] {
			r.cells++
			var note string
			err := db.QueryRow(`SELECT note FROM progress WHERE user_id = ? AND roadmap = 'backend' AND topic = ?`, l.id, topic).Scan(&note)
			got, _ := strconv.ParseUint(strings.TrimPrefix(note, "n"), 10, 64)
			if err != nil || got < want {
				r.lost++
				if len(r.lostExamples) < 5 {
					r.lostExamples = append(r.lostExamples, fmt.Sprintf("learner %s, %s: acknowledged n%d, found %q (%v)", l.id, topic, want, note, err))
				}
			}
		}
	}
	return db.QueryRow(`SELECT COUNT(*) FROM progress_history WHERE user_id IN (` + strings.Join(ids, ",") + `)`).Scan(&r.history)
}
