package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
)

// pgBin is where Debian's postgresql-15 package puts the server programs.
const pgBin = "/usr/lib/postgresql/15/bin"

// pgCluster is a throwaway PostgreSQL 15, started the way scripts/test.sh
// starts one: a temporary directory, a free port on 127.0.0.1, trust
// authentication, and no fsync (nothing here needs to survive a power cut).
type pgCluster struct {
	dir string
	url string // of the postgres database, for creating others
}

func startPostgres(ctx context.Context) (*pgCluster, error) {
	if _, err := os.Stat(filepath.Join(pgBin, "initdb")); err != nil {
		return nil, fmt.Errorf("PostgreSQL 15 is not installed (apt-get install postgresql-15): %w", err)
	}
	dir, err := os.MkdirTemp("", "devpath-bench-pg-")
	if err != nil {
		return nil, err
	}
	c := &pgCluster{dir: dir}
	if err := c.ownByPostgres(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	data := filepath.Join(dir, "data")
	if err := c.run(ctx, "initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	_, port, _ := net.SplitHostPort(addr)
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -c port=%s -c unix_socket_directories=%s "+
		"-c fsync=off -c synchronous_commit=off -c full_page_writes=off", port, dir)
	if err := c.run(ctx, "pg_ctl", "-D", data, "-l", filepath.Join(dir, "postgres.log"), "-w", "-t", "60", "start", "-o", opts); err != nil {
		c.stop()
		return nil, err
	}
	c.url = "postgres://postgres@127.0.0.1:" + port + "/postgres?sslmode=disable"
	return c, nil
}

// stop shuts the cluster down and removes its directory.
func (c *pgCluster) stop() {
	c.run(context.Background(), "pg_ctl", "-D", filepath.Join(c.dir, "data"), "stop", "-m", "fast", "-w", "-t", "30")
	os.RemoveAll(c.dir)
}

// run runs a PostgreSQL program as the postgres user: initdb and postgres
// refuse to run as root.
func (c *pgCluster) run(ctx context.Context, prog string, args ...string) error {
	name, argv := filepath.Join(pgBin, prog), args
	if os.Geteuid() == 0 {
		name, argv = "runuser", append([]string{"-u", "postgres", "--", filepath.Join(pgBin, prog)}, args...)
	}
	cmd := exec.CommandContext(ctx, name, argv...)
	cmd.Dir = c.dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %w\n%s", prog, err, strings.TrimSpace(string(out)))
	}
	return nil
}

func (c *pgCluster) ownByPostgres() error {
	if os.Geteuid() != 0 {
		return nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return errors.New("no postgres user (it comes with the postgresql-common package)")
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return os.Chown(c.dir, uid, gid)
}

// withDatabase returns the URL raw with its database replaced by name.
func withDatabase(raw, name string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}
