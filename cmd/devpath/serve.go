package main

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"runtime/debug"
	"time"

	"github.com/spf13/cobra"

	"devpath/internal/config"
	"devpath/internal/server"
)

// defaultMemoryLimit is the Go heap's soft limit unless GOMEMLIMIT says otherwise.
const defaultMemoryLimit = 96 << 20

func (c *cli) serveCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "serve",
		Short: "Run the devpath server",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			log, err := c.logger()
			if err != nil {
				return err
			}
			if os.Getenv("GOMEMLIMIT") == "" {
				// a soft limit makes the collector work before the heap doubles: password
				// hashes take 9 MiB each, and a burst of logins otherwise leaves a tall peak
				debug.SetMemoryLimit(defaultMemoryLimit)
			}
			a, err := server.New(cmd.Context(), c.cfg, log, version)
			if err != nil {
				return err
			}
			defer a.Close()
			ln, err := net.Listen("tcp", c.cfg.Addr)
			if err != nil {
				return err
			}
			if c.cfg.Pprof != "" {
				go serveAside(c.cfg.Pprof, "profiler", "/debug/pprof/", pprofMux(), log)
			}
			if c.cfg.MetricsAddr != "" {
				go serveAside(c.cfg.MetricsAddr, "metrics", "/metrics", a.Metrics, log)
			}
			log.Info("listening", "url", "http://"+ln.Addr().String(), "engine", a.Store.Engine(), "version", version)
			logCheckMode(log, c.cfg)
			return a.Serve(cmd.Context(), ln)
		},
	}
}

// logCheckMode says which addresses the project checker may dial for learners,
// and why; it warns when an explicit loopback lets others reach local ports.
func logCheckMode(log *slog.Logger, cfg config.Config) {
	mode := cfg.CheckMode()
	switch {
	case cfg.CheckNetwork == "":
		log.Info("project checker", "network", mode, "chosen", "from --addr and --base-url (set --check-network to choose)")
	case mode == "loopback" && !cfg.Local():
		log.Warn("project checker", "network", mode, "chosen", "by --check-network",
			"risk", "this server is not only for this machine, and the checker may dial its local ports for any learner")
	default:
		log.Info("project checker", "network", mode, "chosen", "by --check-network")
	}
}

func (c *cli) migrateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Apply pending database migrations and exit",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a, err := c.open(cmd.Context())
			if err != nil {
				return err
			}
			return a.Close()
		},
	}
}

// open builds the app (which migrates) for commands that do not serve.
func (c *cli) open(ctx context.Context) (*server.App, error) {
	log, err := c.logger()
	if err != nil {
		return nil, err
	}
	return server.New(ctx, c.cfg, log, version)
}

// pprofMux holds Go's profiler endpoints.
func pprofMux() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

// serveAside serves an operator's endpoint on its own listener, apart from
// the site; failing to listen is logged, not fatal, since the site still works.
func serveAside(addr, name, path string, h http.Handler, log *slog.Logger) {
	log.Info(name, "url", "http://"+addr+path)
	srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	if err := srv.ListenAndServe(); err != nil {
		log.Error(name, "err", err)
	}
}
