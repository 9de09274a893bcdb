package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"devpath/internal/store"
)

func (c *cli) backupCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "backup FILE",
		Short: "Copy the SQLite database into a new FILE, also while the server runs",
		Long: "Copy the SQLite database of the data directory into FILE, which must not exist yet, as one\n" +
			"consistent snapshot: the server may keep running and writing. On PostgreSQL use pg_dump.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := c.sqliteOnly("backup", "pg_dump"); err != nil {
				return err
			}
			start := time.Now()
			bar := c.bar("backing up", "")
			info, err := store.Backup(cmd.Context(), c.cfg.SQLitePath(), args[0], bar.show)
			bar.close()
			if err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "backed up %s to %s: %s, migration %d, in %s\n", c.cfg.SQLitePath(), info.Path,
				size(info.Bytes), info.Version, time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
}

func (c *cli) restoreCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "restore FILE",
		Short: "Check a backup, then make it the SQLite database (stop the server first)",
		Long: "Check FILE (PRAGMA integrity_check, and migrations no newer than this devpath's), then\n" +
			"replace the SQLite database of the data directory with it. Refused while a server or another\n" +
			"command has the database open. On PostgreSQL use pg_restore.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := c.sqliteOnly("restore", "pg_restore"); err != nil {
				return err
			}
			bar := c.bar("checking", "copying") // the integrity check reports no progress; the copy does
			r, err := store.Restore(cmd.Context(), args[0], c.cfg.SQLitePath(), bar.show)
			bar.close()
			if r.Backup.Version > 0 {
				fmt.Fprintf(c.stdout, "checked %s: integrity ok, migration %d (this devpath's latest: %d)\n", args[0], r.Backup.Version, r.Latest)
			}
			if err != nil {
				return err
			}
			verb := "restored"
			if r.Replaced {
				verb = "replaced"
			}
			fmt.Fprintf(c.stdout, "%s %s with %s (%s)\n", verb, c.cfg.SQLitePath(), args[0], size(r.Backup.Bytes))
			if len(r.Removed) > 0 {
				fmt.Fprintf(c.stdout, "removed the old database's %s\n", strings.Join(r.Removed, ", "))
			}
			if r.Backup.Version < r.Latest {
				fmt.Fprintf(c.stdout, "devpath applies migrations %d to %d when it next starts\n", r.Backup.Version+1, r.Latest)
			}
			return nil
		},
	}
}

// sqliteOnly refuses a command that works on the SQLite file when the
// configuration names PostgreSQL, pointing at PostgreSQL's own tool.
func (c *cli) sqliteOnly(command, tool string) error {
	if err := c.cfg.Validate(); err != nil {
		return err
	}
	if c.cfg.Postgres() {
		return fmt.Errorf("%s works on the SQLite database; on PostgreSQL use %s (see the README)", command, tool)
	}
	return nil
}

// progressBar draws on a terminal and stays silent elsewhere, so that logs
// of scheduled backups hold only the closing line.
type progressBar struct {
	bar  *progressbar.ProgressBar
	then string // what the bar says once progress comes
}

// bar shows what at once, and then from the first progress on.
func (c *cli) bar(what, then string) *progressBar {
	if f, ok := c.stderr.(*os.File); !ok || !term.IsTerminal(int(f.Fd())) {
		return &progressBar{}
	}
	b := newBar(c.stderr, what)
	b.RenderBlank()
	return &progressBar{bar: b, then: then}
}

func newBar(w io.Writer, what string) *progressbar.ProgressBar {
	return progressbar.NewOptions64(-1, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(what),
		progressbar.OptionShowBytes(true), progressbar.OptionUseIECUnits(true), progressbar.OptionShowCount(), progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
}

// show moves the bar to done bytes of about total.
func (p *progressBar) show(done, total int64) {
	if p.bar == nil {
		return
	}
	if p.bar.GetMax64() != total {
		p.bar.ChangeMax64(total)
	}
	if p.then != "" {
		p.bar.Describe(p.then)
		p.then = ""
	}
	p.bar.Set64(done)
}

func (p *progressBar) close() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

// size writes a byte count for people.
func size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
