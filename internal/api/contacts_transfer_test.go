package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

const cards = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\nEMAIL:grace@navy.example\r\nORG:Navy;Computing\r\nTITLE:Rear admiral\r\n" +
	"URL:https://www.linkedin.com/in/grace\r\nCATEGORIES:speaker,cobol\r\nNOTE:Met at a keynote\r\nEND:VCARD\r\n" +
	"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Linus\r\nURL:https://github.com/linus\r\nEND:VCARD\r\n" +
	"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Grace again\r\nEMAIL:GRACE@navy.example\r\nEND:VCARD\r\n"

// TestContactsVCard: a preview changes nothing; an import creates the new
// people and skips duplicates by email or LinkedIn address; a bad card
// refuses the whole file, naming it; the export reads back.
func TestContactsVCard(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada := srv.Learner(t, "ada")
		ada.Expect(t, "POST", "/api/v1/me/contacts", `{"name":"Linus T.","links":{"github":"https://github.com/linus"}}`, 201, "")
		body := func(vcard string, dry bool) string {
			b, _ := json.Marshal(map[string]any{"vcard": vcard, "dry_run": dry})
			return string(b)
		}
		ada.Expect(t, "POST", "/api/v1/me/contacts/import", body(cards, true), 200, `"duplicates":[{"name":"Grace again","why":"same email"}]`)
		ada.Expect(t, "GET", "/api/v1/me/contacts", "", 200, `"name":"Linus T."`)
		if n := strings.Count(ada.Expect(t, "GET", "/api/v1/me/contacts", "", 200, ""), `"id":`); n != 1 {
			t.Fatalf("the preview created contacts: %d", n)
		}
		// Linus is not a duplicate: a GitHub address is not who someone is, an email or LinkedIn is.
		ada.Expect(t, "POST", "/api/v1/me/contacts/import", body(cards, false), 200, `"new":[{"id":0,"name":"Grace Hopper"`)
		ada.Expect(t, "GET", "/api/v1/me/contacts?tag=cobol", "", 200, `"company":"Navy","role":"Rear admiral"`)
		ada.Expect(t, "POST", "/api/v1/me/contacts/import", body(cards, false), 200, `"duplicates":[{"name":"Grace Hopper","of":`)

		bad := cards + "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Eve\r\nEMAIL:eve@\r\nEND:VCARD\r\n"
		ada.Expect(t, "POST", "/api/v1/me/contacts/import", body(strings.Replace(bad, "grace@navy", "grace2@navy", 2), false), 422, `card 4 (\"Eve\"): email: not a valid email address`)
		ada.Expect(t, "GET", "/api/v1/me/contacts?q=grace2", "", 200, `[]`)
		ada.Expect(t, "POST", "/api/v1/me/contacts/import", body("hello", false), 422, `body.vcard`)

		vcf := ada.Expect(t, "GET", "/api/v1/me/contacts.vcf", "", 200, "FN:Grace Hopper")
		if !strings.Contains(vcf, "VERSION:4.0") || !strings.Contains(vcf, "EMAIL:grace@navy.example") {
			t.Fatalf("export: %s", vcf)
		}
		srv.Learner(t, "bob").Expect(t, "GET", "/api/v1/me/contacts.vcf", "", 200, "")
	})
}
