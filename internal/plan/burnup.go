package plan

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"devpath/internal/progress"
)

// BurnUpChart is planned against actual study, week by week, from the week
// of the learner's first recorded change to the end of the plan.
type BurnUpChart struct {
	Weeks []time.Time // the Monday of each week, in the plan's zone
	// Planned is the cumulative hours at the end of each week had the
	// learner studied HoursPerWeek every week since the first, up to Scope.
	Planned []int
	// Actual is the cumulative estimated hours of topics done by the end of
	// each week, up to and including the current one.
	Actual []int
	Scope  int // hours done plus hours still planned
}

// BurnUp builds the chart for plan pl (built at now) from the learner's
// history; estimates maps topic ids, former ones too, to hours. The planned
// line is the learner's stated pace, the plan's HoursPerWeek, from their
// first week on: below it they are behind, above it ahead. Only topics done
// through the history count as done, so the chart agrees with the forecast.
func BurnUp(pl Plan, history []progress.Change, estimates map[string]int, now time.Time) BurnUpChart {
	loc := pl.Start.Location()
	done := doneTimes(history)
	first := pl.Start
	if first.IsZero() {
		first = mondayOf(now.In(loc))
	}
	doneHours := 0
	for topic := range done {
		doneHours += estimates[topic]
	}
	for _, c := range history {
		first = earlier(first, mondayOf(c.At.In(loc)))
	}
	c := BurnUpChart{Scope: doneHours + pl.TotalHours}
	current := daysBetween(first, now.In(loc)) / 7
	hours := max(pl.HoursPerWeek, MinHoursPerWeek)
	// Long enough for the done line up to now, the plan to its end, and
	// the planned line up to the scope.
	n := max(current+1, daysBetween(first, pl.Start)/7+len(pl.Weeks), ceilDiv(c.Scope, hours))
	for k := range n {
		start := first.AddDate(0, 0, 7*k)
		c.Weeks = append(c.Weeks, start)
		c.Planned = append(c.Planned, min(c.Scope, (k+1)*hours))
		if k <= current {
			c.Actual = append(c.Actual, hoursDoneBefore(done, estimates, start.AddDate(0, 0, 7)))
		}
	}
	return c
}

func hoursDoneBefore(done map[string]time.Time, estimates map[string]int, end time.Time) int {
	n := 0
	for topic, at := range done {
		if at.Before(end) {
			n += estimates[topic]
		}
	}
	return n
}

func mondayOf(t time.Time) time.Time {
	return dateOf(t, t.Location()).AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
}

func earlier(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// Chart geometry in SVG user units, and the look of each line; the colours
// are the stylesheet's, with fallbacks for the picture on its own.
const (
	chartW, chartH       = 640, 260
	padLeft, padTop      = 56, 36
	plotW, plotH         = chartW - padLeft - 16, chartH - padTop - 36
	lineWidth, legendLen = 2.5, 24
	plannedStyle         = "stroke:var(--muted,#5b6169);stroke-dasharray:6 4"
	actualStyle          = "stroke:var(--done,#2da44e)"
	axisStyle            = "stroke:var(--line,#d9dce0)"
	labelStyle           = "fill:var(--muted,#5b6169);font-size:12px"
)

// SVG draws the chart as a small accessible picture: two lines over the
// weeks (planned dashed, done solid), axes labelled with hours and dates,
// and a legend. The label for screen readers says the numbers in words.
func (c BurnUpChart) SVG() template.HTML {
	if len(c.Weeks) == 0 {
		return ""
	}
	top := max(c.Scope, slices.Max(c.Planned), 1)
	if len(c.Actual) > 0 {
		top = max(top, slices.Max(c.Actual))
	}
	var b strings.Builder
	label := c.describe()
	fmt.Fprintf(&b, `<svg class="burnup" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="%s" width="%d" height="%d" viewBox="0 0 %d %d">`,
		template.HTMLEscapeString(label), chartW, chartH, chartW, chartH)
	fmt.Fprintf(&b, `<title>%s</title>`, template.HTMLEscapeString(label))
	c.axes(&b, top)
	fmt.Fprintf(&b, `<polyline fill="none" stroke-width="%g" style="%s" points="%s"/>`, lineWidth, plannedStyle, c.points(c.Planned, top))
	fmt.Fprintf(&b, `<polyline fill="none" stroke-width="%g" style="%s" points="%s"/>`, lineWidth, actualStyle, c.points(c.Actual, top))
	legend(&b)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// describe says what the chart shows, for its title and aria-label.
func (c BurnUpChart) describe() string {
	now := len(c.Actual) - 1
	if now < 0 {
		return fmt.Sprintf("Burn-up chart: %d hours planned, none done yet.", c.Scope)
	}
	return fmt.Sprintf("Burn-up chart: %d of %d hours done by the week of %s; the plan had %d hours done by then.",
		c.Actual[now], c.Scope, c.Weeks[now].Format(time.DateOnly), c.Planned[now])
}

// points places cumulative values, the origin being zero hours at the first
// Monday and point k the end of week k.
func (c BurnUpChart) points(values []int, top int) string {
	parts := []string{fmt.Sprintf("%.1f,%.1f", c.x(0), y(0, top))}
	for k, v := range values {
		parts = append(parts, fmt.Sprintf("%.1f,%.1f", c.x(k+1), y(v, top)))
	}
	return strings.Join(parts, " ")
}

func (c BurnUpChart) x(k int) float64 {
	return padLeft + float64(k)*plotW/float64(len(c.Weeks))
}

func y(v, top int) float64 { return padTop + plotH - float64(v)*plotH/float64(top) }

func (c BurnUpChart) axes(b *strings.Builder, top int) {
	x0, x1, y0 := c.x(0), c.x(len(c.Weeks)), y(0, top)
	fmt.Fprintf(b, `<g style="%s" stroke-width="1"><line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/><line x1="%.1f" y1="%d" x2="%.1f" y2="%.1f"/></g>`,
		axisStyle, x0, y0, x1, y0, x0, padTop, x0, y0)
	fmt.Fprintf(b, `<g style="%s">`, labelStyle)
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="end" dominant-baseline="middle">0 h</text>`, x0-6, y0)
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="end" dominant-baseline="middle">%d h</text>`, x0-6, y(top, top), top)
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="start">%s</text>`, x0, y0+20, c.Weeks[0].Format(time.DateOnly))
	last := c.Weeks[len(c.Weeks)-1].AddDate(0, 0, 6)
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="end">%s</text></g>`, x1, y0+20, last.Format(time.DateOnly))
}

func legend(b *strings.Builder) {
	items := []struct{ name, style string }{{"Planned", plannedStyle}, {"Done", actualStyle}}
	for i, it := range items {
		x := padLeft + i*110
		fmt.Fprintf(b, `<line x1="%d" y1="14" x2="%d" y2="14" stroke-width="%g" style="%s"/>`, x, x+legendLen, lineWidth, it.style)
		fmt.Fprintf(b, `<text x="%d" y="14" dominant-baseline="middle" style="%s">%s</text>`, x+legendLen+6, labelStyle, it.name)
	}
}
