package plan

import (
	"testing"
	"time"

	"devpath/internal/app"
)

// TestWithGroup: what the learner set wins; the group's schedule fills the
// rest, or the whole profile when there is none.
func TestWithGroup(t *testing.T) {
	g := Group{Name: "Autumn", HoursPerWeek: 25, Target: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC), TimeZone: "Europe/Berlin"}
	own := Profile{HoursPerWeek: 6, TimeZone: "UTC"}
	if p, err := withGroup(own, nil, g); err != nil || p.HoursPerWeek != 6 || !p.TargetDate.Equal(g.Target) {
		t.Errorf("own hours, group target: %+v %v", p, err)
	}
	own.TargetDate = time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)
	if p, _ := withGroup(own, nil, g); !p.TargetDate.Equal(own.TargetDate) {
		t.Errorf("the learner's own target was replaced: %+v", p)
	}
	p, err := withGroup(Profile{}, app.Errorf(app.NotFound, "no profile"), g)
	if err != nil || p.HoursPerWeek != 25 || p.TimeZone != "Europe/Berlin" || p.Route != Bootcamp {
		t.Errorf("no profile: %+v %v", p, err)
	}
}
