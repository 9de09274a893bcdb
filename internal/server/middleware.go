package server

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/httpx"
)

// maxBody bounds every request body; Huma bounds each API operation further (1 MiB unless it says otherwise).
const maxBody = 8 << 20

// requestID gives every request an id, in the X-Request-Id header and in
// its logger, and finds the client's address behind the trusted proxies.
func requestID(log *slog.Logger, trusted []netip.Prefix, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if id == "" || len(id) > 64 {
			id = newRequestID()
		}
		w.Header()["X-Request-Id"] = []string{id} // canonical already: Set would canonicalise it again
		ctx := app.WithRequest(r.Context(), log, id, clientAddress(r, trusted))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// newRequestID is 16 random hex digits.
func newRequestID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// clientAddress is the address of whoever sent the request: the peer, or,
// when the peer is a trusted proxy, the right-most address of
// X-Forwarded-For that is not a trusted proxy. Each proxy appends the
// address it was reached from, so the entries left of that one were written
// by the client and may be anything.
func clientAddress(r *http.Request, trusted []netip.Prefix) string {
	peer, err := parseHop(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	if !isTrusted(peer, trusted) {
		return peer.String()
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	client := peer
	for i := len(hops) - 1; i >= 0 && isTrusted(client, trusted); i-- {
		a, err := parseHop(hops[i])
		if err != nil {
			break // not written by a proxy of ours: the nearest hop read stands
		}
		client = a
	}
	return client.String()
}

// parseHop reads an address as proxies write it: with or without a port.
func parseHop(s string) (netip.Addr, error) {
	s = strings.TrimSpace(s)
	a, err := netip.ParseAddr(s)
	if err != nil {
		var ap netip.AddrPort
		ap, err = netip.ParseAddrPort(s)
		a = ap.Addr()
	}
	return a.Unmap(), err
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// limitBody refuses bodies over maxBody.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		next.ServeHTTP(w, r)
	})
}

// authenticate finds who sent the request from a Bearer token or the session
// cookie. A bad credential is not an error here: the request goes on
// anonymous, and whatever needs a login answers 401.
func authenticate(accounts *account.Service, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		secret := httpx.Credential(r)
		if secret == "" || strings.HasPrefix(r.URL.Path, "/static/") {
			next.ServeHTTP(w, r)
			return
		}
		p, err := accounts.Authenticate(r.Context(), secret)
		if err != nil {
			if app.ErrorCode(err) != app.Unauthorized {
				app.Logger(r.Context()).Error("authenticate", "err", err)
			}
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r.WithContext(account.WithPrincipal(r.Context(), p)))
	})
}

// metrics counts requests and their latency by route pattern.
type metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	log      *slog.Logger // for the debug line of each request, when enabled

	// series holds each (route, status)'s counter and histogram once found:
	// finding them by label values hashes the labels on every request.
	mu     sync.RWMutex
	series map[seriesKey]series
}

type seriesKey struct {
	route string
	code  int
}

type series struct {
	requests prometheus.Counter
	latency  prometheus.Observer
}

func newMetrics(reg prometheus.Registerer, log *slog.Logger) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "devpath_http_requests_total", Help: "HTTP requests by route pattern and status.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "devpath_http_request_duration_seconds", Help: "HTTP request latency by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route"}),
		log:    log,
		series: map[seriesKey]series{},
	}
	reg.MustRegister(m.requests, m.latency)
	return m
}

// seriesOf returns the counter and histogram of a route and status. Routes
// are the mux's patterns, so there are only as many as the mux has.
func (m *metrics) seriesOf(route string, code int) series {
	k := seriesKey{route, code}
	m.mu.RLock()
	s, ok := m.series[k]
	m.mu.RUnlock()
	if ok {
		return s
	}
	s = series{m.requests.WithLabelValues(route, strconv.Itoa(code)), m.latency.WithLabelValues(route)}
	m.mu.Lock()
	m.series[k] = s
	m.mu.Unlock()
	return s
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// statusWriters are reused: nothing keeps a response writer once its
// request is answered.
var statusWriters = sync.Pool{New: func() any { return new(statusWriter) }}

// observe wraps the mux directly, so that the request it sees is the one the
// mux fills in with the matched pattern.
func (m *metrics) observe(mux http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := statusWriters.Get().(*statusWriter)
		*sw = statusWriter{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				app.Logger(r.Context()).Error("panic", "value", v)
				if sw.status == 0 {
					http.Error(sw, "internal error", http.StatusInternalServerError)
				}
			}
			m.record(r, sw.status, time.Since(start))
			*sw = statusWriter{}
			statusWriters.Put(sw)
		}()
		mux.ServeHTTP(sw, r)
	})
}

func (m *metrics) record(r *http.Request, status int, d time.Duration) {
	route := r.Pattern
	if route == "" {
		route = "unmatched"
	}
	s := m.seriesOf(route, status)
	s.requests.Inc()
	s.latency.Observe(d.Seconds())
	if m.log.Enabled(r.Context(), slog.LevelDebug) {
		app.Logger(r.Context()).Debug("request", "method", r.Method, "path", r.URL.Path, "route", route,
			"status", status, "duration", d)
	}
}
