package devpathtest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"io"
	"log"
	"math/big"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// MailboxOptions say how a test SMTP server listens.
type MailboxOptions struct {
	TLS                string // "" for none, "starttls", or "implicit"
	Username, Password string // when set, mail is accepted only after AUTH PLAIN with these
}

// Mailbox is a real SMTP server on a loopback port that keeps every message
// it accepts, for tests to read.
type Mailbox struct {
	URL   string         // what --smtp-url would say to reach it
	Roots *x509.CertPool // trusts its certificate, for the TLS modes
	mu    sync.Mutex
	got   []Mail
	more  chan struct{} // a message arrived
}

// Mail is one message as the server received it.
type Mail struct {
	From string
	To   []string
	Data []byte
}

// SMTP starts a mailbox for the test's duration.
func SMTP(t testing.TB, opts MailboxOptions) *Mailbox {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	box := &Mailbox{more: make(chan struct{}, 1)}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &smtpSession{box: box, opts: opts}, nil
	}))
	srv.Domain = "mailbox.test"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.AllowInsecureAuth = opts.TLS == ""
	srv.ErrorLog = log.New(io.Discard, "", 0) // what a client did wrong shows in its own error
	u := url.URL{Scheme: "smtp", Host: ln.Addr().String()}
	if opts.Username != "" {
		u.User = url.UserPassword(opts.Username, opts.Password)
	}
	switch opts.TLS {
	case "":
		u.RawQuery = "tls=none"
	case "starttls":
		srv.TLSConfig, box.Roots = selfSigned(t)
	case "implicit":
		u.Scheme = "smtps"
		srv.TLSConfig, box.Roots = selfSigned(t)
		ln = tls.NewListener(ln, srv.TLSConfig)
	}
	box.URL = u.String()
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return box
}

// Count is how many messages arrived so far.
func (m *Mailbox) Count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.got)
}

// All returns the messages received so far.
func (m *Mailbox) All() []Mail {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Mail(nil), m.got...)
}

// Wait returns the n-th message (from 1), waiting up to a minute for it.
func (m *Mailbox) Wait(t testing.TB, n int) Mail {
	t.Helper()
	deadline := time.After(time.Minute)
	for {
		if got := m.All(); len(got) >= n {
			return got[n-1]
		}
		select {
		case <-m.more:
		case <-deadline:
			t.Fatalf("message %d never arrived (%d did)", n, m.Count())
		}
	}
}

func (m *Mailbox) add(msg Mail) {
	m.mu.Lock()
	m.got = append(m.got, msg)
	m.mu.Unlock()
	select {
	case m.more <- struct{}{}:
	default:
	}
}

// Header returns the message's headers.
func (m Mail) Header(t testing.TB) netmail.Header {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		t.Fatalf("reading the message: %v", err)
	}
	return msg.Header
}

// Parts returns the decoded text of each part of a multipart/alternative
// message by its media type ("text/plain", "text/html"), with \n line ends.
func (m Mail) Parts(t testing.TB) map[string]string {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		t.Fatalf("reading the message: %v", err)
	}
	media, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || media != "multipart/alternative" {
		t.Fatalf("Content-Type %q: want multipart/alternative", msg.Header.Get("Content-Type"))
	}
	parts := map[string]string{}
	r := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := r.NextRawPart()
		if errors.Is(err, io.EOF) {
			return parts
		}
		if err != nil {
			t.Fatal(err)
		}
		pm, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		parts[pm] = decodePart(t, p)
	}
}

func decodePart(t testing.TB, p *multipart.Part) string {
	var r io.Reader = p
	switch strings.ToLower(p.Header.Get("Content-Transfer-Encoding")) {
	case "quoted-printable":
		r = quotedprintable.NewReader(p)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, p)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decoding a part: %v", err)
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n") // SMTP's line ends, as Go writes them
}

type smtpSession struct {
	box  *Mailbox
	opts MailboxOptions
	auth bool
	cur  Mail
}

func (s *smtpSession) AuthMechanisms() []string {
	if s.opts.Username == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *smtpSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.opts.Username || pass != s.opts.Password {
			return errors.New("wrong username or password")
		}
		s.auth = true
		return nil
	}), nil
}

func (s *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	if s.opts.Username != "" && !s.auth {
		return smtp.ErrAuthRequired
	}
	s.cur = Mail{From: from}
	return nil
}

func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.cur.To = append(s.cur.To, to)
	return nil
}

func (s *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.Data = b
	s.box.add(s.cur)
	return nil
}

func (s *smtpSession) Reset()        { s.cur = Mail{} }
func (s *smtpSession) Logout() error { return nil }

// selfSigned makes a certificate for 127.0.0.1 and the pool that trusts it.
func selfSigned(t testing.TB) (*tls.Config, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mailbox.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}, MinVersion: tls.VersionTLS12}, pool
}

// MailServer runs devpath on e with its mail going to a fresh Mailbox. Its
// base URL is https://devpath.test, so that emails carry one-click
// unsubscribe links (RFC 8058 wants https); requests still go to URL.
func MailServer(t testing.TB, e Engine) (*Server, *Mailbox) {
	t.Helper()
	box := SMTP(t, MailboxOptions{})
	cfg := Config(t, e)
	cfg.SMTPURL, cfg.SMTPFrom, cfg.BaseURL = box.URL, "devpath <devpath@example.org>", "https://devpath.test"
	return Start(t, cfg), box
}

// Eventually waits up to a minute for cond, which background work makes
// true, checking every 20 ms.
func Eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited a minute for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
