package api_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"

	"devpath/internal/checker"
	"devpath/internal/checker/checkertest"
	"devpath/internal/credential"
	"devpath/internal/credential/credentialtest"
	"devpath/internal/devpathtest"
)

type issued struct {
	ID          int64
	Achievement string
	Param       string
	State       string
	JWT         string
}

// earnCredentials has ada pass the notes-api check against a reference
// server and finish the roadmap's first step, then waits for the two
// credentials the job queue issues for them.
func earnCredentials(t *testing.T, srv *devpathtest.Server, ada *devpathtest.Client) map[string]issued {
	t.Helper()
	notes := httptest.NewServer(checkertest.NewNotesServer(checker.NotesToken, 0))
	t.Cleanup(notes.Close)
	ada.Expect(t, "POST", "/api/v1/me/checks", `{"project":"notes-api","url":"`+notes.URL+`"}`, 202, "")
	ada.Expect(t, "POST", "/api/v1/me/progress/backend/bulk", `{"step":"learn","status":"done"}`, 200, "")
	var list []issued
	devpathtest.Eventually(t, "the two credentials", func() bool {
		json.Unmarshal([]byte(ada.Expect(t, "GET", "/api/v1/me/credentials", "", 200, "")), &list)
		return len(list) == 2
	})
	got := map[string]issued{}
	for _, c := range list {
		got[c.Achievement] = c
	}
	return got
}

func TestCredentials(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		admin := srv.Learner(t, "admin") // the first account is the admin
		ada, bob, anon := srv.Learner(t, "ada"), srv.Learner(t, "bob"), srv.Anonymous()
		got := earnCredentials(t, srv, ada)
		project, step := got["project-notes-api"], got["roadmap-step"]
		if project.State != "pending" || step.Param != "learn" {
			t.Fatalf("issued %+v", got)
		}
		credentialtest.Validate(t, project.JWT)
		p := "/api/v1/me/credentials/" + itoa(project.ID)
		verify := "/api/v1/credentials/verify?jwt=" + url.QueryEscape(project.JWT)
		// the learner is told once the credential is stored, so a moment after it shows
		devpathtest.Eventually(t, "the learner told", func() bool {
			_, body := ada.Do(t, "GET", "/api/v1/me/notifications", "")
			return strings.Contains(body, "A credential for you: Notes API builder")
		})
		devpathtest.Run(t, []devpathtest.Case{
			{Name: "decoded beside the JWT", As: ada, Method: "GET", Path: p, Status: 200, Want: `"OpenBadgeCredential"`},
			{Name: "the subject is a salted hash", As: ada, Method: "GET", Path: p, Status: 200, Want: `"identityHash":"sha256$`},
			{Name: "another learner gets 404", As: bob, Method: "GET", Path: p, Status: 404, Want: "not found"},
			{Name: "a visitor gets 401", As: anon, Method: "GET", Path: p, Status: 401},
			{Name: "another learner cannot accept it", As: bob, Method: "POST", Path: p + "/accept", Status: 404},
			{Name: "shown only once accepted", As: ada, Method: "PUT", Path: p + "/public", Body: `{"public":true}`, Status: 409, Want: "accept"},
			{Name: "accept", As: ada, Method: "POST", Path: p + "/accept", Status: 200, Want: `"state":"accepted"`},
			{Name: "show", As: ada, Method: "PUT", Path: p + "/public", Body: `{"public":true}`, Status: 200, Want: `"public":true`},
			{Name: "anyone verifies it", As: anon, Method: "GET", Path: verify, Status: 200, Want: `"valid":true`},
			{Name: "the signature was checked", As: anon, Method: "GET", Path: verify, Status: 200, Want: `"name":"signature","verdict":"passed"`},
			{Name: "a learner cannot revoke", As: ada, Method: "POST", Path: "/api/v1/credentials/" + itoa(project.ID) + "/revocation", Body: `{}`, Status: 403},
			{Name: "an admin revokes", As: admin, Method: "POST", Path: "/api/v1/credentials/" + itoa(project.ID) + "/revocation", Body: `{"reason":"test"}`, Status: 200, Want: `"revoked":true`},
			{Name: "revoked fails", As: anon, Method: "GET", Path: verify, Status: 200, Want: `"verdict":"failed","detail":"revoked`},
			{Name: "one changed byte fails", As: anon, Method: "GET", Path: "/api/v1/credentials/verify?jwt=" + url.QueryEscape(changeByte(step.JWT)), Status: 200, Want: `changed after it was signed`},
			{Name: "malformed", As: anon, Method: "GET", Path: "/api/v1/credentials/verify?jwt=x.y", Status: 200, Want: `"valid":false`},
			{Name: "alg none", As: anon, Method: "GET", Path: "/api/v1/credentials/verify?jwt=" + url.QueryEscape(algNone(step.JWT)), Status: 200, Want: `not signed`},
			{Name: "nothing sent", As: anon, Method: "GET", Path: "/api/v1/credentials/verify", Status: 200, Want: `"valid":false`},
			{Name: "the issuer's keys", As: anon, Method: "GET", Path: "/credentials/issuer/jwks", Status: 200, Want: `"kty":"RSA"`},
			{Name: "no private key published", As: anon, Method: "GET", Path: "/credentials/issuer/jwks", Status: 200, Want: `"e":"AQAB"}]`},
			{Name: "the issuer's profile", As: anon, Method: "GET", Path: "/credentials/issuer", Status: 200, Want: `"type":["Profile"]`},
			{Name: "a status list", As: anon, Method: "GET", Path: "/credentials/status/1", Status: 200, Want: "eyJ"},
			{Name: "no such list", As: anon, Method: "GET", Path: "/credentials/status/0", Status: 422},
			{Name: "the issued list: admins only", As: ada, Method: "GET", Path: "/api/v1/credentials", Status: 403},
			{Name: "the issued list by learner", As: admin, Method: "GET", Path: "/api/v1/credentials?learner=ADA&status=revoked", Status: 200, Want: `"revoked_why":"test"`},
			{Name: "the issued list: a bad filter", As: admin, Method: "GET", Path: "/api/v1/credentials?status=lost&achievement=nope", Status: 422, Want: `"query.status"`},
			{Name: "the issued list: an unknown achievement", As: admin, Method: "GET", Path: "/api/v1/credentials?achievement=nope", Status: 422, Want: `achievement`},
			{Name: "rotation: admins only", As: ada, Method: "POST", Path: "/api/v1/credentials/issuer/keys", Status: 403},
			{Name: "achievements", As: anon, Method: "GET", Path: "/api/v1/credentials/achievements", Status: 200, Want: `"project-conduit"`},
		})
		if strings.Contains(admin.Expect(t, "GET", "/credentials/issuer/jwks", "", 200, ""), `"d":`) {
			t.Fatal("the JWKS publishes a private key")
		}
		// the published list, as any verifier reads it, marks the revoked one only
		var keys jose.JSONWebKeySet
		json.Unmarshal([]byte(anon.Expect(t, "GET", "/credentials/issuer/jwks", "", 200, "")), &keys)
		list := anon.Expect(t, "GET", "/credentials/status/1", "", 200, "")
		report := credential.Verify(context.Background(), project.JWT, credential.Trust{Keys: keys, Now: time.Now(),
			StatusList: func(context.Context, string) (string, error) { return list, nil }})
		if failed, _ := report.Failed(); failed.Name != "revocation" {
			t.Fatalf("the published list does not revoke it: %+v", report.Checks)
		}
		report = credential.Verify(context.Background(), step.JWT, credential.Trust{Keys: keys, Now: time.Now(),
			StatusList: func(context.Context, string) (string, error) { return list, nil }})
		if !report.Valid {
			t.Fatalf("the published list revokes another: %+v", report.Checks)
		}
	})
}

// changeByte changes the case of the credential name's first letter.
func changeByte(jwt string) string {
	parts := strings.Split(jwt, ".")
	b, _ := base64.RawURLEncoding.DecodeString(parts[1])
	b[strings.Index(string(b), `"name":"`)+len(`"name":"`)] ^= 0x20
	parts[1] = base64.RawURLEncoding.EncodeToString(b)
	return strings.Join(parts, ".")
}

func algNone(jwt string) string {
	_, rest, _ := strings.Cut(jwt, ".")
	payload, _, _ := strings.Cut(rest, ".")
	return base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none"}`)) + "." + payload + "."
}

// TestEd25519Credentials: an issuer set to EdDSA signs with its Ed25519
// key, publishes it beside the RSA key, and verifies what it signed; a
// changed byte fails. The default issuer signs RS256.
func TestEd25519Credentials(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		cfg := devpathtest.Config(t, e)
		cfg.CredentialAlgorithm = "EdDSA"
		srv := devpathtest.Start(t, cfg)
		srv.Learner(t, "ada")
		anon := srv.Anonymous()
		c, err := srv.App.Credentials.Graduate(context.Background(), 1, "7", "Spring 2027")
		if err != nil {
			t.Fatal(err)
		}
		verify := "/api/v1/credentials/verify?jwt="
		devpathtest.Run(t, []devpathtest.Case{
			{Name: "both keys published", As: anon, Method: "GET", Path: "/credentials/issuer/jwks", Status: 200, Want: `"crv":"Ed25519","alg":"EdDSA"`},
			{Name: "the RSA key too", As: anon, Method: "GET", Path: "/credentials/issuer/jwks", Status: 200, Want: `"kty":"RSA"`},
			{Name: "verifies", As: anon, Method: "GET", Path: verify + url.QueryEscape(c.JWT), Status: 200, Want: `"valid":true`},
			{Name: "signed with EdDSA", As: anon, Method: "GET", Path: verify + url.QueryEscape(c.JWT), Status: 200, Want: `"detail":"a compact JWT signed with EdDSA"`},
			{Name: "one changed byte fails", As: anon, Method: "GET", Path: verify + url.QueryEscape(changeByte(c.JWT)), Status: 200, Want: `changed after it was signed`},
		})
		credentialtest.Validate(t, c.JWT)
		if strings.Contains(anon.Expect(t, "GET", "/credentials/issuer/jwks", "", 200, ""), `"d":`) {
			t.Fatal("the JWKS publishes a private key")
		}

		// on PostgreSQL both servers share the test's schema: another award, so a new credential
		rs := devpathtest.NewServer(t, e)
		c, err = rs.App.Credentials.Graduate(context.Background(), userID(t, rs.Learner(t, "bob")), "8", "Autumn 2027")
		if err != nil {
			t.Fatal(err)
		}
		rs.Anonymous().Expect(t, "GET", verify+url.QueryEscape(c.JWT), "", 200, `"detail":"a compact JWT signed with RS256"`)
	})
}
