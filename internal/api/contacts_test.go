package api_test

import (
	"context"
	"encoding/json"
	"testing"

	"devpath/internal/account"
	"devpath/internal/devpathtest"
)

// mentor creates a mentor's account and returns a client logged in as them.
func mentor(t *testing.T, srv *devpathtest.Server) *devpathtest.Client {
	t.Helper()
	r := account.Registration{Email: "mentor@example.org", Password: devpathtest.Password, Name: "Mentor"}
	if _, err := srv.App.Accounts.CreateUser(context.Background(), r, account.Mentor); err != nil {
		t.Fatal(err)
	}
	c := srv.Anonymous()
	c.Token = c.Login(t, r.Email, r.Password)
	return c
}

func TestContactsAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob, anon := srv.Learner(t, "ada"), srv.Learner(t, "bob"), srv.Anonymous()
		coach := mentor(t, srv)
		var grace, iv struct{ ID int64 }
		json.Unmarshal([]byte(ada.Expect(t, "POST", "/api/v1/me/contacts",
			`{"name":"Grace Hopper","how_met":"event","company":"Navy","email":"grace@navy.example","links":{"linkedin":"https://www.linkedin.com/in/grace"},"tags":["Go","speaker"],"cadence_days":30,"notes":"**keynote**"}`,
			201, `"tags":["go","speaker"]`)), &grace)
		id := "/api/v1/me/contacts/" + itoa(grace.ID)
		json.Unmarshal([]byte(ada.Expect(t, "POST", id+"/interactions", `{"kind":"gave_help","on":"2026-01-15","note":"reviewed her talk"}`, 201, `"kind":"gave_help"`)), &iv)
		ivPath := id + "/interactions/" + itoa(iv.ID)
		var app struct{ ID int64 }
		json.Unmarshal([]byte(ada.Expect(t, "POST", "/api/v1/me/applications", `{"company":"Navy","title":"Backend developer","referred_by":`+itoa(grace.ID)+`}`, 201, `"referred_by":`+itoa(grace.ID))), &app)

		cases := []devpathtest.Case{
			{Name: "read", As: ada, Method: "GET", Path: id, Status: 200, Want: `"next_due":"2026-02-14"`},
			{Name: "the applications they touched", As: ada, Method: "GET", Path: id, Status: 200, Want: `"referred":true`},
			{Name: "log", As: ada, Method: "GET", Path: id + "/interactions", Status: 200, Want: `"note":"reviewed her talk"`},
			{Name: "losing touch", As: ada, Method: "GET", Path: "/api/v1/me/contacts?due=true", Status: 200, Want: `"name":"Grace Hopper"`},
			{Name: "by tag", As: ada, Method: "GET", Path: "/api/v1/me/contacts?tag=go", Status: 200, Want: `"name":"Grace Hopper"`},
			{Name: "by another tag", As: ada, Method: "GET", Path: "/api/v1/me/contacts?tag=rust", Status: 200, Want: `[]`},
			{Name: "summary", As: ada, Method: "GET", Path: "/api/v1/me/network/summary", Status: 200, Want: `"contacts":1`},
			{Name: "every bad field at once", As: ada, Method: "POST", Path: "/api/v1/me/contacts",
				Body: `{"name":"","how_met":"pub","email":"x@","cadence_days":366,"links":{"github":"ftp://x"},"topics":["nope"]}`, Status: 422,
				Want: `body.cadence_days`},
			{Name: "every bad field, the name too", As: ada, Method: "POST", Path: "/api/v1/me/contacts",
				Body: `{"name":"","how_met":"pub","email":"x@","cadence_days":366,"links":{"github":"ftp://x"},"topics":["nope"]}`, Status: 422,
				Want: `"location":"body.name"`},
			{Name: "a cadence of -1", As: ada, Method: "PUT", Path: id, Body: `{"name":"Grace","cadence_days":-1}`, Status: 422, Want: `body.cadence_days`},
			{Name: "a future interaction", As: ada, Method: "POST", Path: id + "/interactions", Body: `{"kind":"call","on":"2999-01-01"}`, Status: 422, Want: `in the future`},
			{Name: "an unknown kind", As: ada, Method: "POST", Path: id + "/interactions", Body: `{"kind":"lunch","on":"2026-01-01"}`, Status: 422, Want: `body.kind`},
			{Name: "a referrer who is not yours", As: bob, Method: "POST", Path: "/api/v1/me/applications", Body: `{"company":"X","title":"Y","referred_by":` + itoa(grace.ID) + `}`, Status: 422, Want: `body.referred_by`},
			{Name: "change", As: ada, Method: "PUT", Path: id, Body: `{"name":"Grace B. Hopper","cadence_days":7}`, Status: 200, Want: `"next_due":"2026-01-22"`},
		}
		for _, who := range []struct {
			name string
			as   *devpathtest.Client
		}{{"another learner", bob}, {"a mentor", coach}} {
			for _, r := range []struct{ method, path, body string }{
				{"GET", id, ""}, {"PUT", id, `{"name":"Eve"}`}, {"DELETE", id, ""},
				{"GET", id + "/interactions", ""}, {"POST", id + "/interactions", `{"kind":"call","on":"2026-01-01"}`},
				{"DELETE", ivPath, ""},
			} {
				cases = append(cases, devpathtest.Case{Name: "private from " + who.name + ": " + r.method + " " + r.path,
					As: who.as, Method: r.method, Path: r.path, Body: r.body, Status: 404, Want: "not found"})
			}
		}
		for _, r := range []struct{ method, path string }{{"GET", id}, {"GET", id + "/interactions"}, {"DELETE", ivPath}} {
			cases = append(cases, devpathtest.Case{Name: "anonymous: " + r.method + " " + r.path, As: anon, Method: r.method, Path: r.path, Status: 401})
		}
		devpathtest.Run(t, cases)

		ada.Expect(t, "DELETE", ivPath, "", 204, "")
		ada.Expect(t, "GET", id, "", 200, `"last_contact":""`)
		ada.Expect(t, "DELETE", id, "", 204, "")
		ada.Expect(t, "GET", "/api/v1/me/applications/"+itoa(app.ID), "", 200, `"referred_by":null`)
	})
}

// TestReferrerCleared: a change that leaves referred_by out keeps the
// referrer, null clears it, a number sets it; on the page, "Nobody" clears it.
func TestReferrerCleared(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada := srv.Learner(t, "ada")
		var grace, app struct{ ID int64 }
		json.Unmarshal([]byte(ada.Expect(t, "POST", "/api/v1/me/contacts", `{"name":"Grace Hopper"}`, 201, "")), &grace)
		ref := `"referred_by":` + itoa(grace.ID)
		json.Unmarshal([]byte(ada.Expect(t, "POST", "/api/v1/me/applications", `{"company":"Navy","title":"Backend developer",`+ref+`}`, 201, ref)), &app)
		path := "/api/v1/me/applications/" + itoa(app.ID)
		devpathtest.Run(t, []devpathtest.Case{
			{Name: "left out: kept", As: ada, Method: "PATCH", Path: path, Body: `{"notes":"sent"}`, Status: 200, Want: ref},
			{Name: "null: cleared", As: ada, Method: "PATCH", Path: path, Body: `{"referred_by":null}`, Status: 200, Want: `"referred_by":null`},
			{Name: "stays cleared", As: ada, Method: "GET", Path: path, Status: 200, Want: `"referred_by":null`},
			{Name: "set again", As: ada, Method: "PATCH", Path: path, Body: `{` + ref + `}`, Status: 200, Want: ref},
			{Name: "not a number", As: ada, Method: "PATCH", Path: path, Body: `{"referred_by":"grace"}`, Status: 422, Want: `"location":"body.referred_by"`},
			{Name: "not a contact of hers", As: ada, Method: "PATCH", Path: path, Body: `{"referred_by":999999}`, Status: 422, Want: `not one of your contacts`},
		})
		ada.Expect(t, "GET", "/api/openapi.json", "", 200, `"referred_by":{"description":"the contact who referred you; null for nobody","format":"int64","type":["integer","null"]}`)
	})
}
