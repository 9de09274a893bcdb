package api

import "testing"

// The plain handler takes the bodies clients send and nothing it would
// have to judge (which it leaves to Huma).
func TestDecodeProgress(t *testing.T) {
	for _, tc := range []struct {
		body   string
		ok     bool
		status string
		note   string
	}{
		{`{"status":"done"}`, true, "done", ""},
		{`{"note":"a \"quoted\" note"}`, true, "", `a "quoted" note`},
		{` {"status":"learning","note":"x"} `, true, "learning", "x"},
		{`{}`, true, "", ""},
		{`{"Status":"done"}`, false, "", ""},
		{`{"status":null}`, false, "", ""},
		{`{"status":1}`, false, "", ""},
		{`{"status":"done","x":"y"}`, false, "", ""},
		{`{"status":"done"}x`, false, "", ""},
		{`["done"]`, false, "", ""},
		{``, false, "", ""},
	} {
		st, note, ok := decodeProgress([]byte(tc.body))
		if ok != tc.ok {
			t.Errorf("%s: ok %v, want %v", tc.body, ok, tc.ok)
			continue
		}
		if st != nil && string(*st) != tc.status || st == nil && tc.status != "" {
			t.Errorf("%s: status %v, want %q", tc.body, st, tc.status)
		}
		if note != nil && *note != tc.note || note == nil && tc.note != "" {
			t.Errorf("%s: note %v, want %q", tc.body, note, tc.note)
		}
	}
}
