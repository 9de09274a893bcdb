package resume

import (
	"maps"
	"slices"
	"strconv"
)

// ResumeOutline lays a tailored copy out for an editing form that needs no
// JavaScript: every entry of the master, hidden or not, in the copy's order,
// and the texts that can be reworded with the copy's wording.
type ResumeOutline struct {
	Summary  *Rewording // nil when the master has no summary to reword
	Sections []OutlineSection
}

// OutlineSection is one section of the master that has entries.
type OutlineSection struct {
	Name    string // "work", "projects", ...
	Entries []OutlineEntry
}

// OutlineEntry is one entry of the master as the copy shows it.
type OutlineEntry struct {
	Index      int    // in the master
	Label      string // as a person recognises it
	Hidden     bool
	Highlights []Rewording
}

// Rewording is one text of the master with the copy's wording of it.
type Rewording struct {
	Path   string // JSON pointer into the master
	Master string
	Text   string
}

// Changed tells whether the copy words the text differently.
func (r Rewording) Changed() bool { return r.Text != r.Master }

// sectionsWithHighlights are the sections whose entries list highlights,
// the lines a tailored copy most often rewords.
var sectionsWithHighlights = []string{"work", "volunteer", "projects"}

// Outline describes master as tailored by t for the editing form.
func Outline(master Resume, t Tailoring) (ResumeOutline, error) {
	doc, err := toTree(master)
	if err != nil {
		return ResumeOutline{}, err
	}
	hidden, orders, texts := tailoringParts(t)
	var out ResumeOutline
	basics, _ := doc["basics"].(map[string]any)
	if s, ok := basics["summary"].(string); ok {
		out.Summary = rewording("/basics/summary", s, texts)
	}
	for _, name := range TailorableSections() {
		entries := list(doc[name])
		if len(entries) == 0 {
			continue
		}
		sec := OutlineSection{Name: name}
		for _, i := range fullOrder(orders[name], len(entries)) {
			sec.Entries = append(sec.Entries, outlineEntry(name, i, entries[i], hidden[name][i], texts))
		}
		out.Sections = append(out.Sections, sec)
	}
	return out, nil
}

func outlineEntry(section string, i int, entry any, hidden bool, texts map[string]string) OutlineEntry {
	e := OutlineEntry{Index: i, Label: entryLabel(entry), Hidden: hidden}
	if e.Label == "" {
		e.Label = EntryName(section, i)
	}
	if !slices.Contains(sectionsWithHighlights, section) {
		return e
	}
	m, _ := entry.(map[string]any)
	for j, h := range list(m["highlights"]) {
		if s, ok := h.(string); ok {
			path := pointer([]string{section, strconv.Itoa(i), "highlights", strconv.Itoa(j)})
			e.Highlights = append(e.Highlights, *rewording(path, s, texts))
		}
	}
	return e
}

func rewording(path, master string, texts map[string]string) *Rewording {
	r := &Rewording{Path: path, Master: master, Text: master}
	if t, ok := texts[path]; ok {
		r.Text = t
	}
	return r
}

// tailoringParts reads a tailoring's operations by kind: hidden entries and
// orders per section, wordings per path (the last one wins, as in Apply).
func tailoringParts(t Tailoring) (hidden map[string]map[int]bool, orders map[string][]int, texts map[string]string) {
	hidden, orders, texts = map[string]map[int]bool{}, map[string][]int{}, map[string]string{}
	for _, op := range t.Ops {
		switch op.Kind {
		case OpHide:
			if hidden[op.Section] == nil {
				hidden[op.Section] = map[int]bool{}
			}
			hidden[op.Section][op.Index] = true
		case OpOrder:
			if _, seen := orders[op.Section]; !seen {
				orders[op.Section] = op.Order
			}
		case OpReword:
			texts[op.Path] = op.Text
		}
	}
	return hidden, orders, texts
}

// fullOrder lists all n master indexes: those of order that are valid, in
// its order and once each, then the rest in master order.
func fullOrder(order []int, n int) []int {
	out := make([]int, 0, n)
	for _, i := range order {
		if i >= 0 && i < n && !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	for i := range n {
		if !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	return out
}

// TailorChoices is what an editing form says about a tailored copy.
type TailorChoices struct {
	Hidden map[string][]int  // section -> master indexes to leave out
	Order  map[string][]int  // section -> master indexes in the order to show them
	Texts  map[string]string // JSON pointer -> wording, for every text the form offered
}

// Tailoring turns the choices into operations over master, the fewest that
// say them: an order equal to the master's and a wording equal to the
// master's text are no change at all. Rewordings the form did not offer
// (made through the API) are kept from before. The result is checked by
// Apply when it is saved.
func (c TailorChoices) Tailoring(master Resume, before Tailoring) (Tailoring, error) {
	doc, err := toTree(master)
	if err != nil {
		return Tailoring{}, err
	}
	t := Tailoring{Ops: []Op{}}
	for _, section := range TailorableSections() {
		for _, i := range slices.Sorted(slices.Values(c.Hidden[section])) {
			t.Ops = append(t.Ops, Op{Kind: OpHide, Section: section, Index: i})
		}
		if order := fullOrder(c.Order[section], len(list(doc[section]))); !isIdentity(order) {
			t.Ops = append(t.Ops, Op{Kind: OpOrder, Section: section, Order: order})
		}
	}
	for _, op := range before.Ops {
		if _, offered := c.Texts[op.Path]; op.Kind == OpReword && !offered {
			t.Ops = append(t.Ops, op)
		}
	}
	for _, path := range slices.Sorted(maps.Keys(c.Texts)) {
		if old, ok := textAt(doc, path); !ok || old != c.Texts[path] {
			t.Ops = append(t.Ops, Op{Kind: OpReword, Path: path, Text: c.Texts[path]})
		}
	}
	return t, nil
}

func isIdentity(order []int) bool {
	for k, i := range order {
		if i != k {
			return false
		}
	}
	return true
}

// textAt returns the string at a JSON pointer in doc.
func textAt(doc map[string]any, path string) (string, bool) {
	tokens, err := parsePointer(path)
	if err != nil {
		return "", false
	}
	var v any = doc
	for _, tok := range tokens {
		if v = child(v, tok); v == nil {
			return "", false
		}
	}
	s, ok := v.(string)
	return s, ok
}
