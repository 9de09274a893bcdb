package credential_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"devpath/content"
	"devpath/internal/credential"
	"devpath/internal/credential/credentialtest"
)

var (
	at  = credential.Addresses{Base: "https://devpath.example"}
	now = time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
)

func newKey(t testing.TB, alg jose.SignatureAlgorithm) credential.Key {
	t.Helper()
	k, err := credential.NewKey(at, alg, now)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func award(t *testing.T, serial int64) credential.Award {
	t.Helper()
	cat, err := credential.LoadAchievements(content.Credentials, "credentials")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := cat.Get("project-notes-api")
	return credential.Award{Serial: serial, UUID: credential.NewUUID(), Achievement: a, Email: "ada@example.org",
		IssuedAt: now.Add(-time.Hour), Evidence: []credential.Evidence{{Type: []string{"Evidence"}, Name: "check run 7",
			Narrative: "9 of 9 stages passed"}}}
}

func issue(t *testing.T, k credential.Key, a credential.Award) string {
	t.Helper()
	jwt, err := credential.Sign(credential.Build(at, "devpath test", a), k)
	if err != nil {
		t.Fatal(err)
	}
	return jwt
}

// statusFrom serves one signed status list with the given indexes revoked.
func statusFrom(t *testing.T, k credential.Key, revoked ...int) func(context.Context, string) (string, error) {
	list := credential.BuildStatusList(at, credential.Profile{ID: at.Issuer(), Type: []string{"Profile"}}, 1, revoked, now)
	jwt, err := credential.Sign(list, k)
	if err != nil {
		t.Fatal(err)
	}
	return func(_ context.Context, url string) (string, error) {
		if url != at.StatusList(1) {
			return "", errors.New("no such list")
		}
		return jwt, nil
	}
}

// TestVerifyVerdicts runs every verdict with each algorithm's key, the
// issuer publishing both, as devpath does.
func TestVerifyVerdicts(t *testing.T) {
	for _, alg := range credential.Algorithms {
		t.Run(string(alg), func(t *testing.T) { verdicts(t, alg) })
	}
}

func verdicts(t *testing.T, alg jose.SignatureAlgorithm) {
	key, other := newKey(t, alg), newKey(t, alg)
	beside := newKey(t, jose.RS256)
	if alg == jose.RS256 {
		beside = newKey(t, jose.EdDSA)
	}
	good := issue(t, key, award(t, 5))
	if h := header(t, good); h["alg"] != string(alg) {
		t.Fatalf("signed with %v, want %s", h["alg"], alg)
	}
	expiring := award(t, 6)
	past := now.Add(-time.Minute)
	expiring.ValidUntil = &past
	trust := credential.Trust{Keys: credential.PublicSet([]credential.Key{key, beside}), Issuer: at.Issuer(),
		StatusList: statusFrom(t, key, 9), Now: now}
	withPrivate := trust
	withPrivate.Keys = jose.JSONWebKeySet{Keys: []jose.JSONWebKey{key.JWK}}
	foreign := trust
	foreign.Issuer = "https://elsewhere.example/issuer"
	signedByBeside := issue(t, beside, award(t, 8))
	for _, tc := range []struct {
		name, token string
		trust       credential.Trust
		check, want string // the failed check and a fragment of its words; empty check: valid
	}{
		{"issued and verified", good, trust, "", ""},
		{"one changed byte", flipByte(good), trust, "signature", "changed after it was signed"},
		{"expired", issue(t, key, expiring), trust, "dates", "expired"},
		{"unknown key", issue(t, other, award(t, 7)), trust, "signature", "not among the issuer's 2 published keys"},
		{"the other algorithm's key", signedByBeside, trust, "", ""},
		{"the other algorithm's key, changed", flipByte(signedByBeside), trust, "signature", "changed after it was signed"},
		{"a signature moved onto the other key's kid", swapKid(t, good, beside.JWK.KeyID), trust, "signature", "changed after it was signed"},
		{"revoked", issue(t, key, award(t, 9)), trust, "revocation", "revoked"},
		{"malformed", "a.b.c", trust, "format", "not base64url"},
		{"two parts", "abc.def", trust, "format", "three base64url parts"},
		{"empty", "", trust, "format", "three base64url parts"},
		{"alg none", unsigned(good), trust, "signature", "not signed"},
		{"decoded JSON pasted", `{"id":"x"}`, trust, "format", "this is JSON"},
		{"key set with a private key", good, withPrivate, "signature", "private key material"},
		{"another issuer", good, foreign, "issuer", "not by this devpath"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := credential.Verify(context.Background(), tc.token, tc.trust)
			failed, bad := r.Failed()
			if tc.check == "" {
				if !r.Valid || bad {
					t.Fatalf("want valid, got %+v", r.Checks)
				}
				return
			}
			if r.Valid || !bad || failed.Name != tc.check || !strings.Contains(failed.Detail, tc.want) {
				t.Fatalf("want %s failing with %q, got %+v", tc.check, tc.want, r.Checks)
			}
		})
	}
}

// Offline, with no status list, a good credential is still valid: the
// revocation check says it was not done.
func TestVerifyOffline(t *testing.T) {
	key := newKey(t, jose.RS256)
	r := credential.Verify(context.Background(), issue(t, key, award(t, 1)),
		credential.Trust{Keys: credential.PublicSet([]credential.Key{key}), Now: now})
	if !r.Valid || r.Checks[len(r.Checks)-1].Verdict != credential.Skipped {
		t.Fatalf("got %+v", r)
	}
}

func flipByte(jwt string) string {
	parts := strings.Split(jwt, ".")
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	payload = bytes.Replace(payload, []byte("Notes API builder"), []byte("Notes API buildes"), 1)
	parts[1] = base64.RawURLEncoding.EncodeToString(payload)
	return strings.Join(parts, ".")
}

func unsigned(jwt string) string {
	parts := strings.Split(jwt, ".")
	return base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + parts[1] + "."
}

// The credential devpath builds, as its JWT payload, validates against
// the official Open Badges 3.0 JSON Schema.
func TestCredentialMatchesOfficialSchema(t *testing.T) {
	credentialtest.Validate(t, issue(t, newKey(t, jose.RS256), award(t, 3)))
}

// The specification's signed example validates against the schema, and
// its eddsa-rdfc-2022 proof verifies with the vector's key over the
// canonical forms the vector gives: the test reads the proof format right.
// (devpath signs as a VC-JWT; it does not canonicalise RDF.)
func TestSpecVector(t *testing.T) {
	schema := credentialtest.Schema(t)
	dir := credentialtest.SpecDir() + "/vectors/obv3p0/"
	raw := read(t, dir+"signed-credential.json")
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	// The vector's proof is one object, which VC 2.0 allows; the schema
	// asks for a list, so the vector is checked with its proof in one.
	m := doc.(map[string]any)
	m["proof"] = []any{m["proof"]}
	if err := schema.Validate(m); err != nil {
		t.Fatalf("the vector breaks the schema: %v", err)
	}
	var vc struct {
		Issuer struct{ ID string }
		Proof  struct{ Cryptosuite, VerificationMethod, ProofValue string }
	}
	if err := json.Unmarshal(raw, &vc); err != nil {
		t.Fatal(err)
	}
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(read(t, dir+"jwks.json"), &set); err != nil {
		t.Fatal(err)
	}
	keys := set.Key(vc.Proof.VerificationMethod)
	if len(keys) != 1 || !keys[0].IsPublic() || !strings.HasPrefix(vc.Proof.VerificationMethod, vc.Issuer.ID) {
		t.Fatalf("the vector's key %q is not in its JWKS as one public key of its issuer", vc.Proof.VerificationMethod)
	}
	proofHash, docHash := sha256.Sum256(read(t, dir+"proof-canon.txt")), sha256.Sum256(read(t, dir+"document-canon.txt"))
	sig := base58btc(t, vc.Proof.ProofValue)
	pub := keys[0].Key.(ed25519.PublicKey)
	if vc.Proof.Cryptosuite != "eddsa-rdfc-2022" || !ed25519.Verify(pub, append(proofHash[:], docHash[:]...), sig) {
		t.Fatal("the vector's proof does not verify")
	}
	sig[0] ^= 1
	if ed25519.Verify(pub, append(proofHash[:], docHash[:]...), sig) {
		t.Fatal("a changed proof verifies")
	}
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// base58btc decodes a multibase "z" value.
func base58btc(t *testing.T, s string) []byte {
	t.Helper()
	const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
	if !strings.HasPrefix(s, "z") {
		t.Fatalf("%q is not base58btc", s)
	}
	n := new(big.Int)
	for _, c := range s[1:] {
		i := strings.IndexRune(alphabet, c)
		if i < 0 {
			t.Fatalf("%q is not base58", s)
		}
		n.Mul(n, big.NewInt(58)).Add(n, big.NewInt(int64(i)))
	}
	return n.Bytes()
}

// BenchmarkSign measures building and signing one credential, per algorithm.
func BenchmarkSign(b *testing.B) {
	for _, alg := range credential.Algorithms {
		b.Run(string(alg), func(b *testing.B) {
			key := newKey(b, alg)
			a := credential.Award{Serial: 1, UUID: credential.NewUUID(), Achievement: credential.Achievement{ID: "x", Name: "X", Description: "X", Criteria: "X"},
				Email: "ada@example.org", IssuedAt: now}
			for b.Loop() {
				if _, err := credential.Sign(credential.Build(at, "devpath", a), key); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerify measures verifying one credential, status list included,
// per algorithm.
func BenchmarkVerify(b *testing.B) {
	for _, alg := range credential.Algorithms {
		b.Run(string(alg), func(b *testing.B) {
			key := newKey(b, alg)
			a := credential.Award{Serial: 1, UUID: credential.NewUUID(), Achievement: credential.Achievement{ID: "x", Name: "X", Description: "X", Criteria: "X"},
				Email: "ada@example.org", IssuedAt: now}
			jwt, _ := credential.Sign(credential.Build(at, "devpath", a), key)
			list, _ := credential.Sign(credential.BuildStatusList(at, credential.Profile{ID: at.Issuer()}, 1, nil, now), key)
			trust := credential.Trust{Keys: credential.PublicSet([]credential.Key{key}), Now: now,
				StatusList: func(context.Context, string) (string, error) { return list, nil }}
			for b.Loop() {
				if r := credential.Verify(context.Background(), jwt, trust); !r.Valid {
					b.Fatal(r.Checks)
				}
			}
		})
	}
}

// header decodes a JWT's JOSE header.
func header(t *testing.T, jwt string) map[string]any {
	t.Helper()
	raw, err := base64.RawURLEncoding.DecodeString(strings.Split(jwt, ".")[0])
	var h map[string]any
	if err != nil || json.Unmarshal(raw, &h) != nil {
		t.Fatalf("header of %s", jwt)
	}
	return h
}

// swapKid rewrites the header to name another key, keeping the signature.
func swapKid(t *testing.T, jwt, kid string) string {
	h := header(t, jwt)
	h["kid"] = kid
	raw, _ := json.Marshal(h)
	parts := strings.Split(jwt, ".")
	parts[0] = base64.RawURLEncoding.EncodeToString(raw)
	return strings.Join(parts, ".")
}
