package lockfile

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestConflicts(t *testing.T) {
	if !Enforced {
		t.Skip("locks are not enforced on this system")
	}
	shared, exclusive := Shared, Exclusive
	tests := []struct {
		name      string
		first     func(string) (*Lock, error)
		second    func(string) (*Lock, error)
		conflicts bool
	}{
		{"shared, shared", shared, shared, false},
		{"shared, exclusive", shared, exclusive, true},
		{"exclusive, shared", exclusive, shared, true},
		{"exclusive, exclusive", exclusive, exclusive, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.lock")
			first, err := tt.first(path)
			if err != nil {
				t.Fatalf("first lock: %v", err)
			}
			second, err := tt.second(path)
			var held *HeldError
			switch {
			case tt.conflicts && !errors.As(err, &held):
				t.Fatalf("second lock: %v, want a *HeldError", err)
			case tt.conflicts && (held.PID != os.Getpid() || held.Path != path):
				t.Errorf("held by %d at %s, want %d at %s", held.PID, held.Path, os.Getpid(), path)
			case !tt.conflicts && err != nil:
				t.Fatalf("second lock: %v", err)
			}
			if err := errors.Join(second.Release(), first.Release()); err != nil {
				t.Fatal(err)
			}
			// Once both are released, the exclusive lock is free.
			again, err := Exclusive(path)
			if err != nil {
				t.Fatalf("after release: %v", err)
			}
			if err := again.Release(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestReleaseTwiceAndNil(t *testing.T) {
	var none *Lock
	if err := none.Release(); err != nil {
		t.Errorf("nil lock: %v", err)
	}
	l, err := Shared(filepath.Join(t.TempDir(), "x.lock"))
	if err != nil {
		t.Fatal(err)
	}
	if err := errors.Join(l.Release(), l.Release()); err != nil {
		t.Errorf("release twice: %v", err)
	}
}

func TestReadOnlyDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes to read-only directories")
	}
	dir := t.TempDir()
	existing := filepath.Join(dir, "x.lock")
	if err := os.WriteFile(existing, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })
	if err := os.Chmod(existing, 0o444); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		take    func(string) (*Lock, error)
		path    string
		wantErr bool
	}{
		{"shared on an existing file", Shared, existing, false},
		{"exclusive on an existing file", Exclusive, existing, true},
		{"shared on a missing file", Shared, filepath.Join(dir, "missing.lock"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := tt.take(tt.path)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err %v, want error: %v", err, tt.wantErr)
			}
			if err := l.Release(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestPIDWritten(t *testing.T) {
	if !Enforced {
		t.Skip("processes are not looked up on this system")
	}
	self := strconv.Itoa(os.Getpid())
	tests := []struct {
		name   string
		before string // the file's content
		take   func(string) (*Lock, error)
		after  string
	}{
		{"shared, new file", "", Shared, self},
		{"shared after a process that has ended", "2147483646\n", Shared, self},
		{"shared beside a running process", "1\n", Shared, "1"},
		{"exclusive", "1\n", Exclusive, self},
		{"shared over junk", "not a pid", Shared, self},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.lock")
			if tt.before != "" {
				if err := os.WriteFile(path, []byte(tt.before), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			l, err := tt.take(path)
			if err != nil {
				t.Fatal(err)
			}
			defer l.Release()
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(string(data)); got != tt.after {
				t.Errorf("the file says %q, want %q", got, tt.after)
			}
		})
	}
}

func TestHeldByEndedProcess(t *testing.T) {
	if !Enforced {
		t.Skip("locks are not enforced on this system")
	}
	path := filepath.Join(t.TempDir(), "x.lock")
	l, err := Shared(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	// The file names a process that has ended (the holder wrote it and
	// another rewrote it): the holder is unknown.
	if err := os.WriteFile(path, []byte("2147483646\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Exclusive(path)
	var held *HeldError
	if !errors.As(err, &held) || held.PID != 0 || !strings.Contains(err.Error(), "another process") {
		t.Errorf("Exclusive = %v, want a HeldError with no PID", err)
	}
}
