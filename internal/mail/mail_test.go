package mail_test

import (
	"context"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
	"devpath/internal/mail"
)

func TestParseURL(t *testing.T) {
	for _, tc := range []struct {
		url      string
		port     int
		implicit bool
		noTLS    bool
		user     string
		problem  string // a fragment of the error; "" for none
	}{
		{url: "smtps://ada:s3cret@mail.example.org", port: 465, implicit: true, user: "ada"},
		{url: "smtp://ada:s3cret@mail.example.org", port: 587, user: "ada"},
		{url: "smtp://mail.example.org:2525?tls=starttls", port: 2525},
		{url: "smtp://localhost?tls=none", port: 25, noTLS: true},
		{url: "smtp://ada%40example.org:p%3Ass@mail.example.org:587", port: 587, user: "ada@example.org"},
		{url: "smtp://ada:s3cret@relay.local?tls=none", problem: "unencrypted"},
		{url: "smtps://mail.example.org?tls=none", problem: "leave out ?tls="},
		{url: "smtp://mail.example.org?tls=maybe", problem: "tls=maybe"},
		{url: "smtp://mail.example.org?debug=1", problem: "only setting"},
		{url: "http://mail.example.org", problem: "want smtp://"},
		{url: "smtp://:25", problem: "no host"},
		{url: "smtp://mail.example.org:99999", problem: "port"},
		{url: "smtp://mail.example.org/inbox", problem: "no path"},
	} {
		t.Run(tc.url, func(t *testing.T) {
			c, err := mail.ParseURL(tc.url, "devpath <devpath@example.org>")
			if tc.problem != "" {
				if err == nil || !strings.Contains(err.Error(), tc.problem) {
					t.Fatalf("error %v, want one saying %q", err, tc.problem)
				}
				if strings.Contains(err.Error(), "s3cret") {
					t.Errorf("the error shows the password: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Port != tc.port || c.Implicit != tc.implicit || c.NoTLS != tc.noTLS || c.Username != tc.user {
				t.Errorf("got %+v", c)
			}
		})
	}
	if _, err := mail.ParseURL("smtp://mail.example.org", "not an address"); err == nil {
		t.Error("a sender that is no address was taken")
	}
}

// TestSendOverEachTransport sends a message to a real SMTP server in each
// of the three forms the URL allows, with authentication where TLS is on.
func TestSendOverEachTransport(t *testing.T) {
	for _, opts := range []devpathtest.MailboxOptions{
		{},
		{TLS: "starttls", Username: "devpath", Password: "p@ss word"},
		{TLS: "implicit", Username: "devpath", Password: "p@ss word"},
	} {
		t.Run("tls="+opts.TLS, func(t *testing.T) {
			box := devpathtest.SMTP(t, opts)
			m := mailer(t, box)
			msg := mail.Message{To: mail.Address{Name: "Ada Lovelace", Email: "ada@example.org"}, Subject: "Hello",
				Text: "plain words", HTML: "<p>rich words</p>", Unsubscribe: "https://devpath.example/unsubscribe/x", ID: "n42"}
			if err := m.Send(context.Background(), msg); err != nil {
				t.Fatal(err)
			}
			got := box.Wait(t, 1)
			h := got.Header(t)
			for name, want := range map[string]string{
				"From": `"devpath" <devpath@example.org>`, "To": `"Ada Lovelace" <ada@example.org>`, "Subject": "Hello",
				"List-Unsubscribe": "<https://devpath.example/unsubscribe/x>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
				"Message-Id": "<n42@example.org>",
			} {
				if h.Get(name) != want {
					t.Errorf("%s: %q, want %q", name, h.Get(name), want)
				}
			}
			parts := got.Parts(t)
			if parts["text/plain"] != "plain words" || parts["text/html"] != "<p>rich words</p>" {
				t.Errorf("parts: %q", parts)
			}
		})
	}
}

// TestNoDowngrade: smtp:// requires STARTTLS; a server without it gets nothing.
func TestNoDowngrade(t *testing.T) {
	box := devpathtest.SMTP(t, devpathtest.MailboxOptions{})
	cfg, err := mail.ParseURL(strings.TrimSuffix(box.URL, "?tls=none"), "devpath@example.org")
	if err != nil {
		t.Fatal(err)
	}
	m, err := mail.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	err = m.Send(context.Background(), mail.Message{To: mail.Address{Email: "ada@example.org"}, Subject: "x", Text: "x"})
	if err == nil || box.Count() != 0 {
		t.Fatalf("sent without TLS (err %v, %d messages)", err, box.Count())
	}
}

func TestLetterHasBothParts(t *testing.T) {
	l := mail.Letter{Title: "Two things", Greeting: "Hello Ada,", Intro: "Here they are.",
		Sections: []mail.Section{{Heading: "Reviews", Items: []mail.Item{{Title: "HTTP <again>", Text: "due", When: "Fri 4 Dec 08:00 CET", URL: "https://x.example/plan"}}}},
		Why:      "You chose this.", Settings: mail.Link{Label: "Choose what arrives", URL: "https://x.example/s"}, Unsubscribe: "https://x.example/u"}
	msg, err := l.Message(mail.Address{Email: "ada@example.org"}, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Two things\n----------", "Reviews\n-------", "* HTTP <again> (Fri 4 Dec 08:00 CET)", "  https://x.example/plan", "Unsubscribe: https://x.example/u"} {
		if !strings.Contains(msg.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, msg.Text)
		}
	}
	for _, want := range []string{"HTTP &lt;again&gt;", `href="https://x.example/plan"`, `href="https://x.example/u"`} {
		if !strings.Contains(msg.HTML, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if msg.Subject != "Two things" || msg.Unsubscribe != "https://x.example/u" {
		t.Errorf("subject %q, unsubscribe %q", msg.Subject, msg.Unsubscribe)
	}
}

func mailer(t *testing.T, box *devpathtest.Mailbox) *mail.Mailer {
	t.Helper()
	cfg, err := mail.ParseURL(box.URL, "devpath <devpath@example.org>")
	if err != nil {
		t.Fatal(err)
	}
	cfg.RootCAs = box.Roots
	m, err := mail.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
