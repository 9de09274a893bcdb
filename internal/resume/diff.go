package resume

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// ChangeKind is how a tailored resume differs from its master at one place.
type ChangeKind string

const (
	ChangeHidden   ChangeKind = "hidden"   // an entry of the master is left out
	ChangeAdded    ChangeKind = "added"    // an entry the master does not have
	ChangeMoved    ChangeKind = "moved"    // an entry shown at another position
	ChangeReworded ChangeKind = "reworded" // a text changed
)

// Change is one difference between a tailored resume and its master.
type Change struct {
	Kind    ChangeKind `json:"kind"`
	Section string     `json:"section,omitempty"`
	Entry   string     `json:"entry,omitempty"` // the entry as a person recognises it
	// Path is a JSON pointer into the master (into the tailored copy for
	// an added entry).
	Path string `json:"path"`
	From int    `json:"from,omitempty"` // moved: position in the master, from 1
	To   int    `json:"to,omitempty"`   // moved: position in the tailored copy, from 1
	Old  string `json:"old,omitempty"`  // reworded: the master's text ("" when added)
	New  string `json:"new,omitempty"`  // reworded: the tailored text ("" when removed)
}

// String describes the change in words, naming the entry by its title:
// "Work: Backend intern at Acme — moved from position 3 to 1".
func (c Change) String() string {
	where := describePath(c.Path, func(section string, i int) string { return entryTitle(section, i, c.Entry) })
	switch {
	case c.Kind == ChangeHidden:
		return where + " — hidden"
	case c.Kind == ChangeAdded:
		return where + " — added"
	case c.Kind == ChangeMoved:
		return fmt.Sprintf("%s — moved from position %d to %d", where, c.From, c.To)
	case c.Old == "":
		return fmt.Sprintf("%s — added “%s”", where, c.New)
	case c.New == "":
		return fmt.Sprintf("%s — removed “%s”", where, c.Old)
	}
	return fmt.Sprintf("%s — reworded from “%s” to “%s”", where, c.Old, c.New)
}

// Diff lists how tailored differs from master: entries hidden, added or
// moved in each section, and texts reworded anywhere. Tailored entries are
// paired with master entries by the texts they share, so a reworded entry is
// still recognised; an entry with every text changed reads as one hidden and
// one added. Moves are the fewest that explain the new order.
func Diff(master, tailored Resume) ([]Change, error) {
	m, err := toTree(master)
	if err != nil {
		return nil, err
	}
	t, err := toTree(tailored)
	if err != nil {
		return nil, err
	}
	var out []Change
	sections := TailorableSections()
	for _, k := range sortedUnion(m, t) {
		if slices.Contains(sections, k) {
			continue
		}
		out = diffValue(out, "", pointer([]string{k}), m[k], t[k])
	}
	for _, s := range sections {
		out = append(out, diffSection(s, list(m[s]), list(t[s]))...)
	}
	return out, nil
}

func list(v any) []any { l, _ := v.([]any); return l }

// diffSection pairs entries, then reports hidden, added, moved and reworded.
func diffSection(section string, m, t []any) []Change {
	pair := pairEntries(m, t) // tailored index -> master index, or -1
	var out []Change
	used := map[int]bool{}
	for _, i := range pair {
		used[i] = true
	}
	for i, e := range m {
		if !used[i] {
			out = append(out, Change{Kind: ChangeHidden, Section: section, Entry: entryLabel(e), Path: pointer([]string{section, strconv.Itoa(i)})})
		}
	}
	stay := stayingInPlace(pair)
	for j, i := range pair {
		switch {
		case i < 0:
			out = append(out, Change{Kind: ChangeAdded, Section: section, Entry: entryLabel(t[j]), Path: pointer([]string{section, strconv.Itoa(j)})})
		case !stay[j]:
			out = append(out, Change{Kind: ChangeMoved, Section: section, Entry: entryLabel(m[i]), Path: pointer([]string{section, strconv.Itoa(i)}), From: i + 1, To: j + 1})
		}
	}
	for j, i := range pair {
		if i >= 0 {
			out = diffValue(out, entryLabel(m[i]), pointer([]string{section, strconv.Itoa(i)}), m[i], t[j])
		}
	}
	for k := range out {
		if out[k].Kind == ChangeReworded {
			out[k].Section = section
		}
	}
	return out
}

// pairEntries matches each tailored entry to the master entry sharing the
// most texts with it, best pairs first; -1 when none shares any.
func pairEntries(m, t []any) []int {
	type cand struct{ i, j, score int }
	var cands []cand
	for j := range t {
		for i := range m {
			if s := shared(m[i], t[j]); s > 0 {
				cands = append(cands, cand{i, j, s})
			}
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(abs(a.i-a.j), abs(b.i-b.j)))
	})
	pair := slices.Repeat([]int{-1}, len(t))
	taken := map[int]bool{}
	for _, c := range cands {
		if pair[c.j] < 0 && !taken[c.i] {
			pair[c.j], taken[c.i] = c.i, true
		}
	}
	return pair
}

func abs(x int) int { return max(x, -x) }

// shared counts the leaf texts two entries have in common at the same place.
func shared(a, b any) int {
	la, lb := leaves(a, ""), leaves(b, "")
	n := 0
	for k, v := range la {
		if w, ok := lb[k]; ok && w == v {
			n++
		}
	}
	return n
}

func leaves(v any, prefix string) map[string]string {
	out := map[string]string{}
	switch c := v.(type) {
	case map[string]any:
		for k, x := range c {
			maps.Copy(out, leaves(x, prefix+"/"+k))
		}
	case []any:
		for i, x := range c {
			maps.Copy(out, leaves(x, prefix+"/"+strconv.Itoa(i)))
		}
	default:
		out[prefix] = text(v)
	}
	return out
}

// stayingInPlace marks the paired entries of the longest run that keeps
// the master's order; the others are the ones that moved.
func stayingInPlace(pair []int) map[int]bool {
	var js []int // tailored positions of paired entries
	for j, i := range pair {
		if i >= 0 {
			js = append(js, j)
		}
	}
	best := make([]int, len(js)) // length of the longest increasing run ending at k
	prev := make([]int, len(js))
	end := -1
	for k := range js {
		best[k], prev[k] = 1, -1
		for h := range k {
			if pair[js[h]] < pair[js[k]] && best[h]+1 > best[k] {
				best[k], prev[k] = best[h]+1, h
			}
		}
		// on a tie keep the later run in place: with two entries swapped,
		// the one now on top is the one that moved
		if end < 0 || best[k] >= best[end] {
			end = k
		}
	}
	stay := map[int]bool{}
	for k := end; k >= 0; k = prev[k] {
		stay[js[k]] = true
	}
	return stay
}

// diffValue reports texts that differ between a and b, walking objects by
// member and arrays by index.
func diffValue(out []Change, entry, path string, a, b any) []Change {
	ma, aObj := a.(map[string]any)
	mb, bObj := b.(map[string]any)
	if aObj && bObj {
		for _, k := range sortedUnion(ma, mb) {
			out = diffValue(out, entry, path+"/"+escapeToken(k), ma[k], mb[k])
		}
		return out
	}
	la, aList := a.([]any)
	lb, bList := b.([]any)
	if aList && bList {
		for i := range max(len(la), len(lb)) {
			out = diffValue(out, entry, path+"/"+strconv.Itoa(i), at(la, i), at(lb, i))
		}
		return out
	}
	if ta, tb := text(a), text(b); ta != tb {
		out = append(out, Change{Kind: ChangeReworded, Entry: entry, Path: path, Old: ta, New: tb})
	}
	return out
}

func at(l []any, i int) any {
	if i < len(l) {
		return l[i]
	}
	return nil
}

// text shows a JSON value as a person reads it: strings as they are,
// anything else as JSON, nothing as "".
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func sortedUnion(a, b map[string]any) []string {
	keys := slices.Collect(maps.Keys(a))
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

func escapeToken(t string) string { return strings.NewReplacer("~", "~0", "/", "~1").Replace(t) }
