package resume

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"devpath/internal/app"
)

// OpKind is what one tailoring operation does.
type OpKind string

const (
	OpHide   OpKind = "hide"   // leave one entry of a section out
	OpOrder  OpKind = "order"  // put a section's entries in another order
	OpReword OpKind = "reword" // replace the text of one string
)

// Op is one change a tailored copy makes to the master resume. Entries and
// texts are named by where they are in the master, so operations never
// depend on each other's order and keep their meaning when listed anew.
type Op struct {
	Kind    OpKind `json:"op"`
	Section string `json:"section,omitempty"` // hide, order: "work", "projects", ...
	Index   int    `json:"index"`             // hide: the entry's index in the master
	// Order lists master indexes in their new order; entries left out
	// follow in master order.
	Order []int  `json:"order,omitempty"`
	Path  string `json:"path,omitempty"` // reword: JSON pointer to a string in the master, e.g. /work/0/highlights/1
	Text  string `json:"text,omitempty"` // reword: the new wording
}

// String describes the operation in words, by the place it names in the
// master: "hide Work 3", "reword Work 1, highlight 2 as “Built an API”".
func (op Op) String() string {
	switch op.Kind {
	case OpHide:
		return "hide " + EntryName(op.Section, op.Index)
	case OpOrder:
		return "reorder " + SectionTitle(op.Section)
	case OpReword:
		return fmt.Sprintf("reword %s as “%s”", Place(op.Path), op.Text)
	}
	return string(op.Kind)
}

// Tailoring is how one tailored resume differs from the master.
type Tailoring struct {
	Ops []Op `json:"ops"`
}

// listSections are the resume sections made of entries, which can be
// hidden and reordered.
const listSections = "work volunteer education projects awards certificates publications skills languages interests references"

// TailorableSections lists the sections whose entries a tailoring can hide
// and reorder.
func TailorableSections() []string { return strings.Fields(listSections) }

// Apply returns the master as tailored by t. The master is not changed:
// the copy is made through JSON, so it shares nothing with it. An operation
// that names a missing section, entry or text makes an Invalid error naming
// it ("ops/2/index").
func Apply(master Resume, t Tailoring) (Resume, error) {
	doc, err := toTree(master)
	if err != nil {
		return Resume{}, err
	}
	plan, err := planOps(doc, t)
	if err != nil {
		return Resume{}, err
	}
	for section, idxs := range plan {
		list := doc[section].([]any)
		out := make([]any, 0, len(idxs))
		for _, i := range idxs {
			out = append(out, list[i])
		}
		doc[section] = out
	}
	return fromTree(doc)
}

// planOps applies the rewordings to doc and returns, for each section that
// is hidden from or reordered, the master indexes to keep, in order.
func planOps(doc map[string]any, t Tailoring) (map[string][]int, error) {
	p := opPlan{doc: doc, problems: app.Problems{}, hidden: map[string]map[int]bool{}, orders: map[string][]int{}}
	for i, op := range t.Ops {
		field := func(name string) string { return fmt.Sprintf("ops/%d/%s", i, name) }
		switch op.Kind {
		case OpReword:
			if err := setString(doc, op.Path, op.Text); err != nil {
				p.problems.Add(field("path"), err.Error())
			}
		case OpHide:
			p.hide(op, field)
		case OpOrder:
			p.order(op, field)
		default:
			p.problems.Add(field("op"), "one of hide, order, reword")
		}
	}
	if err := p.problems.Err(); err != nil {
		return nil, err
	}
	return arrange(doc, p.hidden, p.orders), nil
}

// opPlan gathers what the hide and order operations ask for.
type opPlan struct {
	doc      map[string]any
	problems app.Problems
	hidden   map[string]map[int]bool
	orders   map[string][]int
}

func (p *opPlan) hide(op Op, field func(string) string) {
	n, ok := sectionLen(p.doc, op.Section, field, p.problems)
	switch {
	case !ok: // sectionLen named the problem
	case op.Index < 0 || op.Index >= n:
		p.problems.Add(field("index"), fmt.Sprintf("%s has %d entries; there is no entry %d", op.Section, n, op.Index))
	default:
		if p.hidden[op.Section] == nil {
			p.hidden[op.Section] = map[int]bool{}
		}
		p.hidden[op.Section][op.Index] = true
	}
}

func (p *opPlan) order(op Op, field func(string) string) {
	n, ok := sectionLen(p.doc, op.Section, field, p.problems)
	if !ok {
		return
	}
	if _, twice := p.orders[op.Section]; twice {
		p.problems.Add(field("section"), op.Section+" is already reordered by another operation")
		return
	}
	if msg := checkOrder(op.Order, n); msg != "" {
		p.problems.Add(field("order"), msg)
	}
	p.orders[op.Section] = op.Order
}

func sectionLen(doc map[string]any, section string, field func(string) string, problems app.Problems) (int, bool) {
	if !slices.Contains(TailorableSections(), section) {
		problems.Add(field("section"), "one of "+strings.ReplaceAll(listSections, " ", ", "))
		return 0, false
	}
	list, _ := doc[section].([]any)
	return len(list), true
}

// checkOrder accepts master indexes in range, each at most once.
func checkOrder(order []int, n int) string {
	seen := map[int]bool{}
	for _, i := range order {
		switch {
		case i < 0 || i >= n:
			return fmt.Sprintf("the section has %d entries; there is no entry %d", n, i)
		case seen[i]:
			return fmt.Sprintf("entry %d is listed twice", i)
		}
		seen[i] = true
	}
	return ""
}

// arrange lists, per section touched, the master indexes that stay: the
// ordered ones first, the rest in master order, less the hidden ones.
func arrange(doc map[string]any, hidden map[string]map[int]bool, orders map[string][]int) map[string][]int {
	plan := map[string][]int{}
	for _, section := range TailorableSections() {
		if hidden[section] == nil && orders[section] == nil {
			continue
		}
		list, _ := doc[section].([]any)
		idxs := slices.Clone(orders[section])
		for i := range list {
			if !slices.Contains(idxs, i) {
				idxs = append(idxs, i)
			}
		}
		plan[section] = slices.DeleteFunc(idxs, func(i int) bool { return hidden[section][i] })
	}
	return plan
}

// setString replaces the string at a JSON pointer. Only existing strings
// can be reworded, so a typo in a path is an error, not a new member.
func setString(doc map[string]any, path, text string) error {
	tokens, err := parsePointer(path)
	if err != nil || len(tokens) == 0 {
		return fmt.Errorf("%q is not a JSON pointer to a text, such as /basics/summary", path)
	}
	var parent any = doc
	for _, tok := range tokens[:len(tokens)-1] {
		if parent = child(parent, tok); parent == nil {
			return fmt.Errorf("the master resume has nothing at %s", path)
		}
	}
	last := tokens[len(tokens)-1]
	if _, ok := child(parent, last).(string); !ok {
		return fmt.Errorf("the master resume has no text at %s", path)
	}
	switch p := parent.(type) {
	case map[string]any:
		p[last] = text
	case []any:
		i, _ := strconv.Atoi(last)
		p[i] = text
	}
	return nil
}

func child(v any, tok string) any {
	switch c := v.(type) {
	case map[string]any:
		return c[tok]
	case []any:
		i, err := strconv.Atoi(tok)
		if err != nil || i < 0 || i >= len(c) {
			return nil
		}
		return c[i]
	}
	return nil
}

// parsePointer splits an RFC 6901 JSON pointer into its tokens.
func parsePointer(p string) ([]string, error) {
	if !strings.HasPrefix(p, "/") {
		return nil, fmt.Errorf("a JSON pointer starts with /")
	}
	tokens := strings.Split(p[1:], "/")
	r := strings.NewReplacer("~1", "/", "~0", "~")
	for i, t := range tokens {
		tokens[i] = r.Replace(t)
	}
	return tokens, nil
}

// toTree turns a resume into plain JSON values (maps, slices, strings,
// json.Number), a deep copy that can be changed freely.
func toTree(r Resume) (map[string]any, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("encode resume: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("decode resume: %w", err)
	}
	return doc, nil
}

func fromTree(doc map[string]any) (Resume, error) {
	b, err := json.Marshal(doc)
	if err != nil {
		return Resume{}, fmt.Errorf("encode resume: %w", err)
	}
	var r Resume
	if err := json.Unmarshal(b, &r); err != nil {
		return Resume{}, fmt.Errorf("decode resume: %w", err)
	}
	return r, nil
}
