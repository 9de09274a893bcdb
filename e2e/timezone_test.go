package e2e

import (
	"context"
	"strings"
	"testing"

	cdproto "github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdp "github.com/chromedp/chromedp"

	"devpath/internal/devpathtest"
)

// TestTimeZoneFromTheBrowser: a new learner's onboarding form starts at
// the browser's own zone, which is saved with it; on the plan page the Copy
// button beside the calendar address shows (it is hidden without
// JavaScript) and copies.
func TestTimeZoneFromTheBrowser(t *testing.T) {
	base := serve(t, devpathtest.Engine{})
	ctx := browser(t)
	do(t, ctx,
		timeZone("Asia/Kolkata"),
		cdp.Navigate(base+"/register"),
		cdp.SendKeys(cdp.CSS("#name"), "Ada"),
		cdp.SendKeys(cdp.CSS("#email"), "ada@example.org"),
		cdp.SendKeys(cdp.CSS("#password"), "analytical engine"),
		cdp.Submit(cdp.CSS("#password")),
		cdp.WaitVisible(cdp.CSS("#tz")),
	)
	// Chromium names this zone Asia/Calcutta, an old name the list keeps
	zone, err := cdp.Run(ctx, cdp.Value(cdp.CSS("#tz")))
	if err != nil || (zone != "Asia/Calcutta" && zone != "Asia/Kolkata") {
		t.Fatalf("the zone field holds %q (%v), want the browser's zone", zone, err)
	}
	do(t, ctx,
		cdp.Click(cdp.CSS(`input[name="languages"][value="go"]`)),
		cdp.Click(cdp.CSS(`button[value="save"]`)),
		cdp.WaitVisible(cdp.CSS("#calendar-url")),
		cdp.Click(cdp.CSS(`button[data-copy="calendar-url"]`)),
		cdp.WaitVisible(cdp.CSS("#calendar-copied:not(:empty)")),
	)
	if got := text(t, ctx, "#calendar-copied"); got != "Copied." {
		t.Errorf("after Copy: %q", got)
	}
	do(t, ctx, cdp.Navigate(base+"/account"), cdp.WaitVisible(cdp.CSS("main dl")))
	if got := text(t, ctx, "main dl"); !strings.Contains(got, zone) {
		t.Errorf("the account page does not name %s: %q", zone, got)
	}
}

// timeZone makes the page's clock run in zone, as a person's browser there would.
func timeZone(zone string) cdp.Action[cdp.Void] {
	return cdp.Func(func(ctx context.Context, t *cdp.Target) error {
		_, err := cdproto.Call(ctx, t, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: zone})
		return err
	})
}
