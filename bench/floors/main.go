// Command floors serves the baselines that devpath is measured against: the
// least work this machine needs for a progress write (upsert one progress row,
// append one history row on SQLite in WAL mode), done two ways, and a static
// page. Each mode runs as its own process, started by the bench.
//
//	floors -mode naive  -addr A -data DIR -learners N   one transaction per request
//	floors -mode group  -addr A -data DIR -learners N   concurrent writes share a transaction
//	floors -mode static -addr A -page FILE              the same bytes for every GET /page
//	floors -mode pg     -addr A -db URL -learners N     PostgreSQL through pgx, one transaction per request
//
// The write floors commit with synchronous=FULL, as devpath does; -synchronous
// NORMAL measures what that durability costs.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

func main() {
	mode := flag.String("mode", "naive", "naive, group, static or pg")
	db := flag.String("db", "", "postgres:// URL (pg)")
	addr := flag.String("addr", "127.0.0.1:8090", "address to listen on")
	data := flag.String("data", "", "directory for the SQLite database (naive, group)")
	learners := flag.Int("learners", 1000, "learner ids 1..N that writes may name (naive, group)")
	page := flag.String("page", "", "file served at GET /page (static)")
	sync := flag.String("synchronous", "FULL", "SQLite's synchronous setting, FULL (devpath's) or NORMAL (naive, group)")
	flag.Parse()
	if *sync != "FULL" && *sync != "NORMAL" {
		log.Fatalf("-synchronous %q: want FULL or NORMAL", *sync)
	}

	h, err := handler(*mode, *data, *db, *learners, *page, *sync)
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{Addr: *addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}

func handler(mode, data, db string, learners int, page, sync string) (http.Handler, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	switch mode {
	case "static":
		b, err := os.ReadFile(page)
		if err != nil {
			return nil, err
		}
		mux.HandleFunc("GET /page", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(b)
		})
		return mux, nil
	case "pg":
		f, err := openPG(context.Background(), db, learners)
		if err != nil {
			return nil, err
		}
		mux.Handle("PUT /progress/{user}/{topic}", putHandler{f})
		return mux, nil
	case "naive", "group":
		db, err := openDB(filepath.Join(data, "floor.db"), learners, sync)
		if err != nil {
			return nil, err
		}
		var wr writer = naive{db}
		if mode == "group" {
			wr = newGroup(db)
		}
		mux.Handle("PUT /progress/{user}/{topic}", putHandler{wr})
		return mux, nil
	}
	return nil, fmt.Errorf("unknown mode %q: want naive, group, static or pg", mode)
}

// change is one progress write, as devpath's store receives it.
type change struct {
	User   int64     `json:"-"`
	Topic  string    `json:"topic"`
	Status string    `json:"status"`
	Note   string    `json:"note"`
	At     time.Time `json:"updated_at"`
}

// writer stores a change durably (as far as the synchronous setting goes) before it returns.
type writer interface {
	write(ctx context.Context, c change) error
}

type putHandler struct{ w writer }

// ServeHTTP decodes and checks the body, writes, and answers with the entry:
// what a hand-written handler does, without authentication or metrics.
func (h putHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	user, err := strconv.ParseInt(r.PathValue("user"), 10, 64)
	if err != nil {
		http.Error(w, "bad user id", http.StatusNotFound)
		return
	}
	var in struct{ Status, Note string }
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&in); err != nil {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	switch in.Status {
	case "todo", "learning", "done", "skipped":
	default:
		http.Error(w, "status must be one of todo, learning, done, skipped", http.StatusUnprocessableEntity)
		return
	}
	c := change{User: user, Topic: r.PathValue("topic"), Status: in.Status, Note: in.Note, At: time.Now().UTC()}
	if err := h.w.write(r.Context(), c); err != nil {
		log.Printf("write: %v", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(c)
}
