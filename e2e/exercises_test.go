package e2e

import (
	"strings"
	"testing"

	cdp "github.com/chromedp/chromedp"

	"devpath/internal/devpathtest"
)

// TestSolveAnExercise is a learner practising SQL: open an exercise from the
// practice page, type an answer, have it graded without leaving the page.
func TestSolveAnExercise(t *testing.T) {
	base := serve(t, devpathtest.Engine{})
	ctx := browser(t)
	do(t, ctx,
		cdp.EmulateViewport(1280, 900),
		cdp.Navigate(base+"/register"),
		cdp.SendKeys(cdp.CSS("#name"), "Edgar"),
		cdp.SendKeys(cdp.CSS("#email"), "edgar@example.org"),
		cdp.SendKeys(cdp.CSS("#password"), "relations all the way"),
		cdp.Submit(cdp.CSS("#password")),
		cdp.WaitVisible(cdp.CSS(`form[action="/logout"]`)),
		cdp.Navigate(base+"/practice"),
		cdp.Click(cdp.CSS(`a[href="/practice/sql/select-all-areas"]`)),
		cdp.WaitVisible(cdp.CSS("#answer")),
	)
	// mark the page so that a reload would lose the marker: the result must come in place
	if _, err := cdp.Run(ctx, cdp.Evaluate[bool](`window.devpathMarker = true`)); err != nil {
		t.Fatal(err)
	}
	do(t, ctx,
		cdp.SendKeys(cdp.CSS("#answer"), "SELECT * FROM areas;"),
		cdp.Click(cdp.CSS("form.answer button[type=submit]")),
		cdp.WaitVisible(cdp.CSS("#verdict")),
	)
	if v := text(t, ctx, "#verdict"); v != "pass" {
		t.Fatalf("the verdict is %q, want pass: %s", v, text(t, ctx, "#attempt"))
	}
	if rows := text(t, ctx, "table.result tbody"); !strings.Contains(rows, "The Cave") {
		t.Fatalf("the result table shows %q", rows)
	}
	if still, _ := cdp.Run(ctx, cdp.Evaluate[bool](`window.devpathMarker === true`)); !still {
		t.Fatal("the page reloaded: htmx did not swap the result in place")
	}
	do(t, ctx, cdp.WaitVisible(cdp.CSS("#history table")))
	// the heading's badge and the way on came with the result, without a reload
	if badge := text(t, ctx, "#exercise-status"); badge != "passed" {
		t.Fatalf("the heading's badge reads %q after a pass, want passed", badge)
	}
	if next := text(t, ctx, "#next-exercise"); !strings.HasPrefix(next, "Next exercise: ") {
		t.Fatalf("no way on after a pass: %q", next)
	}
	shot(t, ctx, "exercise.png")
}
