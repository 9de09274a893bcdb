// Package checkertest holds reference servers for the checker's projects, in
// memory, each able to make typical mistakes on demand (faults), so that tests
// can check that the checker catches each one where it should, and nowhere
// else. It is for tests only.
package checkertest

import (
	"encoding/json"
	"io"
	"net/http"
)

// Fault is a set of deliberate mistakes a reference server can be told to
// make; each server names its own.
type Fault uint64

func (f Fault) has(x Fault) bool { return f&x != 0 }

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// readJSON decodes a request body of at most 1 MiB.
func readJSON(r *http.Request, v any) error {
	return json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(v)
}
