package mail

import (
	"bytes"
	"embed"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
)

// Letter is what an email says, laid out the same way in both its parts:
// a heading, a greeting and an introduction, sections of items, and a
// footer saying why the reader gets it and how to stop it.
type Letter struct {
	Title    string // the subject and the heading
	Greeting string // "Hello Ada,"
	Intro    string
	Sections []Section
	Why      string // why this reader gets this email
	Settings Link   // where to choose what arrives; empty for none
	// Unsubscribe is the one-click address; it also goes in the headers.
	Unsubscribe string
}

// Section is a group of items under a heading; the heading may be empty.
type Section struct {
	Heading string
	Items   []Item
}

// Item is one thing the letter tells, with a link to it.
type Item struct {
	Title string
	Text  string
	When  string // already in the reader's time zone
	URL   string // absolute; empty for none
}

// Link is a labelled address.
type Link struct {
	Label, URL string
}

//go:embed templates
var templates embed.FS

var (
	textLetter = texttemplate.Must(texttemplate.New("letter.txt").Funcs(texttemplate.FuncMap{"underline": underline}).
			ParseFS(templates, "templates/letter.txt"))
	htmlLetter = htmltemplate.Must(htmltemplate.ParseFS(templates, "templates/letter.html"))
)

// Message lays the letter out for to, as plain text with an HTML alternative.
func (l Letter) Message(to Address, id string) (Message, error) {
	var text, html bytes.Buffer
	if err := textLetter.Execute(&text, l); err != nil {
		return Message{}, err
	}
	if err := htmlLetter.Execute(&html, l); err != nil {
		return Message{}, err
	}
	return Message{To: to, Subject: l.Title, Text: text.String(), HTML: html.String(), Unsubscribe: l.Unsubscribe, ID: id}, nil
}

// underline is a line of dashes as long as s, to mark a heading in plain text.
func underline(s string) string { return strings.Repeat("-", len([]rune(s))) }
