package web_test

import (
	"bytes"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

const connectionsCSV = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n" +
	"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
	"Grace,Hopper,https://www.linkedin.com/in/grace,grace@navy.example,Navy,Rear admiral,12 Jan 2024\n" +
	"Linus,Torvalds,https://www.linkedin.com/in/linus,,Linux Foundation,Fellow,03 Feb 2023\n" +
	"Grace,H.,https://www.linkedin.com/in/grace/,,Navy,,12 Jan 2024\n"

var (
	textareaCSV = regexp.MustCompile(`(?s)<textarea id="in-csv" name="csv"[^>]*>\n?(.*?)</textarea>`)
	previewedAt = regexp.MustCompile(`name="previewed" value="([0-9a-f]*)"`)
)

// carried reads back what the mapping page carries to the next step: the
// CSV text, the mapping chosen and the fingerprint of what was previewed.
func carried(t *testing.T, page string) url.Values {
	t.Helper()
	text, fp := textareaCSV.FindStringSubmatch(page), previewedAt.FindStringSubmatch(page)
	if text == nil || fp == nil {
		t.Fatalf("the page carries no CSV or fingerprint:\n%s", page)
	}
	v := url.Values{"csv": {html.UnescapeString(text[1])}, "previewed": {fp[1]}}
	sel := regexp.MustCompile(`(?s)<select id="in-(mapping\[\d+\])".*?</select>`)
	opt := regexp.MustCompile(`<option value="([a-z_]*)" selected>`)
	for _, s := range sel.FindAllStringSubmatch(page, -1) {
		m := opt.FindStringSubmatch(s[0])
		if m == nil {
			t.Fatalf("no option selected in %s", s[0])
		}
		v.Set(html.UnescapeString(s[1]), m[1])
	}
	return v
}

// TestImportCSVPages: upload, mapping and preview, confirm, without
// JavaScript: the file's text survives each step, a mapping changed since
// the preview is previewed again rather than imported, refusals keep what
// was uploaded and name the line or column, others' networks never show.
func TestImportCSVPages(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
		ada.Expect(t, "GET", "/network", "", 200, `href="/network/import"`)
		ada.Expect(t, "GET", "/network/import", "", 200, `action="/network/import/csv"`)

		res, page := uploadAs(t, ada, srv, "/network/import/csv", "csv_file", "Connections.csv", []byte(connectionsCSV))
		if res.StatusCode != 200 || !strings.Contains(page, "Import 2 contacts") || !strings.Contains(page, "Line 7: Grace H., same linkedin as someone earlier in the file") {
			t.Fatalf("preview: %d\n%s", res.StatusCode, page)
		}
		step := carried(t, page)
		if step.Get("csv") != connectionsCSV || step.Get("mapping[0]") != "first_name" || step.Get("mapping[6]") != "connected_on" {
			t.Fatalf("carried to the next step: %v", step)
		}

		// The company column changed to tags, then "Import" pressed without a new preview: previewed again.
		changed := url.Values{}
		for k, v := range step {
			changed[k] = v
		}
		changed.Set("mapping[4]", "tags")
		changed.Set("action", "import")
		res, page = form(t, ada, srv, "/network/import/csv", changed)
		if res.StatusCode != 200 || !strings.Contains(page, `<span class="badge">navy</span>`) {
			t.Fatalf("a changed mapping: %d\n%s", res.StatusCode, page)
		}
		ada.Expect(t, "GET", "/network", "", 200, "No contacts match")

		step = carried(t, page)
		step.Set("action", "import")
		res, _ = form(t, ada, srv, "/network/import/csv", step)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/network/import?created=2&skipped=1#done" {
			t.Fatalf("import: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		ada.Expect(t, "GET", "/network/import?created=2&skipped=1", "", 200, "Imported 2 new contacts; 1 already in your network was left as it was.")
		ada.Expect(t, "GET", "/network?tag=navy", "", 200, "Grace Hopper")

		// Again: all duplicates, each linking to the contact in the network.
		_, page = uploadAs(t, ada, srv, "/network/import/csv", "csv_file", "Connections.csv", []byte(connectionsCSV))
		if !strings.Contains(page, "Nobody new") || strings.Contains(page, "Import 0") || !strings.Contains(page, `same email as <a href="/network/contacts/`) {
			t.Fatalf("a second import: %s", page)
		}

		bad := url.Values{"csv": {strings.Replace(connectionsCSV, "grace@navy.example", "grace@", 1)}}
		for i := range 7 {
			bad.Set("mapping["+string(rune('0'+i))+"]", step.Get("mapping["+string(rune('0'+i))+"]"))
		}
		res, page = form(t, bob, srv, "/network/import/csv", bad)
		if res.StatusCode != 422 || !strings.Contains(page, "Line 5 (&#34;Grace Hopper&#34;): email: not a valid email address") ||
			!strings.Contains(page, "grace@,Navy") {
			t.Fatalf("a bad row: %d\n%s", res.StatusCode, page)
		}
		bad.Set("mapping[0]", "email")
		bad.Set("mapping[1]", "")
		res, page = form(t, bob, srv, "/network/import/csv", bad)
		if res.StatusCode != 422 || !strings.Contains(page, `">Column 4 (Email Address)</a>`) || !strings.Contains(page, "Column 1 already fills email") {
			t.Fatalf("a bad mapping: %d\n%s", res.StatusCode, page)
		}
		res, page = uploadAs(t, bob, srv, "/network/import/csv", "csv_file", "x.csv", []byte("Name,Email\nAda\x00,a@x.example\n"))
		if res.StatusCode != 422 || !strings.Contains(page, "control character") {
			t.Fatalf("a NUL: %d\n%s", res.StatusCode, page)
		}
		res, page = form(t, bob, srv, "/network/import/csv", url.Values{"csv": {"Name,Email\n"}})
		if res.StatusCode != 422 || !strings.Contains(page, "no people under it") || !strings.Contains(page, `action="/network/import/vcard"`) {
			t.Fatalf("an empty file: %d\n%s", res.StatusCode, page)
		}

		// Bob's preview of the same file shows nothing of Ada's network.
		_, page = uploadAs(t, bob, srv, "/network/import/csv", "csv_file", "Connections.csv", []byte(connectionsCSV))
		if !strings.Contains(page, "Import 2 contacts") || strings.Contains(page, "/network/contacts/") {
			t.Fatalf("bob's preview: %s", page)
		}
		srv.Anonymous().Expect(t, "GET", "/network/import", "", http.StatusSeeOther, "")
		if res, _ := form(t, srv.Anonymous(), srv, "/network/import/csv", url.Values{"csv": {connectionsCSV}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("anonymous import: %d", res.StatusCode)
		}
	})
}

const vcards = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Grace Hopper\r\nEMAIL:grace@navy.example\r\nEND:VCARD\r\n" +
	"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Linus\r\nURL:https://github.com/linus\r\nEND:VCARD\r\n"

// TestImportVCardPages: upload, preview, confirm; a bad card refuses the
// file on the upload page, naming the card.
func TestImportVCardPages(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada := srv.Learner(t, "ada")
		res, page := uploadAs(t, ada, srv, "/network/import/vcard", "vcard_file", "people.vcf", []byte(vcards))
		if res.StatusCode != 200 || !strings.Contains(page, "Import 2 contacts") || !strings.Contains(page, "https://github.com/linus") {
			t.Fatalf("preview: %d\n%s", res.StatusCode, page)
		}
		fp := previewedAt.FindStringSubmatch(page)
		res, _ = form(t, ada, srv, "/network/import/vcard", url.Values{"vcard": {vcards}, "previewed": {fp[1]}, "action": {"import"}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/network/import?created=2&skipped=0#done" {
			t.Fatalf("import: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		ada.Expect(t, "GET", "/network", "", 200, "Linus")
		_, page = uploadAs(t, ada, srv, "/network/import/vcard", "vcard_file", "people.vcf", []byte(vcards))
		if !strings.Contains(page, "Already in your network: 1") {
			t.Fatalf("again: %s", page)
		}
		res, page = form(t, ada, srv, "/network/import/vcard", url.Values{"vcard": {vcards + "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Eve\r\nEMAIL:eve@\r\nEND:VCARD\r\n"}})
		if res.StatusCode != 422 || !strings.Contains(page, "Card 3 (&#34;Eve&#34;)") || !strings.Contains(page, "FN:Eve") {
			t.Fatalf("a bad card: %d\n%s", res.StatusCode, page)
		}
	})
}

// TestImportPasted: text pasted into the upload form arrives, as a browser
// sends it: a multipart form whose file input is empty.
func TestImportPasted(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{Name: "sqlite"})
	ada := srv.Learner(t, "ada")
	for _, tc := range []struct{ path, field, text, want string }{
		{"/network/import/csv", "csv", connectionsCSV, "Import 2 contacts"},
		{"/network/import/vcard", "vcard", vcards, "Import 2 contacts"},
	} {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.CreateFormFile(tc.field+"_file", "")
		mw.WriteField(tc.field, tc.text)
		mw.Close()
		req, _ := http.NewRequest("POST", srv.URL+tc.path, &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		res, err := ada.HTTP.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(page), tc.want) {
			t.Fatalf("%s: %d\n%s", tc.path, res.StatusCode, page)
		}
	}
}
