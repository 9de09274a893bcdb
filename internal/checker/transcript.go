package checker

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// How much of a response body the transcript shows. The checker reads more
// (Options.MaxBodyBytes); a transcript is for reading.
const transcriptBodyBytes = 1500

// Headers worth showing: the ones the stages set or look at.
const (
	requestHeaders  = "Authorization Content-Type If-Match If-None-Match"
	responseHeaders = "Content-Type Content-Length Location ETag WWW-Authenticate"
)

// requestText shows the request as the curl command that would send it, then
// what the stage expects.
func requestText(req *http.Request, c call) string {
	var b strings.Builder
	b.WriteString("$ curl -i")
	if req.Method != http.MethodGet {
		b.WriteString(" -X " + req.Method)
	}
	b.WriteString(" " + shellQuote(req.URL.String()))
	for _, name := range strings.Fields(requestHeaders) {
		if v := req.Header.Get(name); v != "" {
			b.WriteString(" \\\n    -H " + shellQuote(name+": "+v))
		}
	}
	if body := requestBody(req); body != "" {
		b.WriteString(" \\\n    -d " + shellQuote(body))
	}
	b.WriteString("\n")
	if e := expectation(c); e != "" {
		b.WriteString("# expect: " + e + "\n")
	}
	return b.String()
}

func expectation(c call) string {
	switch {
	case len(c.want) == 0:
		return c.expect
	case c.expect == "":
		return statusList(c.want)
	}
	return statusList(c.want) + ", " + c.expect
}

func requestBody(req *http.Request) string {
	if req.GetBody == nil {
		return ""
	}
	rc, err := req.GetBody()
	if err != nil {
		return ""
	}
	defer rc.Close()
	b, _ := io.ReadAll(rc)
	return string(b)
}

// replyText shows the answer the way curl -i prints it, the body shortened,
// and how long it took when that was long enough to notice.
func replyText(resp *http.Response, body []byte, cut bool, took time.Duration) string {
	var b strings.Builder
	if took >= time.Second {
		fmt.Fprintf(&b, "# answered in %s\n", took.Round(100*time.Millisecond))
	}
	fmt.Fprintf(&b, "%s %s\n", resp.Proto, statusText(resp.StatusCode))
	for _, name := range strings.Fields(responseHeaders) {
		for _, v := range resp.Header.Values(name) {
			fmt.Fprintf(&b, "%s: %s\n", name, v)
		}
	}
	b.WriteString("\n")
	if shown := showBody(body, cut); shown != "" {
		b.WriteString(shown + "\n")
	}
	b.WriteString("\n")
	return b.String()
}

func showBody(body []byte, cut bool) string {
	if len(body) == 0 {
		if cut {
			return "[body not read: it is larger than the checker's limit]"
		}
		return ""
	}
	head := body[:min(len(body), transcriptBodyBytes)]
	for len(head) > 0 && !utf8.Valid(head) && len(body) > len(head) {
		head = head[:len(head)-1] // do not split a character at the cut
	}
	if !utf8.Valid(head) || bytes.IndexByte(head, 0) >= 0 {
		return fmt.Sprintf("[%d bytes of binary data]", len(body))
	}
	s := strings.TrimRight(string(head), "\n")
	switch {
	case cut:
		s += fmt.Sprintf("\n[... cut: the body is longer than %s]", byteSize(int64(len(body))))
	case len(body) > len(head):
		s += fmt.Sprintf("\n[... %d more bytes]", len(body)-len(head))
	}
	return s
}

// snippet is the start of a body, for messages.
func snippet(body []byte, n int) string {
	cut := min(len(body), n)
	for i := 1; i < utf8.UTFMax && cut > 0 && cut < len(body) && !utf8.RuneStart(body[cut]); i++ {
		cut-- // do not split a character
	}
	s := strings.TrimSpace(string(body[:cut]))
	if !utf8.ValidString(s) {
		return "(binary data)"
	}
	return s
}

// shellQuote quotes s for a POSIX shell, so a transcript line can be pasted.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
