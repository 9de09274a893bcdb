package e2e

import (
	"strings"
	"testing"

	cdp "github.com/chromedp/chromedp"

	"devpath/internal/devpathtest"
)

// TestRegisterLogoutLogin is a person's first visit: create an account,
// log out, log back in, all through the pages.
func TestRegisterLogoutLogin(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		base := serve(t, e)
		ctx := browser(t)
		do(t, ctx,
			cdp.Navigate(base+"/register"),
			cdp.SendKeys(cdp.CSS("#name"), "Margaret Hamilton"),
			cdp.SendKeys(cdp.CSS("#email"), "margaret@example.org"),
			cdp.SendKeys(cdp.CSS("#password"), "short"),
			cdp.Submit(cdp.CSS("#password")),
			cdp.WaitVisible(cdp.CSS(".field-error")),
		)
		if v, _ := cdp.Run(ctx, cdp.Value(cdp.CSS("#email"))); v != "margaret@example.org" {
			t.Fatalf("the failed form lost the email: %q", v)
		}
		do(t, ctx,
			cdp.SendKeys(cdp.CSS("#password"), "apollo guidance"),
			cdp.Submit(cdp.CSS("#password")),
			cdp.WaitVisible(cdp.CSS(`form[action="/logout"]`)),
		)
		if h := text(t, ctx, "main h1"); h != "Your starting point" {
			t.Fatalf("after registering, want the onboarding form: %q", h)
		}
		do(t, ctx,
			cdp.Click(cdp.CSS(`form[action="/logout"] button`)),
			cdp.WaitVisible(cdp.CSS(`form[action="/login"]`)),
			cdp.SendKeys(cdp.CSS("#email"), "margaret@example.org"),
			cdp.SendKeys(cdp.CSS("#password"), "apollo guidance"),
			cdp.Submit(cdp.CSS("#password")),
			cdp.WaitVisible(cdp.CSS(`form[action="/logout"]`)),
		)
		if h := text(t, ctx, "main h1"); !strings.Contains(h, "Welcome back, Margaret Hamilton") {
			t.Fatalf("after logging in again: %q", h)
		}
	})
}
