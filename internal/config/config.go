// Package config holds devpath's configuration: one struct filled from
// DEVPATH_* environment variables, then from command-line flags.
package config

import (
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is everything an operator can set.
type Config struct {
	Addr     string // address to listen on, host:port
	DataDir  string // where the SQLite database and extra roadmaps live
	Database string // empty for SQLite in DataDir, or a postgres:// URL
	BaseURL  string // public address, used for links and the Secure cookie flag
	LogLevel string // debug, info, warn or error
	Pprof    string // address for Go's profiler endpoints, empty for none; keep it on loopback
	// MetricsAddr is where Prometheus reads /metrics, apart from the site so
	// that its visitors cannot; empty for none.
	MetricsAddr string

	// CheckNetwork says which addresses the project checker may dial for
	// learners: "loopback" (a learner's own laptop) or "public" (a shared
	// server: private, loopback, link-local, documentation and the server's
	// own addresses refused). Empty lets CheckMode decide.
	CheckNetwork string
	CheckAllow   string // comma-separated CIDRs allowed despite CheckNetwork

	// RegistrationsPerHour bounds new accounts per client address; 0 lifts
	// the bound (a benchmark that registers thousands of learners).
	RegistrationsPerHour int
	// Registration says who may create an account: "open" (anyone),
	// "invite" (people a cohort invited) or "closed" (operators only).
	Registration string

	// CheckTimeout bounds one attempt at a learner's check run.
	CheckTimeout time.Duration
	// JobRescueAfter is how long a background job may run before another
	// instance takes it for lost (its own died) and tries it again; longer
	// than CheckTimeout, or a slow run would be worked twice at once.
	JobRescueAfter time.Duration

	// TrustedProxies lists the proxies (comma-separated addresses or CIDRs)
	// whose X-Forwarded-For header names the client; empty trusts none.
	TrustedProxies string
	// SMTPURL is the mail server for notifications: smtps://user:pass@host
	// (implicit TLS), smtp://user:pass@host (STARTTLS) or
	// smtp://host?tls=none (a local relay). Empty: no email, the app only.
	SMTPURL  string
	SMTPFrom string // the sender of that mail, such as "devpath <devpath@example.org>"

	// CredentialAlgorithm signs new credentials: RS256, which every Open
	// Badges verifier supports, or EdDSA (Ed25519). Both keys are published.
	CredentialAlgorithm string
}

// Default returns the configuration of a learner's laptop.
func Default() Config {
	return Config{
		Addr:     "localhost:8080",
		DataDir:  "data",
		BaseURL:  "http://localhost:8080",
		LogLevel: "info",

		MetricsAddr:          "localhost:9464",
		RegistrationsPerHour: 30,
		Registration:         "open",
		CheckTimeout:         5 * time.Minute,
		JobRescueAfter:       6 * time.Minute,
		CredentialAlgorithm:  "RS256",
	}
}

// FromEnv returns the defaults overridden by DEVPATH_* variables read through getenv.
func FromEnv(getenv func(string) string) Config {
	c := Default()
	set := func(dst *string, name string) {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
	set(&c.Addr, "DEVPATH_ADDR")
	set(&c.DataDir, "DEVPATH_DATA_DIR")
	set(&c.Database, "DEVPATH_DB")
	set(&c.BaseURL, "DEVPATH_BASE_URL")
	set(&c.LogLevel, "DEVPATH_LOG_LEVEL")
	set(&c.Pprof, "DEVPATH_PPROF")
	set(&c.MetricsAddr, "DEVPATH_METRICS_ADDR")
	set(&c.CheckNetwork, "DEVPATH_CHECK_NETWORK")
	set(&c.CheckAllow, "DEVPATH_CHECK_ALLOW")
	set(&c.TrustedProxies, "DEVPATH_TRUSTED_PROXIES")
	set(&c.SMTPURL, "DEVPATH_SMTP_URL")
	set(&c.SMTPFrom, "DEVPATH_SMTP_FROM")
	set(&c.Registration, "DEVPATH_REGISTRATION")
	set(&c.CredentialAlgorithm, "DEVPATH_CREDENTIAL_ALGORITHM")
	if v := getenv("DEVPATH_REGISTRATIONS_PER_HOUR"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			n = -1 // refused by Validate
		}
		c.RegistrationsPerHour = n
	}
	duration(&c.CheckTimeout, getenv("DEVPATH_CHECK_TIMEOUT"))
	duration(&c.JobRescueAfter, getenv("DEVPATH_JOB_RESCUE_AFTER"))
	return c
}

// duration sets dst from v when v is set; what does not parse becomes -1,
// which Validate refuses.
func duration(dst *time.Duration, v string) {
	if v == "" {
		return
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		d = -1
	}
	*dst = d
}

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("base URL %q: want http://host or https://host", c.BaseURL)
	}
	if c.Database != "" && !c.Postgres() {
		return fmt.Errorf("database %q: want a postgres:// URL, or nothing for SQLite", c.Database)
	}
	if _, err := c.Level(); err != nil {
		return err
	}
	if c.RegistrationsPerHour < 0 {
		return fmt.Errorf("registrations per hour: want a whole number, 0 for no limit")
	}
	if c.Registration != "open" && c.Registration != "invite" && c.Registration != "closed" {
		return fmt.Errorf("registration %q: want open, invite or closed", c.Registration)
	}
	if c.CredentialAlgorithm != "RS256" && c.CredentialAlgorithm != "EdDSA" {
		return fmt.Errorf("credential algorithm %q: want RS256 or EdDSA", c.CredentialAlgorithm)
	}
	if c.CheckTimeout <= 0 {
		return fmt.Errorf("check timeout: want a duration such as 5m")
	}
	if c.JobRescueAfter <= c.CheckTimeout {
		return fmt.Errorf("job rescue after %s: want a duration longer than the check timeout (%s)", c.JobRescueAfter, c.CheckTimeout)
	}
	if c.SMTPURL != "" && c.SMTPFrom == "" {
		return fmt.Errorf("SMTP: --smtp-url needs --smtp-from, the address mail comes from")
	}
	if c.CheckNetwork != "" && c.CheckNetwork != "loopback" && c.CheckNetwork != "public" {
		return fmt.Errorf("check network %q: want loopback or public, or nothing to decide from the address and base URL", c.CheckNetwork)
	}
	_, err = c.TrustedProxyList()
	return err
}

// Postgres tells whether the database is PostgreSQL rather than the embedded SQLite.
func (c Config) Postgres() bool {
	return strings.HasPrefix(c.Database, "postgres://") || strings.HasPrefix(c.Database, "postgresql://")
}

// CheckMode is the checker's network mode: CheckNetwork when the operator set
// it, otherwise "loopback" when devpath is Local and "public" when it is not,
// so that a server others can reach never lets them read its local ports.
func (c Config) CheckMode() string {
	switch {
	case c.CheckNetwork != "":
		return c.CheckNetwork
	case c.Local():
		return "loopback"
	}
	return "public"
}

// Local tells whether devpath serves this machine only: it listens on a
// loopback address or on localhost, and its base URL names one of them too.
// No host (":8080"), the unspecified address, any other address or name, and
// anything that does not parse are not local.
func (c Config) Local() bool {
	host, _, err := net.SplitHostPort(c.Addr)
	if err != nil || !localHost(host) {
		return false
	}
	u, err := url.Parse(c.BaseURL)
	return err == nil && localHost(u.Hostname())
}

// localHost tells whether host is localhost or a loopback address. Other
// names are not trusted to be local, "localhost." included: Go's resolver
// asks DNS about it.
func localHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.Unmap().IsLoopback()
}

// CheckAllowList splits CheckAllow into CIDRs.
func (c Config) CheckAllowList() []string { return splitList(c.CheckAllow) }

// TrustedProxyList parses TrustedProxies; an address stands for itself alone.
func (c Config) TrustedProxyList() ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range splitList(c.TrustedProxies) {
		p, err := netip.ParsePrefix(s)
		if a, aerr := netip.ParseAddr(s); err != nil && aerr == nil {
			p, err = a.Unmap().Prefix(a.Unmap().BitLen())
		}
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: want an IP address or a CIDR such as 10.0.0.0/8", s)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// splitList splits a comma-separated setting, dropping empty items.
func splitList(list string) []string {
	var out []string
	for _, s := range strings.Split(list, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// SQLitePath is where the embedded database lives.
func (c Config) SQLitePath() string { return filepath.Join(c.DataDir, "devpath.db") }

// RoadmapDir is where an operator puts roadmaps of their own.
func (c Config) RoadmapDir() string { return filepath.Join(c.DataDir, "roadmaps") }

// SecureCookies tells whether cookies must only travel over HTTPS.
func (c Config) SecureCookies() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// Level parses LogLevel.
func (c Config) Level() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return 0, fmt.Errorf("log level %q: want debug, info, warn or error", c.LogLevel)
	}
	return l, nil
}
