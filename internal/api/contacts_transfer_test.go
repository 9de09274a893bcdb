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

// connections is LinkedIn's Connections.csv as it comes: notes, a blank
// line, then the header.
const connections = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n" +
	"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
	"Grace,Hopper,https://www.linkedin.com/in/grace,grace@navy.example,Navy,Rear admiral,12 Jan 2024\n" +
	"Linus,Torvalds,https://www.linkedin.com/in/linus,,Linux Foundation,Fellow,03 Feb 2023\n" +
	"Grace,H.,https://www.linkedin.com/in/grace/,,Navy,,12 Jan 2024\n"

func csvBody(csv string, mapping []string, dry bool) string {
	m := map[string]any{"csv": csv, "dry_run": dry}
	if mapping != nil {
		m["mapping"] = mapping
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// TestContactsCSV: LinkedIn's export maps untouched and previews without
// writing; duplicates (in the network or earlier in the file) are named by
// line; a changed mapping is followed; a bad row or mapping refuses the
// whole file naming each problem; others' networks never show.
func TestContactsCSV(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob, coach := srv.Learner(t, "ada"), srv.Learner(t, "bob"), mentor(t, srv)
		const path = "/api/v1/me/contacts/import/csv"
		ada.Expect(t, "POST", "/api/v1/me/contacts", `{"name":"Linus T.","links":{"linkedin":"https://linkedin.com/in/linus"}}`, 201, "")

		preview := ada.Expect(t, "POST", path, csvBody(connections, nil, true), 200,
			`{"header":"First Name","field":"first_name","sample":"Grace"}`)
		for _, want := range []string{`{"header":"URL","field":"link","sample":"https://www.linkedin.com/in/grace"}`,
			`{"header":"Connected On","field":"connected_on","sample":"12 Jan 2024"}`,
			`"name":"Grace Hopper"`, `"notes":"Connected on 2024-01-12."`,
			`{"name":"Linus Torvalds","of":`, `"why":"same linkedin","line":6}`,
			`{"name":"Grace H.","why":"same linkedin","line":7}`} {
			if !strings.Contains(preview, want) {
				t.Errorf("preview lacks %s:\n%s", want, preview)
			}
		}
		ada.Expect(t, "GET", "/api/v1/me/contacts?q=grace", "", 200, `[]`)

		ada.Expect(t, "POST", path, csvBody(connections, nil, false), 200, `"new":[{"id":0,"name":"Grace Hopper"`)
		ada.Expect(t, "GET", "/api/v1/me/contacts?q=grace", "", 200, `"company":"Navy","role":"Rear admiral"`)
		ada.Expect(t, "POST", path, csvBody(connections, nil, true), 200, `"new":[]`)

		// The mapping is the learner's: the company column read as tags instead.
		remapped := []string{"first_name", "last_name", "", "email", "tags", "role", ""}
		bob.Expect(t, "POST", path, csvBody(connections, remapped, false), 200, `"tags":["navy"]`)
		bob.Expect(t, "GET", "/api/v1/me/contacts?tag=navy", "", 200, `"name":"Grace Hopper","how_met":"","company":""`)

		bad := strings.Replace(connections, "grace@navy.example", "grace@", 1) + ",,,nobody@x.example,,,\nEve,,,,,,yesterday\n"
		refused := ada.Expect(t, "POST", path, csvBody(bad, nil, false), 422, `line 5 (\"Grace Hopper\"): email: not a valid email address`)
		for _, want := range []string{`line 8: name: required`, `line 9 (\"Eve\"): connected_on: \"yesterday\" is not a day`, `"location":"body.csv"`} {
			if !strings.Contains(refused, want) {
				t.Errorf("refusal lacks %s:\n%s", want, refused)
			}
		}
		ada.Expect(t, "POST", path, csvBody(connections, []string{"email", "email", "phone"}, false), 422, `"location":"body.mapping[1]"`)
		ada.Expect(t, "POST", path, csvBody(connections, []string{"", "", "", "", "", "", ""}, true), 422, `no column fills the name`)
		ada.Expect(t, "POST", path, csvBody("", nil, true), 422, `"location":"body.csv"`)
		ada.Expect(t, "POST", path, csvBody("Name,\"Email\nAda", nil, true), 422, `line 1`)
		if n := strings.Count(ada.Expect(t, "GET", "/api/v1/me/contacts", "", 200, ""), `"id":`); n != 2 {
			t.Fatalf("refused imports changed the network: %d contacts", n)
		}

		// Another learner and a mentor import into their own network: Ada's people are no duplicates of theirs.
		coach.Expect(t, "POST", path, csvBody(connections, nil, true), 200, `"duplicates":[{"name":"Grace H.","why":"same linkedin","line":7}]`)
		srv.Anonymous().Expect(t, "POST", path, csvBody(connections, nil, true), 401, "")
	})
}
