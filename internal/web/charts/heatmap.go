package charts

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"devpath/internal/progress"
)

// Heatmap draws the last year of activity as weeks (columns) of days
// (rows, Monday on top), stronger for busier days.
func Heatmap(days []progress.Day) template.HTML {
	const cell, gap = 11, 2
	if len(days) == 0 {
		return ""
	}
	first, _ := time.Parse(time.DateOnly, days[0].Date)
	offset := (int(first.Weekday()) + 6) % 7 // Monday = 0
	weeks := (offset + len(days) + 6) / 7
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="heatmap" role="img" aria-label="Activity over the last year" width="%d" height="%d" viewBox="0 0 %d %d">`,
		weeks*(cell+gap), 7*(cell+gap), weeks*(cell+gap), 7*(cell+gap))
	for i, d := range days {
		pos := offset + i
		x, y := (pos/7)*(cell+gap), (pos%7)*(cell+gap)
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" rx="2" class="h%d"><title>%s: %d change%s</title></rect>`,
			x, y, cell, cell, heat(d.Count), d.Date, d.Count, plural(d.Count))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// heat is a day's level, 0 to 4, which the stylesheet colours from the
// theme's tokens (classes h0 to h4), so the picture follows light and dark.
func heat(n int) int {
	switch {
	case n == 0:
		return 0
	case n < 3:
		return 1
	case n < 6:
		return 2
	case n < 10:
		return 3
	default:
		return 4
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
