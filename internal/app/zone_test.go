package app

import "testing"

func TestZone(t *testing.T) {
	a, err := Zone("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Zone("Europe/Berlin")
	if a != b || a.String() != "Europe/Berlin" {
		t.Errorf("Zone gave %p %q then %p: want the same zone, read once", a, a, b)
	}
	if _, err := Zone("Mars/Olympus_Mons"); err == nil {
		t.Error("an unknown zone loaded")
	}
	if _, ok := zones.Load("Mars/Olympus_Mons"); ok {
		t.Error("an unknown zone was remembered")
	}
}

func BenchmarkZone(b *testing.B) {
	for b.Loop() {
		if _, err := Zone("America/New_York"); err != nil {
			b.Fatal(err)
		}
	}
}
