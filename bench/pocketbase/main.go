// Command pocketbase is the peer in devpath's benchmarks: PocketBase, used as
// a Go framework, holding the same progress records as devpath and written the
// way a PocketBase developer would write it.
//
//   - Collections come from a Go migration: progress (user relation, roadmap,
//     topic, status, note, updated; unique per user, roadmap and topic) and
//     progress_history. Rules let learners list and change only their own rows;
//     the history is written by the server alone.
//   - A progress update is one custom route, PUT /api/devpath/progress/{roadmap}/{topic},
//     that finds the row, creates or updates it and appends a history record
//     in one transaction (the REST-only alternative takes three round trips).
//   - The roadmap page with the viewer's progress is GET /devpath/roadmaps/{roadmap},
//     rendered with html/template; PocketBase has no page layer of its own.
//   - Log in, sign up and the progress summary use PocketBase's own REST API.
//
// The roadmap (steps and topics) is read from the JSON file named by
// BENCH_ROADMAP, in the shape of devpath's GET /api/v1/roadmaps/{slug}.
// Run it like any PocketBase: pocketbase serve --http 127.0.0.1:8090 --dir DIR.
package main

import (
	"encoding/json"
	"log"
	"os"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

func main() {
	rm, err := loadRoadmap(os.Getenv("BENCH_ROADMAP"))
	if err != nil {
		log.Fatal(err)
	}
	migrations.Register(createCollections, nil, "1_devpath_progress.go")

	app := pocketbase.NewWithConfig(pocketbase.Config{HideStartBanner: true})
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		h := &handlers{roadmap: rm}
		page, err := newPageTemplate()
		if err != nil {
			return err
		}
		h.page = page
		se.Router.PUT("/api/devpath/progress/{roadmap}/{topic}", h.putProgress).Bind(apis.RequireAuth("users"))
		se.Router.GET("/devpath/roadmaps/{roadmap}", h.roadmapPage).Bind(apis.RequireAuth("users"))
		return se.Next()
	})
	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}

// roadmap is the part of devpath's roadmap document this server needs.
type roadmap struct {
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
	topics map[string]bool
}

func loadRoadmap(path string) (*roadmap, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	rm := &roadmap{topics: map[string]bool{}}
	if err := json.Unmarshal(b, rm); err != nil {
		return nil, err
	}
	for _, s := range rm.Steps {
		for _, t := range s.Topics {
			rm.topics[t.ID] = true
		}
	}
	return rm, nil
}
