package e2e

import (
	"strings"
	"testing"

	cdp "github.com/chromedp/chromedp"

	"devpath/internal/devpathtest"
)

// TestAPIDocsOffline opens the API documentation as a reader would: the
// viewer renders the API from this server's files alone, fetches nothing
// from another site, and the browser reports no error (a refusal by the
// content policy is one), including on an operation whose request body the
// reader can edit in the page.
func TestAPIDocsOffline(t *testing.T) {
	base := serve(t, devpathtest.Engine{})
	ctx := browser(t)
	console := cdp.Console(ctx)
	do(t, ctx,
		cdp.EmulateViewport(1280, 900),
		cdp.Navigate(base+"/api/docs"),
		cdp.WaitVisible(cdp.CSS("h1")),
	)
	if h := text(t, ctx, "h1"); h != "devpath" {
		t.Fatalf("the docs page's heading is %q, want the API's title", h)
	}
	shot(t, ctx, "apidocs.png")
	for _, op := range []struct{ id, summary, shows string }{
		{"get-progress", "My progress on a roadmap", ".sl-code-viewer"},
		{"put-progress", "Set my status and/or note on a topic", ".sl-code-editor textarea"},
	} {
		do(t, ctx,
			cdp.Navigate(base+"/api/docs#/operations/"+op.id),
			cdp.WaitVisible(cdp.CSS(op.shows)),
		)
		if h := text(t, ctx, "h1"); h != op.summary {
			t.Fatalf("operation %s shows %q, want %q", op.id, h, op.summary)
		}
	}
	shot(t, ctx, "apidocs-operation.png")

	fetched, err := cdp.Run(ctx, cdp.Evaluate[[]string](`performance.getEntriesByType("resource").map(e => e.name)`))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range fetched {
		if !strings.HasPrefix(u, base+"/") {
			t.Errorf("the docs page fetched %s", u)
		}
	}
	// A refusal is reported as the page goes; a last evaluation puts a
	// marker after everything that came before it.
	if _, err := cdp.Run(ctx, cdp.Evaluate[bool](`console.info("devpath: end of the docs test"), true`)); err != nil {
		t.Fatal(err)
	}
	for m, err := range console {
		if err != nil {
			t.Fatal(err)
		}
		if m.Text == "devpath: end of the docs test" {
			break
		}
		if strings.HasSuffix(m.URL, "/favicon.ico") {
			continue // the site has no icon; the browser asks anyway
		}
		if m.Type == cdp.ConsoleError || m.IsException() {
			t.Errorf("console: %s (%s)", m, m.URL)
		}
	}
}
