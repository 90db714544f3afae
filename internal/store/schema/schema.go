// Package schema holds the rules that the migration runners of both
// stores follow, apart from any database:
//
//   - a migration is a file named NNNN_name.sql: four digits, an
//     underscore, a name of lower-case letters, digits and underscores;
//   - versions count up from 1, each used once, without gaps, except for
//     versions a store names as retired (numbers no released migration
//     ever had, which no file may take);
//   - a database records the versions it applied, and one whose version
//     is newer than the newest migration of this build is refused
//     (NewerError), never changed;
//   - a released migration never changes: later changes go into a new
//     file.
//
// Each runner applies what Pending returns in order, each migration in
// its own transaction together with its row in schema_version.
//
// It is pure: it reads an fs.FS (the embedded migrations) and imports no
// database driver.
package schema

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
)

// Migration is one schema step, read from the file Name.
type Migration struct {
	Version int    // the file's number
	Name    string // the file's name, NNNN_name.sql
	SQL     string // the file's contents
}

// fileName is the form of a migration's file name.
var fileName = regexp.MustCompile(`^([0-9]{4})_[a-z0-9]+(?:_[a-z0-9]+)*\.sql$`)

// Load returns the migrations in directory dir of fsys in order of
// version, checked against the rules: every file is named NNNN_name.sql,
// and the versions run 1, 2, 3… with no duplicate and no gap. Versions
// listed in retired are the exception: the sequence skips them, and a
// file that takes one is an error.
func Load(fsys fs.FS, dir string, retired ...int) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var ms []Migration
	for _, e := range entries {
		m := fileName.FindStringSubmatch(e.Name())
		if m == nil {
			return nil, fmt.Errorf("migration %s: name must be NNNN_name.sql (lower-case letters, digits and underscores)", e.Name())
		}
		if !e.Type().IsRegular() {
			return nil, fmt.Errorf("migration %s: not a file", e.Name())
		}
		v, _ := strconv.Atoi(m[1]) // four digits
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", e.Name(), err)
		}
		ms = append(ms, Migration{Version: v, Name: e.Name(), SQL: string(b)})
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("no migrations in %s", dir)
	}
	slices.SortFunc(ms, func(a, b Migration) int { return a.Version - b.Version })
	want := 1
	for i, m := range ms {
		if i > 0 && m.Version == ms[i-1].Version {
			return nil, fmt.Errorf("migrations %s and %s: the same version %d", ms[i-1].Name, m.Name, m.Version)
		}
		if slices.Contains(retired, m.Version) {
			return nil, fmt.Errorf("migration %s: version %d is retired and must stay unused", m.Name, m.Version)
		}
		for slices.Contains(retired, want) {
			want++
		}
		if m.Version != want {
			return nil, fmt.Errorf("migration %s: expected version %d (versions run 1, 2, 3… without gaps)", m.Name, want)
		}
		want++
	}
	return ms, nil
}

// NewerError is the refusal of a database whose schema is newer than the
// newest migration of this build: a newer storyline has migrated it.
type NewerError struct {
	Database int // the database's schema version
	Build    int // the newest migration this build has
}

// Error names both versions and what to do.
func (e *NewerError) Error() string {
	return fmt.Sprintf("the database is at schema version %d, newer than version %d, the newest this build of storyline knows: use a newer storyline", e.Database, e.Build)
}

// Pending returns, in order, the migrations of ms (as Load returns them)
// that a database at schema version current has not applied. A database
// newer than the newest migration is refused with a *NewerError.
func Pending(ms []Migration, current int) ([]Migration, error) {
	if current < 0 {
		return nil, fmt.Errorf("schema version %d is negative", current)
	}
	latest := 0
	if len(ms) > 0 {
		latest = ms[len(ms)-1].Version
	}
	if current > latest {
		return nil, &NewerError{Database: current, Build: latest}
	}
	i, _ := slices.BinarySearchFunc(ms, current+1, func(m Migration, v int) int { return m.Version - v })
	return ms[i:], nil
}
