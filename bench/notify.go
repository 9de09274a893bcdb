package main

import (
	"bufio"
	"context"
	"fmt"
	"log"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// The notify phase: does a progress write cost the same when notifications
// are on? Two devpath processes from the same binary take turns at the
// progress update, 64 clients: one without email, and one whose learners
// chose email for every kind, sending to a mail sink here, while checks
// finish and notify at a steady rate during its points (each check run
// ends in a notification and an email job). Notifications are written in
// jobs, never on the write's path, so what the second pays is what the
// background work takes of the two cores and of SQLite's one writer.
const (
	nameQuiet     = "devpath, no email"
	nameNotifying = "devpath, notifying"
	checksPerSec  = 5
)

type notifyResult struct {
	samples         []sample
	checks, emails  int64 // during the notifying system's points
	notifyingPoints time.Duration
}

func notifyPhase(ctx context.Context, e *env, o options) (*notifyResult, error) {
	sink, err := startSink()
	if err != nil {
		return nil, err
	}
	defer sink.close()
	quiet, _, err := startDevpathAs(ctx, e, nameQuiet, "devpath-quiet", o.learners)
	if quiet != nil {
		defer quiet.proc.stop()
	}
	if err != nil {
		return nil, err
	}
	loud, _, err := startDevpathAs(ctx, e, nameNotifying, "devpath-notifying", o.learners,
		"--smtp-url", "smtp://"+sink.addr+"?tls=none", "--smtp-from", "devpath <bench@bench.example>")
	if loud != nil {
		defer loud.proc.stop()
	}
	if err != nil {
		return nil, err
	}
	if err := chooseEmail(ctx, loud); err != nil {
		return nil, err
	}
	return notifyLoad(ctx, e, o, quiet, loud, sink)
}

// chooseEmail makes every learner of s choose email for every kind.
func chooseEmail(ctx context.Context, s *system) error {
	client := newClient(8, false, nil)
	body := []byte(`{"settings":{"reviews_due":"email","follow_ups_due":"email","check_finished":"email"}}`)
	return forEach(s.learners, 4, func(l *learner) error {
		_, err := do(ctx, client, vegeta.Target{Method: http.MethodPut, URL: s.base + "/api/v1/me/notification-settings",
			Body: body, Header: bearer(l.token)}, http.StatusOK)
		return err
	})
}

// notifyLoad measures the two systems in turn, the checks running only
// while the notifying one is measured.
func notifyLoad(ctx context.Context, e *env, o options, quiet, loud *system, sink *sink) (*notifyResult, error) {
	res := &notifyResult{}
	reps := max(o.plan.reps, 3)
	for _, s := range []*system{quiet, loud} { // warm up
		if _, err := runPoint(ctx, e, s, scPut, 16, time.Second); err != nil {
			return res, err
		}
	}
	for rep := 1; rep <= reps; rep++ {
		for _, s := range []*system{quiet, loud} {
			var stop func() int64
			if s == loud {
				stop = startChecks(ctx, loud)
			}
			mails0, t0 := sink.count.Load(), time.Now()
			smp, err := runPoint(ctx, e, s, scPut, 64, o.plan.duration)
			if stop != nil {
				res.checks += stop()
				res.emails += sink.count.Load() - mails0
				res.notifyingPoints += time.Since(t0)
			}
			if err != nil {
				return res, err
			}
			smp.rep = rep
			res.samples = append(res.samples, smp)
			log.Printf("notify rep %d  %-20s %8.0f/s  p99 %7.1f ms", rep, s.name, smp.rps(), ms(smp.p99))
		}
	}
	return res, nil
}

// startChecks starts checks of a closed loopback port for the learners in
// turn, checksPerSec a second, until the returned function is called; it
// returns how many started.
func startChecks(ctx context.Context, s *system) func() int64 {
	ctx, cancel := context.WithCancel(ctx)
	var started atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		client := newClient(2, false, nil)
		tick := time.NewTicker(time.Second / checksPerSec)
		defer tick.Stop()
		for i := 0; ; i++ {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			l := s.learners[i%len(s.learners)]
			_, err := do(ctx, client, vegeta.Target{Method: http.MethodPost, URL: s.base + "/api/v1/me/checks",
				Body: []byte(`{"project":"notes-api","url":"http://127.0.0.1:9"}`), Header: bearer(l.token)}, http.StatusAccepted)
			if err == nil {
				started.Add(1)
			}
		}
	}()
	return func() int64 {
		cancel()
		<-done
		return started.Load()
	}
}

// sink is an SMTP server that accepts every message and counts it: enough
// SMTP for devpath's mailer with tls=none.
type sink struct {
	addr  string
	ln    net.Listener
	count atomic.Int64
}

func startSink() (*sink, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &sink{addr: ln.Addr().String(), ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s, nil
}

func (s *sink) close() { s.ln.Close() }

func (s *sink) serve(c net.Conn) {
	defer c.Close()
	r, w := bufio.NewReader(c), bufio.NewWriter(c)
	say := func(line string) { w.WriteString(line + "\r\n"); w.Flush() }
	say("220 sink ready")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		switch verb := strings.ToUpper(strings.Fields(line + " x")[0]); verb {
		case "DATA":
			say("354 go ahead")
			for l, err := r.ReadString('\n'); err == nil && l != ".\r\n"; l, err = r.ReadString('\n') {
			}
			s.count.Add(1)
			say("250 kept")
		case "QUIT":
			say("221 bye")
			return
		default: // EHLO, HELO, MAIL, RCPT, RSET, NOOP
			say("250 ok")
		}
	}
}

func (r *results) writeNotify(d *doc) {
	n := r.notify
	if n == nil || len(n.samples) == 0 {
		return
	}
	ps := combine(n.samples)
	d.p("## A progress write with notifications on")
	d.p("Two devpath processes from the same binary, each with %d learners, take turns at the progress update with 64 clients, "+
		"%d repetitions of %s, the best repetition of each shown as in the load tables. **%s** has no SMTP. **%s** sends to a "+
		"mail sink in the bench, every learner chose email for every kind, and during its points checks start at %d a second, "+
		"each ending in a notification and an email job: %d checks started and %d emails arrived over %s of its points. "+
		"Notifications are written in jobs, not on the write's path; what the second system pays is the background work's share of the two cores and of SQLite's one writer connection.",
		r.opts.learners, len(n.samples)/2, r.opts.plan.duration, nameQuiet, nameNotifying, checksPerSec, n.checks, n.emails, n.notifyingPoints.Round(time.Second))
	q, l := ps.get(nameQuiet, scPut, 64), ps.get(nameNotifying, scPut, 64)
	if q == nil || l == nil {
		return
	}
	row := func(p *point) []string {
		return []string{p.system, fmt.Sprintf("%.0f", p.best.rps()), fmt.Sprintf("%.0f", medianRPS(n.samples, p.system)),
			fmt.Sprintf("%.0f%%", p.spread()), msText(p.best.p50), msText(p.best.p99), fmt.Sprintf("%.3f", ms(p.cpuPerReq()))}
	}
	d.table([]string{"system", "req/s", "req/s, median", "spread", "p50 ms", "p99 ms", "CPU ms/req"}, [][]string{row(q), row(l)})
	d.p("Notifying ÷ no email: throughput %s, p99 %s, CPU per write %s.", ratio(l.best.rps(), q.best.rps()),
		ratio(float64(l.best.p99), float64(q.best.p99)), ratio(float64(l.cpuPerReq()), float64(q.cpuPerReq())))
}

func medianRPS(samples []sample, system string) float64 {
	var vs []float64
	for _, s := range samples {
		if s.system == system {
			vs = append(vs, s.rps())
		}
	}
	slices.Sort(vs)
	return vs[len(vs)/2]
}
