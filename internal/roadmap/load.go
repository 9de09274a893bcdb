package roadmap

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// Problem is one thing wrong with a roadmap, at a file and line.
type Problem struct {
	File    string
	Line    int // 0 when the problem is about the file as a whole
	Message string
}

func (p Problem) String() string {
	if p.Line == 0 {
		return p.File + ": " + p.Message
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
}

// Problems is every problem found in a roadmap.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// The file shapes, as a person writes them.
type roadmapFile struct {
	Slug        string       `yaml:"slug"`
	Title       string       `yaml:"title"`
	Summary     string       `yaml:"summary"`
	Version     int          `yaml:"version"`
	Steps       []stepFile   `yaml:"steps"`
	Topics      []topicFile  `yaml:"topics"`
	Backgrounds []Background `yaml:"backgrounds"`
}

type stepFile struct {
	ID      string `yaml:"id"`
	Title   string `yaml:"title"`
	Summary string `yaml:"summary"`
}

type topicFile struct {
	ID            string   `yaml:"id"`
	Title         string   `yaml:"title"`
	Step          string   `yaml:"step"`
	EstimateHours int      `yaml:"estimate_hours"`
	Prerequisites []string `yaml:"prerequisites"`
	ChoiceGroup   string   `yaml:"choice_group"`
	Aliases       []string `yaml:"aliases"`
}

type frontMatter struct {
	Resources []Resource `yaml:"resources"`
}

// source is a parsed YAML document that can say on which line a path is.
type source struct {
	name   string
	file   *ast.File
	offset int // lines before the YAML starts, for front matter
}

func (s source) line(p string) int {
	if s.file == nil {
		return 0
	}
	yp, err := yaml.PathString(p)
	if err != nil {
		return 0
	}
	n, err := yp.FilterFile(s.file)
	if err != nil || n == nil || n.GetToken() == nil {
		return 0
	}
	return n.GetToken().Position.Line + s.offset
}

// decode parses data strictly into v, reporting a problem with its line.
// The YAML library panics on some malformed documents (a tag with nothing
// after it where a list is expected); that is a problem with the file too.
func decode(name string, data []byte, offset int, v any) (src source, problem *Problem) {
	// The YAML parser counts a comment's "\r\n" as two line breaks; with
	// "\n" alone the lines it names are the ones an editor shows.
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	src = source{name: name, offset: offset}
	defer func() {
		if r := recover(); r != nil {
			src, problem = source{name: name, offset: offset}, &Problem{File: name, Message: fmt.Sprintf("cannot read this YAML: %v", r)}
		}
	}()
	f, err := parser.ParseBytes(data, 0)
	if err == nil {
		src.file = f
		err = yaml.UnmarshalWithOptions(data, v, yaml.Strict())
	}
	if err == nil {
		return src, nil
	}
	p := &Problem{File: name, Message: err.Error()}
	var ye interface {
		GetToken() *token.Token
		GetMessage() string
	}
	if errors.As(err, &ye) {
		p.Message = ye.GetMessage()
		if tk := ye.GetToken(); tk != nil {
			p.Line = tk.Position.Line + offset
		}
	}
	return src, p
}

// Load reads and checks the roadmap in folder dir of fsys. It returns the
// roadmap only when there are no problems.
func Load(fsys fs.FS, dir string) (*Roadmap, Problems) {
	name := path.Join(dir, "roadmap.yaml")
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, Problems{{File: name, Message: "cannot read: " + unwrapPath(err)}}
	}
	var rf roadmapFile
	src, p := decode(name, data, 0, &rf)
	if p != nil {
		return nil, Problems{*p}
	}
	v := &validator{src: src, dir: dir}
	r := v.roadmap(rf)
	v.topicFiles(fsys, r)
	if len(v.problems) > 0 {
		return nil, v.problems
	}
	r.index()
	return r, nil
}

func unwrapPath(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// splitFrontMatter separates the YAML between the leading --- lines from the Markdown after.
func splitFrontMatter(data []byte) (yamlPart, body []byte, ok bool) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !bytes.HasPrefix(data, []byte("---\n")) && !bytes.HasPrefix(data, []byte("---\r\n")) {
		return nil, data, false
	}
	rest := data[bytes.IndexByte(data, '\n')+1:]
	for i := 0; i < len(rest); {
		end := bytes.IndexByte(rest[i:], '\n')
		line := rest[i:]
		if end >= 0 {
			line = rest[i : i+end]
		}
		if string(bytes.TrimRight(line, "\r")) == "---" {
			if end < 0 {
				return rest[:i], nil, true
			}
			return rest[:i], rest[i+end+1:], true
		}
		if end < 0 {
			break
		}
		i += end + 1
	}
	return nil, data, false
}

// markdown renders CommonMark with tables (project specifications list
// fields in them). Cell alignment goes in align attributes: the pages'
// content policy refuses style attributes.
var markdown = goldmark.New(goldmark.WithExtensions(extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute))))

// Markdown renders Markdown to HTML. goldmark's defaults drop raw HTML and
// dangerous link schemes, so text from topic files, specs and learners is safe.
func Markdown(src []byte) (template.HTML, error) {
	var buf bytes.Buffer
	if err := markdown.Convert(src, &buf); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil // goldmark escapes raw HTML unless told otherwise
}
