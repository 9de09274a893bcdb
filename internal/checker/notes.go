package checker

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// NotesToken is the bearer token the checker sends to a notes-api server.
// SPEC.md tells the learner to accept it, read from the NOTES_TOKEN variable.
const NotesToken = "devpath-notes-token"

// notes holds what the notes-api stages create, for the stages after them.
//
// Each check says beside it why a departure from SPEC.md is a failure (a
// client written to the spec breaks) or only a warning (it still works).
type notes struct {
	h      *harness
	tag    string // unique to the run: filtering by it finds only this run's notes
	first  note   // created, read, updated, then used for the ETag stage
	second note   // shares the run's tag
	third  note   // does not; deleted by delete-note
}

type note struct {
	ID    string
	Title string
	Body  string
	Tags  []string
}

// notePayload keeps the JSON fields in the order the spec lists them.
type notePayload struct {
	Title string   `json:"title"`
	Body  string   `json:"body"`
	Tags  []string `json:"tags"`
}

func (n note) payload() notePayload { return notePayload{n.Title, n.Body, n.Tags} }

func notesSuite(h *harness) []step {
	n := &notes{h: h}
	return []step{
		{slug: "health", run: n.health},
		{slug: "create-note", run: n.create, gives: []string{"note"}},
		{slug: "read-note", run: n.read, needs: []string{"note"}},
		{slug: "paginate", run: n.paginate, needs: []string{"note"}, gives: []string{"notes"}},
		{slug: "filter-by-tag", run: n.filter, needs: []string{"notes"}},
		{slug: "update-note", run: n.update, needs: []string{"note"}},
		{slug: "delete-note", run: n.delete, needs: []string{"notes"}},
		{slug: "validation", run: n.validation},
		{slug: "not-found", run: n.notFound},
		{slug: "auth", run: n.auth},
		{slug: "etag", run: n.etag, needs: []string{"note"}},
	}
}

// headers is the token header plus extra name, value pairs.
func (n *notes) headers(extra ...string) map[string]string {
	m := map[string]string{"Authorization": "Bearer " + NotesToken}
	for i := 0; i+1 < len(extra); i += 2 {
		m[extra[i]] = extra[i+1]
	}
	return m
}

func (n *notes) fresh(tags ...string) note {
	return note{Title: n.h.fake.title(), Body: n.h.fake.paragraph(), Tags: tags}
}

func notePath(id string) string { return "/notes/" + url.PathEscape(id) }

// health: 200 with {"status": "ok"}. Another 2xx warns (anySuccess): a
// monitor takes any 2xx for "alive". A wrong body fails.
func (n *notes) health(ctx context.Context) error {
	o, r, err := n.h.object(ctx, call{method: http.MethodGet, path: "/health", want: []int{200}, near: anySuccess, spec: nsHealth200, expect: `{"status": "ok"}`})
	if err != nil {
		return err
	}
	if err := shape(r.what, o, field{"status", kString}); err != nil {
		return err
	}
	return equal(r.what, "status", o["status"].(string), "ok")
}

func (n *notes) create(ctx context.Context) error {
	n.tag = n.h.fake.tag()
	got, r, err := n.post(ctx, n.fresh(n.tag, n.h.fake.word()), "the new note as JSON with its id, and a Location header with its address")
	if got.ID != "" { // the note exists, whatever else is wrong with the answer
		n.first = got
		n.h.give("note")
	}
	if err != nil {
		return err
	}
	// A missing Location warns: the body carries the id and the spec gives
	// the address, /notes/{id}, so a client finds the note without it.
	if r.header.Get("Location") == "" {
		n.h.warn(issueLocation, nsLocation, "%s: the answer has no Location header; it should hold the new note's address, %s", r.what, notePath(got.ID))
		return nil
	}
	return checkLocation(r, notePath(got.ID))
}

// post creates a note and checks that the answer holds what was sent: 201;
// another 2xx warns (anySuccess). A wrong value fails.
func (n *notes) post(ctx context.Context, want note, expect string) (note, *reply, error) {
	return n.exchange(ctx, call{method: http.MethodPost, path: "/notes", header: n.headers(), body: want.payload(),
		want: []int{201}, near: anySuccess, spec: nsCreate201, expect: expect}, want)
}

// exchange makes a call whose answer is a note, and checks that it is want.
func (n *notes) exchange(ctx context.Context, c call, want note) (note, *reply, error) {
	o, r, err := n.h.object(ctx, c)
	if err != nil {
		return note{}, r, err
	}
	got, err := readNote(r.what, o)
	if err == nil {
		err = sameNote(r.what, got, want)
	}
	return got, r, err
}

// checkLocation fails on a Location that points elsewhere: a client that
// follows it reads another note, or nothing.
func checkLocation(r *reply, want string) error {
	loc := r.header.Get("Location")
	if loc == "" {
		return fail(issueLocation, "%s: the answer has no Location header; it should hold the new note's address, %s", r.what, want)
	}
	u, err := url.Parse(loc)
	if err != nil || !strings.HasSuffix(strings.TrimSuffix(u.Path, "/"), want) {
		return fail(issueLocation, "%s: the Location header is %q; expected the new note's address, %s", r.what, loc, want)
	}
	return nil
}

func readNote(where string, o map[string]any) (note, error) {
	err := shape(where, o, field{"id", kID}, field{"title", kString}, field{"body", kString}, field{"tags", kStrings})
	if err != nil {
		return note{}, err
	}
	return note{ID: idString(o["id"]), Title: o["title"].(string), Body: o["body"].(string), Tags: strs(o["tags"])}, nil
}

// sameNote compares a returned note with the one expected; an empty want.ID
// means any id.
func sameNote(where string, got, want note) error {
	if want.ID != "" && got.ID != want.ID {
		return fail(issueValue, "%s: \"id\" is %s; expected %s", where, got.ID, want.ID)
	}
	if err := equal(where, "title", got.Title, want.Title); err != nil {
		return err
	}
	if err := equal(where, "body", got.Body, want.Body); err != nil {
		return err
	}
	if !sameSet(got.Tags, want.Tags) {
		return fail(issueValue, "%s: \"tags\" is %s; expected %s", where, quoteList(got.Tags), quoteList(want.Tags))
	}
	return nil
}

// get reads a note: 200 (another 2xx warns, anySuccess); wrong values fail.
func (n *notes) get(ctx context.Context, want note, expect string) error {
	_, _, err := n.exchange(ctx, call{method: http.MethodGet, path: notePath(want.ID), header: n.headers(),
		want: []int{200}, near: anySuccess, spec: nsGet200, expect: expect}, want)
	return err
}

func (n *notes) read(ctx context.Context) error {
	return n.get(ctx, n.first, "the note created in the previous stage")
}

// page is one answer of GET /notes.
type page struct {
	what                 string
	notes                []note
	page, perPage, total int64
}

func (p page) has(id string) bool {
	return slices.ContainsFunc(p.notes, func(x note) bool { return x.ID == id })
}

// list reads a page of notes. Everything about the page (its notes, their
// order, the numbers) fails when wrong: a client pages by them.
func (n *notes) list(ctx context.Context, query, expect string) (page, error) {
	o, r, err := n.h.object(ctx, call{method: http.MethodGet, path: "/notes?" + query, header: n.headers(),
		want: []int{200}, near: anySuccess, spec: nsList200, expect: expect})
	if err != nil {
		return page{}, err
	}
	return readPage(r.what, o)
}

// readPage reads the answer of GET /notes.
func readPage(what string, o map[string]any) (page, error) {
	if err := shape(what, o, field{"notes", kArray}, field{"page", kInt}, field{"per_page", kInt}, field{"total", kInt}); err != nil {
		return page{}, err
	}
	items, err := objects(what, o, "notes")
	if err != nil {
		return page{}, err
	}
	p := page{what: what, page: num(o["page"]), perPage: num(o["per_page"]), total: num(o["total"])}
	for i, item := range items {
		x, err := readNote(fmt.Sprintf("%s: notes[%d]", what, i), item)
		if err != nil {
			return page{}, err
		}
		p.notes = append(p.notes, x)
	}
	return p, nil
}

func (n *notes) paginate(ctx context.Context) error {
	var err error
	if n.second, _, err = n.post(ctx, n.fresh(n.tag), "another note, so that there are pages"); err != nil {
		return err
	}
	if n.third, _, err = n.post(ctx, n.fresh(n.h.fake.word()), "a third note"); err != nil {
		return err
	}
	n.h.give("notes")
	first, err := n.list(ctx, "page=1&per_page=2", `the 2 oldest notes, with "page": 1, "per_page": 2 and "total"`)
	if err != nil {
		return err
	}
	if err := checkFirstPage(first); err != nil {
		return err
	}
	second, err := n.list(ctx, "page=2&per_page=2", "the next notes, none of them on page 1")
	if err != nil {
		return err
	}
	if err := checkNextPage(first, second); err != nil {
		return err
	}
	return n.checkLastPages(ctx, first.total)
}

func checkFirstPage(p page) error {
	if len(p.notes) != 2 {
		return fail(issueOrder, "%s: asked for per_page=2 and got %d notes; expected exactly 2, as there are at least 3 notes", p.what, len(p.notes))
	}
	if p.page != 1 || p.perPage != 2 {
		return fail(issueOrder, "%s: the answer says \"page\": %d, \"per_page\": %d; expected 1 and 2, the values asked for", p.what, p.page, p.perPage)
	}
	if p.total < 3 {
		return fail(issueOrder, "%s: \"total\" is %d, but at least 3 notes exist; total counts all notes, not only this page", p.what, p.total)
	}
	return nil
}

func checkNextPage(first, second page) error {
	if len(second.notes) == 0 || len(second.notes) > 2 {
		return fail(issueOrder, "%s: got %d notes; expected 1 or 2, as there are %d notes at 2 per page", second.what, len(second.notes), first.total)
	}
	for _, x := range second.notes {
		if first.has(x.ID) {
			return fail(issueOrder, "%s: note %s is on page 1 as well; each page should continue where the previous one stopped", second.what, x.ID)
		}
	}
	return nil
}

// checkLastPages finds the newest note on the last page (so the order is
// oldest first and total is right) and nothing after it.
func (n *notes) checkLastPages(ctx context.Context, total int64) error {
	last := (total + 1) / 2
	p, err := n.list(ctx, fmt.Sprintf("page=%d&per_page=2", last), "the last page, ending with the newest note")
	if err != nil {
		return err
	}
	if !p.has(n.third.ID) {
		return fail(issueOrder, "%s: the newest note (id %s) is not on the last page; list notes oldest first, and make \"total\" count every note", p.what, n.third.ID)
	}
	past, err := n.list(ctx, fmt.Sprintf("page=%d&per_page=2", last+1), "an empty list: this page is past the end")
	if err != nil {
		return err
	}
	if len(past.notes) != 0 {
		return fail(issueOrder, "%s: got %d notes for a page past the end; expected an empty list", past.what, len(past.notes))
	}
	return nil
}

func (n *notes) filter(ctx context.Context) error {
	p, err := n.list(ctx, "tag="+url.QueryEscape(n.tag)+"&per_page=100", "only the notes tagged "+n.tag)
	if err != nil {
		return err
	}
	for _, x := range p.notes {
		if !slices.Contains(x.Tags, n.tag) {
			return fail(issueOrder, "%s: note %s is listed but its tags are %s; only notes tagged %q belong in this list", p.what, x.ID, quoteList(x.Tags), n.tag)
		}
	}
	for _, id := range []string{n.first.ID, n.second.ID} {
		if !p.has(id) {
			return fail(issueOrder, "%s: note %s is tagged %q but it is not in the list", p.what, id, n.tag)
		}
	}
	if p.total != int64(len(p.notes)) {
		return fail(issueCount, "%s: \"total\" is %d but the list holds %d notes; with a filter, total counts the notes that match", p.what, p.total, len(p.notes))
	}
	return nil
}

func (n *notes) update(ctx context.Context) error {
	want := n.fresh(n.tag, n.h.fake.word())
	want.ID = n.first.ID
	if err := n.put(ctx, want, nil, "the changed note"); err != nil {
		return err
	}
	n.first = want
	return n.get(ctx, want, "the note as changed by PUT")
}

// put replaces a note: 200 with the changed note. Another 2xx warns
// (anySuccess); no body (204) then fails, as the client reads the note back.
func (n *notes) put(ctx context.Context, want note, header map[string]string, expect string) error {
	if header == nil {
		header = n.headers()
	}
	_, _, err := n.exchange(ctx, call{method: http.MethodPut, path: notePath(want.ID), header: header, body: want.payload(),
		want: []int{200}, near: anySuccess, spec: nsUpdate200, expect: expect}, want)
	return err
}

// delete deletes the third note and looks for it.
func (n *notes) delete(ctx context.Context) error {
	path := notePath(n.third.ID)
	// 204; another 2xx warns (anySuccess): the client asked for nothing back.
	if _, err := n.h.expect(ctx, call{method: http.MethodDelete, path: path, header: n.headers(),
		want: []int{204}, near: anySuccess, spec: nsDelete204, expect: "no body"}); err != nil {
		return err
	}
	// 404; another refusal warns (anyRefusal); success fails: the note
	// the client deleted is still there.
	if _, err := n.h.expect(ctx, call{method: http.MethodGet, path: path, header: n.headers(),
		want: []int{404}, near: anyRefusal, spec: nsNotFound404, expect: "the note is gone"}); err != nil {
		return err
	}
	return n.deleteAgain(ctx, path)
}

// deleteAgain: 404, another refusal warns (anyRefusal). Success warns too:
// DELETE may be repeated, and a client that deletes once never sees the
// difference.
func (n *notes) deleteAgain(ctx context.Context, path string) error {
	c := call{method: http.MethodDelete, path: path, header: n.headers(), want: []int{404}, near: anyRefusal, spec: nsDeleteAgain,
		expect: "deleting it again finds nothing"}
	r, err := n.h.do(ctx, c)
	if err == nil && success(r.status) {
		n.h.warn(issueDeleteAgain, nsDeleteAgain, "%s answered %s to a note already deleted; the spec says 404 Not Found", r.what, statusText(r.status))
		return nil
	}
	if err == nil {
		err = n.h.status(r, c)
	}
	return err
}

// validation posts invalid notes, each on its own. 422 or 400 for an invalid
// field; another refusal warns (anyRefusal); success fails: the server kept
// what it must refuse. Malformed JSON: 400; 422 warns (anyRefusal), as the
// client is refused all the same.
func (n *notes) validation(ctx context.Context) error {
	noTitle := map[string]any{"body": n.h.fake.sentence(), "tags": []string{}}
	blank := notePayload{Title: "   ", Body: n.h.fake.sentence(), Tags: []string{}}
	return n.h.all(ctx,
		func(ctx context.Context) error {
			return n.rejects(ctx, "without a title", noTitle, "", []int{422, 400}, "title")
		},
		func(ctx context.Context) error {
			return n.rejects(ctx, "with a blank title", blank, "", []int{422, 400}, "title")
		},
		func(ctx context.Context) error {
			return n.rejects(ctx, "with malformed JSON", nil, `{"title": "unfinished`, []int{400}, "")
		})
}

// rejects posts an invalid note and expects an error naming the field. An
// error without "error", or one that does not name the field, fails: the
// client cannot show its user what to fix.
func (n *notes) rejects(ctx context.Context, label string, body any, raw string, codes []int, name string) error {
	expect := `a JSON error, {"error": "..."}`
	spec := nsMalformed400
	if name != "" {
		expect = fmt.Sprintf(`a JSON error naming the field, e.g. {"error": "...", "fields": {%q: "is required"}}`, name)
		spec = nsInvalid422
	}
	o, r, err := n.h.object(ctx, call{method: http.MethodPost, path: "/notes", header: n.headers(), body: body, raw: raw,
		want: codes, near: anyRefusal, spec: spec, label: label, expect: expect})
	if err != nil {
		return err
	}
	if err := errorBody(r, o); err != nil {
		return err
	}
	if name != "" && !mentions(o, name) {
		return fail(issueErrorBody, "%s: the error does not name the field %q; say which field is wrong, e.g. {\"error\": \"invalid note\", \"fields\": {%q: \"is required\"}}", r.what, name, name)
	}
	return nil
}

// errorBody fails on an error without its "error" message: the client has
// nothing to show.
func errorBody(r *reply, o map[string]any) error {
	if s, ok := o["error"].(string); !ok || s == "" {
		return fail(issueErrorBody, "%s: the error has no \"error\" message; expected {\"error\": \"...\"}", r.what)
	}
	return nil
}

// notFound asks for notes that do not exist: 404 with a JSON error. Another
// refusal warns (anyRefusal): the client learns it cannot have the note.
// Success fails, as does an error body that is not JSON (http.NotFound's
// text): the client cannot read it.
func (n *notes) notFound(ctx context.Context) error {
	unknown := notePath(fmt.Sprint(900_000_000 + n.h.fake.r.IntN(99_999_999)))
	valid := n.fresh(n.h.fake.word()).payload()
	var checks []func(context.Context) error
	for _, c := range []call{
		{method: http.MethodGet, path: unknown},
		{method: http.MethodPut, path: unknown, body: valid},
		{method: http.MethodDelete, path: unknown},
		{method: http.MethodGet, path: "/notes/no-such-note"},
	} {
		c.header, c.want, c.near, c.spec = n.headers(), []int{404}, anyRefusal, nsNotFound404
		c.label, c.expect = "a note that does not exist", `a JSON error, {"error": "..."}`
		checks = append(checks, func(ctx context.Context) error {
			o, r, err := n.h.object(ctx, c)
			if err != nil {
				return err
			}
			return errorBody(r, o)
		})
	}
	return n.h.all(ctx, checks...)
}

// auth: without the token, or with a wrong one, 401; 403 warns (forbidden);
// success fails: anyone could read and write the notes. /health without a
// token: 200; a refusal fails, as monitors send no token.
func (n *notes) auth(ctx context.Context) error {
	wrong := map[string]string{"Authorization": "Bearer not-" + NotesToken}
	id := n.first.ID
	if id == "" {
		id = "1" // create-note made nothing; the token is checked before the note is looked up
	}
	var checks []func(context.Context) error
	for _, c := range []call{
		{method: http.MethodGet, path: "/notes", label: "without a token"},
		{method: http.MethodPost, path: "/notes", body: n.fresh(n.h.fake.word()).payload(), label: "without a token"},
		{method: http.MethodGet, path: notePath(id), header: wrong, label: "with a wrong token"},
		{method: http.MethodGet, path: "/health", expect: "the health check needs no token"},
	} {
		c.want, c.near, c.spec = []int{401}, forbidden, nsUnauthorized
		if c.path == "/health" {
			c.want, c.near, c.spec = []int{200}, anySuccess, nsHealth200
		}
		checks = append(checks, func(ctx context.Context) error {
			_, err := n.h.expect(ctx, c)
			return err
		})
	}
	return n.h.all(ctx, checks...)
}

// etag: a missing or unchanging ETag fails, and so does a stale If-Match
// that succeeds: a client written to the spec relies on them not to lose an
// edit. A stale If-Match refused with another 4xx than 412 warns
// (anyRefusal): the edit is kept out, only the reason differs.
func (n *notes) etag(ctx context.Context) error {
	path := notePath(n.first.ID)
	r, err := n.h.expect(ctx, call{method: http.MethodGet, path: path, header: n.headers(), want: []int{200}, near: anySuccess, spec: nsGet200, expect: "an ETag header"})
	if err != nil {
		return err
	}
	old := r.header.Get("ETag")
	if old == "" {
		return fail(issueETag, "%s: the answer has no ETag header; send one that changes whenever the note changes, e.g. ETag: \"%s-1\"", r.what, n.first.ID)
	}
	changed, err := n.putMatching(ctx, old)
	if err != nil {
		return err
	}
	stale := n.fresh(n.h.fake.word())
	stale.ID = n.first.ID
	if _, err := n.h.expect(ctx, call{method: http.MethodPut, path: path, header: n.headers("If-Match", old), body: stale.payload(),
		want: []int{412}, near: anyRefusal, spec: nsPrecondition, label: "with a stale If-Match", expect: "the note changed since that ETag"}); err != nil {
		return err
	}
	return n.get(ctx, changed, "the note as the matching PUT left it; the stale PUT changed nothing")
}

// putMatching updates the first note with If-Match set to its current ETag.
func (n *notes) putMatching(ctx context.Context, etag string) (note, error) {
	want := n.fresh(n.tag)
	want.ID = n.first.ID
	_, r, err := n.exchange(ctx, call{method: http.MethodPut, path: notePath(want.ID), header: n.headers("If-Match", etag), body: want.payload(),
		want: []int{200}, near: anySuccess, spec: nsUpdate200, expect: "the changed note and its new ETag"}, want)
	if err != nil {
		return note{}, err
	}
	switch now := r.header.Get("ETag"); {
	case now == "":
		return note{}, fail(issueETag, "%s: the answer has no ETag header; after a change, send the note's new ETag", r.what)
	case now == etag:
		return note{}, fail(issueETag, "%s: the ETag is still %s although the note changed; it must change with every change", r.what, now)
	}
	n.first = want
	return want, nil
}
