package app

import (
	"sync"
	"time"
)

// zones holds every time zone loaded so far, by name. time.LoadLocation
// reads and parses the zone's file on every call, and devpath asks for the
// same few zones on hot paths (each learner's, each cohort's, each mentor's
// while matching); there are some 600 names, so the cache stays small.
var zones sync.Map // name -> *time.Location

// Zone is time.LoadLocation, remembered: a zone is read from its file once
// per process. Unknown names are not remembered, so they cannot grow it.
func Zone(name string) (*time.Location, error) {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	zones.Store(name, loc)
	return loc, nil
}
