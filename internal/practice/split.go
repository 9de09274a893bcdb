package practice

import "strings"

// Tokens and states of SQLite's sqlite3_complete(), which decides where a
// statement ends. Following it (rather than cutting at every ';') keeps
// semicolons inside strings, quoted names, comments and CREATE TRIGGER ...
// BEGIN ... END bodies where they belong.
const (
	tokSemi = iota
	tokSpace
	tokOther
	tokExplain
	tokCreate
	tokTemp
	tokTrigger
	tokEnd
)

const (
	stInvalid = iota // nothing but whitespace and comments seen yet
	stStart          // at the boundary between two statements
	stNormal         // inside a statement that ends at the next ';'
	stExplain        // after a leading EXPLAIN
	stCreate         // after a leading CREATE [TEMP]
	stTrigger        // inside a trigger body, which ends with ';END;'
	stSemi           // after a ';' inside a trigger body
	stEnd            // after ';END' inside a trigger body
)

// transition is sqlite3_complete's state table, indexed [state][token].
func transition(state, tok int) int {
	table := [8][8]int{
		/* stInvalid */ {stStart, stInvalid, stNormal, stExplain, stCreate, stNormal, stNormal, stNormal},
		/* stStart   */ {stStart, stStart, stNormal, stExplain, stCreate, stNormal, stNormal, stNormal},
		/* stNormal  */ {stStart, stNormal, stNormal, stNormal, stNormal, stNormal, stNormal, stNormal},
		/* stExplain */ {stStart, stExplain, stExplain, stNormal, stCreate, stNormal, stNormal, stNormal},
		/* stCreate  */ {stStart, stCreate, stNormal, stNormal, stNormal, stCreate, stTrigger, stNormal},
		/* stTrigger */ {stSemi, stTrigger, stTrigger, stTrigger, stTrigger, stTrigger, stTrigger, stTrigger},
		/* stSemi    */ {stSemi, stSemi, stTrigger, stTrigger, stTrigger, stTrigger, stTrigger, stEnd},
		/* stEnd     */ {stStart, stEnd, stTrigger, stTrigger, stTrigger, stTrigger, stTrigger, stTrigger},
	}
	return table[state][tok]
}

// SplitStatements cuts SQL text into statements the way SQLite's own
// sqlite3_complete() sees them. Each statement keeps its text up to and
// including its ';'; statements made only of whitespace and comments are
// dropped. An unterminated string or comment runs to the end of the text,
// where SQLite will report it.
//
// This is a lexical check because the driver offers no way to ask SQLite
// for the tail of a prepared statement. It only decides how many statements
// an answer has; every statement still runs under the sandbox's authorizer,
// so a disagreement with SQLite could not reach outside the database.
func SplitStatements(text string) []string {
	var out []string
	state, start, hasCode := stInvalid, 0, false
	for i := 0; i < len(text); {
		tok, next := nextToken(text, i)
		if tok != tokSpace && tok != tokSemi {
			hasCode = true
		}
		state = transition(state, tok)
		i = next
		if tok == tokSemi && state == stStart {
			if hasCode {
				out = append(out, strings.Trim(text[start:i], sqlSpace))
			}
			start, hasCode = i, false
		}
	}
	if hasCode {
		out = append(out, strings.Trim(text[start:], sqlSpace))
	}
	return out
}

// sqlSpace is what SQLite reads as whitespace. Trimming only these keeps
// a statement whose text is, say, a vertical tab or a no-break space: to
// SQLite that is a token, not nothing.
const sqlSpace = " \t\n\r\f"

// nextToken classifies the token at text[i] and returns the index after it.
func nextToken(text string, i int) (tok, next int) {
	c := text[i]
	switch {
	case c == ';':
		return tokSemi, i + 1
	case strings.IndexByte(sqlSpace, c) >= 0:
		return tokSpace, i + 1
	case c == '/' && i+1 < len(text) && text[i+1] == '*':
		if end := strings.Index(text[i+2:], "*/"); end >= 0 {
			return tokSpace, i + 2 + end + 2
		}
		return tokSpace, len(text)
	case c == '-' && i+1 < len(text) && text[i+1] == '-':
		if end := strings.IndexByte(text[i:], '\n'); end >= 0 {
			return tokSpace, i + end + 1
		}
		return tokSpace, len(text)
	case c == '\'' || c == '"' || c == '`':
		// A doubled quote reads as two adjacent quoted tokens, which is
		// the same thing for finding where statements end.
		return tokOther, closing(text, i, c)
	case c == '[':
		return tokOther, closing(text, i, ']')
	case isIDChar(c):
		j := i
		for j < len(text) && isIDChar(text[j]) {
			j++
		}
		return keyword(text[i:j]), j
	}
	return tokOther, i + 1
}

// closing returns the index after the quote character that closes the
// token opened at text[i], or len(text) when it is never closed.
func closing(text string, i int, quote byte) int {
	if end := strings.IndexByte(text[i+1:], quote); end >= 0 {
		return i + 1 + end + 1
	}
	return len(text)
}

// isIDChar reports whether c can be part of an identifier or keyword, as
// SQLite's IdChar does: letters, digits, '_', '$' and any non-ASCII byte.
func isIDChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '$' || c >= 0x80
}

func keyword(word string) int {
	switch strings.ToLower(word) {
	case "explain":
		return tokExplain
	case "create":
		return tokCreate
	case "temp", "temporary":
		return tokTemp
	case "trigger":
		return tokTrigger
	case "end":
		return tokEnd
	}
	return tokOther
}
