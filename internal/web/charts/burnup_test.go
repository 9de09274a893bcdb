package charts

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"devpath/internal/plan"
)

func TestBurnUp(t *testing.T) {
	monday := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	c := plan.BurnUpChart{Scope: 60, Actual: []int{4, 14, 14, 16}}
	for k := range 6 {
		c.Weeks = append(c.Weeks, monday.AddDate(0, 0, 7*k))
		c.Planned = append(c.Planned, min(c.Scope, (k+1)*10))
	}

	svg := string(BurnUp(c))
	for _, want := range []string{`role="img"`, `aria-label="Burn-up chart: 16 of`, `<title>`, ">Planned<", ">Done<", "2026-03-02"} {
		if !strings.Contains(svg, want) {
			t.Errorf("svg lacks %q", want)
		}
	}
	if n := strings.Count(svg, "<polyline"); n != 2 {
		t.Errorf("%d lines, want planned and done", n)
	}
	dec := xml.NewDecoder(strings.NewReader(svg))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("svg is not well-formed: %v", err)
		}
	}
}
