package checkertest

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// A reference notes-api server: everything content/projects/notes-api/SPEC.md
// asks for, kept in memory. Each fault turns on one typical beginner's mistake.
const (
	NotesCreate200     Fault = 1 << iota // answers 200 instead of 201 to a create
	NotesNoPaging                        // ignores page and per_page
	NotesNoFilter                        // ignores ?tag=
	NotesDelete200                       // DELETE answers 200 with a body
	NotesNoValidation                    // accepts a note without a title
	NotesTextNotFound                    // 404 as plain text from http.NotFound
	NotesOpen                            // never asks for the token
	NotesNoETag                          // sends no ETag
	NotesIgnoreIfMatch                   // sends ETags but ignores If-Match
	NotesForbidden                       // 403 instead of 401 without the token
	NotesNoLocation                      // no Location header on a create
	NotesWrongLocation                   // Location: /notes, not the note's own address
	NotesDeleteTwice                     // deleting a note already deleted answers 204 again
	NotesConflict409                     // a stale If-Match answers 409, not 412
	NotesBadID400                        // an id that is not a number answers 400
	NotesMalformed422                    // malformed JSON answers 422, not 400
	NotesVagueErrors                     // validation errors name no field
)

type refNote struct {
	ID      int      `json:"id"`
	Title   string   `json:"title"`
	Body    string   `json:"body"`
	Tags    []string `json:"tags"`
	version int      // bumped by every change; part of the ETag
}

func (n *refNote) etag() string { return fmt.Sprintf(`"%d-%d"`, n.ID, n.version) }

type notesServer struct {
	mu     sync.Mutex // one request at a time: simple, and plenty for a notes API
	token  string
	faults Fault
	notes  map[int]*refNote
	lastID int // ids grow, so id order is creation order
}

// NewNotesServer returns a notes-api server that accepts token and makes the
// mistakes in faults.
func NewNotesServer(token string, faults Fault) http.Handler {
	s := &notesServer{token: token, faults: faults, notes: map[int]*refNote{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /notes", s.authed(s.list))
	mux.HandleFunc("POST /notes", s.authed(s.create))
	mux.HandleFunc("GET /notes/{id}", s.authed(s.withNote(s.get)))
	mux.HandleFunc("PUT /notes/{id}", s.authed(s.withNote(s.put)))
	mux.HandleFunc("DELETE /notes/{id}", s.authed(s.withNote(s.delete)))
	return mux
}

// errorJSON answers the notes and shortener specs' error body: a message,
// and the fields at fault when there are any.
func errorJSON(w http.ResponseWriter, status int, msg string, fields map[string]string) {
	body := map[string]any{"error": msg}
	if len(fields) > 0 {
		body["fields"] = fields
	}
	writeJSON(w, status, body)
}

// authed checks the bearer token and serialises access to the notes.
func (s *notesServer) authed(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.faults.has(NotesOpen) && r.Header.Get("Authorization") != "Bearer "+s.token {
			w.Header().Set("WWW-Authenticate", "Bearer")
			status := http.StatusUnauthorized
			if s.faults.has(NotesForbidden) {
				status = http.StatusForbidden
			}
			errorJSON(w, status, "missing or wrong token", nil)
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		h(w, r)
	}
}

func (s *notesServer) withNote(h func(http.ResponseWriter, *http.Request, *refNote)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.Atoi(r.PathValue("id"))
		n, ok := s.notes[id]
		switch {
		case r.Method == http.MethodDelete && s.faults.has(NotesDeleteTwice) && err == nil && id <= s.lastID && !ok:
			w.WriteHeader(http.StatusNoContent)
		case err != nil && s.faults.has(NotesBadID400):
			errorJSON(w, http.StatusBadRequest, "ids are numbers", nil)
		case (err != nil || !ok) && s.faults.has(NotesTextNotFound):
			http.NotFound(w, r)
		case err != nil || !ok:
			errorJSON(w, http.StatusNotFound, "note not found", nil)
		default:
			h(w, r, n)
		}
	}
}

// decode reads a note from the body; ok is false when an error was written.
func (s *notesServer) decode(w http.ResponseWriter, r *http.Request) (refNote, bool) {
	var in struct {
		Title *string  `json:"title"`
		Body  string   `json:"body"`
		Tags  []string `json:"tags"`
	}
	if err := readJSON(r, &in); err != nil {
		status := http.StatusBadRequest
		if s.faults.has(NotesMalformed422) {
			status = http.StatusUnprocessableEntity
		}
		errorJSON(w, status, "the body is not valid JSON", nil)
		return refNote{}, false
	}
	n := refNote{Body: in.Body, Tags: in.Tags}
	if n.Tags == nil {
		n.Tags = []string{}
	}
	if in.Title != nil {
		n.Title = *in.Title
	}
	fields := map[string]string{}
	switch t := strings.TrimSpace(n.Title); {
	case t == "":
		fields["title"] = "is required"
	case len([]rune(t)) > 200:
		fields["title"] = "must be at most 200 characters"
	}
	if len(fields) > 0 && s.faults.has(NotesVagueErrors) {
		errorJSON(w, http.StatusUnprocessableEntity, "invalid note", nil)
		return refNote{}, false
	}
	if len(fields) > 0 && !s.faults.has(NotesNoValidation) {
		errorJSON(w, http.StatusUnprocessableEntity, "invalid note", fields)
		return refNote{}, false
	}
	return n, true
}

func (s *notesServer) create(w http.ResponseWriter, r *http.Request) {
	n, ok := s.decode(w, r)
	if !ok {
		return
	}
	s.lastID++
	n.ID, n.version = s.lastID, 1
	s.notes[n.ID] = &n
	switch {
	case s.faults.has(NotesWrongLocation):
		w.Header().Set("Location", "/notes")
	case !s.faults.has(NotesNoLocation):
		w.Header().Set("Location", fmt.Sprintf("/notes/%d", n.ID))
	}
	status := http.StatusCreated
	if s.faults.has(NotesCreate200) {
		status = http.StatusOK
	}
	s.send(w, status, &n)
}

// send answers with a note and, unless told not to, its ETag.
func (s *notesServer) send(w http.ResponseWriter, status int, n *refNote) {
	if !s.faults.has(NotesNoETag) {
		w.Header().Set("ETag", n.etag())
	}
	writeJSON(w, status, n)
}

func (s *notesServer) get(w http.ResponseWriter, r *http.Request, n *refNote) {
	s.send(w, http.StatusOK, n)
}

func (s *notesServer) put(w http.ResponseWriter, r *http.Request, n *refNote) {
	if m := r.Header.Get("If-Match"); m != "" && m != n.etag() && !s.faults.has(NotesIgnoreIfMatch) {
		status := http.StatusPreconditionFailed
		if s.faults.has(NotesConflict409) {
			status = http.StatusConflict
		}
		errorJSON(w, status, "the note changed since you read it", nil)
		return
	}
	in, ok := s.decode(w, r)
	if !ok {
		return
	}
	n.Title, n.Body, n.Tags = in.Title, in.Body, in.Tags
	n.version++
	s.send(w, http.StatusOK, n)
}

func (s *notesServer) delete(w http.ResponseWriter, r *http.Request, n *refNote) {
	delete(s.notes, n.ID)
	if s.faults.has(NotesDelete200) {
		writeJSON(w, http.StatusOK, map[string]bool{"deleted": true})
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *notesServer) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, err1 := positive(q.Get("page"), 1)
	perPage, err2 := positive(q.Get("per_page"), 20)
	if err1 != nil || err2 != nil || perPage > 100 {
		errorJSON(w, http.StatusBadRequest, "page and per_page are whole numbers from 1; per_page at most 100", nil)
		return
	}
	matching := s.matching(q.Get("tag"))
	out := matching
	if !s.faults.has(NotesNoPaging) {
		start := min((page-1)*perPage, len(matching))
		out = matching[start:min(start+perPage, len(matching))]
	}
	writeJSON(w, http.StatusOK, map[string]any{"notes": out, "page": page, "per_page": perPage, "total": len(matching)})
}

// matching returns the notes carrying tag (all when tag is empty), oldest first.
func (s *notesServer) matching(tag string) []*refNote {
	out := []*refNote{}
	for _, n := range s.notes {
		if tag == "" || slices.Contains(n.Tags, tag) || s.faults.has(NotesNoFilter) {
			out = append(out, n)
		}
	}
	slices.SortFunc(out, func(a, b *refNote) int { return a.ID - b.ID })
	return out
}

func positive(s string, def int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err == nil && n < 1 {
		err = fmt.Errorf("%d is below 1", n)
	}
	return n, err
}
