// Package lockfile takes advisory locks on a file: shared, which any
// number of processes hold at once, or exclusive, which one process holds
// alone. A lock lasts until Release or until the process ends, however
// it ends: the operating system drops it with the process, so a crash
// never leaves a stale lock behind.
//
// Storyline's SQLite store holds a shared lock while it is open, and a
// restore takes the exclusive one, so a restore cannot replace a
// database some process is using, and no process can open one while a
// restore is replacing it.
//
// Where the system has no flock (see Enforced), locks are not enforced:
// every attempt succeeds.
package lockfile

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Lock is a lock held on a file.
type Lock struct {
	f *os.File
}

// HeldError reports that another process holds a lock that conflicts
// with the one asked for.
type HeldError struct {
	// Path is the lock file.
	Path string
	// PID is the holder, or one of the holders, as written in the file,
	// when that process is still running; 0 when unknown.
	PID int
}

// Error describes the lock and its holder.
func (e *HeldError) Error() string {
	if e.PID > 0 {
		return fmt.Sprintf("%s is locked by process %d", e.Path, e.PID)
	}
	return fmt.Sprintf("%s is locked by another process", e.Path)
}

// Shared takes a shared lock on the file at path, creating the file if it
// does not exist, without waiting. Any number of processes may hold a
// shared lock at once; none can while another holds the exclusive lock,
// and then the error is a *HeldError. When the file cannot be opened for
// writing (a read-only directory) but exists, it is locked through a
// read-only descriptor.
func Shared(path string) (*Lock, error) {
	return take(path, false)
}

// Exclusive takes the exclusive lock on the file at path, creating the
// file if it does not exist, without waiting. While any other process
// holds a lock on the file, shared or exclusive, the error is a
// *HeldError.
func Exclusive(path string) (*Lock, error) {
	return take(path, true)
}

// take opens the file at path and locks it. The file names a holder: a
// process that takes the exclusive lock writes its ID into it, and so
// does one taking a shared lock unless the ID there is of a process still
// running. So the file goes on naming a server that runs for days when
// short commands come and go beside it.
func take(path string, exclusive bool) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	writable := err == nil
	if err != nil && !exclusive {
		var rerr error
		if f, rerr = os.Open(path); rerr != nil {
			f = nil
		}
	}
	if f == nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	got, err := lock(f, exclusive)
	// Whether this process writes its ID into the file.
	name := got && (exclusive || !running(readPID(f)))
	if err != nil {
		return nil, errors.Join(fmt.Errorf("lock %s: %w", path, err), f.Close())
	}
	if !got {
		pid := readPID(f)
		if !running(pid) {
			pid = 0
		}
		return nil, errors.Join(&HeldError{Path: path, PID: pid}, f.Close())
	}
	if name && writable {
		if err := writePID(f); err != nil {
			return nil, errors.Join(fmt.Errorf("lock %s: write process ID: %w", path, err), unlock(f), f.Close())
		}
	}
	return &Lock{f: f}, nil
}

// Release drops the lock. Releasing a nil Lock does nothing. The file
// stays: removing it could let two processes lock two different files of
// the same name.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	name := l.f.Name()
	err := errors.Join(unlock(l.f), l.f.Close())
	l.f = nil
	if err != nil {
		return fmt.Errorf("release lock %s: %w", name, err)
	}
	return nil
}

// writePID replaces the file's content with this process's ID.
func writePID(f *os.File) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err := f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return err
}

// readPID returns the process ID on the file's first line, or 0.
func readPID(f *os.File) int {
	if _, err := f.Seek(0, 0); err != nil {
		return 0
	}
	line, _ := bufio.NewReader(f).ReadString('\n')
	pid, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}
