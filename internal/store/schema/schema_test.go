package schema

import (
	"errors"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// files returns a file system holding the named migrations under
// "migrations", each file's SQL naming the file.
func files(names ...string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, n := range names {
		fsys["migrations/"+n] = &fstest.MapFile{Data: []byte("-- " + n)}
	}
	return fsys
}

// versions returns the versions of ms.
func versions(ms []Migration) []int {
	var vs []int
	for _, m := range ms {
		vs = append(vs, m.Version)
	}
	return vs
}

func TestLoad(t *testing.T) {
	for _, tc := range []struct {
		name    string
		fsys    fstest.MapFS
		retired []int
		want    []int  // the versions loaded
		wantErr string // a part of the error, when Load must fail
	}{
		{name: "in order", fsys: files("0002_b.sql", "0001_a.sql", "0003_c_d.sql"), want: []int{1, 2, 3}},
		{name: "one", fsys: files("0001_init.sql"), want: []int{1}},
		{name: "retired version skipped", fsys: files("0001_init.sql", "0003_assignments.sql", "0004_x.sql"), retired: []int{2}, want: []int{1, 3, 4}},
		{name: "retired versions in a row", fsys: files("0001_a.sql", "0004_d.sql"), retired: []int{2, 3}, want: []int{1, 4}},
		{name: "gap", fsys: files("0001_init.sql", "0003_assignments.sql"), wantErr: "0003_assignments.sql: expected version 2"},
		{name: "gap after a retired version", fsys: files("0001_a.sql", "0003_c.sql", "0005_e.sql"), retired: []int{2}, wantErr: "0005_e.sql: expected version 4"},
		{name: "not from 1", fsys: files("0002_b.sql"), wantErr: "expected version 1"},
		{name: "duplicate", fsys: files("0001_a.sql", "0002_b.sql", "0002_c.sql"), wantErr: "0002_b.sql and 0002_c.sql: the same version 2"},
		{name: "retired version taken", fsys: files("0001_a.sql", "0002_b.sql"), retired: []int{2}, wantErr: "0002_b.sql: version 2 is retired"},
		{name: "three digits", fsys: files("0001_a.sql", "002_b.sql"), wantErr: "002_b.sql: name must be NNNN_name.sql"},
		{name: "no name", fsys: files("0001.sql"), wantErr: "name must be"},
		{name: "empty name", fsys: files("0001_.sql"), wantErr: "name must be"},
		{name: "hyphen", fsys: files("0001-init.sql"), wantErr: "name must be"},
		{name: "upper case", fsys: files("0001_Init.sql"), wantErr: "name must be"},
		{name: "not SQL", fsys: files("0001_init.sql", "0002_b.txt"), wantErr: "0002_b.txt: name must be"},
		{name: "version 0", fsys: files("0000_zero.sql", "0001_a.sql"), wantErr: "0000_zero.sql: expected version 1"},
		{name: "directory", fsys: fstest.MapFS{"migrations/0001_a.sql/x": {}}, wantErr: "0001_a.sql: not a file"},
		{name: "empty", fsys: fstest.MapFS{"migrations": {Mode: fs.ModeDir | 0o755}}, wantErr: "no migrations"},
		{name: "no directory", fsys: fstest.MapFS{}, wantErr: "read migrations"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ms, err := Load(tc.fsys, "migrations", tc.retired...)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Load = %v, %v; want an error containing %q", versions(ms), err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := versions(ms); !slices.Equal(got, tc.want) {
				t.Errorf("versions %v, want %v", got, tc.want)
			}
			for _, m := range ms {
				if m.SQL != "-- "+m.Name {
					t.Errorf("%s holds %q", m.Name, m.SQL)
				}
			}
		})
	}
}

func TestPending(t *testing.T) {
	ms, err := Load(files("0001_a.sql", "0003_c.sql", "0004_d.sql"), "migrations", 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		current int
		want    []int
		newer   bool // refused as newer than the build
	}{
		{name: "new database", current: 0, want: []int{1, 3, 4}},
		{name: "first applied", current: 1, want: []int{3, 4}},
		{name: "at the retired version", current: 2, want: []int{3, 4}},
		{name: "one behind", current: 3, want: []int{4}},
		{name: "up to date", current: 4, want: nil},
		{name: "newer database", current: 5, newer: true},
		{name: "much newer database", current: 12, newer: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Pending(ms, tc.current)
			if tc.newer {
				var ne *NewerError
				if !errors.As(err, &ne) || ne.Database != tc.current || ne.Build != 4 {
					t.Fatalf("Pending = %v, %v; want a NewerError for %d over 4", versions(got), err, tc.current)
				}
				msg := err.Error()
				if !strings.Contains(msg, "version 4") || !strings.Contains(msg, "version "+strconv.Itoa(tc.current)) || !strings.Contains(msg, "newer storyline") {
					t.Errorf("error %q does not name both versions and the remedy", msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(versions(got), tc.want) {
				t.Errorf("pending %v, want %v", versions(got), tc.want)
			}
		})
	}
	if _, err := Pending(ms, -1); err == nil {
		t.Error("Pending(-1) succeeded")
	}
}
