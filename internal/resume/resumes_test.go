package resume

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestOutline(t *testing.T) {
	master := sampleResume(t)
	o, err := Outline(master, Tailoring{Ops: []Op{
		{Kind: OpHide, Section: "work", Index: 1},
		{Kind: OpOrder, Section: "languages", Order: []int{1}},
		{Kind: OpReword, Path: "/work/0/highlights/0", Text: "Built a Go REST API"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if o.Summary == nil || o.Summary.Path != "/basics/summary" || o.Summary.Changed() {
		t.Errorf("summary %+v", o.Summary)
	}
	sections := map[string]OutlineSection{}
	for _, s := range o.Sections {
		sections[s.Name] = s
	}
	work := sections["work"].Entries
	if len(work) != 2 || work[0].Hidden || !work[1].Hidden || work[1].Label != "Logistics planner at Northern Parcels Ltd" {
		t.Errorf("work %+v", work)
	}
	if h := work[0].Highlights[0]; h.Path != "/work/0/highlights/0" || h.Text != "Built a Go REST API" || !h.Changed() {
		t.Errorf("highlight %+v", h)
	}
	if langs := sections["languages"].Entries; langs[0].Label != "Swedish" || langs[1].Label != "English" {
		t.Errorf("languages %+v", langs)
	}
	if _, ok := sections["publications"]; !ok || len(sections["publications"].Entries[0].Highlights) != 0 {
		t.Error("a section without highlights is missing or offers some")
	}
}

// TestChoicesRoundTrip sends back what the form shows and expects the same
// resume: the form loses nothing of a tailoring.
func TestChoicesRoundTrip(t *testing.T) {
	master := sampleResume(t)
	before := Tailoring{Ops: []Op{
		{Kind: OpHide, Section: "work", Index: 1},
		{Kind: OpOrder, Section: "education", Order: []int{1, 0}},
		{Kind: OpReword, Path: "/projects/0/highlights/1", Text: "Load-tested it"},
		{Kind: OpReword, Path: "/work/0/summary", Text: "made through the API, not on the form"},
	}}
	o, err := Outline(master, before)
	if err != nil {
		t.Fatal(err)
	}
	c := TailorChoices{Hidden: map[string][]int{}, Order: map[string][]int{}, Texts: map[string]string{}}
	c.Texts[o.Summary.Path] = o.Summary.Text
	for _, s := range o.Sections {
		for _, e := range s.Entries {
			c.Order[s.Name] = append(c.Order[s.Name], e.Index)
			if e.Hidden {
				c.Hidden[s.Name] = append(c.Hidden[s.Name], e.Index)
			}
			for _, h := range e.Highlights {
				c.Texts[h.Path] = h.Text
			}
		}
	}
	after, err := c.Tailoring(master, before)
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Ops) != len(before.Ops) {
		t.Errorf("ops %+v", after.Ops)
	}
	want, _ := Apply(master, before)
	got, err := Apply(master, after)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := tailoredJSON(t, want), tailoredJSON(t, got); a != b {
		t.Errorf("round trip changed the copy:\n%s\n%s", a, b)
	}
}

func TestChoicesLikeTheMasterAreNoChange(t *testing.T) {
	master := sampleResume(t)
	c := TailorChoices{
		Order: map[string][]int{"work": {0, 1}, "languages": {}},
		Texts: map[string]string{"/basics/summary": master.Basics.Summary},
	}
	got, err := c.Tailoring(master, Tailoring{})
	if err != nil || len(got.Ops) != 0 {
		t.Errorf("ops %+v, %v", got.Ops, err)
	}
}

func TestFitOps(t *testing.T) {
	master := sampleResume(t)
	keep, dropped := fitOps(master, Tailoring{Ops: []Op{
		{Kind: OpHide, Section: "work", Index: 7},
		{Kind: OpReword, Path: "/basics/summary", Text: "Shorter."},
		{Kind: OpOrder, Section: "work", Order: []int{1, 0}},
		{Kind: OpOrder, Section: "work", Order: []int{0, 1}},
	}})
	if len(keep.Ops) != 2 || keep.Ops[0].Kind != OpReword || !slices.Equal(keep.Ops[1].Order, []int{1, 0}) {
		t.Errorf("kept %+v", keep.Ops)
	}
	if len(dropped) != 2 || dropped[0].Index != 7 {
		t.Errorf("dropped %+v", dropped)
	}
}

func tailoredJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
