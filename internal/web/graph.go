package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
	"sync"

	"github.com/goccy/go-graphviz"

	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

// graphs lays out each roadmap version once, with Graphviz's dot, and keeps
// the SVG; each request only adds a small style sheet with the viewer's colours.
type graphs struct {
	mu    sync.Mutex
	cache map[string][]byte // slug@version -> SVG without colours
}

func newGraphs() *graphs { return &graphs{cache: map[string][]byte{}} }

// statusFill is the node colour for each status, readable with dark text.
var statusFill = map[progress.Status]string{
	progress.Todo:     "#ffffff",
	progress.Learning: "#f6d776",
	progress.Done:     "#8fd19e",
	progress.Skipped:  "#d0d4da",
}

// SVG returns the roadmap's graph coloured by status, and the CSP hash of
// its one inline stylesheet.
func (g *graphs) SVG(ctx context.Context, r *roadmap.Roadmap, status func(string) progress.Status) ([]byte, string, error) {
	base, err := g.layout(ctx, r)
	if err != nil {
		return nil, "", err
	}
	var style strings.Builder
	// the layout measured text at 12pt with estimated metrics; 11px keeps real fonts inside the boxes
	style.WriteString(".node text{font-size:11px}")
	for _, t := range r.Topics {
		if st := status(t.ID); st != progress.Todo {
			fmt.Fprintf(&style, "#t-%s path,#t-%s polygon{fill:%s}", t.ID, t.ID, statusFill[st])
		}
	}
	sum := sha256.Sum256([]byte(style.String()))
	hash := "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
	// the style goes right after the opening <svg ...> tag
	i := bytes.Index(base, []byte("<svg"))
	j := bytes.IndexByte(base[i:], '>') + i + 1
	out := make([]byte, 0, len(base)+style.Len())
	out = append(out, base[:j]...)
	out = append(out, "<style>"+style.String()+"</style>"...)
	return append(out, base[j:]...), hash, nil
}

func (g *graphs) layout(ctx context.Context, r *roadmap.Roadmap) ([]byte, error) {
	key := fmt.Sprintf("%s@%d", r.Slug, r.Version)
	g.mu.Lock()
	defer g.mu.Unlock()
	if svg, ok := g.cache[key]; ok {
		return svg, nil
	}
	gv, err := graphviz.New(ctx)
	if err != nil {
		return nil, err
	}
	defer gv.Close()
	graph, err := graphviz.ParseBytes([]byte(dot(r)))
	if err != nil {
		return nil, fmt.Errorf("roadmap graph: %w", err)
	}
	defer graph.Close()
	var buf bytes.Buffer
	if err := gv.Render(ctx, graph, graphviz.SVG, &buf); err != nil {
		return nil, fmt.Errorf("roadmap graph: %w", err)
	}
	svg := buf.Bytes()
	if i := bytes.Index(svg, []byte("<svg")); i > 0 {
		svg = svg[i:] // drop the XML prolog and doctype: the SVG is served and embedded as is
	}
	g.cache[key] = svg
	return svg, nil
}

// dot writes the roadmap in Graphviz's language: a box per topic, one
// cluster per step, an arrow from each prerequisite to what builds on it.
func dot(r *roadmap.Roadmap) string {
	var b strings.Builder
	b.WriteString("digraph roadmap {\n")
	b.WriteString(`graph [rankdir=LR, bgcolor="transparent", nodesep=0.15, ranksep=0.5, fontname="Helvetica", fontsize=13];` + "\n")
	b.WriteString(`node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#57606a", fontname="Helvetica", fontsize=12, height=0.3, margin="0.1,0.03"];` + "\n")
	b.WriteString(`edge [color="#8c959f", arrowsize=0.6];` + "\n")
	for i, s := range r.Steps {
		fmt.Fprintf(&b, "subgraph cluster_%d {\nlabel=%s; color=\"#d0d7de\"; style=rounded;\n", i, quote(fmt.Sprintf("%d. %s", i+1, s.Title)))
		for _, t := range s.Topics {
			fmt.Fprintf(&b, "%s [id=%s, label=%s, URL=%s, target=\"_top\", tooltip=%s];\n", quote(t.ID), quote("t-"+t.ID),
				quote(t.Title), quote("/roadmaps/"+r.Slug+"/topics/"+t.ID), quote(fmt.Sprintf("%s (%d h)", t.Title, t.EstimateHours)))
		}
		b.WriteString("}\n")
	}
	for _, t := range r.Topics {
		for _, p := range t.Prerequisites {
			fmt.Fprintf(&b, "%s -> %s;\n", quote(p), quote(t.ID))
		}
	}
	b.WriteString("}\n")
	return b.String()
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ").Replace(s) + `"`
}
