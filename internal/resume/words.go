package resume

import (
	"cmp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words for the places of a resume. Messages a person reads name a place as
// "Work 2, start date", never as the JSON pointer /work/1/startDate.

// sectionWords names each part of a resume: a heading for the whole, and a
// noun for one of its entries ("Work 2", "Project 1"); basics and meta have
// no entries. profiles are the entries of basics/profiles.
var sectionWords = map[string]struct{ title, noun string }{
	"basics": {"Basics", ""}, "profiles": {"Profiles", "Profile"},
	"work": {"Work experience", "Work"}, "volunteer": {"Volunteering", "Volunteering"},
	"education": {"Education", "Education"}, "awards": {"Awards", "Award"},
	"certificates": {"Certificates", "Certificate"}, "publications": {"Publications", "Publication"},
	"skills": {"Skills", "Skill"}, "languages": {"Languages", "Language"},
	"interests": {"Interests", "Interest"}, "references": {"References", "Reference"},
	"projects": {"Projects", "Project"}, "meta": {"About this document", ""},
}

// memberWords names members in lower case, as they read inside a sentence;
// "section/member" names one where the plain name would mislead (the name
// of a job is its company's).
var memberWords = map[string]string{
	"label": "headline", "image": "photo", "url": "web address", "postalCode": "postal code",
	"countryCode": "country code", "startDate": "start date", "endDate": "end date",
	"organization": "organisation", "institution": "school or provider", "area": "subject",
	"studyType": "qualification", "score": "grade", "awarder": "awarded by", "releaseDate": "release date",
	"entity": "organisation", "canonical": "canonical address", "lastModified": "last changed",
	"$schema":   "schema address",
	"work/name": "company", "skills/name": "skill", "certificates/name": "certificate",
	"profiles/url": "profile address", "projects/type": "kind of project",
}

// itemWords names one item of a list member: "highlight 2".
var itemWords = map[string]string{"highlights": "highlight", "keywords": "keyword", "courses": "course", "roles": "role"}

// SectionTitle is the heading of a resume section: "Work experience".
func SectionTitle(section string) string {
	return cmp.Or(sectionWords[section].title, section)
}

// MemberWords names a member of an entry of section in lower case:
// MemberWords("work", "startDate") is "start date".
func MemberWords(section, member string) string {
	return cmp.Or(memberWords[section+"/"+member], memberWords[member], member)
}

// MemberLabel labels an input for a member: MemberLabel("work", "name") is "Company".
func MemberLabel(section, member string) string { return upperFirst(MemberWords(section, member)) }

// EntryName names entry i (from 0) of a section by its number: "Work 2".
func EntryName(section string, i int) string {
	return cmp.Or(sectionWords[section].noun, section) + " " + strconv.Itoa(i+1)
}

// Place names the place a JSON pointer points to in words: "Work 2, start
// date" for /work/1/startDate, "Profile 1, profile address" for
// /basics/profiles/0/url, "City" for /basics/location/city.
func Place(ptr string) string {
	return describePath(ptr, EntryName)
}

// describePath names the place at ptr, naming an entry with entry(section, index).
func describePath(ptr string, entry func(section string, i int) string) string {
	tokens, err := parsePointer(ptr)
	if err != nil || ptr == rootField {
		return "The document"
	}
	var parts []string
	section := tokens[0]
	rest := tokens[1:]
	if section == "basics" && len(rest) > 0 && (rest[0] == "profiles" || rest[0] == "location") {
		section, rest = rest[0], rest[1:]
	}
	switch i, err := strconv.Atoi(first(rest)); {
	case err == nil && sectionWords[section].noun != "":
		parts, rest = append(parts, entry(section, i)), rest[1:]
	case len(rest) == 0 || (section != "basics" && section != "location"):
		parts = append(parts, SectionTitle(section))
	}
	for k := 0; k < len(rest); k++ {
		i, err := strconv.Atoi(first(rest[k+1:]))
		if word, ok := itemWords[rest[k]]; ok && err == nil {
			parts = append(parts, word+" "+strconv.Itoa(i+1))
			k++
			continue
		}
		parts = append(parts, MemberWords(section, rest[k]))
	}
	return upperFirst(strings.Join(parts, ", "))
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// entryLabel names an entry the way a person recognises it: "Backend intern
// at Acme", "Bachelor in Geography at University of Example", "Depot finder".
func entryLabel(v any) string {
	e, _ := v.(map[string]any)
	str := func(k string) string { s, _ := e[k].(string); return strings.TrimSpace(s) }
	what := cmp.Or(str("position"), joinNonEmpty(" in ", str("studyType"), str("area")), str("title"), str("language"))
	where := cmp.Or(str("organization"), str("institution"))
	if what == "" {
		what = str("name")
	} else if where == "" {
		where = str("name")
	}
	return joinNonEmpty(" at ", what, where)
}

// entryTitle names an entry by its section's noun and its label, "Work:
// Backend intern at Acme", or by its number when it has no label.
func entryTitle(section string, i int, label string) string {
	if label == "" {
		return EntryName(section, i)
	}
	return cmp.Or(sectionWords[section].noun, section) + ": " + label
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
