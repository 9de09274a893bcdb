package roadmap

import (
	"io/fs"
	"log/slog"
	"os"
	"path"
	"slices"
)

// LoadDir loads every roadmap folder under root in fsys, in name order. A
// roadmap with problems is logged and left out; the others are returned.
func LoadDir(fsys fs.FS, root string, log *slog.Logger) []*Roadmap {
	entries, err := fs.ReadDir(fsys, root)
	if err != nil {
		if !os.IsNotExist(err) {
			log.Warn("roadmaps unreadable", "dir", root, "err", err)
		}
		return nil
	}
	var rs []*Roadmap
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		r, problems := Load(fsys, path.Join(root, e.Name()))
		if problems != nil {
			for _, p := range problems {
				log.Error("roadmap skipped", "roadmap", e.Name(), "problem", p.String())
			}
			continue
		}
		rs = append(rs, r)
	}
	return rs
}

// LoadCatalog loads the shipped roadmaps, then the operator's own from
// extraDir on disk; a slug already taken by a shipped roadmap is skipped.
func LoadCatalog(shipped fs.FS, extraDir string, log *slog.Logger) *Catalog {
	rs := LoadDir(shipped, "roadmaps", log)
	for _, r := range LoadDir(os.DirFS(extraDir), ".", log) {
		if slices.ContainsFunc(rs, func(o *Roadmap) bool { return o.Slug == r.Slug }) {
			log.Error("roadmap skipped: its slug is taken by a shipped roadmap", "slug", r.Slug, "dir", extraDir)
			continue
		}
		rs = append(rs, r)
	}
	return NewCatalog(rs...)
}
