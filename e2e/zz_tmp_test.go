package e2e

import (
	"testing"
	"time"

	cdp "github.com/chromedp/chromedp"

	"devpath/internal/devpathtest"
)

func TestTmpImport(t *testing.T) {
	srv := start(t, devpathtest.Engine{Name: "sqlite"})
	ctx := browserFor(t, 3*time.Minute)
	do(t, ctx,
		cdp.EmulateViewport(390, 800),
		cdp.Navigate(srv.URL+"/register"),
		cdp.SendKeys(cdp.CSS("#name"), "Margaret"),
		cdp.SendKeys(cdp.CSS("#email"), "margaret@example.org"),
		cdp.SendKeys(cdp.CSS("#password"), "rope memory for apollo"),
		cdp.Submit(cdp.CSS("#password")),
		cdp.WaitVisible(cdp.CSS(`form[action="/logout"]`)),
		cdp.Navigate(srv.URL+"/network/import"),
		cdp.SetValue(cdp.CSS("#in-csv"), connectionsCSV),
		cdp.Click(cdp.CSS(`form[action="/network/import/csv"] button[type="submit"]`)),
		cdp.Sleep(3*time.Second),
	)
	html, err := cdp.Run(ctx, cdp.OuterHTML(cdp.CSS("main")))
	t.Log(html, err)
}
