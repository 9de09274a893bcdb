package credential

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// Verdict is the outcome of one check.
type Verdict string

const (
	Passed  Verdict = "passed"
	Failed  Verdict = "failed"
	Skipped Verdict = "not checked"
)

// Check is one thing a verification looked at, and what it found, in words.
type Check struct {
	Name    string  `json:"name"`
	Verdict Verdict `json:"verdict"`
	Detail  string  `json:"detail"`
}

// Report is a verification's outcome: valid when no check failed.
type Report struct {
	Valid      bool        `json:"valid"`
	Checks     []Check     `json:"checks"`
	Credential *Credential `json:"credential,omitempty"` // the payload, when it could be read
}

func (r *Report) add(name string, v Verdict, format string, args ...any) {
	r.Checks = append(r.Checks, Check{Name: name, Verdict: v, Detail: fmt.Sprintf(format, args...)})
}

// Failed returns the first failed check, for a one-line reason.
func (r Report) Failed() (Check, bool) {
	for _, c := range r.Checks {
		if c.Verdict == Failed {
			return c, true
		}
	}
	return Check{}, false
}

// Trust is what a verifier relies on.
type Trust struct {
	Keys jose.JSONWebKeySet // the issuer's published public keys
	// Issuer, when set, is the only issuer accepted: this devpath's own id.
	Issuer string
	// StatusList fetches a status list credential (a JWT) by its address;
	// nil when there is no way to reach it, as offline.
	StatusList func(ctx context.Context, url string) (string, error)
	// Revoked, when set, answers for the issuer itself, from its own
	// records, instead of fetching and checking a signed list.
	Revoked func(ctx context.Context, url string, index int) (bool, error)
	Now     time.Time
}

// Accepted signature algorithms; anything else, "none" first, is refused.
var algorithms = []jose.SignatureAlgorithm{jose.RS256, jose.EdDSA, jose.ES256}

// Verify checks a VC-JWT: its form, the key and signature, the issuer, the
// structure, the dates and the revocation status. It never panics on any
// input; what it cannot read it says it cannot read.
func Verify(ctx context.Context, token string, tr Trust) (r Report) {
	defer func() { r.Valid = r.Valid && len(r.Checks) > 0 && !r.hasFailed() }()
	r.Valid = true
	token = strings.TrimSpace(token)
	jws, h, ok := parse(&r, token)
	if !ok {
		return r
	}
	raw := jws.UnsafePayloadWithoutVerification()
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		r.add("format", Failed, "the JWT's payload is not a JSON object")
		checkSignature(&r, jws, h, tr.Keys)
		return r
	}
	var c Credential
	if json.Unmarshal(raw, &c) == nil {
		r.Credential = &c
	}
	r.add("format", Passed, "a compact JWT signed with %s", h.Alg)
	signed := checkSignature(&r, jws, h, tr.Keys)
	checkIssuer(&r, doc, tr.Issuer)
	checkStructure(&r, doc)
	checkDates(&r, doc, tr.Now)
	if signed {
		checkStatus(ctx, &r, doc, tr)
	} else {
		r.add("revocation", Skipped, "not checked, as the signature could not be trusted")
	}
	return r
}

func (r Report) hasFailed() bool { _, f := r.Failed(); return f }

// parse reads the token's header itself first, so that an unsigned token
// or a malformed one gets a verdict of its own rather than a library error.
func parse(r *Report, token string) (*jose.JSONWebSignature, header, bool) {
	if strings.HasPrefix(token, "{") {
		r.add("format", Failed, "this is JSON, not a JWT: paste the signed credential (the text of the .jwt file), not its decoded JSON")
		return nil, header{}, false
	}
	h, err := readHeader(token)
	if err != nil {
		r.add("format", Failed, "%s", err.Error())
		return nil, h, false
	}
	switch {
	case strings.EqualFold(h.Alg, "none") || h.Alg == "":
		r.add("signature", Failed, `the token is not signed (alg %q): an unsigned credential proves nothing, so it is refused`, h.Alg)
		return nil, h, false
	case !accepted(h.Alg):
		r.add("signature", Failed, "the token is signed with %s; devpath accepts RS256, ES256 and EdDSA", h.Alg)
		return nil, h, false
	}
	jws, err := jose.ParseSignedCompact(token, algorithms)
	if err != nil {
		r.add("format", Failed, "the JWT could not be read: its parts are not valid base64url or JSON")
		return nil, h, false
	}
	return jws, h, true
}

func accepted(alg string) bool {
	for _, a := range algorithms {
		if string(a) == alg {
			return true
		}
	}
	return false
}

func checkIssuer(r *Report, doc map[string]any, want string) {
	id, name := issuerOf(doc)
	switch {
	case id == "":
		r.add("issuer", Failed, "the credential names no issuer")
	case want != "" && id != want:
		r.add("issuer", Failed, "issued by %s (%s), not by this devpath (%s): verify it with its issuer's keys", orUnnamed(name), id, want)
	default:
		r.add("issuer", Passed, "issued by %s (%s)", orUnnamed(name), id)
	}
}

func orUnnamed(s string) string {
	if s == "" {
		return "an unnamed issuer"
	}
	return s
}

func issuerOf(doc map[string]any) (id, name string) {
	switch iss := doc["issuer"].(type) {
	case string:
		return iss, ""
	case map[string]any:
		id, _ = iss["id"].(string)
		name, _ = iss["name"].(string)
	}
	return id, name
}

// checkSignature finds the key the header names and checks the signature
// with it. A key set that holds private key material is refused whole: a
// set that leaks a private key proves nothing about who signed.
func checkSignature(r *Report, jws *jose.JSONWebSignature, h header, set jose.JSONWebKeySet) bool {
	for _, k := range set.Keys {
		if !k.IsPublic() {
			r.add("signature", Failed, "the key set holds private key material (key %q): a published key set holds public keys only, so it was refused", k.KeyID)
			return false
		}
	}
	if h.Kid == "" {
		r.add("signature", Failed, "the token's header names no key (kid), so no key of the issuer can be chosen")
		return false
	}
	keys := set.Key(h.Kid)
	if len(keys) == 0 {
		r.add("signature", Failed, "signed with key %s, which is not among the issuer's %d published keys", h.Kid, len(set.Keys))
		return false
	}
	if _, err := jws.Verify(keys[0]); err != nil {
		r.add("signature", Failed, "the signature does not match the content: the credential was changed after it was signed, or signed with another key")
		return false
	}
	r.add("signature", Passed, "signed with %s by the issuer's key %s", h.Alg, h.Kid)
	return true
}

func checkDates(r *Report, doc map[string]any, now time.Time) {
	from, err := dateOf(doc, "validFrom")
	if err != nil {
		r.add("dates", Failed, "%s", err.Error())
		return
	}
	if now.Before(from) {
		r.add("dates", Failed, "not valid yet: valid from %s", from.Format(time.RFC3339))
		return
	}
	if _, ok := doc["validUntil"]; ok {
		until, err := dateOf(doc, "validUntil")
		if err != nil {
			r.add("dates", Failed, "%s", err.Error())
			return
		}
		if !now.Before(until) {
			r.add("dates", Failed, "expired: valid until %s", until.Format(time.RFC3339))
			return
		}
		r.add("dates", Passed, "valid from %s until %s", from.Format(time.RFC3339), until.Format(time.RFC3339))
		return
	}
	r.add("dates", Passed, "valid from %s, with no end date", from.Format(time.RFC3339))
}

func dateOf(doc map[string]any, field string) (time.Time, error) {
	s, ok := doc[field].(string)
	if !ok {
		return time.Time{}, fmt.Errorf("%s is missing", field)
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q is not a date-time", field, s)
	}
	return t, nil
}

// checkStatus reads the credential's bit in its issuer's status list. A
// list that cannot be reached leaves revocation unchecked, not failed:
// offline verification is still worth its other checks.
func checkStatus(ctx context.Context, r *Report, doc map[string]any, tr Trust) {
	st, ok := doc["credentialStatus"].(map[string]any)
	if !ok {
		r.add("revocation", Skipped, "the credential names no status list, so it cannot be revoked")
		return
	}
	url, _ := st["statusListCredential"].(string)
	idx, _ := st["statusListIndex"].(string)
	var index int
	if _, err := fmt.Sscan(idx, &index); err != nil || url == "" {
		r.add("revocation", Failed, "the credential's status entry has no list address or index")
		return
	}
	read := tr.Revoked
	if read == nil && tr.StatusList != nil {
		read = func(ctx context.Context, url string, index int) (bool, error) { return readStatus(ctx, url, index, tr) }
	}
	if read == nil {
		r.add("revocation", Skipped, "offline: the status list at %s was not read", url)
		return
	}
	revoked, err := read(ctx, url, index)
	switch {
	case err != nil:
		r.add("revocation", Skipped, "the status list at %s could not be used (%v), so revocation was not checked", url, err)
	case revoked:
		r.add("revocation", Failed, "revoked: the issuer's status list marks it (index %d of %s)", index, url)
	default:
		r.add("revocation", Passed, "not revoked, per the issuer's signed status list %s", url)
	}
}

var errListSignature = errors.New("its signature does not verify with the issuer's keys")

func readStatus(ctx context.Context, url string, index int, tr Trust) (bool, error) {
	token, err := tr.StatusList(ctx, url)
	if err != nil {
		return false, err
	}
	jws, err := jose.ParseSignedCompact(strings.TrimSpace(token), algorithms)
	if err != nil {
		return false, errors.New("it is not a signed JWT")
	}
	h, _ := readHeader(strings.TrimSpace(token))
	keys := tr.Keys.Key(h.Kid)
	if len(keys) == 0 {
		return false, errListSignature
	}
	raw, err := jws.Verify(keys[0])
	if err != nil {
		return false, errListSignature
	}
	var list StatusListCredential
	if err := json.Unmarshal(raw, &list); err != nil {
		return false, errors.New("it is not a status list credential")
	}
	return ListBit(list.CredentialSubject.EncodedList, index)
}
