package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// bins are the programs under test, built once per run.
type bins struct {
	devpath, floors, pocketbase string
	base                        string // devpath at -base; empty without
}

// build compiles devpath from src, and the floors and the PocketBase peer
// from the bench directory, into dir.
func build(ctx context.Context, src, bench, dir string) (bins, time.Duration, error) {
	start := time.Now()
	b := bins{
		devpath:    filepath.Join(dir, "devpath"),
		floors:     filepath.Join(dir, "floors"),
		pocketbase: filepath.Join(dir, "pocketbase"),
	}
	steps := []struct {
		dir, out, pkg string
		flags         []string
	}{
		{src, b.devpath, "./cmd/devpath", release},
		{bench, b.floors, "./floors", nil},
		{filepath.Join(bench, "pocketbase"), b.pocketbase, ".", nil},
	}
	for _, s := range steps {
		cmd := exec.CommandContext(ctx, "go", append(append([]string{"build"}, s.flags...), "-o", s.out, s.pkg)...)
		cmd.Dir = s.dir
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			return b, 0, fmt.Errorf("go build %s in %s: %w\n%s", s.pkg, s.dir, err, out)
		}
	}
	return b, time.Since(start), nil
}

// release are the build flags of `make build`: no file paths, no symbol table
// or debug information.
var release = []string{"-trimpath", "-ldflags=-s -w"}

// buildBase builds devpath at commit rev into dir, for the before-and-after.
func buildBase(ctx context.Context, root, rev, dir string) (string, error) {
	src, _, err := devpathSource(ctx, root, rev, filepath.Join(dir, "base"))
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "bin", "devpath-base")
	cmd := exec.CommandContext(ctx, "go", append(append([]string{"build"}, release...), "-o", bin, "./cmd/devpath")...)
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build devpath at %s: %w\n%s", rev, err, out)
	}
	return bin, nil
}

// goVersion returns what `go version` prints.
func goVersion() string {
	out, err := exec.Command("go", "version").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}
