package postgres

import (
	"context"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/postgres/pgtest"
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

func TestOpenBadURL(t *testing.T) {
	if _, err := Open(context.Background(), "postgres://%zz", Options{}); storyline.ErrorCode(err) != storyline.EINVALID {
		t.Errorf("Open(bad URL): %v, want EINVALID", err)
	}
}
