package checker

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"syscall"
	"time"
)

// harness is what stage code talks to: an HTTP client bound to the learner's
// base URL, the transcript of the current stage and the run's random data.
type harness struct {
	client       *http.Client
	base         string // scheme://host[/prefix], without a trailing slash
	fake         faker
	w            io.Writer // transcript of the current stage (and Options.Out)
	out          io.Writer
	stage        Stage             // the stage under way
	hints        map[string]string // the project's, by issue
	findings     []Finding         // what the stage under way found
	exchange     string            // the last request and answer, as the transcript shows them
	made         map[string]bool   // what stages made for later ones (give)
	warned       map[string]bool   // warnings given this run, so that each is given once
	unreachable  bool              // a request found nothing to talk to; no later stage can run
	timeout      time.Duration     // of an ordinary request
	slowTimeout  time.Duration     // of a request that hashes a password
	slowAfter    time.Duration     // when such a request is slow enough to warn
	maxBody      int64
	maxRedirects int
	userAgent    string
}

func newHarness(baseURL string, o Options) (*harness, error) {
	base, err := parseBase(baseURL)
	if err != nil {
		return nil, err
	}
	h := &harness{
		base: base, fake: newFaker(o.Seed), w: o.Out, out: o.Out, made: map[string]bool{}, warned: map[string]bool{},
		timeout: o.RequestTimeout, slowTimeout: o.SlowTimeout, slowAfter: o.SlowAfter, maxBody: o.MaxBodyBytes, maxRedirects: o.MaxRedirects, userAgent: o.UserAgent,
	}
	dialer := &net.Dialer{Timeout: o.RequestTimeout}
	if o.Policy.Mode != AllowAny {
		dialer.Control = o.Policy.Control
	}
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		return dialer.DialContext(ctx, network, dialAddress(addr))
	}
	h.client = &http.Client{
		Transport: &http.Transport{
			Proxy:               nil, // a proxy would hide the real address from the policy
			DialContext:         dial,
			TLSHandshakeTimeout: o.RequestTimeout,
			// Headers are not covered by MaxBodyBytes; a stage needs only a few.
			MaxResponseHeaderBytes: 64 << 10,
			MaxIdleConnsPerHost:    2,
			IdleConnTimeout:        30 * time.Second,
		},
		CheckRedirect: h.checkRedirect,
	}
	return h, nil
}

func (h *harness) close() { h.client.CloseIdleConnections() }

func parseBase(raw string) (string, error) {
	example := "for example http://localhost:8080"
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("%q is not a URL (%s)", raw, example)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("the URL %q must start with http:// or https:// (%s)", raw, example)
	}
	if u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("the URL %q should be just the server's address (%s)", raw, example)
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

// call is one request a stage makes, and what it expects back.
type call struct {
	method   string
	path     string            // below the base URL, query included
	header   map[string]string // Authorization, If-Match, ...
	body     any               // sent as JSON when not nil
	raw      string            // sent as a JSON body as is, for malformed input
	slow     specRef           // set on a request that hashes a password: its long limit, and the line cited when it is slow
	noFollow bool              // answer with a redirect itself, not where it leads
	want     []int             // acceptable status codes; empty: any
	near     leeway            // which other codes pass with a warning (the reason is beside the call)
	spec     specRef           // the line that gives the status, cited by a warning
	label    string            // what is special about this request, for messages
	expect   string            // the rest of what the stage expects, for the transcript
}

// reply is what came back.
type reply struct {
	what   string // "POST /notes", for messages
	status int
	header http.Header
	body   []byte
}

// do sends c and reads the answer. A transport problem comes back as an error
// with a message for the learner; the status code is not checked. Each
// request has its own time limit, so a stage of many requests is not cut
// short by the sum of their times.
func (h *harness) do(ctx context.Context, c call) (*reply, error) {
	limit := h.timeout
	if c.slow.doc != "" {
		limit = h.slowTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	if c.noFollow {
		ctx = context.WithValue(ctx, noFollowKey{}, true)
	}
	start := time.Now()
	req, err := h.request(ctx, c)
	if err != nil {
		return nil, err
	}
	sent := requestText(req, c)
	io.WriteString(h.w, sent)
	h.exchange = sent
	resp, err := h.client.Do(req)
	if err != nil {
		return nil, h.explain(ctx, req, err, limit)
	}
	defer resp.Body.Close()
	r := &reply{what: c.method + " " + c.path, status: resp.StatusCode, header: resp.Header}
	if c.label != "" {
		r.what += " (" + c.label + ")"
	}
	var cut bool
	r.body, cut, err = h.readBody(resp)
	answer := replyText(resp, r.body, cut, time.Since(start))
	io.WriteString(h.w, answer)
	h.exchange = sent + answer
	if err != nil {
		return nil, h.explain(ctx, req, err, limit)
	}
	h.slowness(r, c, time.Since(start))
	if cut {
		return nil, fail(issueTooLarge, "%s answered with a body larger than %s; the checker stops reading there (is the server sending far more than it should?)", r.what, byteSize(h.maxBody))
	}
	return r, nil
}

// slowness warns when a request that hashes a password took long. A client
// still works, only slowly; but a slow hash lets a few requests occupy the
// server, which is why the project's page asks for less. Once per address.
func (h *harness) slowness(r *reply, c call, took time.Duration) {
	if c.slow.doc == "" || took <= h.slowAfter {
		return
	}
	h.warnOnce("slow\x00"+c.method+" "+c.path, issueSlow, c.slow, "%s took %s; the checker waits up to %s, but more than %s is slow",
		r.what, roundDuration(took), h.slowTimeout, h.slowAfter)
}

// expect is do plus the status check.
func (h *harness) expect(ctx context.Context, c call) (*reply, error) {
	r, err := h.do(ctx, c)
	if err != nil {
		return nil, err
	}
	return r, h.status(r, c)
}

// status holds the answer's status to the call's: one of c.want passes,
// one the call's leeway allows passes with a warning, anything else fails.
func (h *harness) status(r *reply, c call) error {
	if len(c.want) == 0 || slices.Contains(c.want, r.status) {
		return nil
	}
	if issue, ok := c.near.allows(r.status, c.want); ok {
		h.warn(issue, c.spec, "%s answered %s; the spec says %s", r.what, statusText(r.status), statusList(c.want))
		return nil
	}
	err := fail(statusIssue(r.status, c), "%s answered %s; expected %s", r.what, statusText(r.status), statusList(c.want))
	if r.status >= 500 {
		err = fail(issueServerError, "%s answered %s: the server failed on its own; its log says why", r.what, statusText(r.status))
	}
	return against(err, c.spec)
}

// object is expect plus decoding a JSON object.
func (h *harness) object(ctx context.Context, c call) (map[string]any, *reply, error) {
	r, err := h.expect(ctx, c)
	if err != nil {
		return nil, r, err
	}
	o, err := r.object()
	return o, r, err
}

func (h *harness) request(ctx context.Context, c call) (*http.Request, error) {
	var body io.Reader
	payload := []byte(c.raw)
	if c.body != nil {
		var err error
		if payload, err = json.Marshal(c.body); err != nil {
			return nil, fmt.Errorf("encoding the request body: %w", err)
		}
	}
	if len(payload) > 0 {
		body = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, c.method, h.base+c.path, body)
	if err != nil {
		return nil, fmt.Errorf("building the request %s %s: %w", c.method, c.path, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", h.userAgent)
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	// GetBody lets redirects resend the body; keep the bytes for the transcript.
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(payload)), nil }
	return req, nil
}

// readBody reads at most maxBody bytes; cut says the body was longer.
func (h *harness) readBody(resp *http.Response) ([]byte, bool, error) {
	if resp.ContentLength > h.maxBody {
		return nil, true, nil // no need to read what will be refused anyway
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, h.maxBody+1))
	if int64(len(b)) > h.maxBody {
		return b[:h.maxBody], true, nil
	}
	return b, false, err
}

// noFollowKey marks a request whose redirect is the answer to check.
type noFollowKey struct{}

func (h *harness) checkRedirect(req *http.Request, via []*http.Request) error {
	if req.Context().Value(noFollowKey{}) != nil {
		return http.ErrUseLastResponse
	}
	h.exchange += fmt.Sprintf("# redirected by %d %s to %s\n", req.Response.StatusCode, http.StatusText(req.Response.StatusCode), req.URL)
	fmt.Fprintf(h.w, "# redirected by %d %s to %s\n", req.Response.StatusCode, http.StatusText(req.Response.StatusCode), req.URL)
	if len(via) >= h.maxRedirects {
		return &redirectError{n: len(via), first: via[0].URL.String(), last: req.URL.String()}
	}
	return nil
}

type redirectError struct {
	n           int
	first, last string
}

func (e *redirectError) Error() string {
	return fmt.Sprintf("%s redirected %d times (last to %s); the checker follows at most %d redirects; is there a redirect loop?", e.first, e.n, e.last, e.n)
}

// explain turns a transport error into a message a learner can act on. A
// redirect loop is the server's doing and fails the stage; everything else means
// there was no answer and is an error.
func (h *harness) explain(ctx context.Context, req *http.Request, err error, limit time.Duration) error {
	target := req.Method + " " + req.URL.String()
	if re, ok := errors.AsType[*redirectError](err); ok {
		return fail(issueRedirects, "%s", re.Error())
	}
	if re, ok := errors.AsType[*RefusedError](err); ok {
		h.unreachable = true
		return re
	}
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("%s: no complete answer within %s, the time limit of this request; is the server stuck, or very slow?", target, limit)
	case ctx.Err() != nil:
		return fmt.Errorf("%s: the check was cancelled", target)
	case errors.Is(err, syscall.ECONNREFUSED):
		h.unreachable = true
		return fmt.Errorf("%s: connection refused: nothing is listening at %s; is your server running, and on this port?", target, req.URL.Host)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET):
		return fmt.Errorf("%s: the server closed the connection without a complete answer; did it crash? (%v)", target, err)
	}
	if dnsErr, ok := errors.AsType[*net.DNSError](err); ok {
		h.unreachable = true
		return fmt.Errorf("%s: cannot find the host %q: %v", target, dnsErr.Name, dnsErr.Err)
	}
	return fmt.Errorf("%s: %v", target, err)
}

// value decodes the body as JSON, telling HTML, empty and malformed bodies apart.
func (r *reply) value() (any, error) {
	ct := r.header.Get("Content-Type")
	switch {
	case len(bytes.TrimSpace(r.body)) == 0:
		return nil, fail(issueNotJSON, "%s answered %s with an empty body; expected JSON", r.what, statusText(r.status))
	case looksHTML(ct, r.body):
		return nil, fail(issueNotJSON, "%s answered with HTML (Content-Type %q), not JSON; is something else serving this URL, or is an error page shown?", r.what, ct)
	}
	dec := json.NewDecoder(bytes.NewReader(r.body))
	dec.UseNumber()
	var v any
	// Only JSON's whitespace may follow: Decoder.More says false before a
	// stray '}' or ']', so it cannot tell.
	if err := dec.Decode(&v); err != nil || len(bytes.Trim(r.body[dec.InputOffset():], " \t\r\n")) > 0 {
		return nil, fail(issueNotJSON, "%s answered with a body that is not valid JSON (Content-Type %q): it starts %q", r.what, ct, snippet(r.body, 60))
	}
	// A JSON body under another type fails: generated clients choose their
	// decoder by Content-Type, and read it as text or refuse it.
	if !isJSONType(ct) {
		return nil, fail(issueNotJSON, "%s answered with JSON but Content-Type %q; send Content-Type: application/json", r.what, ct)
	}
	return v, nil
}

// object decodes the body as a JSON object.
func (r *reply) object() (map[string]any, error) {
	v, err := r.value()
	if err != nil {
		return nil, err
	}
	o, ok := v.(map[string]any)
	if !ok {
		return nil, fail(issueShape, "%s answered with %s; expected a JSON object {...}", r.what, describe(v))
	}
	return o, nil
}

func looksHTML(contentType string, body []byte) bool {
	if strings.HasPrefix(strings.ToLower(contentType), "text/html") {
		return true
	}
	start := strings.ToLower(string(bytes.TrimSpace(body[:min(len(body), 64)])))
	return strings.HasPrefix(start, "<!doctype html") || strings.HasPrefix(start, "<html")
}

func isJSONType(ct string) bool {
	ct, _, _ = strings.Cut(strings.ToLower(ct), ";")
	ct = strings.TrimSpace(ct)
	return ct == "application/json" || strings.HasSuffix(ct, "+json")
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%d %s", code, t)
	}
	return fmt.Sprint(code)
}

func statusList(codes []int) string {
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = statusText(c)
	}
	return strings.Join(parts, " or ")
}

func byteSize(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
