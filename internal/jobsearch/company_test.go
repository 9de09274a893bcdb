package jobsearch

import "testing"

func TestSameCompany(t *testing.T) {
	existing := []string{"ACME, Inc.", "Müller GmbH & Co. KG", "The Widget Company", "Société Générale S.A.", "Procter & Gamble", "O'Reilly Media"}
	for _, tc := range []struct {
		company string
		want    bool
	}{
		{"Acme", true},
		{"acme inc", true},
		{"ACME Corporation", true},
		{"Acme Ltd.", true},
		{"Acme Labs", false},
		{"Muller", true},
		{"MÜLLER GMBH", true},
		{"Widget", true},
		{"the widget co", true},
		{"Societe Generale", true},
		{"Procter and Gamble", true},
		{"Procter", false},
		{"OReilly Media", true},
		{"Gamble", false},
		{"", false},
		{"Inc.", false},
	} {
		if got := SameCompany(existing, tc.company); got != tc.want {
			t.Errorf("SameCompany(%q) = %v, want %v", tc.company, got, tc.want)
		}
	}
	if SameCompany(nil, "Acme") {
		t.Error("nothing applied for yet")
	}
}
