package charts

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"devpath/internal/plan"
)

// Chart geometry in SVG user units, and the look of each line; the colours
// are the stylesheet's, with fallbacks for the picture on its own.
const (
	chartW, chartH       = 640, 260
	padLeft, padTop      = 56, 36
	plotW, plotH         = chartW - padLeft - 16, chartH - padTop - 36
	lineWidth, legendLen = 2.5, 24
	// classes the stylesheet colours (no style attributes: the pages' CSP refuses them)
	plannedClass = "planned"
	actualClass  = "done"
	axisClass    = "axis"
	labelClass   = "label"
)

// BurnUp draws the chart as a small accessible picture: two lines over the
// weeks (planned dashed, done solid), axes labelled with hours and dates,
// and a legend. The label for screen readers says the numbers in words.
func BurnUp(c plan.BurnUpChart) template.HTML {
	if len(c.Weeks) == 0 {
		return ""
	}
	top := max(c.Scope, slices.Max(c.Planned), 1)
	if len(c.Actual) > 0 {
		top = max(top, slices.Max(c.Actual))
	}
	var b strings.Builder
	label := describeBurnUp(c)
	fmt.Fprintf(&b, `<svg class="burnup" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="%s" width="%d" height="%d" viewBox="0 0 %d %d">`,
		template.HTMLEscapeString(label), chartW, chartH, chartW, chartH)
	fmt.Fprintf(&b, `<title>%s</title>`, template.HTMLEscapeString(label))
	burnUpAxes(&b, c, top)
	fmt.Fprintf(&b, `<polyline fill="none" stroke-width="%g" class="%s" points="%s"/>`, lineWidth, plannedClass, weekPoints(c, c.Planned, top))
	fmt.Fprintf(&b, `<polyline fill="none" stroke-width="%g" class="%s" points="%s"/>`, lineWidth, actualClass, weekPoints(c, c.Actual, top))
	burnUpLegend(&b)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// describeBurnUp says what the chart shows, for its title and aria-label.
func describeBurnUp(c plan.BurnUpChart) string {
	now := len(c.Actual) - 1
	if now < 0 {
		return fmt.Sprintf("Burn-up chart: %d hours planned, none done yet.", c.Scope)
	}
	return fmt.Sprintf("Burn-up chart: %d of %d hours done by the week of %s; the plan had %d hours done by then.",
		c.Actual[now], c.Scope, c.Weeks[now].Format(time.DateOnly), c.Planned[now])
}

// weekPoints places cumulative values, the origin being zero hours at the first
// Monday and point k the end of week k.
func weekPoints(c plan.BurnUpChart, values []int, top int) string {
	parts := []string{fmt.Sprintf("%.1f,%.1f", weekX(c, 0), y(0, top))}
	for k, v := range values {
		parts = append(parts, fmt.Sprintf("%.1f,%.1f", weekX(c, k+1), y(v, top)))
	}
	return strings.Join(parts, " ")
}

func weekX(c plan.BurnUpChart, k int) float64 {
	return padLeft + float64(k)*plotW/float64(len(c.Weeks))
}

func y(v, top int) float64 { return padTop + plotH - float64(v)*plotH/float64(top) }

func burnUpAxes(b *strings.Builder, c plan.BurnUpChart, top int) {
	x0, x1, y0 := weekX(c, 0), weekX(c, len(c.Weeks)), y(0, top)
	fmt.Fprintf(b, `<g class="%s" stroke-width="1"><line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/><line x1="%.1f" y1="%d" x2="%.1f" y2="%.1f"/></g>`,
		axisClass, x0, y0, x1, y0, x0, padTop, x0, y0)
	fmt.Fprintf(b, `<g class="%s">`, labelClass)
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="end" dominant-baseline="middle">0 h</text>`, x0-6, y0)
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="end" dominant-baseline="middle">%d h</text>`, x0-6, y(top, top), top)
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="start">%s</text>`, x0, y0+20, c.Weeks[0].Format(time.DateOnly))
	last := c.Weeks[len(c.Weeks)-1].AddDate(0, 0, 6)
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="end">%s</text></g>`, x1, y0+20, last.Format(time.DateOnly))
}

func burnUpLegend(b *strings.Builder) {
	items := []struct{ name, class string }{{"Planned", plannedClass}, {"Done", actualClass}}
	for i, it := range items {
		x := padLeft + i*110
		fmt.Fprintf(b, `<line x1="%d" y1="14" x2="%d" y2="14" stroke-width="%g" class="%s"/>`, x, x+legendLen, lineWidth, it.class)
		fmt.Fprintf(b, `<text x="%d" y="14" dominant-baseline="middle" class="%s">%s</text>`, x+legendLen+6, labelClass, it.name)
	}
}
