package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	cdp "github.com/chromedp/chromedp"

	"devpath/internal/devpathtest"
)

// TestMarkTopicDone is a learner's daily step: open the roadmap, mark a
// topic done, watch the percentage move without a reload, open the picture.
func TestMarkTopicDone(t *testing.T) {
	base := serve(t, devpathtest.Engine{})
	ctx := browser(t)
	do(t, ctx,
		cdp.EmulateViewport(1280, 900),
		cdp.Navigate(base+"/register"),
		cdp.SendKeys(cdp.CSS("#name"), "Linus"),
		cdp.SendKeys(cdp.CSS("#email"), "linus@example.org"),
		cdp.SendKeys(cdp.CSS("#password"), "penguins all the way"),
		cdp.Submit(cdp.CSS("#password")),
		cdp.WaitVisible(cdp.CSS(`form[action="/logout"]`)),
		cdp.Navigate(base+"/roadmaps/backend"),
		cdp.WaitVisible(cdp.CSS("#summary")),
	)
	if p := text(t, ctx, "#summary .percent"); p != "0%" {
		t.Fatalf("fresh roadmap shows %q", p)
	}
	// mark it so that a reload would lose the marker: the change must come in place
	if _, err := cdp.Run(ctx, cdp.Evaluate[bool](`window.devpathMarker = true`)); err != nil {
		t.Fatal(err)
	}
	do(t, ctx,
		cdp.Click(cdp.CSS(`#t-http button[value="done"]`)),
		cdp.WaitVisible(cdp.CSS(`#t-http.status-done`)),
	)
	if p := text(t, ctx, "#summary .percent"); p == "0%" {
		t.Fatal("the percentage did not change")
	}
	if still, _ := cdp.Run(ctx, cdp.Evaluate[bool](`window.devpathMarker === true`)); !still {
		t.Fatal("the page reloaded: htmx did not update in place")
	}
	// the picture on the page follows, swapped out of band as an SVG element
	do(t, ctx, cdp.Click(cdp.CSS("details.picture-box summary")), cdp.WaitVisible(cdp.CSS("#rp-http")))
	if ok, err := cdp.Run(ctx, cdp.Evaluate[bool](`(n => n.namespaceURI === "http://www.w3.org/2000/svg" && n.getAttribute("class") === "done")(document.querySelector("#rp-http"))`)); err != nil || !ok {
		t.Fatalf("the picture on the page does not show the topic done (%v)", err)
	}
	shot(t, ctx, "roadmap.png")

	// alone, the picture takes its colours from the stylesheet its processing instruction names
	do(t, ctx, cdp.Navigate(base+"/roadmaps/backend/graph.svg"), cdp.WaitVisible(cdp.CSS("#rp-http")))
	stroke, err := cdp.Run(ctx, cdp.Evaluate[string](`getComputedStyle(document.querySelector("#rp-http rect")).stroke`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stroke, "26, 127, 55") { // #1a7f37, --done in the light theme
		t.Fatalf("the done topic is drawn in %s", stroke)
	}
	shot(t, ctx, "graph.png")
}

// shot saves a screenshot when DEVPATH_SCREENSHOTS names a directory, for people to look at.
func shot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("DEVPATH_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := cdp.Run(ctx, cdp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
