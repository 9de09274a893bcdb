package practice

import (
	"slices"
	"strings"
	"testing"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"

	"devpath/content"
)

// FuzzSplitStatements cuts learners' SQL answers into statements. The
// statements are the input's text in order, none is blank, nothing with
// code is left between them, each but the last is complete by SQLite's
// own sqlite3_complete(), and splitting a statement again gives itself.
func FuzzSplitStatements(f *testing.F) {
	for _, s := range []string{
		"SELECT 1", "SELECT 1; SELECT 2;", " ;\n ; ", "-- nothing\n/* still nothing; */",
		"SELECT 'it''s; fine'", `SELECT 1 AS "a;b"`, "SELECT 1 AS `a;b`", "SELECT 1 AS [a;b]",
		"SELECT 1; -- and then\nSELECT 2;", "SELECT 'abc; SELECT 2", "SELECT 1 /* ; SELECT 2",
		"CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET x = 1; DELETE FROM c; END; SELECT 1;",
		"create temp trigger t before insert on a begin select case when 1 then 2 end; end; select 3",
		"EXPLAIN CREATE TEMPORARY TRIGGER t BEGIN SELECT 1;END;", "SELECT trigger FROM t; SELECT 2",
		"SELECT 1;\tSELECT\u00a02;", "SELECT $a, _b, é FROM t;;", "\r\n\f;",
	} {
		f.Add(s)
	}
	c, err := Load(content.Exercises, "exercises")
	if err != nil {
		f.Fatal(err)
	}
	for _, ex := range c.Exercises {
		f.Add(ex.Answer) // the reference answers, some of several statements
	}
	tls := libc.NewTLS()
	f.Cleanup(tls.Close)
	complete := func(t *testing.T, s string) bool {
		cs, err := libc.CString(s)
		if err != nil {
			t.Fatal(err)
		}
		defer libc.Xfree(tls, cs)
		return sqlite3.Xsqlite3_complete(tls, cs) != 0
	}
	f.Fuzz(func(t *testing.T, text string) {
		stmts := SplitStatements(text)
		rest := text
		for i, s := range stmts {
			if s == "" {
				t.Fatalf("SplitStatements(%q): statement %d is blank", text, i)
			}
			at := codeFreeUntil(rest, s)
			if at < 0 {
				t.Fatalf("SplitStatements(%q): statement %d %q does not follow nothing but spaces and comments", text, i, s)
			}
			rest = rest[at+len(s):]
			if again := SplitStatements(s); !slices.Equal(again, []string{s}) {
				t.Fatalf("SplitStatements(%q): statement %q splits into %q", text, s, again)
			}
			last := i == len(stmts)-1
			if !last && (!strings.HasSuffix(s, ";") || !strings.ContainsRune(text, 0) && !complete(t, s)) {
				t.Fatalf("SplitStatements(%q): statement %q is not complete", text, s)
			}
		}
		if SplitStatements(rest) != nil {
			t.Fatalf("SplitStatements(%q) left %q out", text, rest)
		}
	})
}

// codeFreeUntil returns where s occurs in text after nothing but spaces,
// comments and semicolons, or -1. It takes the last such place: s may also
// occur inside a comment before it, as "0" does in "--0\n;0".
func codeFreeUntil(text, s string) int {
	last := -1
	for at, from := 0, 0; ; from = at + 1 {
		i := strings.Index(text[from:], s)
		if i < 0 {
			return last
		}
		at = from + i
		if SplitStatements(text[:at]) == nil {
			last = at
		}
	}
}
