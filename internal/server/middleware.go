package server

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
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
			b := make([]byte, 8)
			rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", id)
		ctx := app.WithLogger(r.Context(), log.With("request_id", id))
		ctx = app.WithClientAddress(ctx, clientAddress(r, trusted))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
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
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "devpath_http_requests_total", Help: "HTTP requests by route pattern and status.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "devpath_http_request_duration_seconds", Help: "HTTP request latency by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route"}),
	}
	reg.MustRegister(m.requests, m.latency)
	return m
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

// observe wraps the mux directly, so that the request it sees is the one the
// mux fills in with the matched pattern.
func (m *metrics) observe(mux http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				app.Logger(r.Context()).Error("panic", "value", v)
				if sw.status == 0 {
					http.Error(sw, "internal error", http.StatusInternalServerError)
				}
			}
			route := r.Pattern
			if route == "" {
				route = "unmatched"
			}
			d := time.Since(start)
			m.requests.WithLabelValues(route, strconv.Itoa(sw.status)).Inc()
			m.latency.WithLabelValues(route).Observe(d.Seconds())
			app.Logger(r.Context()).Debug("request", "method", r.Method, "path", r.URL.Path, "route", route,
				"status", sw.status, "duration", d)
		}()
		mux.ServeHTTP(sw, r)
	})
}
