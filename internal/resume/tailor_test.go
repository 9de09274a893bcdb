package resume

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"devpath/internal/app"
	"devpath/internal/app/apptest"
)

func TestApplyNeverChangesMaster(t *testing.T) {
	master := sampleResume(t)
	before, err := json.Marshal(master)
	if err != nil {
		t.Fatal(err)
	}
	tailored, err := Apply(master, Tailoring{Ops: []Op{
		{Kind: OpReword, Path: "/basics/summary", Text: "Backend developer who ships tested Go services."},
		{Kind: OpReword, Path: "/work/0/highlights/0", Text: "Built a Go REST API on PostgreSQL for 40 depots"},
		{Kind: OpHide, Section: "work", Index: 1},
		{Kind: OpOrder, Section: "languages", Order: []int{1, 0}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	// change the copy everywhere it could share memory with the master
	tailored.Work[0].Highlights[1] = "changed"
	tailored.Work[0].Extra["x-team"] = json.RawMessage(`"changed"`)
	tailored.Basics.Profiles[0].URL = "https://changed.example"
	after, err := json.Marshal(master)
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Errorf("the master changed:\n%s\n%s", before, after)
	}
}

func TestApply(t *testing.T) {
	master := sampleResume(t)
	tailored, err := Apply(master, Tailoring{Ops: []Op{
		{Kind: OpHide, Section: "work", Index: 1},
		{Kind: OpOrder, Section: "education", Order: []int{1}}, // the rest follow
		{Kind: OpReword, Path: "/work/0/summary", Text: "Built the tracking API."},
		{Kind: OpReword, Path: "/work/1/summary", Text: "reworded, then hidden"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(tailored.Work) != 1 || tailored.Work[0].Name != "Harbour Freight Co-operative" || tailored.Work[0].Summary != "Built the tracking API." {
		t.Errorf("work %+v", tailored.Work)
	}
	if got := []string{tailored.Education[0].Institution, tailored.Education[1].Institution}; !slices.Equal(got, []string{"University of Example", "Open Backend Bootcamp"}) {
		t.Errorf("education order %v", got)
	}
	if string(tailored.Extra["x-devpath"]) == "" || tailored.Work[0].Extra["x-team"] == nil {
		t.Error("unknown members lost")
	}
}

func TestApplyRefusesBadOps(t *testing.T) {
	master := sampleResume(t)
	for _, tc := range []struct {
		name  string
		op    Op
		field string
		says  string
	}{
		{"unknown section", Op{Kind: OpHide, Section: "hobbies"}, "ops/0/section", "one of work"},
		{"index out of range", Op{Kind: OpHide, Section: "work", Index: 2}, "ops/0/index", "work has 2 entries"},
		{"negative index", Op{Kind: OpHide, Section: "work", Index: -1}, "ops/0/index", "no entry -1"},
		{"order repeats an entry", Op{Kind: OpOrder, Section: "work", Order: []int{0, 0}}, "ops/0/order", "listed twice"},
		{"order out of range", Op{Kind: OpOrder, Section: "work", Order: []int{5}}, "ops/0/order", "no entry 5"},
		{"reword a missing text", Op{Kind: OpReword, Path: "/work/0/highlights/9", Text: "x"}, "ops/0/path", "no text at"},
		{"reword in a missing entry", Op{Kind: OpReword, Path: "/work/7/summary", Text: "x"}, "ops/0/path", "nothing at /work/7/summary"},
		{"reword an object", Op{Kind: OpReword, Path: "/basics/location", Text: "x"}, "ops/0/path", "no text at"},
		{"reword without a pointer", Op{Kind: OpReword, Path: "basics.summary", Text: "x"}, "ops/0/path", "not a JSON pointer"},
		{"unknown op", Op{Kind: "delete"}, "ops/0/op", "one of hide"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Apply(master, Tailoring{Ops: []Op{tc.op}})
			e := apptest.Error(t, err, app.Invalid)
			if !strings.Contains(e.Fields[tc.field], tc.says) {
				t.Errorf("fields %v, want %s to say %q", e.Fields, tc.field, tc.says)
			}
		})
	}
}

func TestDiffListsExactlyWhatChanged(t *testing.T) {
	master := sampleResume(t)
	for _, tc := range []struct {
		name string
		ops  []Op
		want []string // basics first, then each section in resume order
	}{
		{"no tailoring", nil, nil},
		{
			"hidden, moved and reworded",
			[]Op{
				{Kind: OpHide, Section: "volunteer", Index: 0},
				{Kind: OpOrder, Section: "education", Order: []int{1, 0}},
				{Kind: OpReword, Path: "/basics/summary", Text: "Go developer."},
				{Kind: OpReword, Path: "/work/0/highlights/2", Text: "Set up CI/CD with GitHub Actions"},
			},
			[]string{
				"Summary — reworded from “Former logistics planner who now builds APIs in Go and Python. I like small, well-tested services and clear documentation.” to “Go developer.”",
				"Work: Backend developer intern at Harbour Freight Co-operative, highlight 3 — reworded from “Set up CI with GitHub Actions and container builds” to “Set up CI/CD with GitHub Actions”",
				"Volunteering: Mentor at Leeds Code Club — hidden",
				"Education: Bachelor in Geography at University of Example — moved from position 2 to 1",
			},
		},
		{
			"hiding an entry does not move the ones after it",
			[]Op{{Kind: OpHide, Section: "work", Index: 0}},
			[]string{"Work: Backend developer intern at Harbour Freight Co-operative — hidden"},
		},
		{
			"a reworded entry that also moved",
			[]Op{
				{Kind: OpOrder, Section: "work", Order: []int{1}},
				{Kind: OpReword, Path: "/work/1/position", Text: "Operations planner"},
			},
			[]string{
				"Work: Logistics planner at Northern Parcels Ltd — moved from position 2 to 1",
				"Work: Logistics planner at Northern Parcels Ltd, position — reworded from “Logistics planner” to “Operations planner”",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tailored, err := Apply(master, Tailoring{Ops: tc.ops})
			if err != nil {
				t.Fatal(err)
			}
			changes, err := Diff(master, tailored)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, c := range changes {
				got = append(got, c.String())
			}
			if !slices.Equal(got, append([]string{}, tc.want...)) {
				t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestDiffOfAnEditedCopy(t *testing.T) {
	master := sampleResume(t)
	edited := sampleResume(t)
	edited.Projects = append(edited.Projects, Project{Name: "Rota bot"})
	edited.Skills[0].Keywords = append(edited.Skills[0].Keywords, "Kafka")
	changes, err := Diff(master, edited)
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{Kind: ChangeAdded, Section: "projects", Entry: "Rota bot", Path: "/projects/1"},
		{Kind: ChangeReworded, Section: "skills", Entry: "Backend", Path: "/skills/0/keywords/5", New: "Kafka"},
	}
	if !slices.Equal(changes, want) {
		t.Errorf("changes %+v, want %+v", changes, want)
	}
}

func TestMovesAreTheFewest(t *testing.T) {
	for _, tc := range []struct {
		pair  []int // tailored position -> master index
		moved []int // tailored positions reported as moved
	}{
		{[]int{0, 1, 2, 3}, nil},
		{[]int{3, 0, 1, 2}, []int{0}},  // the last moved to the top
		{[]int{1, 2, 3, 0}, []int{3}},  // the first moved to the bottom
		{[]int{0, -1, 2, 1}, []int{2}}, // with an added entry in between
		{[]int{1, 0}, []int{0}},        // a swap: the one now on top moved
		{[]int{2, 1, 0}, []int{0, 1}},  // reversed: two moves
	} {
		stay := stayingInPlace(tc.pair)
		var moved []int
		for j, i := range tc.pair {
			if i >= 0 && !stay[j] {
				moved = append(moved, j)
			}
		}
		if !slices.Equal(moved, tc.moved) {
			t.Errorf("pair %v: moved %v, want %v", tc.pair, moved, tc.moved)
		}
	}
}
