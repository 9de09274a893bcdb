package e2e

import (
	"strings"
	"testing"

	cdp "github.com/chromedp/chromedp"

	"devpath/internal/devpathtest"
)

// TestMoveApplicationAcrossTheBoard adds an application and moves its card
// from saved to interview on the board, as a job seeker does each week.
func TestMoveApplicationAcrossTheBoard(t *testing.T) {
	base := serve(t, devpathtest.Engine{})
	ctx := browser(t)
	do(t, ctx,
		cdp.EmulateViewport(1280, 900),
		cdp.Navigate(base+"/register"),
		cdp.SendKeys(cdp.CSS("#name"), "Ada"),
		cdp.SendKeys(cdp.CSS("#email"), "ada@example.org"),
		cdp.SendKeys(cdp.CSS("#password"), "analytical engine"),
		cdp.Submit(cdp.CSS("#password")),
		cdp.WaitVisible(cdp.CSS(`form[action="/logout"]`)),
		cdp.Navigate(base+"/applications/new"),
		cdp.SendKeys(cdp.CSS(`input[name="company"]`), "Babbage & Co"),
		cdp.SendKeys(cdp.CSS(`input[name="title"]`), "Junior Backend Developer"),
		cdp.Submit(cdp.CSS(`input[name="title"]`)),
		cdp.WaitVisible(cdp.CSS(".stage-control")),
		cdp.Navigate(base+"/applications"),
		cdp.WaitVisible(cdp.CSS("#board")),
	)
	if col := text(t, ctx, "#col-saved"); !strings.Contains(col, "1") {
		t.Fatalf("saved column: %q", col)
	}
	do(t, ctx,
		cdp.SetValue(cdp.CSS(`#board select[name="stage"]`), "interview"),
		cdp.Click(cdp.CSS(`#board .stage-control button`)),
		cdp.WaitVisible(cdp.CSS(`section[aria-labelledby="col-interview"] .app-card`)),
	)
	card := text(t, ctx, `section[aria-labelledby="col-interview"] .app-card`)
	if !strings.Contains(card, "Babbage & Co") {
		t.Fatalf("interview column holds %q", card)
	}
	shot(t, ctx, "board.png")

	// and by drag and drop: the browser's drag events, as a mouse sends them
	// on the card and then on the column (the board was set up again after
	// the boosted move swapped the page in)
	do(t, ctx, cdp.WaitVisible(cdp.CSS("#drag-hint")))
	if _, err := cdp.Run(ctx, cdp.Evaluate[bool](`(() => {
		const card = document.querySelector('section[aria-labelledby="col-interview"] .app-card');
		const to = document.querySelector('section[data-stage="offer"]');
		const dt = new DataTransfer();
		card.dispatchEvent(new DragEvent("dragstart", {bubbles: true, dataTransfer: dt}));
		to.dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true, dataTransfer: dt}));
		to.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: dt}));
		return true;
	})()`)); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, cdp.WaitVisible(cdp.CSS(`section[aria-labelledby="col-offer"] .app-card`)))
	if card := text(t, ctx, `section[aria-labelledby="col-offer"] .app-card`); !strings.Contains(card, "Babbage & Co") {
		t.Fatalf("after the drop the offer column holds %q", card)
	}
}
