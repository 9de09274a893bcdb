package practice

import (
	"slices"
	"testing"
)

func TestSplitStatements(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want []string
	}{
		{"one", "SELECT 1", []string{"SELECT 1"}},
		{"one with semicolon", "SELECT 1;", []string{"SELECT 1;"}},
		{"two", "SELECT 1; SELECT 2;", []string{"SELECT 1;", "SELECT 2;"}},
		{"last without semicolon", "SELECT 1;\nSELECT 2", []string{"SELECT 1;", "SELECT 2"}},
		{"empty", "", nil},
		{"only whitespace and semicolons", " ;\n ; ", nil},
		{"only comments", "-- nothing\n/* still nothing; */", nil},
		{"semicolon in a string", "SELECT 'a;b'; SELECT 2", []string{"SELECT 'a;b';", "SELECT 2"}},
		{"doubled quote in a string", "SELECT 'it''s; fine'", []string{"SELECT 'it''s; fine'"}},
		{"semicolon in a quoted name", `SELECT 1 AS "a;b"`, []string{`SELECT 1 AS "a;b"`}},
		{"semicolon in backquotes", "SELECT 1 AS `a;b`", []string{"SELECT 1 AS `a;b`"}},
		{"semicolon in brackets", "SELECT 1 AS [a;b]", []string{"SELECT 1 AS [a;b]"}},
		{"semicolon in a line comment", "SELECT 1 -- one; two\n", []string{"SELECT 1 -- one; two"}},
		{"semicolon in a block comment", "SELECT /* ; */ 1", []string{"SELECT /* ; */ 1"}},
		{"comment between statements", "SELECT 1; -- and then\nSELECT 2;", []string{"SELECT 1;", "-- and then\nSELECT 2;"}},
		{"unterminated string swallows the rest", "SELECT 'abc; SELECT 2", []string{"SELECT 'abc; SELECT 2"}},
		{"unterminated comment swallows the rest", "SELECT 1 /* ; SELECT 2", []string{"SELECT 1 /* ; SELECT 2"}},
		{
			"trigger body keeps its semicolons",
			"CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET x = 1; DELETE FROM c; END; SELECT 1;",
			[]string{"CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET x = 1; DELETE FROM c; END;", "SELECT 1;"},
		},
		{
			"temporary trigger with CASE ... END inside",
			"create temp trigger t before insert on a begin select case when 1 then 2 end; end; select 3",
			[]string{"create temp trigger t before insert on a begin select case when 1 then 2 end; end;", "select 3"},
		},
		{
			"END outside a trigger is an ordinary word",
			"SELECT CASE WHEN 1 THEN 2 END; SELECT 3",
			[]string{"SELECT CASE WHEN 1 THEN 2 END;", "SELECT 3"},
		},
		{"CREATE TABLE is not a trigger", "CREATE TABLE t (a); SELECT 1", []string{"CREATE TABLE t (a);", "SELECT 1"}},
		{"a column named trigger", "SELECT trigger FROM t; SELECT 2", []string{"SELECT trigger FROM t;", "SELECT 2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := SplitStatements(tc.text); !slices.Equal(got, tc.want) {
				t.Errorf("SplitStatements(%q)\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}
