// Package credentialtest holds what tests of credentials share: the
// official Open Badges 3.0 JSON Schema and test vector, read where the
// specification sits beside the repository (their licence keeps them out
// of it), and the payload of a JWT.
package credentialtest

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SpecDir is the Open Badges 3.0 folder of the shared specifications.
func SpecDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "../../../../shared/specs/ob3")
}

// Schema compiles the official AchievementCredential schema; the test is
// skipped when the specifications are not beside the repository.
func Schema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join(SpecDir(), "schema/achievementcredential.json"))
	if os.IsNotExist(err) {
		t.Skipf("the shared specifications are not beside the repository: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	const url = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential-jsonschema1.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Validate checks a VC-JWT's payload against the official schema.
func Validate(t testing.TB, jwt string) {
	t.Helper()
	schema := Schema(t)
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", jwt)
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(payload))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("the credential breaks the official Open Badges 3.0 schema: %v\n%s", err, payload)
	}
}
