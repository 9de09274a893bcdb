package charts

import (
	"fmt"
	"html"
	"strings"
)

// Badge draws an achievement's picture: a hexagon in the achievement's hue
// with a ribbon and a glyph for what earns it. It is a file of its own
// (the credential points at it by address), so its colours are fixed and
// chosen for white text to read on them in either theme.
func Badge(name, glyph string, hue int) []byte {
	var b strings.Builder
	title := html.EscapeString(name)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 132" width="120" height="132" role="img" aria-label="%s">`, title)
	fmt.Fprintf(&b, `<title>%s</title>`, title)
	fmt.Fprintf(&b, `<path d="M38 92 L30 128 L46 118 L56 130 L60 96 Z M82 92 L90 128 L74 118 L64 130 L60 96 Z" fill="hsl(%d 45%% 30%%)"/>`, hue)
	fmt.Fprintf(&b, `<path d="M60 4 L108 30 L108 82 L60 108 L12 82 L12 30 Z" fill="hsl(%d 55%% 34%%)" stroke="hsl(%d 60%% 70%%)" stroke-width="4"/>`, hue, hue)
	fmt.Fprintf(&b, `<path d="M60 18 L96 38 L96 74 L60 94 L24 74 L24 38 Z" fill="none" stroke="hsl(%d 50%% 80%%)" stroke-width="1.5" stroke-dasharray="3 3"/>`, hue)
	fmt.Fprintf(&b, `<text x="60" y="57" text-anchor="middle" dominant-baseline="middle" fill="#fff" font-family="system-ui, sans-serif" font-weight="700" font-size="%d">%s</text>`,
		glyphSize(glyph), html.EscapeString(glyph))
	b.WriteString(`</svg>`)
	return []byte(b.String())
}

func glyphSize(glyph string) int {
	if len([]rune(glyph)) > 2 {
		return 22
	}
	return 34
}
