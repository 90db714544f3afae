package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/storyline/storyline/internal/store/schema"
)

// migrationFiles holds the schema migrations, which follow the rules of
// package schema: named NNNN_name.sql, numbered from 1 without gaps, and
// never changed once released.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrationCode returns what migration version does besides its SQL, or
// nil: backfills that need Go. It runs after the SQL, in the same
// transaction. Like the SQL, it never changes once released.
func migrationCode(version int) func(ctx context.Context, tx *sql.Tx) error {
	switch version {
	case 4:
		return backfillStoryLabels
	}
	return nil
}

// loadMigrations returns the migrations in fsys in order, checked against
// the rules of package schema. SQLite has no retired versions.
func loadMigrations(fsys fs.FS) ([]schema.Migration, error) {
	return schema.Load(fsys, "migrations")
}

// migrate applies the migrations the database has not seen yet, each in
// its own transaction together with its schema_version row. It refuses a
// database whose schema is newer than the newest migration known here.
func migrate(ctx context.Context, db *sql.DB) error {
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at INTEGER NOT NULL
	)`); err != nil {
		return fmt.Errorf("create schema_version: %w", err)
	}
	for {
		done, err := migrateOne(ctx, db, ms)
		if err != nil || done {
			return err
		}
	}
}

// migrateOne applies the next pending migration, if any, and reports
// whether the schema is up to date. Reading the version inside the
// (immediate) transaction makes two processes opening one new database at
// once apply each migration exactly once.
func migrateOne(ctx context.Context, db *sql.DB, ms []schema.Migration) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer func() {
		if err != nil {
			if rerr := tx.Rollback(); rerr != nil && !errors.Is(rerr, sql.ErrTxDone) {
				err = errors.Join(err, rerr)
			}
		}
	}()
	var current int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&current); err != nil {
		return false, fmt.Errorf("read schema version: %w", err)
	}
	pending, err := schema.Pending(ms, current)
	if err != nil {
		return false, err
	}
	if len(pending) == 0 {
		return true, tx.Commit()
	}
	m := pending[0]
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.Name, err)
	}
	if code := migrationCode(m.Version); code != nil {
		if err := code(ctx, tx); err != nil {
			return false, fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)`,
		m.Version, m.Name, time.Now().UnixNano()); err != nil {
		return false, fmt.Errorf("migration %s: record version: %w", m.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migration %s: commit: %w", m.Name, err)
	}
	return false, nil
}
