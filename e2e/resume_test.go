package e2e

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	cdp "github.com/chromedp/chromedp"

	"devpath/internal/devpathtest"
)

// graceResume is a resume of a usual length: it must print on one or two pages.
const graceResume = `{
  "basics": {"name": "Grace Hopper", "label": "Junior backend developer", "email": "grace@example.org",
             "summary": "Former teacher who now writes small, tested services in Go and Python."},
  "work": [
    {"name": "Harbour Freight", "position": "Backend intern", "startDate": "2025-02", "endDate": "2025-08",
     "highlights": ["Wrote a REST API in Go with PostgreSQL", "Cut the nightly report from 40 to 3 minutes", "Set up CI"]},
    {"name": "Northside School", "position": "Mathematics teacher", "startDate": "2018-09", "endDate": "2024-12",
     "highlights": ["Automated the timetable with Python", "Mentored six new teachers"]}
  ],
  "education": [{"institution": "Open Backend Bootcamp", "area": "Backend development", "studyType": "Certificate",
                 "startDate": "2024-01", "endDate": "2024-09"}],
  "skills": [{"name": "Backend", "keywords": ["Go", "Python", "PostgreSQL", "Docker", "REST"]}],
  "languages": [{"language": "English", "fluency": "Native"}]
}`

// TestPrintableResume saves a master resume through its page, then opens
// the printable resume and prints it to PDF.
func TestPrintableResume(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		base := serve(t, e)
		ctx := browser(t)
		do(t, ctx,
			cdp.Navigate(base+"/register"),
			cdp.SendKeys(cdp.CSS("#name"), "Grace"),
			cdp.SendKeys(cdp.CSS("#email"), "grace@example.org"),
			cdp.SendKeys(cdp.CSS("#password"), "nanoseconds of wire"),
			cdp.Submit(cdp.CSS("#password")),
			cdp.WaitVisible(cdp.CSS(`form[action="/logout"]`)),
			cdp.Navigate(base+"/resume"),
			cdp.Click(cdp.CSS("details.json-editor > summary")),
			cdp.WaitVisible(cdp.CSS("#document")),
			cdp.SetValue(cdp.CSS("#document"), graceResume),
			cdp.Click(cdp.CSS(`form[action="/resume/json"] button[type="submit"]`)),
			cdp.WaitVisible(cdp.CSS(`a[href="/resume/print"]`)),
		)
		if n := text(t, ctx, "p.notice"); n != "Saved." {
			t.Fatalf("after saving: %q", n)
		}
		do(t, ctx,
			cdp.Click(cdp.CSS(`a[href="/resume/print"]`)),
			cdp.WaitVisible(cdp.CSS("article.resume h1")),
		)
		if h := text(t, ctx, "article.resume h1"); h != "Grace Hopper" {
			t.Fatalf("printable resume heading: %q", h)
		}
		shot(t, ctx, "resume.png")
		pdf, err := cdp.Run(ctx, cdp.PrintToPDF(cdp.PDFPaper(cdp.PaperA4)))
		if err != nil {
			t.Fatal(err)
		}
		if pages := pdfPages(pdf); pages < 1 || pages > 2 {
			t.Errorf("the resume prints on %d pages", pages)
		}
	})
}

// pdfPages counts the page objects of a PDF ("/Type /Pages" is their parent).
func pdfPages(pdf []byte) int {
	return bytes.Count(pdf, []byte("/Type /Page")) - bytes.Count(pdf, []byte("/Type /Pages"))
}

// TestResumeForm fills in the master resume through its form, as a learner
// without a JSON file does: add a job, which brings the new entry into
// view, type a date the schema refuses, read the problem beside it, fix it
// and save.
func TestResumeForm(t *testing.T) {
	base := serve(t, devpathtest.Engine{})
	ctx := browser(t)
	do(t, ctx,
		cdp.EmulateViewport(390, 844),
		cdp.Navigate(base+"/register"),
		cdp.SendKeys(cdp.CSS("#name"), "Grace"),
		cdp.SendKeys(cdp.CSS("#email"), "grace@example.org"),
		cdp.SendKeys(cdp.CSS("#password"), "nanoseconds of wire"),
		cdp.Submit(cdp.CSS("#password")),
		cdp.WaitVisible(cdp.CSS(`form[action="/logout"]`)),
		cdp.Navigate(base+"/resume"),
		cdp.SendKeys(cdp.CSS("#basics-label"), "Junior backend developer"),
		cdp.Click(cdp.CSS(`button[value="add:work"]`)),
		cdp.WaitVisible(cdp.CSS("#work-0-name")),
	)
	if hash, err := cdp.Run(ctx, cdp.Evaluate[string]("location.hash")); err != nil || hash != "#e-work-0" {
		t.Errorf("after adding a job the page is at %q (%v), not at the new job", hash, err)
	}
	if propOf(t, ctx, "#basics-label", "value") != "Junior backend developer" {
		t.Error("adding a job lost what was typed")
	}
	do(t, ctx,
		cdp.SendKeys(cdp.CSS("#work-0-name"), "Harbour Freight"),
		cdp.SendKeys(cdp.CSS("#work-0-position"), "Backend intern"),
		cdp.SendKeys(cdp.CSS("#work-0-startDate"), "Feb 2025"),
		cdp.Click(cdp.CSS(`form[action="/resume"] .actions button`)),
		cdp.WaitVisible(cdp.CSS("#work-0-startDate-error")),
	)
	if msg := text(t, ctx, "#work-0-startDate-error"); !strings.HasPrefix(msg, "Work 1, start date: “Feb 2025” is not a date") {
		t.Errorf("the date's problem reads %q", msg)
	}
	do(t, ctx,
		cdp.Click(cdp.CSS(`.error-summary a[href="#f-work-0-startDate"]`)),
		cdp.SetValue(cdp.CSS("#work-0-startDate"), "2025-02"),
		cdp.Click(cdp.CSS(`form[action="/resume"] .actions button`)),
		cdp.WaitVisible(cdp.CSS("p.notice")),
	)
	if got := propOf(t, ctx, "#work-0-name", "value"); got != "Harbour Freight" {
		t.Errorf("after saving, the first job is %q", got)
	}
}

// propOf returns the current value of a property of the first element matching css.
func propOf(t *testing.T, ctx context.Context, css, prop string) string {
	t.Helper()
	s, err := cdp.Run(ctx, cdp.Evaluate[string](fmt.Sprintf(`document.querySelector(%q)[%q]`, css, prop)))
	if err != nil {
		t.Fatalf("%s of %s: %v", prop, css, err)
	}
	return s
}
