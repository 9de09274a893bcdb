// Command devpath runs the devpath server and its operator tools.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // learners' time zones work on hosts without a zoneinfo database

	"github.com/spf13/cobra"

	"devpath/internal/config"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := newRoot(os.Getenv, os.Stdin, os.Stdout, os.Stderr).ExecuteContext(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "devpath:", err)
		os.Exit(1)
	}
}

// cli is what every subcommand shares: the configuration and where to write.
type cli struct {
	cfg    config.Config
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

func (c *cli) logger() (*slog.Logger, error) {
	level, err := c.cfg.Level()
	if err != nil {
		return nil, err
	}
	return slog.New(slog.NewTextHandler(c.stderr, &slog.HandlerOptions{Level: level})), nil
}

func newRoot(getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	c := &cli{cfg: config.FromEnv(getenv), stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:           "devpath",
		Short:         "devpath: from no experience to hired as a backend developer",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	f := root.PersistentFlags()
	f.StringVar(&c.cfg.Addr, "addr", c.cfg.Addr, "address to listen on (DEVPATH_ADDR)")
	f.StringVar(&c.cfg.DataDir, "data", c.cfg.DataDir, "data directory: SQLite database and extra roadmaps (DEVPATH_DATA_DIR)")
	f.StringVar(&c.cfg.Database, "db", c.cfg.Database, "postgres:// URL; empty for SQLite in the data directory (DEVPATH_DB)")
	f.StringVar(&c.cfg.BaseURL, "base-url", c.cfg.BaseURL, "public address of this server (DEVPATH_BASE_URL)")
	f.StringVar(&c.cfg.LogLevel, "log-level", c.cfg.LogLevel, "debug, info, warn or error (DEVPATH_LOG_LEVEL)")
	f.StringVar(&c.cfg.CheckNetwork, "check-network", c.cfg.CheckNetwork, "addresses the project checker may dial for learners: loopback or public; unset: public unless --addr and --base-url are on loopback (DEVPATH_CHECK_NETWORK)")
	f.StringVar(&c.cfg.CheckAllow, "check-allow", c.cfg.CheckAllow, "comma-separated CIDRs the checker may dial anyway (DEVPATH_CHECK_ALLOW)")
	f.StringVar(&c.cfg.MetricsAddr, "metrics-addr", c.cfg.MetricsAddr, "serve Prometheus /metrics on this address, apart from the site; empty for none (DEVPATH_METRICS_ADDR)")
	f.DurationVar(&c.cfg.CheckTimeout, "check-timeout", c.cfg.CheckTimeout, "how long one attempt at a learner's check run may take (DEVPATH_CHECK_TIMEOUT)")
	f.DurationVar(&c.cfg.JobRescueAfter, "job-rescue-after", c.cfg.JobRescueAfter, "how long a background job may run before another instance retries it as lost; longer than --check-timeout (DEVPATH_JOB_RESCUE_AFTER)")
	f.StringVar(&c.cfg.SMTPURL, "smtp-url", c.cfg.SMTPURL, "mail server for notifications: smtps://user:pass@host[:465] (implicit TLS), smtp://user:pass@host[:587] (STARTTLS) or smtp://host[:25]?tls=none (a local relay, no credentials); empty: notifications stay in the app (DEVPATH_SMTP_URL)")
	f.StringVar(&c.cfg.SMTPFrom, "smtp-from", c.cfg.SMTPFrom, "sender of notification mail, such as 'devpath <devpath@example.org>' (DEVPATH_SMTP_FROM)")
	f.StringVar(&c.cfg.Registration, "registration", c.cfg.Registration, "who may create an account: open, invite (people a cohort invited) or closed (DEVPATH_REGISTRATION)")
	f.StringVar(&c.cfg.CredentialAlgorithm, "credential-algorithm", c.cfg.CredentialAlgorithm, "what new credentials are signed with: RS256 (every verifier supports it) or EdDSA (DEVPATH_CREDENTIAL_ALGORITHM)")
	f.IntVar(&c.cfg.RegistrationsPerHour, "registrations-per-hour", c.cfg.RegistrationsPerHour, "new accounts allowed per client address and hour; 0 for no limit (DEVPATH_REGISTRATIONS_PER_HOUR)")
	f.StringVar(&c.cfg.TrustedProxies, "trusted-proxies", c.cfg.TrustedProxies, "comma-separated addresses or CIDRs of reverse proxies whose X-Forwarded-For names the client; empty trusts none (DEVPATH_TRUSTED_PROXIES)")
	f.StringVar(&c.cfg.Pprof, "pprof", c.cfg.Pprof, "serve Go's profiler on this address, such as 127.0.0.1:6060 (DEVPATH_PPROF)")
	root.AddCommand(c.serveCmd(), c.migrateCmd(), c.userCmd(), c.roadmapCmd(), c.checkCmd(), c.backupCmd(), c.restoreCmd(), c.credentialCmd(), c.versionCmd())
	return root
}

func (c *cli) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		Run:   func(cmd *cobra.Command, _ []string) { fmt.Fprintln(c.stdout, "devpath", version) },
	}
}
