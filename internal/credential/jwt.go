package credential

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// Key is one of the issuer's signing keys. Retired keys sign nothing new
// but stay published, so credentials they signed keep verifying.
type Key struct {
	ID        int64
	JWK       jose.JSONWebKey // with the private part
	CreatedAt time.Time
	RetiredAt *time.Time
}

// Algorithms are the ones the issuer holds a key for: RS256, which every
// Open Badges 3.0 verifier must support and signs by default, and EdDSA
// (Ed25519), smaller and faster, for an operator who chooses it.
var Algorithms = []jose.SignatureAlgorithm{jose.RS256, jose.EdDSA}

// NewKey makes a key for alg: RSA 2048 for RS256, Ed25519 for EdDSA. Its
// kid is the JWKS address with the key's RFC 7638 thumbprint as the
// fragment, so it says where the key is found.
func NewKey(at Addresses, alg jose.SignatureAlgorithm, now time.Time) (Key, error) {
	var priv any
	var err error
	switch alg {
	case jose.RS256:
		priv, err = rsa.GenerateKey(rand.Reader, 2048)
	case jose.EdDSA:
		_, priv, err = ed25519.GenerateKey(rand.Reader)
	default:
		err = fmt.Errorf("the issuer makes no %s keys", alg)
	}
	if err != nil {
		return Key{}, err
	}
	jwk := jose.JSONWebKey{Key: priv, Algorithm: string(alg), Use: "sig"}
	thumb, err := jwk.Thumbprint(crypto.SHA256)
	if err != nil {
		return Key{}, err
	}
	jwk.KeyID = at.JWKS() + "#" + base64.RawURLEncoding.EncodeToString(thumb)
	return Key{JWK: jwk, CreatedAt: now.UTC()}, nil
}

// PublicSet is the JWKS of keys' public halves.
func PublicSet(keys []Key) jose.JSONWebKeySet {
	set := jose.JSONWebKeySet{Keys: []jose.JSONWebKey{}}
	for _, k := range keys {
		set.Keys = append(set.Keys, k.JWK.Public())
	}
	return set
}

// claims are the JWT's registered claims that the specification's VC-JWT
// format asks for beside the credential's own members.
type claims struct {
	Iss string `json:"iss"`
	Jti string `json:"jti"`
	Sub string `json:"sub,omitempty"`
	Nbf int64  `json:"nbf"`
	Exp int64  `json:"exp,omitempty"`
}

// Sign writes doc as a compact VC-JWT signed with key: the payload is the
// credential's members at the top level, plus iss, jti, nbf (and sub, exp
// when the credential has a subject id or an end date).
func Sign(doc any, key Key) (string, error) {
	body, err := json.Marshal(doc)
	if err != nil {
		return "", err
	}
	var top map[string]any
	if err := json.Unmarshal(body, &top); err != nil {
		return "", err
	}
	c := registered(top)
	extra, _ := json.Marshal(c)
	var cm map[string]any
	json.Unmarshal(extra, &cm)
	for k, v := range cm {
		top[k] = v
	}
	payload, err := json.Marshal(top)
	if err != nil {
		return "", err
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.SignatureAlgorithm(key.JWK.Algorithm), Key: key.JWK},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		return "", err
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		return "", err
	}
	return jws.CompactSerialize()
}

// registered derives the JWT claims from a credential's members.
func registered(top map[string]any) claims {
	var c claims
	if iss, ok := top["issuer"].(map[string]any); ok {
		c.Iss, _ = iss["id"].(string)
	}
	c.Jti, _ = top["id"].(string)
	if sub, ok := top["credentialSubject"].(map[string]any); ok {
		c.Sub, _ = sub["id"].(string)
	}
	c.Nbf = unix(top["validFrom"])
	c.Exp = unix(top["validUntil"])
	return c
}

func unix(v any) int64 {
	s, _ := v.(string)
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return 0
	}
	return t.Unix()
}

// header is the JOSE header, read before any library sees the token so
// that "alg: none" and a missing kid get their own verdicts.
type header struct {
	Alg string `json:"alg"`
	Kid string `json:"kid"`
	Typ string `json:"typ"`
}

var errNotJWT = errors.New("this is not a JWT: a compact JWT is three base64url parts joined by dots")

func readHeader(token string) (header, error) {
	var h header
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return h, errNotJWT
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil {
		return h, fmt.Errorf("the JWT's header is not base64url: %w", errNotJWT)
	}
	if err := json.Unmarshal(raw, &h); err != nil {
		return h, errors.New("the JWT's header is not a JSON object")
	}
	return h, nil
}

// Decode returns a JWT's payload, indented, without verifying it: for
// showing a credential the service itself issued.
func Decode(token string) ([]byte, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, errNotJWT
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, errNotJWT
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, raw, "", "  "); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
