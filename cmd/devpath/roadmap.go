package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"devpath/internal/roadmap"
)

func (c *cli) roadmapCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "roadmap", Short: "Work with roadmap content"}
	cmd.AddCommand(&cobra.Command{
		Use:   "validate DIR...",
		Short: "Check roadmap folders: prerequisites, cycles, ids, topic files, resources, estimates",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			bad := 0
			for _, dir := range args {
				bad += c.validate(dir)
			}
			if bad > 0 {
				return fmt.Errorf("%d problem(s)", bad)
			}
			return nil
		},
	})
	return cmd
}

// validate prints the problems of the roadmap in dir and returns how many there are.
func (c *cli) validate(dir string) int {
	abs, err := filepath.Abs(dir)
	if err != nil {
		fmt.Fprintln(c.stderr, err)
		return 1
	}
	parent := filepath.Dir(abs)
	r, problems := roadmap.Load(os.DirFS(parent), filepath.Base(abs))
	for _, p := range problems {
		p.File = relative(filepath.Join(parent, p.File))
		fmt.Fprintln(c.stderr, p.String())
	}
	if r != nil {
		res := 0
		for _, t := range r.Topics {
			res += len(t.Resources)
		}
		fmt.Fprintf(c.stdout, "%s: roadmap %q is valid: %d steps, %d topics, %d resources, %d hours\n",
			dir, r.Slug, len(r.Steps), len(r.Topics), res, r.TotalHours())
	}
	return len(problems)
}

// relative shortens path to one relative to the working directory when it can.
func relative(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}
