package web

import (
	"regexp"
	"testing"
)

// TestStylesheetTokensDefined: every custom property the stylesheet reads is
// defined in it. A renamed token otherwise leaves its readers with nothing,
// and an SVG fill with nothing is black.
func TestStylesheetTokensDefined(t *testing.T) {
	css, err := files.ReadFile("static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	defined := map[string]bool{}
	for _, m := range regexp.MustCompile(`(--[a-z0-9-]+)\s*:`).FindAllSubmatch(css, -1) {
		defined[string(m[1])] = true
	}
	// var(--x, fallback) may name a token on purpose left undefined
	for _, m := range regexp.MustCompile(`var\((--[a-z0-9-]+)\s*\)`).FindAllSubmatch(css, -1) {
		if name := string(m[1]); !defined[name] {
			t.Errorf("style.css reads %s, which it never defines", name)
		}
	}
}
