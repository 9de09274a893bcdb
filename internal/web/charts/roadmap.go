package charts

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

// RoadmapPicture is a roadmap drawn as an SVG picture: one band per step,
// down the page; a step's topics in rows, each below what it builds on
// within the step; a choice group's topics side by side in one outline; and
// lines only for the prerequisites that others do not already imply. The
// layout is worked out once; drawing it for a learner only fills in each
// topic's status, as a class the site's stylesheet colours.
type RoadmapPicture struct {
	parts []string       // the drawing around the topics: parts[i] comes before topic i, the last part after all
	nodes []nodeText     // in drawing order
	ids   []string       // each node's topic
	index map[string]int // topic id -> nodes index
	size  int            // of the drawing at most, to allocate it once
}

// nodeText is a topic's link, in the pieces around its status.
type nodeText struct {
	open  string // `<a id=... href=... class="`
	mid   string // `"><title>Title (`
	close string // `)</title>...</a>`
}

// Status names as the picture says them.
var statusWords = map[progress.Status]string{
	progress.Todo: "to do", progress.Learning: "learning", progress.Done: "done", progress.Skipped: "skipped",
}

// NewRoadmapPicture lays out r. Its topics link to /roadmaps/{slug}/topics/{id}.
func NewRoadmapPicture(r *roadmap.Roadmap) *RoadmapPicture {
	l := newLayout(r)
	p := &RoadmapPicture{index: map[string]int{}}
	var b strings.Builder
	l.drawFrame(&b)
	l.drawEdges(&b)
	for _, rw := range l.rows {
		if rw.header {
			class := "step"
			if rw.step%2 == 0 {
				class += " shaded" // the halo that lets lines pass behind the title takes the band's colour
			}
			fmt.Fprintf(&b, `<text class="%s" x="%d" y="%d" font-size="%d" text-anchor="start">%s</text>`,
				class, margin, rw.y+headerH-10, titleSize, html.EscapeString(l.stepTitle(rw.step)))
		}
		for _, it := range rw.items {
			if it.label {
				l.drawOutline(&b, it)
			}
			for _, m := range it.nodes {
				p.parts = append(p.parts, b.String())
				b.Reset()
				p.index[l.nodes[m].topic.ID] = len(p.nodes)
				p.ids = append(p.ids, l.nodes[m].topic.ID)
				p.nodes = append(p.nodes, l.nodeText(r.Slug, l.nodes[m]))
			}
		}
	}
	b.WriteString(`</svg>`)
	p.parts = append(p.parts, b.String())
	for _, part := range p.parts {
		p.size += len(part)
	}
	for _, n := range p.nodes {
		p.size += len(n.open) + len(n.mid) + len(n.close) + 2*len("learning") // the longest class and word
	}
	return p
}

// SVG draws the picture with each topic's status from status.
func (p *RoadmapPicture) SVG(status func(topic string) progress.Status) template.HTML {
	var b strings.Builder
	b.Grow(p.size)
	for i, n := range p.nodes {
		b.WriteString(p.parts[i])
		n.write(&b, status(p.ids[i]), "")
	}
	b.WriteString(p.parts[len(p.nodes)])
	return template.HTML(b.String()) // built from escaped titles and fixed markup
}

// Node draws one topic's link as SVG() does, with attrs (such as an htmx
// out-of-band swap) added to the link; it is empty for an unknown topic.
func (p *RoadmapPicture) Node(topic string, st progress.Status, attrs string) template.HTML {
	i, ok := p.index[topic]
	if !ok {
		return ""
	}
	var b strings.Builder
	p.nodes[i].write(&b, st, attrs)
	return template.HTML(b.String())
}

func (n nodeText) write(b *strings.Builder, st progress.Status, attrs string) {
	word, ok := statusWords[st]
	if !ok {
		st, word = progress.Todo, statusWords[progress.Todo]
	}
	if attrs != "" {
		b.WriteString(`<a `)
		b.WriteString(attrs)
		b.WriteString(n.open[len(`<a`):])
	} else {
		b.WriteString(n.open)
	}
	b.WriteString(string(st))
	b.WriteString(n.mid)
	b.WriteString(word)
	b.WriteString(n.close)
}

func (l *layout) stepTitle(i int) string {
	return fmt.Sprintf("%d. %s", i+1, l.r.Steps[i].Title)
}

// drawFrame opens the picture: its title, background, step bands and legend.
func (l *layout) drawFrame(b *strings.Builder) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="roadmap-picture" viewBox="0 0 %d %d" width="%d" height="%d" font-size="%d" text-anchor="middle" role="group">`,
		pictureW, l.height, pictureW, l.height, fontSize)
	fmt.Fprintf(b, `<title>%s: %d topics in %d steps. Each topic links to its page; lines lead from a topic to the topics that build on it.</title>`,
		html.EscapeString(l.r.Title), len(l.nodes), len(l.r.Steps))
	fmt.Fprintf(b, `<rect class="canvas" width="%d" height="%d"/>`, pictureW, l.height)
	for i, r := range l.rows {
		if r.header && r.step%2 == 0 {
			fmt.Fprintf(b, `<rect class="band" y="%d" width="%d" height="%d"/>`, r.y, pictureW, l.bandEnd(i)-r.y)
		}
	}
	l.drawLegend(b)
}

// bandEnd is where the step whose header is row i ends: at the next header,
// or at the bottom of the picture.
func (l *layout) bandEnd(i int) int {
	for _, r := range l.rows[i+1:] {
		if r.header {
			return r.y
		}
	}
	return l.height
}

func (l *layout) drawLegend(b *strings.Builder) {
	y := l.rows[0].y + 4
	x := margin
	b.WriteString(`<g class="legend" text-anchor="start">`)
	for _, st := range progress.Statuses() {
		word := statusWords[st]
		fmt.Fprintf(b, `<g class="%s"><rect x="%d" y="%d" width="28" height="18" rx="4"/><circle class="mark" cx="%d" cy="%d" r="4"/></g>`,
			st, x, y, x, y+9)
		fmt.Fprintf(b, `<text x="%d" y="%d">%s</text>`, x+36, y+13, strings.ToUpper(word[:1])+word[1:])
		x += 36 + int(textWidth(word, fontSize, false)) + 24
	}
	fmt.Fprintf(b, `<path class="edges" d="M%d %dV%d"/><path class="heads" d="M%d %dh8l-4 %dz"/>`, x+4, y, y+18-arrowLen, x, y+18-arrowLen, arrowLen)
	fmt.Fprintf(b, `<text class="note" x="%d" y="%d">Lines lead from a topic to the topics that build on it</text></g>`, x+16, y+13)
}

// drawEdges draws every line as one path, and the arrowheads as another.
func (l *layout) drawEdges(b *strings.Builder) {
	b.WriteString(`<path class="edges" d="`)
	heads := map[[2]int]bool{} // where lines come down on topics
	for _, e := range l.routes {
		l.path(b, e)
		if !e.back {
			heads[[2]int{e.land, l.nodes[e.to].y}] = true
		}
	}
	b.WriteString(`"/><path class="heads" d="`)
	for _, e := range l.routes {
		at := [2]int{e.land, l.nodes[e.to].y}
		if heads[at] {
			fmt.Fprintf(b, "M%d %dh8l-4 %dz", at[0]-4, at[1]-arrowLen, arrowLen)
			delete(heads, at)
		}
	}
	b.WriteString(`"/>`)
}

// drawOutline draws a choice group's outline and its label.
func (l *layout) drawOutline(b *strings.Builder, it item) {
	o := it.outline
	top, bottom := l.rows[o.first], l.rows[o.last]
	fmt.Fprintf(b, `<rect class="choice" x="%d" y="%d" width="%d" height="%d" rx="8"/>`, o.x, top.y, o.w, bottom.y+bottom.h-top.y)
	first, second := splitLabel()
	x, mid := it.labelX, top.y+top.h/2
	fmt.Fprintf(b, `<text class="note" x="%d" y="%d" font-size="%d" text-anchor="start">%s<tspan x="%d" dy="13">%s</tspan></text>`,
		x, mid-2, labelSize, first, x, second)
}

// nodeText draws a topic's box and title inside its link.
func (l *layout) nodeText(slug string, n *node) nodeText {
	id := html.EscapeString(n.topic.ID)
	title := html.EscapeString(n.topic.Title)
	var c strings.Builder
	fmt.Fprintf(&c, `)</title><rect x="%d" y="%d" width="%d" height="%d" rx="4"/><circle class="mark" cx="%d" cy="%d" r="4"/>`,
		n.x, n.y, n.w, n.h, n.x, n.y+n.h/2)
	cx, base := n.cx(), n.y+padY+11
	fmt.Fprintf(&c, `<text x="%d" y="%d">%s`, cx, base, html.EscapeString(n.lines[0]))
	if len(n.lines) > 1 {
		fmt.Fprintf(&c, `<tspan x="%d" dy="%d">%s</tspan>`, cx, lineH, html.EscapeString(n.lines[1]))
	}
	c.WriteString(`</text></a>`)
	return nodeText{
		open:  fmt.Sprintf(`<a id="rp-%s" href="/roadmaps/%s/topics/%s" class="`, id, html.EscapeString(slug), id),
		mid:   `"><title>` + title + ` (`,
		close: c.String(),
	}
}
