package roadmap

import "testing"

func TestStartingPoints(t *testing.T) {
	all := StartingPoints()
	want := []StartingPoint{"no_experience", "related_change", "unrelated_change", "freelance"}
	if len(all) != len(want) {
		t.Fatalf("starting points %v", all)
	}
	for i, sp := range all {
		if sp != want[i] || !sp.Valid() || sp.Label() == "" {
			t.Errorf("%d: %q valid %v label %q", i, sp, sp.Valid(), sp.Label())
		}
	}
	for _, sp := range []StartingPoint{"", "retired", "No_Experience"} {
		if sp.Valid() || sp.Label() != "" {
			t.Errorf("%q is valid or labelled", sp)
		}
	}
	if got := StartingPointList(); got != "no_experience, related_change, unrelated_change, freelance" {
		t.Errorf("list %q", got)
	}
}

// The lists are the caller's own: changing one changes no later answer.
func TestListsAreFresh(t *testing.T) {
	StartingPoints()[0] = "changed"
	ResourceKinds()[0] = "changed"
	if StartingPoints()[0] != NoExperience || ResourceKinds()[0] != "course" {
		t.Error("a caller's change reached the package")
	}
}
