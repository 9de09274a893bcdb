package roadmap

import (
	"bytes"
	"html"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"devpath/content"
)

// anyTopics is a roadmap folder (".") whose roadmap.yaml is given and where
// every topics/<id>.md exists with one valid resource, so that a fuzzed
// roadmap.yaml reaches the checks after reading topic files whatever ids it
// names.
type anyTopics struct{ yaml []byte }

func (a anyTopics) Open(name string) (fs.File, error) {
	data := []byte(topicMD("fuzz"))
	switch {
	case name == "roadmap.yaml":
		data = a.yaml
	case path.Dir(name) != "topics" || path.Ext(name) != ".md":
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return fstest.MapFS{name: {Data: data}}.Open(name)
}

// FuzzLoadRoadmapYAML feeds roadmap.yaml to Load: either it reports
// problems at real places, or the roadmap it returns keeps every promise
// FORMAT.md makes.
func FuzzLoadRoadmapYAML(f *testing.F) {
	f.Add([]byte(goodYAML))
	shipped, err := fs.ReadFile(content.Roadmaps, "roadmaps/backend/roadmap.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(shipped)
	f.Add([]byte(strings.Replace(goodYAML, "prerequisites: [go]", "prerequisites: [api]", 1)))
	f.Add([]byte(strings.Replace(goodYAML, "title: Demo", "title: [Demo", 1)))
	f.Add([]byte(strings.Replace(goodYAML, "estimate_hours: 40", "estimated_hours: 40", 1)))
	f.Add([]byte("slug: a\ntitle: A\nversion: 1\nsteps: [{id: s, title: S}]\ntopics: [{id: t, title: T, step: s, estimate_hours: 1, aliases: [u]}]\n"))
	f.Add([]byte("&a [*a]"))
	f.Add([]byte("slug: !!binary AAAA\n"))
	f.Add([]byte("{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, problems := Load(anyTopics{yaml: data}, ".")
		checkProblems(t, r, problems, map[string][]byte{"roadmap.yaml": data})
		if r != nil {
			checkRoadmap(t, r)
		}
	})
}

// FuzzLoadTopicFile feeds one topic's Markdown file, front matter and all,
// to Load with a fixed roadmap.yaml.
func FuzzLoadTopicFile(f *testing.F) {
	f.Add([]byte(topicMD("http")))
	for _, id := range []string{"http", "sql", "git-github", "docker"} {
		data, err := fs.ReadFile(content.Roadmaps, "roadmaps/backend/topics/"+id+".md")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("---\nresources: []\n---\nx"))
	f.Add([]byte("\ufeff---\r\nresources:\r\n  - {kind: tool, title: T, url: 'http://h'}\r\n---\r\n<script>alert(1)</script>"))
	f.Add([]byte("---\nresources:\n  - kind: docs\n    title: T\n    url: javascript:alert(1)\n---\n[x](javascript:alert(1))"))
	f.Add([]byte("---\n---"))
	f.Add([]byte("no front matter"))
	const yml = "slug: demo\ntitle: Demo\nversion: 1\nsteps: [{id: learn, title: Learn}]\n" +
		"topics: [{id: http, title: HTTP, step: learn, estimate_hours: 4}]\n"
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"roadmap.yaml": {Data: []byte(yml)}, "topics/http.md": {Data: data}}
		r, problems := Load(fsys, ".")
		checkProblems(t, r, problems, map[string][]byte{"roadmap.yaml": []byte(yml), "topics/http.md": data})
		if r == nil {
			return
		}
		checkRoadmap(t, r)
		tp := r.Topics[0]
		if _, body, _ := splitFrontMatter(data); strings.TrimSpace(string(body)) == "" {
			t.Errorf("loaded a topic whose description is blank: %q", data)
		}
		checkHTML(t, string(tp.Description))
	})
}

// FuzzMarkdown renders arbitrary Markdown, as from a topic file, a project
// spec or a learner: the HTML has only the tags and attributes plain
// Markdown makes, and no link a browser would run as script.
func FuzzMarkdown(f *testing.F) {
	for _, id := range []string{"http", "sql", "git-github"} {
		data, err := fs.ReadFile(content.Roadmaps, "roadmaps/backend/topics/"+id+".md")
		if err != nil {
			f.Fatal(err)
		}
		_, body, _ := splitFrontMatter(data)
		f.Add(body)
	}
	spec, err := fs.ReadFile(content.Projects, "projects/notes-api/SPEC.md")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(spec)
	for _, s := range []string{
		"<script>alert(1)</script>", "<SCRIPT>x", "a <img src=x onerror=alert(1)> b",
		"[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](java&#115;cript:alert(1))",
		"[x](<java\tscript:alert(1)>)", "![i](data:text/html;base64,PHNjcmlwdD4=)", "![i](data:image/png;base64,AAAA)",
		"<javascript:alert(1)>", "[a]: vbscript:x\n\n[a]", "```html\n<script>\n```", "`<b>`", "> <iframe>\n",
		"* a\n  * b\n\n1. c\n2) d", "# h\n\n---\n\n***e*** ~~f~~  \nline", "&lt;script&gt; &#60;script&#62; &#x3C;", "\x00\xff<",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		out, err := Markdown(src)
		if err != nil {
			t.Fatalf("Markdown(%q): %v", src, err)
		}
		checkHTML(t, string(out))
	})
}

// checkProblems holds Load's result to its contract: a roadmap or problems,
// never both, each problem naming a file and a line that exists.
func checkProblems(t *testing.T, r *Roadmap, problems Problems, files map[string][]byte) {
	t.Helper()
	if (r == nil) == (len(problems) == 0) {
		t.Fatalf("Load returned roadmap %v with %d problems", r != nil, len(problems))
	}
	for _, p := range problems {
		data, ok := files[p.File]
		if !ok && !strings.HasPrefix(p.File, "topics/") {
			t.Errorf("problem names file %q: %s", p.File, p)
		}
		if p.Message == "" || p.Line < 0 || (ok && p.Line > yamlLines(data)) {
			t.Errorf("problem %q: line %d of %d", p, p.Line, yamlLines(data))
		}
	}
}

// yamlLines counts lines as YAML does: "\r\n", "\r" and "\n" each end one.
func yamlLines(data []byte) int {
	return bytes.Count(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\n")) +
		bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n")) + 1
}

// checkRoadmap checks what a loaded roadmap promises its users.
func checkRoadmap(t *testing.T, r *Roadmap) {
	t.Helper()
	if !idPattern.MatchString(r.Slug) || strings.TrimSpace(r.Title) == "" || r.Version < 1 || len(r.Steps) == 0 {
		t.Fatalf("roadmap %q %q version %d with %d steps", r.Slug, r.Title, r.Version, len(r.Steps))
	}
	inSteps := 0
	for _, s := range r.Steps {
		if !idPattern.MatchString(s.ID) {
			t.Errorf("step id %q", s.ID)
		}
		if got, err := r.Step(s.ID); err != nil || got != s {
			t.Errorf("Step(%q) = %v, %v", s.ID, got, err)
		}
		for _, tp := range s.Topics {
			if tp.Step != s.ID {
				t.Errorf("topic %q of step %q says step %q", tp.ID, s.ID, tp.Step)
			}
		}
		inSteps += len(s.Topics)
	}
	if inSteps != len(r.Topics) {
		t.Errorf("%d topics, %d of them in steps", len(r.Topics), inSteps)
	}
	names := map[string]string{} // id or alias -> topic id
	for _, tp := range r.Topics {
		for _, n := range append([]string{tp.ID}, tp.Aliases...) {
			if other, dup := names[n]; dup {
				t.Errorf("%q names topics %q and %q", n, other, tp.ID)
			}
			names[n] = tp.ID
		}
	}
	for n, id := range names {
		if got, ok := r.Resolve(n); !ok || got != id {
			t.Errorf("Resolve(%q) = %q, %v; want %q", n, got, ok, id)
		}
	}
	for _, tp := range r.Topics {
		if !idPattern.MatchString(tp.ID) || tp.EstimateHours < 1 || tp.EstimateHours > MaxEstimateHours || len(tp.Resources) == 0 {
			t.Errorf("topic %q: estimate %d, %d resources", tp.ID, tp.EstimateHours, len(tp.Resources))
		}
		for _, p := range tp.Prerequisites {
			if _, ok := names[p]; !ok || p == tp.ID {
				t.Errorf("topic %q: prerequisite %q", tp.ID, p)
			}
		}
		for _, res := range tp.Resources {
			u, err := url.Parse(res.URL)
			if !slices.Contains(ResourceKinds(), res.Kind) || strings.TrimSpace(res.Title) == "" ||
				err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				t.Errorf("topic %q: resource %+v", tp.ID, res)
			}
		}
	}
	if c := prerequisiteCycle(r); c != "" {
		t.Errorf("prerequisite cycle through %q", c)
	}
	for _, b := range r.Backgrounds {
		if !b.StartingPoint.Valid() {
			t.Errorf("background %q: starting point %q", b.ID, b.StartingPoint)
		}
		for _, k := range b.Known {
			if _, ok := r.byID[k]; !ok {
				t.Errorf("background %q knows unknown topic %q", b.ID, k)
			}
		}
	}
}

// prerequisiteCycle returns a topic on a prerequisite cycle, or "" when the
// topics can be learnt in some order (Kahn's algorithm).
func prerequisiteCycle(r *Roadmap) string {
	waiting := map[string]int{}
	for _, tp := range r.Topics {
		waiting[tp.ID] = len(tp.Prerequisites)
	}
	for progress := true; progress; {
		progress = false
		for _, tp := range r.Topics {
			if waiting[tp.ID] != 0 {
				continue
			}
			waiting[tp.ID] = -1
			progress = true
			for _, other := range r.Topics {
				for _, p := range other.Prerequisites {
					if p == tp.ID {
						waiting[other.ID]--
					}
				}
			}
		}
	}
	for id, n := range waiting {
		if n > 0 {
			return id
		}
	}
	return ""
}

// markdownTags are the elements goldmark's defaults write; raw HTML in the
// source only ever shows as the comment "<!-- raw HTML omitted -->".
var markdownTags = strings.Fields("p em strong a img code pre h1 h2 h3 h4 h5 h6 ul ol li blockquote hr br table thead tbody tr th td !--")

// markdownAttrs are the attributes those elements carry.
var markdownAttrs = strings.Fields("href src alt title class start align style")

// checkHTML reads the tags of rendered Markdown: every literal "<" in it
// opens a tag, since text has "<" escaped.
func checkHTML(t *testing.T, out string) {
	t.Helper()
	for rest := out; ; {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			return
		}
		rest = rest[i+1:]
		if strings.HasPrefix(rest, "!--") {
			end := strings.Index(rest, "-->")
			if end < 0 || rest[:end+3] != "!-- raw HTML omitted -->" {
				t.Fatalf("unexpected comment in %q", out)
			}
			rest = rest[end+3:]
			continue
		}
		end := strings.IndexByte(rest, '>')
		if end < 0 {
			t.Fatalf("unclosed tag in %q", out)
		}
		checkTag(t, strings.TrimSuffix(strings.TrimPrefix(rest[:end], "/"), " /"), out)
		rest = rest[end+1:]
	}
}

func checkTag(t *testing.T, tag, out string) {
	t.Helper()
	name, attrs, _ := strings.Cut(tag, " ")
	if !slices.Contains(markdownTags, name) {
		t.Fatalf("tag <%s> in %q", tag, out)
	}
	for attrs != "" {
		key, rest, ok := strings.Cut(attrs, `="`)
		value, after, closed := strings.Cut(rest, `"`)
		if !ok || !closed || !slices.Contains(markdownAttrs, key) {
			t.Fatalf("attributes %q of <%s> in %q", attrs, name, out)
		}
		if (key == "href" || key == "src") && runsScript(value) {
			t.Fatalf("%s=%q in %q", key, value, out)
		}
		attrs = strings.TrimPrefix(after, " ")
	}
}

// runsScript reports a URL attribute value that a browser would treat as a
// script or an inline document: it decodes the entities, drops leading
// spaces and control characters and every tab and newline, as browsers do.
func runsScript(value string) bool {
	if !utf8.ValidString(value) {
		value = strings.ToValidUTF8(value, "\uFFFD")
	}
	u := strings.TrimLeft(html.UnescapeString(value), "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	u = strings.ToLower(strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(u))
	for _, safe := range []string{"data:image/png;", "data:image/gif;", "data:image/jpeg;", "data:image/webp;"} {
		if strings.HasPrefix(u, safe) {
			return false
		}
	}
	return strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:") || strings.HasPrefix(u, "data:")
}
