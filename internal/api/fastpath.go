package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"devpath/internal/account"
	"devpath/internal/progress"
)

// The progress write is the request devpath answers most. Huma's way
// through it (the body parsed twice, once into a map for the schema check,
// then reflection over the input and output types) cost more CPU than the
// write's own work, so a plain handler answers the ordinary request and
// hands anything else to Huma, which answers it as it always has: every
// refusal, every problem list, comes from the one place. Huma still
// registers and documents the operation, so the OpenAPI document is the same.

// fastMux is the mux Huma registers on. A pattern with a plain handler gets
// it, with Huma's handler for the plain one to fall back on.
type fastMux struct {
	*http.ServeMux
	fast map[string]fastHandler
}

type fastHandler func(w http.ResponseWriter, r *http.Request, huma http.HandlerFunc)

func (m fastMux) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	f, ok := m.fast[pattern]
	if !ok {
		m.ServeMux.HandleFunc(pattern, h)
		return
	}
	m.ServeMux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) { f(w, r, h) })
}

const putProgressPattern = "PUT /api/v1/me/progress/{slug}/topics/{id}"

// maxPlainBody is Huma's default bound on a body, which the progress write keeps.
const maxPlainBody = 1 << 20

// putProgressFast answers a logged-in learner's valid write to a known
// topic; anything else goes to Huma.
func (h *Handler) putProgressFast() fastHandler {
	return func(w http.ResponseWriter, r *http.Request, slow http.HandlerFunc) {
		p, ok := account.FromContext(r.Context())
		if !ok || !plainJSON(r) {
			slow(w, r)
			return
		}
		body, ok := peekBody(r)
		st, note, valid := decodeProgress(body)
		if !ok || !valid || progress.CheckUpdate(st, note) != nil || !h.knownTopic(r.PathValue("slug"), r.PathValue("id")) {
			slow(w, r)
			return
		}
		e, err := h.Progress.Set(r.Context(), p.User.ID, r.PathValue("slug"), r.PathValue("id"), st, note)
		if err != nil {
			se := problem(r.Context(), err).(huma.StatusError)
			huma.WriteErr(h.api, humago.NewContext(h.putProgressOp, r, w), se.GetStatus(), se.Error())
			return
		}
		out := entryOutput{}
		out.Body.Topic, out.Body.Entry = e.Topic, e
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false) // as Huma's JSON format
		enc.Encode(out.Body)
	}
}

// plainJSON tells whether a request asks for and sends nothing but JSON, the
// way the bench and every client of the API do.
func plainJSON(r *http.Request) bool {
	ct, accept := r.Header.Get("Content-Type"), r.Header.Get("Accept")
	return (ct == "" || ct == "application/json") &&
		(accept == "" || accept == "*/*" || accept == "application/json") &&
		r.Header.Get("Content-Encoding") == ""
}

// knownTopic tells whether the write names a roadmap and topic that exist,
// a former id included: Huma answers the 404 otherwise.
func (h *Handler) knownTopic(slug, id string) bool {
	rm, err := h.Roadmaps.Get(slug)
	if err != nil {
		return false
	}
	_, err = rm.Topic(id)
	return err == nil
}

// peekBody reads the body, up to Huma's bound, and puts it back for Huma to
// read again. It tells whether the whole body was read.
func peekBody(r *http.Request) ([]byte, bool) {
	if r.Body == nil {
		return nil, false
	}
	orig := r.Body
	body, err := io.ReadAll(io.LimitReader(orig, maxPlainBody+1))
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(body), orig), orig}
	return body, err == nil && len(body) <= maxPlainBody
}

// decodeProgress reads {"status": "...", "note": "..."}, either or both
// members, with nothing else: no other member, no null, no other type, no
// member named in another case (encoding/json would take "Status" for
// "status", the schema would not), nothing after the object.
func decodeProgress(body []byte) (st *progress.Status, note *string, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, nil, false
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, nil, false
		}
		val, err := dec.Token()
		s, isString := val.(string)
		if err != nil || !isString {
			return nil, nil, false
		}
		switch key {
		case "status":
			v := progress.Status(s)
			st = &v
		case "note":
			note = &s
		default:
			return nil, nil, false
		}
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('}') {
		return nil, nil, false
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, nil, false
	}
	return st, note, true
}
