package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"

	"devpath/internal/credential"
	"devpath/internal/devpathtest"
)

// A credential issued by a real server verifies with the CLI after the
// server is gone, from the JWKS saved while it ran; changed, signed by
// another key or checked against a key set holding a private key, it fails
// with its reason.
func TestCredentialVerifyOffline(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		dir := t.TempDir()
		jwt, jwks := filepath.Join(dir, "badge.jwt"), filepath.Join(dir, "jwks.json")
		t.Run("issue", func(t *testing.T) { // the server stops when this subtest ends
			srv := devpathtest.NewServer(t, e)
			srv.Learner(t, "ada")
			c, err := srv.App.Credentials.Graduate(context.Background(), 1, "spring-27", "Spring 2027")
			if err != nil {
				t.Fatal(err)
			}
			write(t, jwt, c.JWT)
			write(t, jwks, get(t, srv.URL+"/credentials/issuer/jwks"))
		})
		token := read(t, jwt)
		other, err := credential.NewKey(credential.Addresses{Base: "https://elsewhere.example"}, jose.RS256, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		otherSet, _ := json.Marshal(credential.PublicSet([]credential.Key{other}))
		private, _ := json.Marshal(map[string]any{"keys": []any{other.JWK}})
		signedElsewhere, err := credential.Sign(map[string]any{"id": "urn:uuid:x"}, other)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name, token, keys, want string
			valid                   bool
		}{
			{"offline, with the saved keys", token, read(t, jwks), "not checked  revocation", true},
			{"one changed byte", strings.Replace(token, ".", ".e", 1), read(t, jwks), "failed", false},
			{"signed by an unknown key", signedElsewhere, read(t, jwks), "is not among the issuer's 2 published keys", false},
			{"a key set with a private key", token, string(private), "private key material", false},
			{"another issuer's keys", token, string(otherSet), "not among the issuer's", false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				write(t, jwt, tc.token)
				write(t, jwks, tc.keys)
				out, _, err := run(t, nil, "", "credential", "verify", jwt, "--jwks", jwks)
				if (err == nil) != tc.valid || !strings.Contains(out, tc.want) {
					t.Fatalf("err %v, output:\n%s", err, out)
				}
				if !tc.valid && !errors.Is(err, errNotValid) {
					t.Fatalf("err %v, want errNotValid", err)
				}
			})
		}
	})
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	return string(b)
}
