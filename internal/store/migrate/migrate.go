// Package migrate copies a Storyline store from SQLite to PostgreSQL:
// every table the store contract reads, with the same IDs (comments and
// the web app's URLs refer to stories and articles by ID), then checks
// that the row counts match.
//
// The copy is safe to repeat: rows already in PostgreSQL are left as they
// are (INSERT … ON CONFLICT DO NOTHING), so a copy that was interrupted is
// finished by running it again, and the counts are verified each time.
// The SQLite database is opened read-only; its search index file is not
// copied (PostgreSQL indexes articles by itself).
package migrate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline/internal/store/postgres"
)

// DefaultBatchSize is how many rows are read and inserted at a time when
// Options.BatchSize is 0.
const DefaultBatchSize = 1000

// ErrCountMismatch is returned (wrapped) by Run when a table has a
// different number of rows in PostgreSQL than in SQLite after the copy.
var ErrCountMismatch = errors.New("row counts differ")

// Options tunes a migration. The zero value is a good default.
type Options struct {
	// BatchSize is how many rows each read and INSERT carries (at most
	// 32 of the lead images, whose rows are large); 0 means
	// DefaultBatchSize.
	BatchSize int
	// Progress receives one line per table copied; nil discards them.
	Progress io.Writer
}

// Count is the number of rows of one table in each store.
type Count struct {
	Table    string
	SQLite   int64
	Postgres int64
}

// Match reports whether both stores hold as many rows.
func (c Count) Match() bool { return c.SQLite == c.Postgres }

// Report is what a migration found when it verified the copy.
type Report struct {
	// Counts lists every copied table, in the order it was copied.
	Counts []Count
	// SourceCountDiffs names the outlets whose article count (kept by a
	// trigger in PostgreSQL) differs from SQLite's.
	SourceCountDiffs []string
}

// OK reports whether every count matches.
func (r *Report) OK() bool {
	for _, c := range r.Counts {
		if !c.Match() {
			return false
		}
	}
	return len(r.SourceCountDiffs) == 0
}

// mismatchError describes what differs in r, wrapping ErrCountMismatch.
func (r *Report) mismatchError() error {
	var parts []string
	for _, c := range r.Counts {
		if !c.Match() {
			parts = append(parts, fmt.Sprintf("%s: %d in SQLite, %d in PostgreSQL", c.Table, c.SQLite, c.Postgres))
		}
	}
	if n := len(r.SourceCountDiffs); n > 0 {
		parts = append(parts, fmt.Sprintf("article counts of %d sources (%s)", n, strings.Join(r.SourceCountDiffs, ", ")))
	}
	return fmt.Errorf("%w: %s", ErrCountMismatch, strings.Join(parts, "; "))
}

// Run copies the SQLite store at sqlitePath into the PostgreSQL database
// at postgresURL, creating or upgrading its schema first, advances the
// ID sequences past the copied IDs, and verifies the row counts. It
// returns the counts it verified; when they differ the error wraps
// ErrCountMismatch and the report is returned with it.
func Run(ctx context.Context, sqlitePath, postgresURL string, opts Options) (*Report, error) {
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultBatchSize
	}
	if opts.Progress == nil {
		opts.Progress = io.Discard
	}
	db, err := openSQLite(ctx, sqlitePath)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	// One read transaction: every table is read from one snapshot, even
	// if a process is still writing to the SQLite store.
	src, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", sqlitePath, err)
	}
	defer src.Rollback()

	// postgres.Open creates or upgrades the schema; the copy itself uses
	// a connection of its own.
	store, err := postgres.Open(ctx, postgresURL, postgres.Options{})
	if err != nil {
		return nil, fmt.Errorf("open PostgreSQL: %w", err)
	}
	if err := store.Close(); err != nil {
		return nil, fmt.Errorf("open PostgreSQL: %w", err)
	}
	dst, err := connectPostgres(ctx, postgresURL)
	if err != nil {
		return nil, err
	}
	defer dst.Close(context.WithoutCancel(ctx))

	c := &copier{src: src, dst: dst, batch: opts.BatchSize, progress: opts.Progress}
	for _, t := range tables {
		if err := c.copyTable(ctx, t); err != nil {
			return nil, err
		}
	}
	if err := advanceSequences(ctx, dst); err != nil {
		return nil, err
	}
	// The number of stories indexed is kept by the writes, not copied.
	if _, err := dst.Exec(ctx, `UPDATE story_index_count SET stories = (SELECT count(*) FROM story_centroids), version = version + 1`); err != nil {
		return nil, fmt.Errorf("count the stories indexed: %w", err)
	}
	if err := reindexSearch(ctx, postgresURL, opts); err != nil {
		return nil, err
	}
	report, err := verify(ctx, src, dst)
	if err != nil {
		return nil, err
	}
	if !report.OK() {
		return report, report.mismatchError()
	}
	return report, nil
}

// reindexSearch computes the search terms of the copied articles, which
// PostgreSQL has none of: the store computes them in Go
// (postgres.DB.ReindexSearch), not the database.
func reindexSearch(ctx context.Context, postgresURL string, opts Options) error {
	store, err := postgres.Open(ctx, postgresURL, postgres.Options{})
	if err != nil {
		return fmt.Errorf("open PostgreSQL: %w", err)
	}
	defer store.Close()
	total := 0
	for {
		done, left, err := store.ReindexSearch(ctx, opts.BatchSize)
		if err != nil {
			return err
		}
		total += done
		if left == 0 || done == 0 {
			break
		}
	}
	fmt.Fprintf(opts.Progress, "search terms: %d articles\n", total)
	return nil
}

// connectPostgres opens the connection the copy runs on, with times in
// UTC and no statement timeout (a batch of long articles may take a
// while).
func connectPostgres(ctx context.Context, url string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL URL: %w", err)
	}
	cfg.RuntimeParams["timezone"] = "UTC"
	cfg.RuntimeParams["statement_timeout"] = "0"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	return conn, nil
}
