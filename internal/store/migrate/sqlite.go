package migrate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// SQLiteSchemaVersion is the schema version of the SQLite store this build
// copies: the number of the last migration in
// internal/store/sqlite/migrations. A database at another version is
// refused (open it once with this build to upgrade an older one).
const SQLiteSchemaVersion = 19

// openSQLite opens the SQLite database at path read-only and checks its
// schema version.
func openSQLite(ctx context.Context, path string) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("SQLite database: %w", err)
	}
	db, err := sql.Open("sqlite", readOnlyDSN(path))
	if err != nil {
		return nil, fmt.Errorf("open SQLite %s: %w", path, err)
	}
	if err := checkVersion(ctx, db); err != nil {
		return nil, errors.Join(fmt.Errorf("SQLite %s: %w", path, err), db.Close())
	}
	return db, nil
}

// readOnlyDSN returns the driver's data source name for reading path
// without ever writing it.
func readOnlyDSN(path string) string {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "query_only(ON)")
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	path = r.Replace(path)
	if strings.HasPrefix(path, "//") {
		path = "/" + strings.TrimLeft(path, "/")
	}
	return "file:" + path + "?" + q.Encode()
}

// checkVersion checks that the database's schema is the one this build
// knows.
func checkVersion(ctx context.Context, db *sql.DB) error {
	var version int
	err := db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&version)
	if err != nil {
		return fmt.Errorf("read schema version (not a Storyline database?): %w", err)
	}
	switch {
	case version < SQLiteSchemaVersion:
		return fmt.Errorf("schema version %d is older than %d: open it once with this build (any command with --db sqlite:PATH) to upgrade it", version, SQLiteSchemaVersion)
	case version > SQLiteSchemaVersion:
		return fmt.Errorf("schema version %d is newer than %d, which this build knows: use a newer build", version, SQLiteSchemaVersion)
	}
	return nil
}
