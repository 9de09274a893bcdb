package charts

import (
	"devpath/internal/jobsearch"
	"fmt"
	"html"
	"html/template"
	"strings"
)

// Layout of the funnel picture, in SVG user units. It is narrow enough
// (360) to fit a phone's column without shrinking, so that its 14-unit text
// stays at least 12 px on screen.
const (
	funnelWidth  = 360
	funnelLabelW = 100 // stage names on the left
	funnelBarMax = 180
	funnelBarH   = 26
	funnelGap    = 8
)

// Funnel draws the funnel as horizontal bars, widest first. It uses
// currentColor, so it follows the page's light or dark theme, and carries
// its numbers in text and in aria-label for screen readers.
func Funnel(steps []jobsearch.FunnelStep) template.HTML {
	height := len(steps)*(funnelBarH+funnelGap) + funnelGap
	var b strings.Builder
	label := html.EscapeString(funnelLabel(steps))
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="funnel" role="img" aria-label="%s" viewBox="0 0 %d %d" width="%d" height="%d">`,
		label, funnelWidth, height, funnelWidth, height)
	fmt.Fprintf(&b, `<title>%s</title>`, label)
	top := 1
	for _, s := range steps {
		top = max(top, s.Count)
	}
	for i, s := range steps {
		y := funnelGap + i*(funnelBarH+funnelGap)
		w := s.Count * funnelBarMax / top
		mid := y + funnelBarH/2
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" dominant-baseline="middle" fill="currentColor" font-size="14">%s</text>`,
			funnelLabelW-8, mid, html.EscapeString(stageTitle(s.Stage)))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" rx="3" fill="currentColor" fill-opacity="%.2f"/>`,
			funnelLabelW, y, w, funnelBarH, 0.85-0.1*float64(i%6))
		fmt.Fprintf(&b, `<text x="%d" y="%d" dominant-baseline="middle" fill="currentColor" font-size="14">%d (%d%%)</text>`,
			funnelLabelW+w+8, mid, s.Count, s.Percent)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // built here from numbers and escaped stage names
}

func funnelLabel(steps []jobsearch.FunnelStep) string {
	if len(steps) == 0 || steps[0].Count == 0 {
		return "Application funnel: no applications yet"
	}
	parts := make([]string, len(steps))
	for i, s := range steps {
		parts[i] = fmt.Sprintf("%s %d (%d%%)", s.Stage, s.Count, s.Percent)
	}
	return "Application funnel: " + strings.Join(parts, ", ")
}

// stageTitle is a stage as a heading: "Interview".
func stageTitle(s jobsearch.Stage) string {
	if s == "" {
		return ""
	}
	return strings.ToUpper(string(s[:1])) + string(s[1:])
}
