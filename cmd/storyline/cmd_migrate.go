package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline/internal/store/migrate"
)

func (a *app) migrateCommand() *cobra.Command {
	var from, to string
	cmd := &cobra.Command{
		Use:   "migrate --from sqlite:PATH --to postgres://…",
		Short: "Copy an SQLite store into PostgreSQL",
		Long: "Copy everything in an SQLite store (articles, stories, feeds, users, comments…) into a\n" +
			"PostgreSQL database with the same IDs, then check that every table has as many rows in both.\n" +
			"The SQLite database is only read. Running it again is safe: rows already copied are left\n" +
			"as they are, and the counts are checked again. Progress goes to stderr, the counts to stdout.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, ok := strings.CutPrefix(from, "sqlite:")
			switch {
			case from == "":
				return usagef("migrate needs --from sqlite:PATH")
			case !ok || path == "":
				return usagef("--from %q: want sqlite:PATH", redactURL(from))
			case to == "":
				return usagef("migrate needs --to postgres://…")
			case !strings.HasPrefix(to, "postgres://") && !strings.HasPrefix(to, "postgresql://"):
				return usagef("--to %q: want a postgres:// URL", redactURL(to))
			}
			report, err := migrate.Run(cmd.Context(), path, to, migrate.Options{Progress: a.stderr})
			if report != nil {
				if perr := a.printCounts(report); perr != nil && err == nil {
					err = perr
				}
			}
			if err != nil {
				return fmt.Errorf("migrate %s to %s: %w", from, redactURL(to), err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "the SQLite store to copy: sqlite:PATH")
	cmd.Flags().StringVar(&to, "to", "", "the PostgreSQL database to copy into: postgres://user:password@host/database")
	return cmd
}

// printCounts writes the rows of every table in both stores, marking
// those that differ.
func (a *app) printCounts(r *migrate.Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%-18s %10s %10s\n", "table", "sqlite", "postgres")
	for _, c := range r.Counts {
		mark := ""
		if !c.Match() {
			mark = "  DIFFERENT"
		}
		fmt.Fprintf(&b, "%-18s %10d %10d%s\n", c.Table, c.SQLite, c.Postgres, mark)
	}
	for _, d := range r.SourceCountDiffs {
		fmt.Fprintf(&b, "article count of source %s  DIFFERENT\n", d)
	}
	_, err := io.WriteString(a.stdout, b.String())
	return err
}
