package credential

import (
	"regexp"
	"slices"
	"strings"
)

var obContext = regexp.MustCompile(`^https://purl\.imsglobal\.org/spec/ob/v3p0/context(-3\.\d\.\d)*\.json$`)

// checkStructure checks in Go what the Open Badges 3.0 schema asks of an
// OpenBadgeCredential, and that the JWT's claims agree with its members.
// devpath does not ship the schema (its licence keeps it with the
// specification); the tests check this function's output against it.
func checkStructure(r *Report, doc map[string]any) {
	var problems []string
	bad := func(p string) { problems = append(problems, p) }
	ctx := stringList(doc["@context"])
	if len(ctx) < 2 || ctx[0] != ContextVC || !obContext.MatchString(ctx[1]) {
		bad("@context must start with the VC 2.0 and the Open Badges 3.0 contexts")
	}
	types := stringList(doc["type"])
	if !slices.Contains(types, "VerifiableCredential") ||
		!(slices.Contains(types, "OpenBadgeCredential") || slices.Contains(types, "AchievementCredential")) {
		bad("type must hold VerifiableCredential and OpenBadgeCredential")
	}
	if id, _ := doc["id"].(string); !strings.Contains(id, ":") {
		bad("id must be a URI")
	}
	if iss, ok := doc["issuer"].(map[string]any); ok && !slices.Contains(stringList(iss["type"]), "Profile") {
		bad("issuer must be a Profile")
	}
	problems = append(problems, subjectProblems(doc["credentialSubject"])...)
	problems = append(problems, claimProblems(doc)...)
	if len(problems) > 0 {
		r.add("structure", Failed, "not a well-formed OpenBadgeCredential: %s", strings.Join(problems, "; "))
		return
	}
	r.add("structure", Passed, "a well-formed OpenBadgeCredential (VC 2.0 and Open Badges 3.0 contexts, subject, achievement, claims)")
}

func subjectProblems(v any) []string {
	s, ok := v.(map[string]any)
	if !ok {
		return []string{"credentialSubject must be an object"}
	}
	var out []string
	if !slices.Contains(stringList(s["type"]), "AchievementSubject") {
		out = append(out, "credentialSubject must be an AchievementSubject")
	}
	if ids, ok := s["identifier"].([]any); ok {
		for _, v := range ids {
			o, _ := v.(map[string]any)
			if _, hashed := o["hashed"].(bool); o["type"] != "IdentityObject" || !hashed || o["identityHash"] == nil || o["identityType"] == nil {
				out = append(out, "each identifier must be an IdentityObject with hashed, identityHash and identityType")
			}
		}
	}
	a, ok := s["achievement"].(map[string]any)
	if !ok {
		return append(out, "credentialSubject.achievement is missing")
	}
	for _, f := range []string{"id", "name", "description"} {
		if str, _ := a[f].(string); str == "" {
			out = append(out, "achievement."+f+" is missing")
		}
	}
	if !slices.Contains(stringList(a["type"]), "Achievement") {
		out = append(out, "achievement must be an Achievement")
	}
	if _, ok := a["criteria"].(map[string]any); !ok {
		out = append(out, "achievement.criteria is missing")
	}
	return out
}

// claimProblems checks the VC-JWT's registered claims against the members
// they repeat: iss is the issuer's id, jti the credential's, nbf validFrom.
func claimProblems(doc map[string]any) []string {
	var out []string
	iss, _ := issuerOf(doc)
	if doc["iss"] != iss {
		out = append(out, "the iss claim must be the issuer's id")
	}
	if doc["jti"] != doc["id"] {
		out = append(out, "the jti claim must be the credential's id")
	}
	from, err := dateOf(doc, "validFrom")
	if nbf, ok := doc["nbf"].(float64); err != nil || !ok || int64(nbf) != from.Unix() {
		out = append(out, "the nbf claim must be validFrom")
	}
	if until, err := dateOf(doc, "validUntil"); err == nil {
		if exp, ok := doc["exp"].(float64); !ok || int64(exp) != until.Unix() {
			out = append(out, "the exp claim must be validUntil")
		}
	}
	return out
}

// stringList reads a JSON string or array of strings as a list.
func stringList(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
