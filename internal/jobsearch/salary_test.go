package jobsearch

import (
	"strings"
	"testing"
	"testing/fstest"

	"devpath/content"
)

func TestLoadSalaries(t *testing.T) {
	s, err := LoadSalaries(content.Career)
	if err != nil {
		t.Fatal(err)
	}
	src := s.Sources[0]
	if src.Publisher != "Springboard" || src.Currency != "USD" || len(src.Levels) != 3 {
		t.Fatalf("%+v", src)
	}
	got := []string{}
	for _, l := range src.Levels {
		got = append(got, l.ID+" "+l.Figure(src.Currency))
	}
	want := "entry $77,467|mid $90,000|senior $100,000 to $175,000"
	if strings.Join(got, "|") != want {
		t.Errorf("levels %q, want %q", strings.Join(got, "|"), want)
	}
	if cite := src.Cite(); cite != `Springboard, "How To Become a Backend Developer" (2023, updated 2024)` {
		t.Errorf("cite %q", cite)
	}
}

func TestLoadSalariesRefusesBadData(t *testing.T) {
	for _, tc := range []struct{ name, yaml, says string }{
		{"placeholder figures", "sources:\n- {id: x, title: T, publisher: P, published: '2024', currency: USD, levels: [{id: p10, label: L, amount: 0}]}", "give either amount or low"},
		{"levels out of order", "sources:\n- {id: x, title: T, publisher: P, published: '2024', currency: USD, levels: [{id: a, label: A, amount: 9}, {id: b, label: B, amount: 5}]}", "lowest to highest"},
		{"no currency", "sources:\n- {id: x, title: T, publisher: P, published: '2024', levels: [{id: a, label: A, amount: 9}]}", "ISO 4217"},
		{"unknown field", "sources:\n- {id: x, titel: T}", "titel"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{"career/salaries.yaml": {Data: []byte(tc.yaml)}}
			_, err := LoadSalaries(fsys)
			if err == nil || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("err %v, want it to say %q", err, tc.says)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	s, err := LoadSalaries(content.Career)
	if err != nil {
		t.Fatal(err)
	}
	src := s.Sources[0]
	for _, tc := range []struct {
		offer     Money
		position  string
		relations string // entry, mid, senior
	}{
		{Money{60000, "USD"}, "below Entry level ($77,467)", "below below below"},
		{Money{78000, "USD"}, "about Entry level ($77,467)", "at below below"},
		{Money{84000, "USD"}, "between Entry level ($77,467) and Mid level ($90,000)", "above below below"},
		{Money{91000, "USD"}, "about Mid level ($90,000)", "above at below"},
		{Money{97000, "USD"}, "between Mid level ($90,000) and Senior ($100,000 to $175,000)", "above above below"},
		{Money{150000, "USD"}, "within Senior ($100,000 to $175,000)", "above above at"},
		{Money{200000, "USD"}, "above Senior ($100,000 to $175,000)", "above above above"},
	} {
		c := Compare(tc.offer, src)
		var rels []string
		for _, l := range c.Levels {
			rels = append(rels, string(l.Relation))
		}
		if !c.Comparable || c.Position != tc.position || strings.Join(rels, " ") != tc.relations {
			t.Errorf("%s: %q %v, want %q %s", tc.offer, c.Position, rels, tc.position, tc.relations)
		}
		if !strings.Contains(c.Summary, "Springboard") || !strings.Contains(c.Summary, "2023, updated 2024") || !strings.Contains(c.Summary, tc.offer.String()) {
			t.Errorf("summary %q lacks the source, its date or the offer", c.Summary)
		}
	}
	c := Compare(Money{84000, "USD"}, src)
	if d := c.Levels[0].Difference; d != 84000-77467 {
		t.Errorf("difference from entry %d", d)
	}
	if d := c.Levels[2].Difference; d != 84000-100000 {
		t.Errorf("difference from senior %d", d)
	}
}

func TestCompareOtherCurrency(t *testing.T) {
	s, err := LoadSalaries(content.Career)
	if err != nil {
		t.Fatal(err)
	}
	c := Compare(Money{60000, "EUR"}, s.Sources[0])
	if c.Comparable || len(c.Levels) != 0 || !strings.Contains(c.Summary, "exchange rate") {
		t.Errorf("%+v", c)
	}
}

func TestMoneyString(t *testing.T) {
	for m, want := range map[Money]string{
		{77467, "USD"}: "$77,467", {1000000, "GBP"}: "£1,000,000", {999, "EUR"}: "€999",
		{52000, "SEK"}: "52,000 SEK", {-1500, "USD"}: "$-1,500", {0, ""}: "0",
	} {
		if got := m.String(); got != want {
			t.Errorf("%v: %q, want %q", m.Amount, got, want)
		}
	}
}
