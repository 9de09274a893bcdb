// Package mail sends devpath's email through an SMTP server, configured by
// one URL, and lays out letters as plain text with an HTML alternative. It
// knows nothing of what devpath tells people: callers hand it a Message.
package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Config says how to reach the SMTP server and who mail comes from.
type Config struct {
	Host     string
	Port     int
	Implicit bool   // TLS from the first byte (smtps://); otherwise STARTTLS unless NoTLS
	NoTLS    bool   // plain SMTP, for a relay on this machine or its own network
	Username string // empty: no authentication
	Password string
	From     *netmail.Address
	// RootCAs, when set, replaces the system's roots for checking the
	// server's certificate (tests, or a relay with a private CA).
	RootCAs *x509.CertPool
}

// ParseURL reads the SMTP server's address:
//
//	smtps://user:password@host[:465]        TLS from the start (implicit TLS)
//	smtp://user:password@host[:587]         STARTTLS, required
//	smtp://host[:25]?tls=none               no TLS, and so no credentials
//
// and the sender, an address such as "devpath <devpath@example.org>".
// Errors never repeat the password.
func ParseURL(raw, from string) (Config, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return Config{}, errors.New("SMTP URL: does not parse; want smtp://user:password@host:port or smtps://...")
	}
	shown := u.Redacted()
	c := Config{Host: u.Hostname()}
	if err := c.scheme(u); err != nil {
		return Config{}, fmt.Errorf("SMTP URL %s: %w", shown, err)
	}
	if err := c.port(u.Port()); err != nil {
		return Config{}, fmt.Errorf("SMTP URL %s: %w", shown, err)
	}
	if err := c.credentials(u); err != nil {
		return Config{}, fmt.Errorf("SMTP URL %s: %w", shown, err)
	}
	if c.From, err = netmail.ParseAddress(from); err != nil {
		return Config{}, fmt.Errorf("SMTP sender %q: want an address such as devpath <devpath@example.org>", from)
	}
	return c, nil
}

func (c *Config) scheme(u *url.URL) error {
	switch {
	case c.Host == "":
		return errors.New("no host")
	case u.Path != "" && u.Path != "/":
		return errors.New("no path is expected after the host")
	}
	q := u.Query()
	tlsMode := q.Get("tls")
	q.Del("tls")
	if len(q) > 0 {
		return errors.New("the only setting after ? is tls=none")
	}
	switch {
	case u.Scheme == "smtps" && tlsMode == "":
		c.Implicit = true
	case u.Scheme == "smtp" && (tlsMode == "" || tlsMode == "starttls"):
	case u.Scheme == "smtp" && tlsMode == "none":
		c.NoTLS = true
	case u.Scheme == "smtps":
		return errors.New("smtps:// is TLS from the start: leave out ?tls=")
	case u.Scheme == "smtp":
		return fmt.Errorf("tls=%s: want tls=none, tls=starttls (the default) or smtps:// for implicit TLS", tlsMode)
	default:
		return errors.New("want smtp:// (STARTTLS) or smtps:// (implicit TLS)")
	}
	return nil
}

func (c *Config) port(p string) error {
	if p == "" {
		switch {
		case c.Implicit:
			c.Port = 465
		case c.NoTLS:
			c.Port = 25
		default:
			c.Port = 587
		}
		return nil
	}
	n, err := strconv.Atoi(p)
	if err != nil || n < 1 || n > 65535 {
		return errors.New("the port must be a number from 1 to 65535")
	}
	c.Port = n
	return nil
}

func (c *Config) credentials(u *url.URL) error {
	if u.User == nil {
		return nil
	}
	c.Username = u.User.Username()
	c.Password, _ = u.User.Password()
	if c.NoTLS {
		return errors.New("credentials with tls=none would cross the network unencrypted: use STARTTLS or smtps://")
	}
	return nil
}

// Address is a person mail goes to.
type Address struct {
	Name  string
	Email string
}

// Message is one email.
type Message struct {
	To      Address
	Subject string
	Text    string // the plain-text body; required
	HTML    string // the same as HTML, sent as the alternative; optional
	// Unsubscribe is an address that unsubscribes the reader in one click
	// (RFC 8058): it goes in List-Unsubscribe, with List-Unsubscribe-Post.
	// Empty for mail that is no subscription.
	Unsubscribe string
	// ID makes the Message-ID: the same ID on a retry gives the same
	// Message-ID, so a receiving system can tell a duplicate. Empty: random.
	ID string
	// Calendar is an iCalendar invitation (METHOD:REQUEST) sent as one
	// more alternative, which mail programs show with accept and decline.
	Calendar []byte
}

// Mailer sends messages through one SMTP server, a connection per message.
type Mailer struct {
	cfg    Config
	client *gomail.Client
}

// New returns a mailer for cfg; nothing is dialled until Send.
func New(cfg Config) (*Mailer, error) {
	opts := []gomail.Option{gomail.WithPort(cfg.Port), gomail.WithTimeout(30 * time.Second)}
	switch {
	case cfg.NoTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case cfg.Implicit:
		opts = append(opts, gomail.WithSSL())
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if cfg.RootCAs != nil {
		opts = append(opts, gomail.WithTLSConfig(&tls.Config{ServerName: cfg.Host, RootCAs: cfg.RootCAs, MinVersion: tls.VersionTLS12}))
	}
	if cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(cfg.Username), gomail.WithPassword(cfg.Password))
	}
	c, err := gomail.NewClient(cfg.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("SMTP client: %w", err)
	}
	return &Mailer{cfg: cfg, client: c}, nil
}

// Send delivers m to the SMTP server, within ctx.
func (m *Mailer) Send(ctx context.Context, msg Message) error {
	gm, err := m.compose(msg)
	if err != nil {
		return err
	}
	if err := m.client.DialAndSendWithContext(ctx, gm); err != nil {
		return fmt.Errorf("sending mail to %s: %w", msg.To.Email, err)
	}
	return nil
}

func (m *Mailer) compose(msg Message) (*gomail.Msg, error) {
	if msg.Text == "" {
		return nil, errors.New("mail: a message needs a plain-text body")
	}
	gm := gomail.NewMsg()
	gm.FromMailAddress(m.cfg.From)
	if err := gm.AddToFormat(msg.To.Name, msg.To.Email); err != nil {
		return nil, fmt.Errorf("mail: recipient %q: %w", msg.To.Email, err)
	}
	gm.Subject(msg.Subject)
	gm.SetDate()
	m.setID(gm, msg.ID)
	gm.SetBodyString(gomail.TypeTextPlain, msg.Text)
	if msg.HTML != "" {
		gm.AddAlternativeString(gomail.TypeTextHTML, msg.HTML)
	}
	if len(msg.Calendar) > 0 {
		gm.AddAlternativeString(gomail.ContentType("text/calendar; method=REQUEST"), string(msg.Calendar))
	}
	if msg.Unsubscribe != "" {
		// Set by hand rather than with SetListUnsubscribeOneClick, which
		// refuses http://: a server on a laptop has no https address, and
		// its link still works for the person it was sent to.
		gm.SetGenHeaderPreformatted(gomail.HeaderListUnsubscribe, "<"+msg.Unsubscribe+">")
		gm.SetGenHeaderPreformatted(gomail.HeaderListUnsubscribePost, "List-Unsubscribe=One-Click")
		gm.SetBulk()
	}
	return gm, nil
}

func (m *Mailer) setID(gm *gomail.Msg, id string) {
	if id == "" {
		gm.SetMessageID()
		return
	}
	domain := m.cfg.From.Address[strings.LastIndexByte(m.cfg.From.Address, '@')+1:]
	gm.SetMessageIDWithValue(id + "@" + domain)
}
