package checker

import (
	"context"
	"fmt"
	"io"
)

// What stages make for later ones, in words for a skipped stage's reason.
var needWords = map[string]string{
	// notes-api
	"note":  "a note created by the server",
	"notes": "three notes, two sharing a tag",
	// conduit
	"account":  "a registered user",
	"token":    "the user's token",
	"auth":     "a server that accepts the user's token",
	"author":   "a second user, the author",
	"article":  "an article",
	"favorite": "an article the user favourited",
	// shortener
	"link":   "a link created by the server",
	"clicks": "two clicks on the link",
}

func describeNeed(n string) string {
	if w, ok := needWords[n]; ok {
		return w
	}
	return n
}

// give records that the stage under way has made what later stages need.
func (h *harness) give(names ...string) {
	for _, n := range names {
		h.made[n] = true
	}
}

// begin starts the record of a stage: its transcript goes to w.
func (h *harness) begin(w io.Writer, st Stage) {
	h.w, h.stage, h.findings, h.exchange = w, st, nil, ""
}

// record keeps a failure as a finding of the stage under way, with the last
// exchange, and writes it to the transcript. Nil records nothing.
func (h *harness) record(err error) {
	if f, ok := asFailure(err); ok {
		h.add(Finding{Level: Failure, Issue: f.issue, Message: f.msg, Spec: f.spec.String(), Hint: h.hint(f.issue), Exchange: h.exchange})
	}
}

// warn records a warning: a departure from the spec at line spec that a
// client written to the spec survives. The same warning about the same line
// is given once a run: a server that answers 200 to every registration is
// told so at the first one.
func (h *harness) warn(issue string, spec specRef, format string, args ...any) {
	h.warnOnce(issue+"\x00"+spec.String(), issue, spec, format, args...)
}

// warnOnce is warn with its own key for "the same warning".
func (h *harness) warnOnce(key, issue string, spec specRef, format string, args ...any) {
	if h.warned[key] {
		return
	}
	h.warned[key] = true
	h.add(Finding{Level: Warning, Issue: issue, Message: fmt.Sprintf(format, args...), Spec: spec.String(), Hint: h.hint(issue), Exchange: h.exchange})
}

// hint is the project's hint for a kind of problem in the stage under way:
// the stage's own for it, else the project's. A problem with no kind has
// none, as no hint can be known to fit it.
func (h *harness) hint(issue string) string {
	if issue == "" {
		return ""
	}
	if t, ok := h.hints[h.stage.Slug+"/"+issue]; ok {
		return t
	}
	return h.hints[issue]
}

func levelWord(l Level) string {
	if l == Warning {
		return "WARN"
	}
	return "FAIL"
}

// add keeps a finding and writes it to the transcript where it was found.
func (h *harness) add(f Finding) {
	h.findings = append(h.findings, f)
	fmt.Fprintf(h.w, "%s %s\n", levelWord(f.Level), f.Message)
	if f.Spec != "" {
		fmt.Fprintf(h.w, "spec: %s\n", f.Spec)
	}
	if f.Hint != "" {
		fmt.Fprintf(h.w, "hint: %s\n", f.Hint)
	}
	fmt.Fprintln(h.w)
}

// all runs checks that do not depend on one another, recording each failure
// and going on to the next. An error that is not a failure (no usable answer)
// ends the stage at once.
func (h *harness) all(ctx context.Context, checks ...func(context.Context) error) error {
	for _, check := range checks {
		err := check(ctx)
		if _, ok := asFailure(err); err != nil && !ok {
			return err
		}
		h.record(err)
	}
	return nil
}
