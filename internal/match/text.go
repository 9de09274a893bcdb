package match

import (
	"strings"
	"unicode"
)

// Words are split the way job descriptions write technology names:
// letters and digits make words; "." joins two word characters (Node.js,
// ASP.NET) and may start a word before a letter (.NET); "+" and "#" end a
// word when nothing word-like follows them (C++, C#, but Python+Django is two
// words). Everything else, "/" and "-" included, separates words.
func words(s string) []string {
	rs := []rune(s)
	var out []string
	for i := 0; i < len(rs); {
		if !startsWord(rs, i) {
			i++
			continue
		}
		j := wordEnd(rs, i+1)
		out = append(out, string(rs[i:j]))
		i = j
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func startsWord(rs []rune, i int) bool {
	if isWordRune(rs[i]) {
		return true
	}
	// a leading dot, as in .NET, but not the dot ending a sentence
	return rs[i] == '.' && i+1 < len(rs) && unicode.IsLetter(rs[i+1]) && (i == 0 || !isWordRune(rs[i-1]))
}

// wordEnd returns the index just past the word that continues at i.
func wordEnd(rs []rune, i int) int {
	for i < len(rs) {
		switch {
		case isWordRune(rs[i]):
			i++
		case rs[i] == '.' && i+1 < len(rs) && isWordRune(rs[i+1]):
			i++
		case rs[i] == '+' || rs[i] == '#':
			j := i
			for j < len(rs) && (rs[j] == '+' || rs[j] == '#') {
				j++
			}
			if j < len(rs) && isWordRune(rs[j]) {
				return i // Python+Django: the + separates
			}
			return j
		default:
			return i
		}
	}
	return i
}

// foldTokens splits s into words, lower-cased and stemmed.
func foldTokens(s string) []string {
	ws := words(s)
	for i, w := range ws {
		ws[i] = fold(w)
	}
	return ws
}

// fold lower-cases a word and stems it.
func fold(w string) string { return stem(strings.ToLower(acronymSingular(w))) }

// acronymSingular turns "APIs" and "SDKs" into "API" and "SDK": capitals
// then a small s. stem cannot, as it sees "apis" like "analysis".
func acronymSingular(w string) string {
	n := len(w)
	if n < 3 || w[n-1] != 's' {
		return w
	}
	for _, r := range w[:n-1] {
		if r < 'A' || r > 'Z' {
			return w
		}
	}
	return w[:n-1]
}

// stem is deliberately light: it makes plurals and -ing forms meet their
// base word ("databases", "database"; "caching", "cache") by reducing both
// sides to the same stem, which need not be a real word. Only plain words
// of four letters or more are touched, so short names (Go, JS, SQL) and
// names with punctuation (Node.js, C#) stay as written.
func stem(w string) string {
	if len(w) < 4 || !isLetters(w) {
		return w
	}
	w = stripPlural(w)
	if strings.HasSuffix(w, "ing") && len(w)-3 >= 4 {
		w = w[:len(w)-3]
	}
	if n := len(w); n >= 4 && w[n-1] == w[n-2] && w[n-1] != 's' && !isVowel(w[n-1]) {
		w = w[:n-1] // logging -> logg -> log; install -> instal on both sides
	}
	if n := len(w); n >= 4 && w[n-1] == 'e' {
		w = w[:n-1]
	}
	return w
}

func stripPlural(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"),
		strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:len(w)-1]
	}
	return w
}

func isLetters(w string) bool {
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

func isVowel(b byte) bool { return strings.IndexByte("aeiouy", b) >= 0 }
