package postgres

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/postgres/pgtest"
	"github.com/storyline/storyline/internal/store/schema"
	"github.com/storyline/storyline/internal/store/storetest"
)

var _ storyline.Store = (*DB)(nil)

// openTest opens a store on a new database of t's own.
func openTest(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), pgtest.URL(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storyline.Store { return openTest(t) })
}

func TestReopen(t *testing.T) {
	url := pgtest.URL(t)
	for range 2 { // the second Open finds the schema up to date
		db, err := Open(context.Background(), url, Options{})
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
}

// TestMigrations checks that the embedded migrations load under the
// shared rules of package schema, and that they need the retired version:
// without it, the gap before 0003 is refused.
func TestMigrations(t *testing.T) {
	if _, err := migrations(); err != nil {
		t.Fatal(err)
	}
	if _, err := schema.Load(migrationFiles, "migrations"); err == nil || !strings.Contains(err.Error(), "0003_assignments.sql: expected version 2") {
		t.Errorf("Load without the retired versions = %v, want the gap before 0003 refused", err)
	}
}

// TestOpenNewerSchema checks that a database migrated by a newer build is
// refused with a schema.NewerError naming both versions.
func TestOpenNewerSchema(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	db, err := Open(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	build := ms[len(ms)-1].Version
	if _, err := db.pool.Exec(ctx, `INSERT INTO schema_version (version, name) VALUES ($1, 'from the future')`, build+1); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = Open(ctx, url, Options{})
	var ne *schema.NewerError
	if !errors.As(err, &ne) || ne.Database != build+1 || ne.Build != build || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("Open(newer schema) error = %v, want a schema.NewerError for %d over %d", err, build+1, build)
	}
}

func TestOpenBadURL(t *testing.T) {
	if _, err := Open(context.Background(), "postgres://%zz", Options{}); storyline.ErrorCode(err) != storyline.EINVALID {
		t.Errorf("Open(bad URL): %v, want EINVALID", err)
	}
}
