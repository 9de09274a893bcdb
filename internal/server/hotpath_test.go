package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"devpath/internal/devpathtest"
	"devpath/internal/server"
)

// The hot paths through the whole handler chain, in process: the bench in
// bench/ measures them over the network beside floors; these say where a
// change moves the CPU time and allocations of one request. cpu-us/op is
// the process's user and system time per request, which, unlike ns/op,
// leaves out time spent waiting for the disk.

func BenchmarkProgressWrite(b *testing.B) {
	srv := devpathtest.NewServer(b, devpathtest.Engine{})
	ada := srv.Learner(b, "ada")
	var n atomic.Int64
	measure(b, func() *http.Request {
		body := `{"status":"learning","note":"n` + strconv.FormatInt(n.Add(1), 10) + `"}` // every write changes the row
		r := httptest.NewRequest(http.MethodPut, "/api/v1/me/progress/backend/topics/http", strings.NewReader(body))
		r.Header.Set("Authorization", "Bearer "+ada.Token)
		r.Header.Set("Content-Type", "application/json")
		return r
	}, srv, http.StatusOK)
}

func BenchmarkRoadmapPage(b *testing.B) {
	srv := devpathtest.NewServer(b, devpathtest.Engine{})
	ada := srv.Learner(b, "ada")
	for _, id := range []string{"http", "sql", "git-github"} {
		ada.Expect(b, "PUT", "/api/v1/me/progress/backend/topics/"+id, `{"status":"done"}`, 200, "")
	}
	measure(b, func() *http.Request {
		r := httptest.NewRequest(http.MethodGet, "/roadmaps/backend", nil)
		r.Header.Set("Cookie", "devpath_session="+ada.Token)
		return r
	}, srv, http.StatusOK)
}

func measure(b *testing.B, req func() *http.Request, srv *devpathtest.Server, want int) {
	b.ReportAllocs()
	b.SetParallelism(16) // 16 clients per core, as the bench's 32 on two cores
	before := cpuTime()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			srv.App.Handler.ServeHTTP(rec, req())
			if rec.Code != want {
				b.Errorf("status %d: %s", rec.Code, rec.Body)
				return
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64((cpuTime()-before).Microseconds())/float64(b.N), "cpu-us/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// The roadmap page as browsers fetch it: compressed.
func BenchmarkRoadmapPageCompressed(b *testing.B) {
	for _, enc := range []string{"gzip", "zstd"} {
		b.Run(enc, func(b *testing.B) {
			srv := devpathtest.NewServer(b, devpathtest.Engine{})
			ada := srv.Learner(b, "ada")
			measure(b, func() *http.Request {
				r := httptest.NewRequest(http.MethodGet, "/roadmaps/backend", nil)
				r.Header.Set("Cookie", "devpath_session="+ada.Token)
				r.Header.Set("Accept-Encoding", enc)
				return r
			}, srv, http.StatusOK)
		})
	}
}

// BenchmarkStart builds the whole server on a fresh SQLite database: what
// runs between exec and the first answer.
func BenchmarkStart(b *testing.B) {
	for b.Loop() {
		cfg := devpathtest.Config(b, devpathtest.Engine{})
		a, err := server.New(context.Background(), cfg, devpathtest.Logger(b), "bench")
		if err != nil {
			b.Fatal(err)
		}
		a.Close()
	}
}

// BenchmarkProgressWriteDone marks a topic done on every write. Such a
// write once asked whether a step credential was due before answering;
// now the credential sweep finds it in the history, and this costs what
// BenchmarkProgressWrite does.
func BenchmarkProgressWriteDone(b *testing.B) {
	srv := devpathtest.NewServer(b, devpathtest.Engine{})
	ada := srv.Learner(b, "ada")
	var n atomic.Int64
	measure(b, func() *http.Request {
		body := `{"status":"done","note":"n` + strconv.FormatInt(n.Add(1), 10) + `"}`
		r := httptest.NewRequest(http.MethodPut, "/api/v1/me/progress/backend/topics/http", strings.NewReader(body))
		r.Header.Set("Authorization", "Bearer "+ada.Token)
		r.Header.Set("Content-Type", "application/json")
		return r
	}, srv, http.StatusOK)
}
