package main

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// The progress write on PostgreSQL: devpath, devpath's two instances behind
// a round-robin proxy, and the pgx floor, all on one throwaway PostgreSQL 15.
const (
	namePG      = "devpath, PostgreSQL"
	namePGTwo   = "2 devpath, PostgreSQL"
	namePGFloor = "pgx floor"
)

// startPGSystems starts PostgreSQL and the three systems on it; stop ends
// the proxy and the cluster (the systems' processes are the caller's).
func startPGSystems(ctx context.Context, e *env, learners int, topics []string) (systems []*system, stop func(), err error) {
	pg, err := startPostgres(ctx)
	if err != nil {
		return nil, func() {}, err
	}
	stop = pg.stop
	urls := map[string]string{}
	admin, err := sql.Open("pgx", pg.url)
	if err != nil {
		return nil, stop, err
	}
	defer admin.Close()
	for _, name := range []string{"bench_devpath", "bench_floor"} {
		if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
			return nil, stop, err
		}
		if urls[name], err = withDatabase(pg.url, name); err != nil {
			return nil, stop, err
		}
	}
	log.Print("starting devpath on PostgreSQL, a second instance, and the pgx floor")
	one, _, err := startDevpathBin(ctx, e, e.bins.devpath, namePG, "devpath-pg", learners, "--db", urls["bench_devpath"])
	if one != nil {
		systems = append(systems, one)
	}
	if err != nil {
		return systems, stop, err
	}
	one.api = api{put: one.api.put} // the write only
	two, proxyStop, err := startTwin(e, one, urls["bench_devpath"])
	if two != nil {
		systems = append(systems, two)
		stop = func() { proxyStop(); pg.stop() }
	}
	if err != nil {
		return systems, stop, err
	}
	floor, err := startServer(e, namePGFloor, "/healthz", nil, e.bins.floors,
		"-mode", "pg", "-db", urls["bench_floor"], "-learners", strconv.Itoa(learners), "-addr")
	if err != nil {
		return systems, stop, err
	}
	systems = append(systems, floor)
	base := floor.base
	floor.api = api{put: func(l *learner, topic string, body []byte) vegeta.Target {
		return vegeta.Target{Method: http.MethodPut, URL: base + "/progress/" + l.id + "/" + topic, Body: body,
			Header: http.Header{"Content-Type": {"application/json"}}}
	}}
	floor.topics = topics
	floor.learners = make([]*learner, learners)
	for i := range floor.learners {
		floor.learners[i] = &learner{id: strconv.Itoa(i + 1)}
	}
	return systems, stop, floor.seed(ctx, newClient(8, false, nil))
}

// startTwin starts a second devpath on one's database and a round-robin
// proxy in front of both, and returns the proxy as a system with one's
// learners: sessions live in the database, so their tokens work on both.
func startTwin(e *env, one *system, dbURL string) (*system, func(), error) {
	b, err := startServer(e, namePGTwo+" (second)", "/readyz", nil, e.bins.devpath,
		"serve", "--data", filepath.Join(e.tmp, "devpath-pg-2"), "--log-level", "warn", "--metrics-addr", "",
		"--registrations-per-hour", "0", "--db", dbURL, "--addr")
	if err != nil {
		return nil, func() {}, err
	}
	var backends []*url.URL
	for _, base := range []string{one.base, b.base} {
		u, _ := url.Parse(base)
		backends = append(backends, u)
	}
	var n atomic.Uint64
	proxy := &httputil.ReverseProxy{
		Rewrite:   func(r *httputil.ProxyRequest) { r.SetURL(backends[n.Add(1)%2]) },
		Transport: &http.Transport{MaxIdleConns: 1024, MaxIdleConnsPerHost: 512, IdleConnTimeout: 30 * time.Second},
	}
	addr, err := freeAddr()
	if err != nil {
		b.proc.stop()
		return nil, func() {}, err
	}
	srv := &http.Server{Addr: addr, Handler: proxy}
	go srv.ListenAndServe()
	twin := &system{name: namePGTwo, proc: one.proc, twin: b.proc, base: "http://" + addr,
		learners: one.learners, topics: one.topics}
	twin.api = devpathAPI(twin.base)
	twin.api = api{put: twin.api.put}
	return twin, func() { srv.Close(); b.proc.stop() }, nil
}

func (r *results) writePostgres(d *doc, ps points) {
	var rows [][]string
	for _, c := range ps.clientsOf() {
		dp, two, f := ps.get(namePG, scPut, c), ps.get(namePGTwo, scPut, c), ps.get(namePGFloor, scPut, c)
		if dp == nil || f == nil {
			continue
		}
		row := []string{fmt.Sprint(c), fmt.Sprintf("%.0f", dp.rps), fmt.Sprintf("%.0f", f.rps), ratio(dp.rps, f.rps),
			msText(dp.p99), msText(f.p99), "–", "–"}
		if two != nil {
			row[6], row[7] = fmt.Sprintf("%.0f", two.rps), ratio(two.rps, dp.rps)
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return
	}
	d.p("### PostgreSQL")
	d.p("The progress write on one throwaway PostgreSQL 15 (fsync off for the cluster, synchronous_commit on for every "+
		"session, as devpath sets it): devpath, the pgx floor (the same two statements in one transaction per request, a pool "+
		"of 32 as devpath's), and two devpath instances behind a round-robin reverse proxy that runs in the bench process. "+
		"PostgreSQL, the proxy and the load driver share the machine's %d cores with the servers; the CPU figures above "+
		"count devpath's processes only (both, for the pair).", r.machine.cores)
	d.table([]string{"clients", "devpath req/s", "floor req/s", "devpath ÷ floor", "devpath p99", "floor p99", "2 instances req/s", "2 ÷ 1"}, rows)
}
