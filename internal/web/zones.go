package web

import "strings"

//go:generate go run zones_gen.go

// zoneGroup is one <optgroup> of the time zone select.
type zoneGroup struct {
	Region string
	Zones  []zoneOption
}

// zoneOption is one zone: its IANA name, and the name a person scans for
// within the region ("New York" under America).
type zoneOption struct{ Name, Label string }

// zoneGroups are zoneNames by region, in the order of zoneNames (sorted).
var zoneGroups = groupZones(zoneNames)

func groupZones(names []string) []zoneGroup {
	var groups []zoneGroup
	for _, n := range names {
		region, place, _ := strings.Cut(n, "/")
		if len(groups) == 0 || groups[len(groups)-1].Region != region {
			groups = append(groups, zoneGroup{Region: region})
		}
		g := &groups[len(groups)-1]
		g.Zones = append(g.Zones, zoneOption{Name: n, Label: strings.ReplaceAll(strings.ReplaceAll(place, "_", " "), "/", " / ")})
	}
	return groups
}
