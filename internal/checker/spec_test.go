package checker

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// specFiles is where the tests find each spec document. RealWorld's lives
// beside the repository, in the shared specs, and is not shipped.
var specFiles = map[string]string{
	"realworld": "../../../shared/specs/realworld/openapi.yml",
	"conduit":   "../../content/projects/conduit/SPEC.md",
	"notes":     "../../content/projects/notes-api/SPEC.md",
	"shortener": "../../content/projects/shortener/SPEC.md",
}

// specFuncs are the functions that make references, by the document each
// points into.
var specFuncs = map[string]string{"rw": "realworld", "cs": "conduit", "ns": "notes", "ss": "shortener"}

// Every spec reference in the package's code (each call of rw, cs or ns)
// points at a line that holds its quote, so a warning never cites a line
// that says something else.
func TestSpecRefsHold(t *testing.T) {
	refs := 0
	for _, ref := range specCalls(t) {
		fn, line, quote := ref[0], ref[1], ref[2]
		refs++
		lines, err := readLines(specFiles[specFuncs[fn]])
		if os.IsNotExist(err) && specFuncs[fn] == "realworld" {
			t.Logf("skipping %s(%s, %q): %v", fn, line, quote, err)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		n, _ := strconv.Atoi(line)
		if n < 1 || n > len(lines) || !strings.Contains(lines[n-1], quote) {
			t.Errorf("%s(%d, %q): the line does not hold the quote", fn, n, quote)
		}
	}
	if refs < 20 {
		t.Errorf("found only %d references; is specCalls still finding them?", refs)
	}
}

func readLines(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	return strings.Split(string(b), "\n"), err
}

// specCalls finds the calls of specFuncs, such as rw(line, quote, says), with
// literal arguments in the package's non-test files.
func specCalls(t *testing.T) [][3]string {
	files, _ := filepath.Glob("*.go")
	var out [][3]string
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 3 {
				return true
			}
			fn, ok := call.Fun.(*ast.Ident)
			if !ok || specFuncs[fn.Name] == "" {
				return true
			}
			line, ok1 := call.Args[0].(*ast.BasicLit)
			quote, ok2 := call.Args[1].(*ast.BasicLit)
			if !ok1 || !ok2 {
				t.Errorf("%s: %s(...) needs literal arguments", fset.Position(call.Pos()), fn.Name)
				return true
			}
			q, _ := strconv.Unquote(quote.Value)
			out = append(out, [3]string{fn.Name, line.Value, q})
			return true
		})
	}
	return out
}
