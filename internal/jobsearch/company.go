package jobsearch

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Legal-form words left out when comparing company names, so that "Acme",
// "ACME Inc." and "Acme GmbH & Co. KG" are one company. They are only
// dropped at the end of a name: "Company" in "The Company Store" stays.
const legalSuffixes = "inc incorporated corp corporation co company ltd limited llc llp lp plc " +
	"gmbh ag kg ug mbh se sa sas sarl srl spa bv nv oy ab as asa aps pty pte kk group holding holdings and"

// SameCompany reports whether company names one of the existing companies,
// ignoring case, accents, punctuation, a leading "The" and legal suffixes
// such as Inc, Ltd or GmbH. It backs the "you applied here before" warning.
func SameCompany(existing []string, company string) bool {
	key := companyKey(company)
	if key == "" {
		return false
	}
	return slices.ContainsFunc(existing, func(e string) bool { return companyKey(e) == key })
}

// companyKey is the name reduced to what identifies the company.
func companyKey(name string) string {
	ws := companyWords(name)
	if len(ws) > 1 && ws[0] == "the" {
		ws = ws[1:]
	}
	suffixes := strings.Fields(legalSuffixes)
	for len(ws) > 1 && slices.Contains(suffixes, ws[len(ws)-1]) {
		ws = ws[:len(ws)-1]
	}
	return strings.Join(ws, "")
}

// companyWords lower-cases, strips accents and splits at anything that is
// not a letter or digit; "&" reads as "and", and dots inside a word join it
// (S.A. is "sa").
func companyWords(name string) []string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(name)) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '.', r == '\'', r == '’':
			// accents and in-word punctuation vanish
		case r == '&':
			b.WriteString(" and ")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}
