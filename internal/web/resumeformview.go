package web

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"devpath/internal/app"
	"devpath/internal/resume"
)

// formOp is a button of the resume form other than Save: it adds, removes
// or moves an entry, which changes the form and not the resume.
type formOp struct {
	verb  string // add, remove, up, down
	list  int    // in listSpecs
	entry int
}

// parseOp reads a button: "add:work", "remove:work:2", "up:work:2", "down:work:2".
func parseOp(s string) (formOp, bool) {
	parts := strings.Split(s, ":")
	list := slices.IndexFunc(listSpecs, func(l listSpec) bool { return len(parts) > 1 && l.key == parts[1] })
	if list < 0 {
		return formOp{}, false
	}
	op := formOp{verb: parts[0], list: list}
	switch {
	case op.verb == "add" && len(parts) == 2:
		return op, true
	case (op.verb == "remove" || op.verb == "up" || op.verb == "down") && len(parts) == 3:
		i, err := strconv.Atoi(parts[2])
		op.entry = i
		return op, err == nil
	}
	return formOp{}, false
}

// formNote says what a button did, in the list it did it to.
type formNote struct {
	list int // in listSpecs
	text string
}

// apply does what the button says.
func (f *resumeForm) apply(op formOp) formNote {
	l, entries, i := listSpecs[op.list], f.lists[op.list], op.entry
	note := func(format string, args ...any) formNote {
		return formNote{op.list, fmt.Sprintf(format, args...) + " Nothing is saved until you press Save."}
	}
	if op.verb == "add" {
		f.lists[op.list] = append(entries, formEntry{values: make([]string, len(l.members))})
		return note("Added %s.", resume.EntryName(l.key, len(entries)))
	}
	j := map[string]int{"remove": i, "up": i - 1, "down": i + 1}[op.verb]
	if i < 0 || i >= len(entries) || j < 0 || j >= len(entries) {
		return formNote{} // a button for an entry that is not there any more
	}
	if op.verb == "remove" {
		f.lists[op.list] = slices.Delete(entries, i, i+1)
		return note("Removed %s.", resume.EntryName(l.key, i))
	}
	entries[i], entries[j] = entries[j], entries[i]
	return note("Moved %s %s: it is %s now.", resume.EntryName(l.key, i), op.verb, resume.EntryName(l.key, j))
}

// resumeFormView is the form as the template shows it.
type resumeFormView struct {
	Basics   []inputView // about the person
	Location []inputView
	Lists    []listView
	Problems []string // about places of the resume the form does not show
}

// listView is one list of entries.
type listView struct {
	Key, Title, Add string
	Note            string // what its add, remove or move button just did
	Entries         []entryFormView
	AddTarget       string // the page after adding: at the new entry
}

// entryFormView is one entry of a list, with its buttons.
type entryFormView struct {
	Name, Anchor string // "Work 2", "e-work-1"
	Ref          string // "work:1", for the buttons
	Rest         input  // the members the form does not show
	Inputs       []inputView
	// where the page opens after moving the entry up or down; "" when it cannot move that way
	UpTarget, DownTarget string
	RemoveTarget         string
}

type input struct{ Name, Value string }

// inputView is one input with its label, hint and problem.
type inputView struct {
	ID, Name, Label, Value, Type, Hint, Error string
	Autocomplete                              string
	DescribedBy                               string // the hint and problem, for aria-describedby
	Rows                                      int    // a text area's; 0 for a one-line input
	Wide                                      bool   // takes the whole row: a text area, or a list in one line
}

// inputHints help with members whose shape is not obvious.
var inputHints = map[string]string{
	"startDate": "Like 2024-05 or 2024-05-17", "endDate": "Like 2024-06; empty if it goes on", "date": "Like 2024-03",
	"highlights": "One per line", "keywords": "Separated by commas", "countryCode": "Two letters, like GB or DE",
}

// basicsAutocomplete lets browsers fill the person's own details.
var basicsAutocomplete = map[string]string{"name": "name", "email": "email", "phone": "tel", "url": "url",
	"location/city": "address-level2", "location/region": "address-level1", "location/countryCode": "country"}

var inputTypes = map[fieldKind]string{emailText: "email", phoneText: "tel", webAddress: "url"}

// textRows sizes the text areas: a summary is a few lines, highlights a few more.
var textRows = map[fieldKind]int{longText: 3, lineList: 4}

// namedInput is how the error summary names an input, and where it comes.
type namedInput struct {
	label string
	rank  int
}

// view lays the form out with the problems found in it, keyed by input id.
// It also returns every input's name in words, in the order of the form.
func (f resumeForm) view(problems map[string]string, note formNote) (resumeFormView, map[string]namedInput) {
	b := formLayout{problems: problems, names: map[string]namedInput{}}
	var v resumeFormView
	for i, s := range basicsSpec {
		in := b.input("basics", "/basics/"+s.member, s, f.basics[i])
		in.Autocomplete = basicsAutocomplete[s.member]
		if strings.HasPrefix(s.member, "location/") {
			v.Location = append(v.Location, in)
		} else {
			v.Basics = append(v.Basics, in)
		}
	}
	for k, l := range listSpecs {
		lv := listView{Key: l.key, Title: resume.SectionTitle(l.key), Add: l.add, AddTarget: entryTarget(l, len(f.lists[k]))}
		if note.text != "" && note.list == k {
			lv.Note = note.text
		}
		for i, e := range f.lists[k] {
			lv.Entries = append(lv.Entries, b.entry(l, i, len(f.lists[k]), e))
		}
		v.Lists = append(v.Lists, lv)
	}
	return v, b.names
}

// formLayout builds the form's view, naming each input as it goes.
type formLayout struct {
	problems map[string]string     // by input id
	names    map[string]namedInput // by input id
}

// entry lays out entry i of the n of a list.
func (b formLayout) entry(l listSpec, i, n int, e formEntry) entryFormView {
	at := entryPointer(l, i)
	v := entryFormView{Name: resume.EntryName(l.key, i), Anchor: entryAnchor(l, i), Ref: l.key + ":" + strconv.Itoa(i),
		Rest: input{"rest:" + at, e.rest}, RemoveTarget: "/resume#s-" + l.key}
	if i > 0 {
		v.UpTarget = entryTarget(l, i-1)
	}
	if i < n-1 {
		v.DownTarget = entryTarget(l, i+1)
	}
	for j, s := range l.members {
		v.Inputs = append(v.Inputs, b.input(l.key, at+"/"+s.member, s, e.values[j]))
	}
	return v
}

// input lays out the input at ptr, a member of an entry of section.
func (b formLayout) input(section, ptr string, s memberSpec, value string) inputView {
	id, member := pointerID(ptr), s.member[strings.LastIndexByte(s.member, '/')+1:]
	b.names[id] = namedInput{resume.Place(ptr), len(b.names)}
	v := inputView{ID: id, Name: ptr, Label: resume.MemberLabel(section, member), Value: value, Type: cmp.Or(inputTypes[s.kind], "text"),
		Hint: inputHints[member], Error: b.problems[id], Rows: textRows[s.kind], Wide: s.kind >= longText}
	v.DescribedBy = strings.TrimSpace(ifSet(v.Hint, id+"-hint") + " " + ifSet(v.Error, id+"-error"))
	return v
}

func ifSet(cond, s string) string {
	if cond == "" {
		return ""
	}
	return s
}

func entryAnchor(l listSpec, i int) string { return "e-" + l.key + "-" + strconv.Itoa(i) }

// entryTarget is the page after a button, opened at entry i of a list: the
// browser keeps the fragment of a form's action, so no script is needed to
// bring the changed entry into view.
func entryTarget(l listSpec, i int) string { return "/resume#" + entryAnchor(l, i) }

// formProblems places the problems of a document saved from the form,
// keyed by JSON pointer, beside the inputs they are about: the input at
// that place, or at the nearest place above it (a highlight's problem goes
// to the highlights). inputs maps places of the document to the inputs'
// pointers. Problems at places the form does not show are listed in words.
func formProblems(problems map[string]string, inputs map[string]string) (map[string]string, []string) {
	byInput := map[string][]string{}
	var others []string
	for _, ptr := range slices.SortedFunc(maps.Keys(problems), comparePointers) {
		at := ptr
		for at != "" && inputs[at] == "" {
			at = at[:strings.LastIndexByte(at, '/')]
		}
		if at == "" {
			others = append(others, problemInWords(ptr, problems[ptr]))
			continue
		}
		byInput[inputs[at]] = append(byInput[inputs[at]], problems[ptr])
	}
	out := map[string]string{}
	for ptr, list := range byInput {
		out[pointerID(ptr)] = sentence(resume.Place(ptr) + ": " + strings.Join(list, "; "))
	}
	return out, others
}

// documentProblems lists a document's problems, keyed by JSON pointer, in
// words.
func documentProblems(problems map[string]string) []string {
	var out []string
	for _, ptr := range slices.SortedFunc(maps.Keys(problems), comparePointers) {
		out = append(out, problemInWords(ptr, problems[ptr]))
	}
	return out
}

func problemInWords(ptr, problem string) string {
	if ptr == "/" {
		return sentence(problem)
	}
	return sentence(resume.Place(ptr) + ": " + problem)
}

// comparePointers orders JSON pointers steadily, entries by number:
// /work/2 before /work/10.
func comparePointers(a, b string) int {
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	for i := range min(len(as), len(bs)) {
		x, errX := strconv.Atoi(as[i])
		y, errY := strconv.Atoi(bs[i])
		c := cmp.Compare(as[i], bs[i])
		if errX == nil && errY == nil {
			c = cmp.Compare(x, y)
		}
		if c != 0 {
			return c
		}
	}
	return cmp.Compare(len(as), len(bs))
}

// fieldError returns err as an error with problems by field, if it is one.
func fieldError(err error) (*app.Error, bool) {
	var e *app.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return nil, false
	}
	return e, true
}
