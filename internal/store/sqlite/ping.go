package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"time"
)

// pingBusy opens a connection of db, retrying for up to wait while the
// database answers SQLITE_BUSY. Opening a connection runs the DSN's
// pragmas, and while another process writes, SQLite can refuse one of
// them without calling the busy handler that busy_timeout sets (a reader
// that finds the log being restarted, say): a new process opening a store
// that serve is writing to must wait that out, not fail.
func pingBusy(ctx context.Context, db *sql.DB, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	pause := 5 * time.Millisecond
	for {
		err := db.PingContext(ctx)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(pause):
		}
		pause = min(2*pause, 200*time.Millisecond)
	}
}

// newFileDSN returns d, the DSN of a writer of the database at path, made
// to create the database with auto_vacuum = INCREMENTAL when there is no
// file there yet, so that the pages retention empties are freed by
// Reclaim's incremental vacuum. An existing database is left as it is:
// setting auto_vacuum runs a write transaction at every connection's
// open, which a process opening a store that another process is writing
// to would have to wait for (Reclaim converts an older database once).
// The pragma must come before the journal mode, which the driver sets
// after every _pragma.
func newFileDSN(d, path string) string {
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return d
	}
	return d + "&_pragma=auto_vacuum%28INCREMENTAL%29"
}
