package postgres

import (
	"context"
	"embed"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline/internal/store/schema"
)

// migrationFiles holds the schema migrations, which follow the rules of
// package schema: named NNNN_name.sql, numbered from 1 without gaps but
// for retiredMigrations, and never changed once released.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// retiredMigrations are the versions no migration has. Version 2 was
// never written: no commit ever held a 0002 file, and the assignment log
// (8d8a713) was numbered 0003_assignments.sql after 0001_init.sql. As
// databases record the versions they applied, renumbering 0003… would
// skip or re-run them, so the gap stays, named here, and no new file may
// take 2.
var retiredMigrations = []int{2}

// migrationLock is the advisory lock key that serializes migrations across
// processes opening the database at once.
const migrationLock = 0x53746f72796c696e // "Storylin"

// migrations returns the embedded migrations in order, checked against
// the rules of package schema.
func migrations() ([]schema.Migration, error) {
	ms, err := schema.Load(migrationFiles, "migrations", retiredMigrations...)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return ms, nil
}

// migrate applies the migrations the database lacks, each in its own
// transaction together with its schema_version row, under an advisory
// lock so that processes starting together do not race. It refuses a
// database whose schema is newer than the newest migration known here.
func (db *DB) migrate(ctx context.Context) error {
	list, err := migrations()
	if err != nil {
		return err
	}
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(migrationLock)); err != nil {
		return fmt.Errorf("postgres: migrate: lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(migrationLock))
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	var current int
	if err := conn.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&current); err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	pending, err := schema.Pending(list, current)
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	for _, m := range pending {
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_version (version, name) VALUES ($1, $2)`, m.Version, m.Name)
			return err
		})
		if err != nil {
			return fmt.Errorf("postgres: migration %s: %w", m.Name, err)
		}
	}
	return nil
}
