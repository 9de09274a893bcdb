package charts

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"devpath/content"
	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

func backend(t testing.TB) *roadmap.Roadmap {
	t.Helper()
	r, problems := roadmap.Load(content.Roadmaps, "roadmaps/backend")
	if problems != nil {
		t.Fatal(problems)
	}
	return r
}

// handmade builds a roadmap with one step per name and the topics given,
// each in the step its Step names.
func handmade(steps []string, topics ...*roadmap.Topic) *roadmap.Roadmap {
	r := &roadmap.Roadmap{Slug: "demo", Title: "Demo", Version: 1}
	for _, s := range steps {
		r.Steps = append(r.Steps, &roadmap.Step{ID: s, Title: "Step " + s})
	}
	for _, t := range topics {
		r.Topics = append(r.Topics, t)
		for _, s := range r.Steps {
			if s.ID == t.Step {
				s.Topics = append(s.Topics, t)
			}
		}
	}
	return r
}

func topic(id, step string, prereqs ...string) *roadmap.Topic {
	return &roadmap.Topic{ID: id, Title: "Topic " + id, Step: step, EstimateHours: 1, Prerequisites: prereqs}
}

func TestReduce(t *testing.T) {
	for _, tc := range []struct {
		name    string
		prereqs [][]int
		want    [][]int
	}{
		{"a shortcut goes", [][]int{nil, {0}, {0, 1}}, [][]int{nil, {0}, {1}}},
		{"a long shortcut goes", [][]int{nil, {0}, {1}, {0, 2}}, [][]int{nil, {0}, {1}, {2}}},
		{"a diamond stays", [][]int{nil, {0}, {0}, {1, 2}}, [][]int{nil, {0}, {0}, {1, 2}}},
		{"twice is once", [][]int{nil, {0, 0}}, [][]int{nil, {0}}},
		{"no edges", [][]int{nil, nil}, [][]int{nil, nil}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := reduce(tc.prereqs); !slices.EqualFunc(got, tc.want, slices.Equal) {
				t.Fatalf("reduce(%v) = %v, want %v", tc.prereqs, got, tc.want)
			}
		})
	}
}

func TestWrapTitle(t *testing.T) {
	for _, tc := range []struct{ title, want string }{
		{"SQL", "SQL"},
		{"How HTTP works", "How HTTP works"},
		{"Communicating with the frontend team and stakeholders", "Communicating with the|frontend team and stakeholders"},
		{"Choosing a route: degree, bootcamp or self-taught", "Choosing a route: degree,|bootcamp or self-taught"},
		{"Supercalifragilisticexpialidocious-without-spaces", "Supercalifragilisticexpialidocious-without-spaces"},
	} {
		if got := strings.Join(wrapTitle(tc.title), "|"); got != tc.want {
			t.Errorf("wrapTitle(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}

// TestBackendPicture checks the shipped roadmap's picture: the size, the
// links, and the geometry a reader relies on.
func TestBackendPicture(t *testing.T) {
	r := backend(t)
	l := newLayout(r)
	svg := string(NewRoadmapPicture(r).SVG(func(string) progress.Status { return progress.Done }))
	t.Logf("%d bytes, %d x %d", len(svg), pictureW, l.height)
	if len(svg) >= 150_000 {
		t.Errorf("the picture is %d bytes, want under 150 KB", len(svg))
	}
	wellFormed(t, svg)
	if n := strings.Count(svg, `<a id="rp-`); n != len(r.Topics) {
		t.Errorf("%d links, want %d", n, len(r.Topics))
	}
	for _, want := range []string{`<svg xmlns="http://www.w3.org/2000/svg" class="roadmap-picture" viewBox="0 0 960 `,
		`<title>Backend developer: 105 topics in 8 steps.`, `>1. Learn the foundations</text>`, `>8. Apply and get hired</text>`,
		`<a id="rp-http" href="/roadmaps/backend/topics/http" class="done"><title>How HTTP works (done)</title>`,
		`pick one<tspan`} {
		if !strings.Contains(svg, want) {
			t.Errorf("the picture lacks %s", want)
		}
	}
	for _, refused := range []string{"<style", "style="} {
		if strings.Contains(svg, refused) {
			t.Errorf("the picture has %s, which the content policy refuses", refused)
		}
	}
	checkBoxes(t, l)
	checkOrder(t, l)
	checkGroups(t, l)
	checkLines(t, l)
}

func wellFormed(t *testing.T, svg string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	for {
		if _, err := dec.Token(); err == io.EOF {
			return
		} else if err != nil {
			t.Fatalf("the picture is not well-formed: %v", err)
		}
	}
}

type rect struct{ x0, y0, x1, y1 int }

func (a rect) overlaps(b rect) bool { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 }

func box(n *node) rect { return rect{n.x, n.y, n.x + n.w, n.y + n.h} }

// checkBoxes: every box inside the picture, holding its text with padding, on its own.
func checkBoxes(t *testing.T, l *layout) {
	for i, n := range l.nodes {
		if n.x < margin || n.x+n.w > pictureW-margin || n.y < 0 || n.y+n.h > l.height {
			t.Errorf("%s at %+v is outside the picture", n.topic.ID, box(n))
		}
		if len(n.lines) > 2 {
			t.Errorf("%s has %d lines", n.topic.ID, len(n.lines))
		}
		for _, line := range n.lines {
			if w := textWidth(line, fontSize, false); w+2*padX > float64(n.w) {
				t.Errorf("%s: %q is %.0f wide in a box of %d", n.topic.ID, line, w, n.w)
			}
		}
		for _, o := range l.nodes[i+1:] {
			if box(n).overlaps(box(o)) {
				t.Errorf("%s and %s overlap", n.topic.ID, o.topic.ID)
			}
		}
	}
}

// checkOrder: steps go down the page in order, and a topic sits below what
// it builds on within its step.
func checkOrder(t *testing.T, l *layout) {
	stepOf := map[string]int{}
	for i, s := range l.r.Steps {
		stepOf[s.ID] = i
	}
	header := map[int]*row{}
	for _, r := range l.rows {
		if r.header {
			header[r.step] = r
		}
	}
	for _, n := range l.nodes {
		s := stepOf[n.topic.Step]
		if n.y < header[s].y+header[s].h || s+1 < len(l.r.Steps) && n.y+n.h > header[s+1].y {
			t.Errorf("%s is outside the band of step %d", n.topic.ID, s+1)
		}
		for _, p := range n.topic.Prerequisites {
			if pn := l.nodes[l.byID[p]]; pn.topic.Step == n.topic.Step && pn.y+pn.h >= n.y {
				t.Errorf("%s is not below %s, which it builds on", n.topic.ID, p)
			}
		}
	}
}

// checkGroups: a choice group's topics side by side inside one outline,
// with nothing else in it.
func checkGroups(t *testing.T, l *layout) {
	groups := map[string][]*node{}
	for _, n := range l.nodes {
		if n.topic.ChoiceGroup != "" {
			groups[n.topic.ChoiceGroup] = append(groups[n.topic.ChoiceGroup], n)
		}
	}
	if len(groups) != 3 || len(l.outlines) != 3 {
		t.Fatalf("%d groups, %d outlines, want 3", len(groups), len(l.outlines))
	}
	for name, members := range groups {
		var o *outline
		for _, c := range l.outlines {
			if l.rows[c.first].y <= members[0].y && members[0].y <= l.rows[c.last].y+l.rows[c.last].h && c.x <= members[0].x && members[0].x <= c.x+c.w {
				o = c
			}
		}
		if o == nil {
			t.Fatalf("group %s has no outline", name)
		}
		in := rect{o.x, l.rows[o.first].y, o.x + o.w, l.rows[o.last].y + l.rows[o.last].h}
		for _, n := range l.nodes {
			b := box(n)
			inside := in.x0 < b.x0 && b.x1 < in.x1 && in.y0 < b.y0 && b.y1 < in.y1
			if member := n.topic.ChoiceGroup == name; member != inside && (member || in.overlaps(b)) {
				t.Errorf("group %s: %s (in the group: %v) is inside its outline: %v", name, n.topic.ID, member, inside)
			}
		}
		if rows := o.last - o.first + 1; rows > 2 {
			t.Errorf("group %s takes %d rows", name, rows)
		}
	}
}

// checkLines: one line per reduced prerequisite, never through a box, and
// ending on the topic.
func checkLines(t *testing.T, l *layout) {
	want := 0
	for _, ps := range l.prereqs {
		want += len(ps)
	}
	if len(l.routes) != want {
		t.Errorf("%d lines, want %d", len(l.routes), want)
	}
	for _, e := range l.routes {
		var b strings.Builder
		l.path(&b, e)
		from, to := l.nodes[e.from], l.nodes[e.to]
		pts := points(t, b.String())
		if first, last := pts[0], pts[len(pts)-1]; first != [2]int{from.cx(), from.y + from.h} || last[1] != to.y-arrowLen || last[0] < to.x || last[0] > to.x+to.w {
			t.Errorf("%s -> %s: the line runs from %v to %v", from.topic.ID, to.topic.ID, first, last)
		}
		for k := 1; k < len(pts); k++ {
			seg := rect{min(pts[k-1][0], pts[k][0]), min(pts[k-1][1], pts[k][1]), max(pts[k-1][0], pts[k][0]) + 1, max(pts[k-1][1], pts[k][1]) + 1}
			for _, n := range l.nodes {
				if n != from && n != to && seg.overlaps(box(n)) {
					t.Errorf("%s -> %s runs through %s", from.topic.ID, to.topic.ID, n.topic.ID)
				}
			}
		}
	}
}

// points reads an "M x y", "H x" and "V y" path.
func points(t *testing.T, d string) [][2]int {
	t.Helper()
	var pts [][2]int
	var x, y int
	for _, cmd := range strings.FieldsFunc(d, func(r rune) bool { return r == 'M' || r == 'H' || r == 'V' }) {
		i := strings.Index(d, cmd)
		op := d[i-1]
		d = d[i+len(cmd):]
		switch op {
		case 'M':
			fmt.Sscanf(cmd, "%d %d", &x, &y)
		case 'H':
			fmt.Sscanf(cmd, "%d", &x)
		case 'V':
			fmt.Sscanf(cmd, "%d", &y)
		}
		pts = append(pts, [2]int{x, y})
	}
	return pts
}

func TestPictureStatuses(t *testing.T) {
	p := NewRoadmapPicture(handmade([]string{"a"}, topic("x", "a"), topic("y", "a", "x")))
	for _, tc := range []struct {
		status progress.Status
		want   string
	}{
		{progress.Todo, `class="todo"><title>Topic x (to do)</title>`},
		{progress.Learning, `class="learning"><title>Topic x (learning)</title>`},
		{progress.Done, `class="done"><title>Topic x (done)</title>`},
		{progress.Skipped, `class="skipped"><title>Topic x (skipped)</title>`},
		{"finished", `class="todo"><title>Topic x (to do)</title>`},
	} {
		t.Run(string(tc.status), func(t *testing.T) {
			svg := string(p.SVG(func(id string) progress.Status {
				if id == "x" {
					return tc.status
				}
				return progress.Todo
			}))
			if !strings.Contains(svg, tc.want) || !strings.Contains(svg, `class="todo"><title>Topic y (to do)</title>`) {
				t.Fatalf("the picture lacks %s", tc.want)
			}
			node := string(p.Node("x", tc.status, `hx-swap-oob="true"`))
			if !strings.HasPrefix(node, `<a hx-swap-oob="true" id="rp-x" href="/roadmaps/demo/topics/x" `) || !strings.Contains(node, tc.want) || !strings.Contains(svg, node[len(`<a hx-swap-oob="true"`):]) {
				t.Fatalf("Node: %s", node)
			}
		})
	}
	if p.Node("nope", progress.Done, "") != "" {
		t.Fatal("a node for an unknown topic")
	}
}

// TestOddRoadmaps draws what the shipped roadmap does not have.
func TestOddRoadmaps(t *testing.T) {
	for _, tc := range []struct {
		name    string
		r       *roadmap.Roadmap
		want    []string
		outline int
	}{
		{"titles are escaped", handmade([]string{"a"}, &roadmap.Topic{ID: "x", Title: `Tags <b> & "quotes"`, Step: "a"}),
			[]string{`<title>Tags &lt;b&gt; &amp; &#34;quotes&#34; (to do)</title>`, `>Tags &lt;b&gt; &amp; &#34;quotes&#34;</text>`}, 0},
		{"a group whose topics build on one another is not outlined", handmade([]string{"a"},
			&roadmap.Topic{ID: "x", Title: "X", Step: "a", ChoiceGroup: "g"}, &roadmap.Topic{ID: "y", Title: "Y", Step: "a", ChoiceGroup: "g", Prerequisites: []string{"x"}}),
			[]string{`id="rp-x"`, `id="rp-y"`}, 0},
		{"a group is outlined", handmade([]string{"a"},
			&roadmap.Topic{ID: "x", Title: "X", Step: "a", ChoiceGroup: "g"}, &roadmap.Topic{ID: "y", Title: "Y", Step: "a", ChoiceGroup: "g"}),
			[]string{`class="choice"`, `pick one<tspan`}, 1},
		{"a prerequisite in a later step is a straight line up (L in the lines' path)", handmade([]string{"a", "b"}, topic("x", "a", "y"), topic("y", "b")),
			[]string{`L`}, 0},
		{"an empty roadmap", handmade(nil), []string{`<title>Demo: 0 topics in 0 steps.`}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svg := string(NewRoadmapPicture(tc.r).SVG(func(string) progress.Status { return progress.Todo }))
			wellFormed(t, svg)
			_, edges, _ := strings.Cut(svg, `</g><path class="edges" d="`) // after the legend
			edges, _, _ = strings.Cut(edges, `"`)
			for _, want := range tc.want {
				if want == "L" && !strings.Contains(edges, want) || want != "L" && !strings.Contains(svg, want) {
					t.Errorf("the picture lacks %s:\n%s", want, svg)
				}
			}
			if n := strings.Count(svg, `class="choice"`); n != tc.outline {
				t.Errorf("%d outlines, want %d", n, tc.outline)
			}
		})
	}
}

// BenchmarkRoadmapPicture is what a roadmap page pays per learner: the
// layout is cached, so only the drawing with statuses counts.
func BenchmarkRoadmapPicture(b *testing.B) {
	r := backend(b)
	p := NewRoadmapPicture(r)
	statuses := progress.Statuses()
	status := func(id string) progress.Status { return statuses[len(id)%len(statuses)] }
	b.ReportAllocs()
	for b.Loop() {
		p.SVG(status)
	}
}

// BenchmarkRoadmapLayout is the work done once per roadmap version.
func BenchmarkRoadmapLayout(b *testing.B) {
	r := backend(b)
	for b.Loop() {
		NewRoadmapPicture(r)
	}
}
