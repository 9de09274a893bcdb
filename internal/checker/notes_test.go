package checker

import (
	"testing"
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
		{"create answers 200", notesCreate200, "create-note", []string{"POST /notes answered 200 OK", "expected 201 Created"}},
		{"pagination ignored", notesNoPaging, "paginate", []string{"per_page=2", "expected exactly 2"}},
		{"tag filter ignored", notesNoFilter, "filter-by-tag", []string{"is listed but its tags are", "only notes tagged"}},
		{"delete answers 200", notesDelete200, "delete-note", []string{"DELETE /notes/3 answered 200 OK", "expected 204 No Content"}},
		{"no validation", notesNoValidation, "validation", []string{"(without a title) answered 201 Created", "422"}},
		{"plain-text 404", notesTextNotFound, "not-found", []string{"(a note that does not exist)", "not valid JSON", "text/plain"}},
		{"no token check", notesOpen, "auth", []string{"GET /notes (without a token) answered 200 OK", "expected 401 Unauthorized"}},
		{"no ETag", notesNoETag, "etag", []string{"no ETag header"}},
		{"stale If-Match accepted", notesIgnoreIfMatch, "etag", []string{"(with a stale If-Match) answered 200 OK", "expected 412 Precondition Failed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			url := serve(t, newNotesServer(NotesToken, tc.fault))
			expectOnly(t, check(t, "notes-api", url, Options{}), tc.stage, tc.fragments...)
		})
	}
}

// A server expecting a different token fails the first stage that sends one.
func TestNotesWrongTokenConfigured(t *testing.T) {
	url := serve(t, newNotesServer("something-else", 0))
	expectFirst(t, check(t, "notes-api", url, Options{}), "create-note", StatusFail, "answered 401 Unauthorized")
}
