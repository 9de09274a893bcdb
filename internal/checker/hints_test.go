package checker

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"

	"devpath/internal/checker/checkertest"
)

// Every kind of problem declared in issues.go may carry a hint.
func TestEveryIssueIsKnown(t *testing.T) {
	file, err := parser.ParseFile(token.NewFileSet(), "issues.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	ast.Inspect(file, func(node ast.Node) bool {
		spec, ok := node.(*ast.ValueSpec)
		if !ok || len(spec.Values) != 1 || !strings.HasPrefix(spec.Names[0].Name, "issue") {
			return true
		}
		lit, ok := spec.Values[0].(*ast.BasicLit)
		if !ok {
			return true
		}
		n++
		if v, _ := strconv.Unquote(lit.Value); !knownIssues[v] {
			t.Errorf("%s (%s) is not in knownIssues", spec.Names[0].Name, v)
		}
		return true
	})
	if n != len(knownIssues) {
		t.Errorf("issues.go declares %d kinds, knownIssues holds %d", n, len(knownIssues))
	}
}

// findings gathers every finding of a run, by stage.
func findings(rep Report) map[string][]Finding {
	out := map[string][]Finding{}
	for _, res := range rep.Results {
		out[res.Slug] = append(out[res.Slug], res.Findings...)
	}
	return out
}

// A hint goes with the kind of problem it explains: the Token-not-Bearer
// hint with a server that wants Bearer, never with a 403 for a request that
// had no token; the slug and date hint with bad dates, never with 200 for 201.
func TestHintsFitTheFinding(t *testing.T) {
	run := func(f fault) map[string][]Finding {
		return findings(check(t, "conduit", serve(t, newConduitServer(f)), Options{}))
	}
	bearer := run(checkertest.ConduitBearer)["current-user"]
	if len(bearer) != 1 || bearer[0].Issue != issueBearer || !strings.Contains(bearer[0].Hint, `The scheme is "Token", not "Bearer"`) {
		t.Errorf("Bearer server: %+v", bearer)
	}
	for slug, fs := range run(checkertest.ConduitForbidden) {
		for _, f := range fs {
			if strings.Contains(f.Hint, "Bearer") || !strings.Contains(f.Hint, `401 means "who are you?"`) {
				t.Errorf("403 server, %s: %q has the hint %q", slug, f.Message, f.Hint)
			}
		}
	}
	created := run(checkertest.ConduitCreated200)["create-article"]
	if len(created) != 1 || !strings.Contains(created[0].Hint, "201 Created") || strings.Contains(created[0].Hint, "RFC 3339") {
		t.Errorf("200 for a new article: %+v", created)
	}
	dates := run(checkertest.ConduitLocalDates)["create-article"]
	if len(dates) != 1 || !strings.Contains(dates[0].Hint, "RFC 3339") || strings.Contains(dates[0].Hint, "201") {
		t.Errorf("dates not RFC 3339: %+v", dates)
	}
}

// A stage's own hint for a kind wins over the project's.
func TestStageHintWins(t *testing.T) {
	h := &harness{hints: map[string]string{"not-json": "generic", "health/not-json": "for health"}}
	h.stage.Slug = "health"
	if got := h.hint("not-json"); got != "for health" {
		t.Errorf("health: %q", got)
	}
	h.stage.Slug = "read-note"
	if got, none := h.hint("not-json"), h.hint(""); got != "generic" || none != "" {
		t.Errorf("read-note: %q, %q", got, none)
	}
}
