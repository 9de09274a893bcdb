package main

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// devpathSource returns the directory to build devpath from and says what it
// is. With rev empty it is the working tree as it stands; otherwise the
// commit rev, exported with `git archive` (which only reads the repository)
// into dir, so that the figures belong to a commit whatever is being edited.
func devpathSource(ctx context.Context, root, rev, dir string) (string, string, error) {
	head := gitOutput(ctx, root, "rev-parse", "--short", "HEAD")
	if rev == "" {
		desc := "the working tree at " + head
		if gitOutput(ctx, root, "status", "--porcelain", "--untracked-files=no") != "" {
			desc += ", with uncommitted changes"
		}
		return root, desc, nil
	}
	commit := gitOutput(ctx, root, "rev-parse", "--short", rev)
	if commit == "" {
		return "", "", fmt.Errorf("-rev %s: no such commit", rev)
	}
	dst := filepath.Join(dir, "src")
	cmd := exec.CommandContext(ctx, "git", "-C", root, "archive", "--format=tar", commit)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", "", err
	}
	if err := cmd.Start(); err != nil {
		return "", "", err
	}
	err = untar(out, dst)
	if werr := cmd.Wait(); err == nil {
		err = werr
	}
	return dst, "commit " + commit, err
}

func gitOutput(ctx context.Context, root string, args ...string) string {
	out, err := exec.CommandContext(ctx, "git", append([]string{"-C", root}, args...)...).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// untar writes the regular files and directories of a tar stream under dst.
func untar(r io.Reader, dst string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		path := filepath.Join(dst, filepath.FromSlash(h.Name))
		if !strings.HasPrefix(path, filepath.Clean(dst)+string(os.PathSeparator)) {
			return fmt.Errorf("archive entry %q leaves the directory", h.Name)
		}
		switch h.Typeflag {
		case tar.TypeDir:
			err = os.MkdirAll(path, 0o755)
		case tar.TypeReg:
			err = writeFile(path, tr, os.FileMode(h.Mode)&0o777)
		}
		if err != nil {
			return err
		}
	}
}

func writeFile(path string, r io.Reader, mode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
