package web

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"devpath/internal/app"
	"devpath/internal/resume"
)

// The master resume as a form. Each input is named by the JSON pointer of
// its place in the form's document (/work/1/startDate), so the schema's
// problems find their field; an entry carries the members the form does not
// show in a hidden input, so adding, removing and moving entries, which
// re-render the form without JavaScript, keep them with their entry.

// fieldKind is how an input holds its member.
type fieldKind int

const (
	plainText  fieldKind = iota
	dateText             // YYYY, YYYY-MM or YYYY-MM-DD
	emailText            // an email address
	phoneText            // a telephone number
	webAddress           // a URL
	// the kinds from here on take a whole row of the form
	longText  // a paragraph, in a text area
	lineList  // a list of texts, one per line
	commaList // a list of short texts, separated by commas
)

// memberSpec is one member the form edits: "startDate", or "location/city"
// below basics.
type memberSpec struct {
	member string
	kind   fieldKind
}

// listSpec is a list of entries the form edits.
type listSpec struct {
	key     string   // the section, in ids and buttons: "work", "profiles"
	path    []string // where the list is in the document
	add     string   // the add button's words
	members []memberSpec
}

var basicsSpec = []memberSpec{{"name", plainText}, {"label", plainText}, {"email", emailText}, {"phone", phoneText},
	{"url", webAddress}, {"summary", longText}, {"location/city", plainText}, {"location/region", plainText},
	{"location/countryCode", plainText}}

// listSpecs are the lists the form shows, in its order. Awards,
// publications, interests and references are left to the JSON editor: the
// form keeps them as they are.
var listSpecs = []listSpec{
	{"profiles", []string{"basics", "profiles"}, "Add a profile", []memberSpec{
		{"network", plainText}, {"username", plainText}, {"url", webAddress}}},
	{"work", []string{"work"}, "Add a job", []memberSpec{
		{"name", plainText}, {"position", plainText}, {"startDate", dateText}, {"endDate", dateText}, {"url", webAddress},
		{"summary", longText}, {"highlights", lineList}}},
	{"education", []string{"education"}, "Add a school or course", []memberSpec{
		{"institution", plainText}, {"area", plainText}, {"studyType", plainText}, {"score", plainText},
		{"startDate", dateText}, {"endDate", dateText}}},
	{"projects", []string{"projects"}, "Add a project", []memberSpec{
		{"name", plainText}, {"url", webAddress}, {"startDate", dateText}, {"endDate", dateText},
		{"description", longText}, {"highlights", lineList}}},
	{"skills", []string{"skills"}, "Add a skill", []memberSpec{
		{"name", plainText}, {"level", plainText}, {"keywords", commaList}}},
	{"languages", []string{"languages"}, "Add a language", []memberSpec{{"language", plainText}, {"fluency", plainText}}},
	{"certificates", []string{"certificates"}, "Add a certificate", []memberSpec{
		{"name", plainText}, {"issuer", plainText}, {"date", dateText}, {"url", webAddress}}},
	{"volunteer", []string{"volunteer"}, "Add volunteering", []memberSpec{
		{"organization", plainText}, {"position", plainText}, {"startDate", dateText}, {"endDate", dateText},
		{"url", webAddress}, {"summary", longText}, {"highlights", lineList}}},
}

// maxFormEntries bounds the entries read from one list of a posted form.
const maxFormEntries = 500

// resumeForm is what the form holds: values as typed, in the form's order.
type resumeForm struct {
	basics []string      // one per basicsSpec
	lists  [][]formEntry // one per listSpecs
}

// formEntry is one entry of a list.
type formEntry struct {
	values []string // one per member of its list
	rest   string   // the members the form does not show, as a JSON object; "" for none
}

// formFromDoc fills the form from a resume document read as plain values.
func formFromDoc(doc map[string]any) resumeForm {
	f := resumeForm{basics: valuesOf(basicsSpec, mapAt(doc, "basics"))}
	for _, l := range listSpecs {
		var entries []formEntry
		list, _ := valueAt(doc, l.path).([]any)
		for _, e := range list {
			m, _ := e.(map[string]any)
			entries = append(entries, formEntry{values: valuesOf(l.members, m), rest: restOf(l.members, m)})
		}
		f.lists = append(f.lists, entries)
	}
	return f
}

// formFromValues reads the form as it was posted.
func formFromValues(v map[string][]string) resumeForm {
	get := func(k string) string {
		if len(v[k]) == 0 {
			return ""
		}
		return v[k][0]
	}
	var f resumeForm
	for _, m := range basicsSpec {
		f.basics = append(f.basics, get("/basics/"+m.member))
	}
	for _, l := range listSpecs {
		n, _ := strconv.Atoi(get("count:" + l.key))
		entries := make([]formEntry, 0, max(0, min(n, maxFormEntries)))
		for i := range cap(entries) {
			at := entryPointer(l, i)
			e := formEntry{rest: get("rest:" + at)}
			for _, m := range l.members {
				e.values = append(e.values, get(at+"/"+m.member))
			}
			entries = append(entries, e)
		}
		f.lists = append(f.lists, entries)
	}
	return f
}

// entryPointer is where entry i of a list is in the form's document.
func entryPointer(l listSpec, i int) string {
	return "/" + strings.Join(l.path, "/") + "/" + strconv.Itoa(i)
}

// pointerID makes an element id of a JSON pointer: /work/1/startDate is
// work-1-startDate. The form's members hold no "-" or "/" of their own.
func pointerID(ptr string) string { return strings.ReplaceAll(strings.TrimPrefix(ptr, "/"), "/", "-") }

// valuesOf shows an object's members as the form's inputs hold them.
func valuesOf(members []memberSpec, m map[string]any) []string {
	out := make([]string, len(members))
	for i, s := range members {
		switch v := valueAt(m, strings.Split(s.member, "/")).(type) {
		case string:
			out[i] = v
		case []any:
			out[i] = joinTexts(v, s.kind)
		}
	}
	return out
}

func joinTexts(list []any, kind fieldKind) string {
	sep := "\n"
	if kind == commaList {
		sep = ", "
	}
	texts := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			texts = append(texts, s)
		}
	}
	return strings.Join(texts, sep)
}

// restOf is the members of an entry the form does not show, as JSON.
func restOf(members []memberSpec, m map[string]any) string {
	rest := map[string]any{}
	for k, v := range m {
		rest[k] = v
	}
	for _, s := range members {
		delete(rest, s.member)
	}
	if len(rest) == 0 {
		return ""
	}
	b, _ := json.Marshal(rest) // values decoded from JSON encode again
	return string(b)
}

// memberValue is the JSON value of what was typed; nil when nothing was,
// so that the member is left out rather than kept empty.
func memberValue(kind fieldKind, typed string) any {
	typed = strings.TrimSpace(strings.ReplaceAll(typed, "\r\n", "\n"))
	var parts []string
	switch kind {
	case lineList:
		parts = strings.Split(typed, "\n")
	case commaList:
		parts = strings.Split(typed, ",")
	default:
		if typed == "" {
			return nil
		}
		return typed
	}
	var list []any
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			list = append(list, p)
		}
	}
	if len(list) == 0 {
		return nil
	}
	return list
}

// errFormDamaged is what a hidden input that no page of ours wrote gets.
func errFormDamaged() error {
	return app.Errorf(app.Invalid, "the form was changed outside this page: open the resume page again and make your changes there")
}

// document writes the form into master, the stored resume read as plain
// values (empty when there is none): the basics the form shows, and the
// lists it shows, replaced by its entries; the rest of master stays as it
// is. An entry left empty is left out. It returns the JSON Resume to save,
// and for each place of it the form shows, the pointer of its input.
func (f resumeForm) document(master map[string]any) ([]byte, map[string]string, error) {
	inputs := map[string]string{}
	basics := mapAt(master, "basics")
	for i, s := range basicsSpec {
		setAt(basics, strings.Split(s.member, "/"), memberValue(s.kind, f.basics[i]))
		inputs["/basics/"+s.member] = "/basics/" + s.member
	}
	master["basics"] = basics // setting the profiles below removes it if it is empty
	for k, l := range listSpecs {
		var out []any
		for i, e := range f.lists[k] {
			m, err := e.object(l)
			if err != nil {
				return nil, nil, err
			}
			if len(m) == 0 {
				continue
			}
			from, to := entryPointer(l, i), entryPointer(l, len(out))
			for _, s := range l.members {
				inputs[to+"/"+s.member] = from + "/" + s.member
			}
			out = append(out, m)
		}
		setAt(master, l.path, listValue(out))
	}
	doc, err := canonical(master)
	return doc, inputs, err
}

// object is the entry as a JSON object: its hidden members, then what was typed.
func (e formEntry) object(l listSpec) (map[string]any, error) {
	m := map[string]any{}
	if e.rest != "" {
		if err := decodeNumbers([]byte(e.rest), &m); err != nil || m == nil {
			return nil, errFormDamaged()
		}
	}
	for i, s := range l.members {
		setAt(m, []string{s.member}, memberValue(s.kind, e.values[i]))
	}
	return m, nil
}

// listValue is nil for an empty list, so that setAt leaves the member out.
func listValue(l []any) any {
	if len(l) == 0 {
		return nil
	}
	return l
}

// canonical writes a document the way devpath writes resumes: members in
// the JSON Resume order, indented. A document the resume types cannot read
// is written as it is, for the schema to name its problems.
func canonical(doc map[string]any) ([]byte, error) {
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	r, err := resume.ParseResume(b)
	if err != nil {
		return json.MarshalIndent(doc, "", "  ")
	}
	return json.MarshalIndent(r, "", "  ")
}

// decodeNumbers reads JSON keeping numbers as they were written.
func decodeNumbers(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return dec.Decode(v)
}

// mapAt returns the object at member k of m, or a new one.
func mapAt(m map[string]any, k string) map[string]any {
	if c, ok := m[k].(map[string]any); ok {
		return c
	}
	return map[string]any{}
}

// valueAt returns the value at a path of members, such as location, city.
func valueAt(m map[string]any, p []string) any {
	for _, k := range p[:len(p)-1] {
		m = mapAt(m, k)
	}
	return m[p[len(p)-1]]
}

// setAt sets the member at path p of m to v, creating objects on the way;
// a nil v removes the member, and objects it leaves empty.
func setAt(m map[string]any, p []string, v any) {
	if len(p) > 1 {
		child := mapAt(m, p[0])
		setAt(child, p[1:], v)
		v = child
		if len(child) == 0 {
			v = nil
		}
	}
	if v == nil {
		delete(m, p[0])
		return
	}
	m[p[0]] = v
}
