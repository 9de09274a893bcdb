package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"devpath/content"
	"devpath/internal/checker"
)

// errCheckFailed makes the process exit 1 after a transcript that already says why.
var errCheckFailed = errors.New("the check did not pass")

func (c *cli) checkCmd() *cobra.Command {
	var project, url, jsonFile string
	var seed int64
	var timeout time.Duration
	var strict bool
	cmd := &cobra.Command{
		Use:   "check --project NAME --url http://localhost:PORT",
		Short: "Grade your own API project stage by stage",
		Long: "Runs a project's stages in order against your running server. A stage that fails does not end the check:\n" +
			"every later stage runs, unless it needs what the failed one was to make, and is then reported as skipped.\n" +
			"A failure is an answer that breaks a client written to the spec; a warning is a departure from the spec\n" +
			"that such a client still works with, and cites the spec's line.\n" +
			"Projects: notes-api (for beginners), conduit (the RealWorld API) and shortener (redirects, caching, rate limits).\n" +
			"Exit status 0 when no stage failed; with --strict, warnings count as failures.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			projects, err := checker.Load(content.Projects, "projects")
			if err != nil {
				return err
			}
			p, err := projects.Lookup(project)
			if err != nil {
				return err
			}
			rep := checker.Run(cmd.Context(), p, url, checker.Options{Seed: seed, RequestTimeout: timeout, Out: c.stdout, Strict: strict})
			fmt.Fprintln(c.stdout)
			if err := checker.PrintSummary(c.stdout, rep); err != nil {
				return err
			}
			if jsonFile != "" {
				if err := writeReport(jsonFile, rep); err != nil {
					return err
				}
			}
			if !rep.Passed {
				return errCheckFailed
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&project, "project", "", "notes-api, conduit or shortener")
	f.StringVar(&url, "url", "", "where your server listens, such as http://localhost:3000")
	f.StringVar(&jsonFile, "json", "", "also write the results to this file as JSON")
	f.Int64Var(&seed, "seed", 0, "repeat a run's random data exactly (0: a fresh seed)")
	f.DurationVar(&timeout, "timeout", checker.DefaultRequestTimeout, "time limit for each request; registering and logging in get 30s, or three times this")
	f.BoolVar(&strict, "strict", false, "count warnings as failures: pass only when the server does exactly what the spec says")
	cmd.MarkFlagRequired("project")
	cmd.MarkFlagRequired("url")
	return cmd
}

func writeReport(path string, rep checker.Report) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := checker.WriteJSON(f, rep); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
