package credential

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"time"
)

// ListBits is the size of a status list: 16 KiB of bits, the specification's
// minimum, so that a list does not tell how many credentials were issued.
const ListBits = 131072

// StatusPlace is where a credential's revocation bit lives: list n
// (from 1) and the index in it, from its serial number.
func StatusPlace(serial int64) (list int, index int) {
	return int(serial/ListBits) + 1, int(serial % ListBits)
}

// EncodeList writes the bitstring with the given indexes set as the
// specification's encodedList: GZIP, then base64url without padding behind
// the multibase prefix "u". Index 0 is the first byte's highest bit.
func EncodeList(set []int) string {
	bits := make([]byte, ListBits/8)
	for _, i := range set {
		if i >= 0 && i < ListBits {
			bits[i/8] |= 0x80 >> (i % 8)
		}
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(bits)
	zw.Close()
	return "u" + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

// ListBit reads bit index of an encodedList.
func ListBit(encoded string, index int) (bool, error) {
	if len(encoded) < 2 || encoded[0] != 'u' {
		return false, errors.New(`encodedList does not start with the multibase prefix "u"`)
	}
	z, err := base64.RawURLEncoding.DecodeString(encoded[1:])
	if err != nil {
		return false, errors.New("encodedList is not base64url")
	}
	zr, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		return false, errors.New("encodedList is not GZIP-compressed")
	}
	bits, err := io.ReadAll(io.LimitReader(zr, 1<<24))
	if err != nil {
		return false, errors.New("encodedList does not decompress")
	}
	if index < 0 || index/8 >= len(bits) {
		return false, fmt.Errorf("index %d is beyond the list's %d bits", index, len(bits)*8)
	}
	return bits[index/8]&(0x80>>(index%8)) != 0, nil
}

// StatusListCredential is the issuer's published list of revoked credentials.
type StatusListCredential struct {
	Context           []string          `json:"@context"`
	ID                string            `json:"id"`
	Type              []string          `json:"type"`
	Issuer            Profile           `json:"issuer"`
	ValidFrom         time.Time         `json:"validFrom"`
	CredentialSubject StatusListSubject `json:"credentialSubject"`
}

// StatusListSubject holds the bits.
type StatusListSubject struct {
	ID            string `json:"id"`
	Type          string `json:"type"`
	StatusPurpose string `json:"statusPurpose"`
	EncodedList   string `json:"encodedList"`
}

// BuildStatusList writes status list n with the revoked indexes set.
func BuildStatusList(at Addresses, issuer Profile, n int, revoked []int, now time.Time) StatusListCredential {
	id := at.StatusList(n)
	return StatusListCredential{
		Context: []string{ContextVC}, ID: id,
		Type:   []string{"VerifiableCredential", "BitstringStatusListCredential"},
		Issuer: issuer, ValidFrom: now.UTC().Truncate(time.Second),
		CredentialSubject: StatusListSubject{ID: id + "#list", Type: "BitstringStatusList",
			StatusPurpose: "revocation", EncodedList: EncodeList(revoked)},
	}
}
