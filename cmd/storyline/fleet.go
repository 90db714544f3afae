package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// fleet is a set of `storyline worker` processes on one PostgreSQL
// database, as bench workers runs them (and the multi-process test).
type fleet struct {
	procs []*exec.Cmd
}

// startFleet starts n worker processes of the binary bin on the database
// at url, fetching from loopback without rate limits, with extra flags;
// their output goes to logs (nil: discarded).
func startFleet(bin, url string, n int, logs func(i int) (*os.File, error), extra ...string) (*fleet, error) {
	f := &fleet{}
	for i := range n {
		args := append([]string{"--db", url, "worker", "--allow-private", "--host-rate", "-1"}, extra...)
		cmd := exec.Command(bin, args...)
		if logs != nil {
			out, err := logs(i)
			if err != nil {
				return f, errors.Join(err, f.stop())
			}
			cmd.Stdout, cmd.Stderr = out, out
		}
		if err := cmd.Start(); err != nil {
			return f, errors.Join(fmt.Errorf("start worker %d: %w", i, err), f.stop())
		}
		f.procs = append(f.procs, cmd)
	}
	return f, nil
}

// stop stops every worker still running (SIGTERM, SIGKILL after 30 s)
// and waits for them.
func (f *fleet) stop() error {
	var errs []error
	for i, cmd := range f.procs {
		if cmd.ProcessState != nil {
			continue
		}
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			var exit *exec.ExitError
			if err != nil && !errors.As(err, &exit) {
				errs = append(errs, fmt.Errorf("worker %d: %w", i, err))
			}
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			<-done
			errs = append(errs, fmt.Errorf("worker %d did not stop within 30 s: killed", i))
		}
	}
	return errors.Join(errs...)
}

// ingestProgress is how far a database's ingestion has come.
type ingestProgress struct {
	Articles, Analysed, Jobs int // jobs: queued or running, the schedule's left out
}

// readProgress reads how far the ingestion into the database of conn is;
// Jobs is -1 before the job queue's tables are made.
func readProgress(ctx context.Context, conn *pgx.Conn) (ingestProgress, error) {
	var p ingestProgress
	var queued bool
	err := conn.QueryRow(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM story_articles),
		to_regclass('river_job') IS NOT NULL`).Scan(&p.Articles, &p.Analysed, &queued)
	if err == nil && queued {
		err = conn.QueryRow(ctx, `SELECT count(*) FROM river_job
			WHERE kind <> 'schedule' AND state IN ('available', 'running', 'retryable', 'scheduled')`).Scan(&p.Jobs)
	} else {
		p.Jobs = -1
	}
	if err != nil {
		return p, fmt.Errorf("read the ingestion's progress: %w", err)
	}
	return p, nil
}

// done reports whether want articles are stored and analysed and no job
// is left.
func (p ingestProgress) done(want int) bool {
	return p.Articles >= want && p.Analysed >= want && p.Jobs == 0
}

// waitIngested waits until the database of conn holds want articles, all
// analysed, with no job left (see waitProgress).
func waitIngested(ctx context.Context, conn *pgx.Conn, want int, interval time.Duration, report func(ingestProgress)) (ingestProgress, error) {
	return waitProgress(ctx, conn, interval, func(p ingestProgress) bool { return p.done(want) }, report)
}

// waitProgress reads the progress of the ingestion into the database of
// conn every interval until cond holds, and returns the last progress
// read. report, when set, is called with the others.
func waitProgress(ctx context.Context, conn *pgx.Conn, interval time.Duration, cond func(ingestProgress) bool, report func(ingestProgress)) (ingestProgress, error) {
	for {
		p, err := readProgress(ctx, conn)
		if err != nil || cond(p) {
			return p, err
		}
		if report != nil {
			report(p)
		}
		select {
		case <-ctx.Done():
			return p, fmt.Errorf("waiting for the ingestion (%d articles, %d analysed, %d jobs left): %w", p.Articles, p.Analysed, p.Jobs, context.Cause(ctx))
		case <-time.After(interval):
		}
	}
}
