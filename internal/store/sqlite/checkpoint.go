package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
)

// checkpointer copies a database's write-ahead log back into its file in
// the background, on a connection of its own, so that no writer's commit
// has to: SQLite's automatic checkpoint runs in the commit that crosses
// its threshold, which for a write-heavy import is most of a commit's
// time, all of it while every other writer waits. A passive checkpoint
// waits for no reader or writer; the automatic one, set far higher
// (walSafetyPages), only steps in when this one falls behind.
type checkpointer struct {
	conn *sql.DB
	wake chan struct{}
	done chan struct{}

	mu      sync.Mutex
	commits int   // since the last wake
	err     error // the first failure, returned by close
}

// Checkpoint settings.
const (
	checkpointEvery = 64       // commits between background checkpoints
	walSafetyPages  = 16384    // the automatic checkpoint's threshold (64 MiB of 4 KiB pages)
	walSizeLimit    = 16 << 20 // bytes the log's file is cut back to when a checkpoint empties it
)

// startCheckpointer opens a connection to the database at path and starts
// checkpointing it in the background.
func startCheckpointer(ctx context.Context, path string, opts Options) (*checkpointer, error) {
	conn, err := sql.Open("sqlite", dsn(path, opts, true))
	if err != nil {
		return nil, fmt.Errorf("checkpointer: %w", err)
	}
	conn.SetMaxOpenConns(1)
	if err := pingBusy(ctx, conn, opts.BusyTimeout); err != nil {
		return nil, errors.Join(fmt.Errorf("checkpointer: %w", err), conn.Close())
	}
	c := &checkpointer{conn: conn, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go c.run(context.WithoutCancel(ctx))
	return c, nil
}

// run checkpoints each time it is woken, until close.
func (c *checkpointer) run(ctx context.Context) {
	defer close(c.done)
	for range c.wake {
		var busy, logged, moved int
		err := c.conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &logged, &moved)
		if err != nil {
			c.mu.Lock()
			if c.err == nil {
				c.err = fmt.Errorf("checkpoint: %w", err)
			}
			c.mu.Unlock()
		}
	}
}

// committed counts a commit, and wakes the checkpointer every
// checkpointEvery of them. A nil checkpointer does nothing.
func (c *checkpointer) committed() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.commits++
	due := c.commits >= checkpointEvery
	if due {
		c.commits = 0
	}
	c.mu.Unlock()
	if due {
		select {
		case c.wake <- struct{}{}:
		default: // one is under way or due already
		}
	}
}

// close waits for a checkpoint under way, closes the connection and
// returns the first failure, if any.
func (c *checkpointer) close() error {
	if c == nil {
		return nil
	}
	close(c.wake)
	<-c.done
	return errors.Join(c.err, c.conn.Close())
}
