package checker

import (
	"strings"
	"testing"

	"devpath/internal/checker/checkertest"
)

func TestNotesReferencePasses(t *testing.T) {
	url := serve(t, newNotesServer(NotesToken, 0))
	rep := check(t, "notes-api", url, Options{})
	expectPass(t, rep)
	if rep.Stages != 11 {
		t.Errorf("notes-api has %d stages, want 11", rep.Stages)
	}
}

// Each typical mistake is caught at its own stage, with a message that says
// what is wrong.
func TestNotesFaults(t *testing.T) {
	for _, tc := range []struct {
		name      string
		fault     fault
		stage     string
		fragments []string
	}{
		{"pagination ignored", checkertest.NotesNoPaging, "paginate", []string{"per_page=2", "expected exactly 2"}},
		{"tag filter ignored", checkertest.NotesNoFilter, "filter-by-tag", []string{"is listed but its tags are", "only notes tagged"}},
		{"no validation", checkertest.NotesNoValidation, "validation", []string{"(without a title) answered 201 Created", "422"}},
		{"plain-text 404", checkertest.NotesTextNotFound, "not-found", []string{"(a note that does not exist)", "not valid JSON", "text/plain"}},
		{"no token check", checkertest.NotesOpen, "auth", []string{"GET /notes (without a token) answered 200 OK", "expected 401 Unauthorized"}},
		{"no ETag", checkertest.NotesNoETag, "etag", []string{"no ETag header"}},
		{"stale If-Match accepted", checkertest.NotesIgnoreIfMatch, "etag", []string{"(with a stale If-Match) answered 200 OK", "expected 412 Precondition Failed"}},
		{"Location elsewhere", checkertest.NotesWrongLocation, "create-note", []string{`the Location header is "/notes"; expected the new note's address`}},
		{"errors name no field", checkertest.NotesVagueErrors, "validation", []string{"(without a title)", `the error does not name the field "title"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			url := serve(t, newNotesServer(NotesToken, tc.fault))
			expectOnly(t, check(t, "notes-api", url, Options{}), tc.stage, tc.fragments...)
		})
	}
}

// Departures a client survives pass with a warning that cites the spec, and
// fail under Strict.
func TestNotesWarnings(t *testing.T) {
	for _, tc := range []struct {
		name      string
		fault     fault
		stage     string
		fragments []string
	}{
		{"create answers 200", checkertest.NotesCreate200, "create-note", []string{"POST /notes answered 200 OK; the spec says 201 Created"}},
		{"delete answers 200", checkertest.NotesDelete200, "delete-note", []string{"DELETE /notes/3 answered 200 OK; the spec says 204 No Content"}},
		{"403 for 401", checkertest.NotesForbidden, "auth", []string{"GET /notes (without a token) answered 403 Forbidden; the spec says 401 Unauthorized"}},
		{"no Location", checkertest.NotesNoLocation, "create-note", []string{"POST /notes: the answer has no Location header"}},
		{"deleted twice", checkertest.NotesDeleteTwice, "delete-note", []string{"answered 204 No Content to a note already deleted"}},
		{"409 for 412", checkertest.NotesConflict409, "etag", []string{"(with a stale If-Match) answered 409 Conflict; the spec says 412 Precondition Failed"}},
		{"400 for an id that is no number", checkertest.NotesBadID400, "not-found", []string{"GET /notes/no-such-note (a note that does not exist) answered 400 Bad Request; the spec says 404 Not Found"}},
		{"422 for malformed JSON", checkertest.NotesMalformed422, "validation", []string{"(with malformed JSON) answered 422 Unprocessable Entity; the spec says 400 Bad Request"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			url := serve(t, newNotesServer(NotesToken, tc.fault))
			w := expectWarning(t, check(t, "notes-api", url, Options{}), tc.stage, tc.fragments...)
			if !strings.Contains(w.Spec, "notes-api SPEC.md line ") {
				t.Errorf("the warning cites %q", w.Spec)
			}
			strict := check(t, "notes-api", url, Options{Strict: true, Seed: 43})
			if strict.Passed || !strict.Strict {
				t.Error("a run with a warning passed under Strict")
			}
		})
	}
}

// A server expecting a different token fails the first stage that sends one.
func TestNotesWrongTokenConfigured(t *testing.T) {
	url := serve(t, newNotesServer("something-else", 0))
	expectFirst(t, check(t, "notes-api", url, Options{}), "create-note", StatusFail, "answered 401 Unauthorized")
}
