// Package credential issues devpath's achievements as Open Badges 3.0
// credentials (W3C Verifiable Credentials 2.0) signed as VC-JWTs, keeps the
// issuer's keys and revocation list, and verifies credentials, saying in
// words what each check found.
package credential

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

// The contexts every OpenBadgeCredential names first, in this order.
const (
	ContextVC = "https://www.w3.org/ns/credentials/v2"
	ContextOB = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
)

// Credential is an OpenBadgeCredential as JSON: the fields devpath writes
// and reads. The JSON names are the specification's.
type Credential struct {
	Context           []string     `json:"@context"`
	ID                string       `json:"id"`
	Type              []string     `json:"type"`
	Issuer            Profile      `json:"issuer"`
	ValidFrom         time.Time    `json:"validFrom"`
	ValidUntil        *time.Time   `json:"validUntil,omitempty"`
	Name              string       `json:"name"`
	CredentialSubject Subject      `json:"credentialSubject"`
	Evidence          []Evidence   `json:"evidence,omitempty"`
	CredentialStatus  *StatusEntry `json:"credentialStatus,omitempty"`
}

// Profile is the issuer.
type Profile struct {
	ID   string   `json:"id"`
	Type []string `json:"type"`
	Name string   `json:"name"`
	URL  string   `json:"url,omitempty"`
}

// Subject is the learner, known only by a salted hash of their email.
type Subject struct {
	ID          string          `json:"id,omitempty"`
	Type        []string        `json:"type"`
	Identifier  []Identity      `json:"identifier,omitempty"`
	Achievement AchievementJSON `json:"achievement"`
}

// Identity is an IdentityObject: a hashed identifier and its salt.
type Identity struct {
	Type         string `json:"type"`
	Hashed       bool   `json:"hashed"`
	IdentityHash string `json:"identityHash"`
	IdentityType string `json:"identityType"`
	Salt         string `json:"salt,omitempty"`
}

// AchievementJSON is the achievement as the credential states it.
type AchievementJSON struct {
	ID              string   `json:"id"`
	Type            []string `json:"type"`
	AchievementType string   `json:"achievementType,omitempty"`
	Name            string   `json:"name"`
	Description     string   `json:"description"`
	Criteria        Criteria `json:"criteria"`
	Image           *Image   `json:"image,omitempty"`
}

// Criteria say how the achievement is earned.
type Criteria struct {
	Narrative string `json:"narrative"`
}

// Image is the badge's picture, by address.
type Image struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

// Evidence is what the award rests on, in words.
type Evidence struct {
	Type      []string `json:"type"`
	Name      string   `json:"name,omitempty"`
	Narrative string   `json:"narrative,omitempty"`
}

// StatusEntry points at the credential's bit in a Bitstring Status List.
type StatusEntry struct {
	ID                   string `json:"id"`
	Type                 string `json:"type"`
	StatusPurpose        string `json:"statusPurpose"`
	StatusListIndex      string `json:"statusListIndex"`
	StatusListCredential string `json:"statusListCredential"`
}

// Addresses are the issuer's public URLs, all under the site's base URL.
type Addresses struct {
	Base string // the site, without a trailing slash
}

func (a Addresses) Issuer() string { return a.Base + "/credentials/issuer" }
func (a Addresses) JWKS() string   { return a.Base + "/credentials/issuer/jwks" }
func (a Addresses) StatusList(n int) string {
	return fmt.Sprintf("%s/credentials/status/%d", a.Base, n)
}
func (a Addresses) Achievement(id, param string) string {
	if param == "" {
		return a.Base + "/credentials/achievements/" + id
	}
	return a.Base + "/credentials/achievements/" + id + "/" + param
}
func (a Addresses) Image(id string) string {
	return a.Base + "/credentials/achievements/" + id + ".svg"
}

// Award is what a credential is built from.
type Award struct {
	Serial      int64 // the stored credential's id: its place in the status lists
	UUID        string
	Achievement Achievement // with its texts filled in for Param
	Param       string      // topic, step or cohort id; empty for a project
	Email       string
	Evidence    []Evidence
	IssuedAt    time.Time
	ValidUntil  *time.Time // none for devpath's own awards; tests set one
}

// Build writes the OpenBadgeCredential for an award.
func Build(at Addresses, issuerName string, a Award) Credential {
	salt := randomHex(16)
	list, index := StatusPlace(a.Serial)
	listURL := at.StatusList(list)
	c := Credential{
		Context:   []string{ContextVC, ContextOB},
		ID:        "urn:uuid:" + a.UUID,
		Type:      []string{"VerifiableCredential", "OpenBadgeCredential"},
		Issuer:    Profile{ID: at.Issuer(), Type: []string{"Profile"}, Name: issuerName, URL: at.Base},
		ValidFrom: a.IssuedAt.UTC().Truncate(time.Second), ValidUntil: a.ValidUntil,
		Name: a.Achievement.Name,
		CredentialSubject: Subject{
			Type: []string{"AchievementSubject"},
			Identifier: []Identity{{Type: "IdentityObject", Hashed: true, IdentityType: "emailAddress",
				IdentityHash: HashIdentity(a.Email, salt), Salt: salt}},
			Achievement: AchievementJSON{
				ID: at.Achievement(a.Achievement.ID, a.Param), Type: []string{"Achievement"},
				AchievementType: "Badge", Name: a.Achievement.Name, Description: a.Achievement.Description,
				Criteria: Criteria{Narrative: a.Achievement.Criteria},
				Image:    &Image{ID: at.Image(a.Achievement.ID), Type: "Image"},
			},
		},
		Evidence: a.Evidence,
		CredentialStatus: &StatusEntry{ID: fmt.Sprintf("%s#%d", listURL, index), Type: "BitstringStatusListEntry",
			StatusPurpose: "revocation", StatusListIndex: fmt.Sprint(index), StatusListCredential: listURL},
	}
	return c
}

// HashIdentity is the specification's IdentityHash of an email: "sha256$"
// and the hex SHA-256 of the address followed by the salt. Whoever knows
// the address can confirm it; nobody can read it back.
func HashIdentity(email, salt string) string {
	sum := sha256.Sum256([]byte(email + salt))
	return "sha256$" + hex.EncodeToString(sum[:])
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// NewUUID returns a random (version 4) UUID.
func NewUUID() string {
	b := make([]byte, 16)
	rand.Read(b)
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	h := hex.EncodeToString(b)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
