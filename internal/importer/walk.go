package importer

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Files expands paths into the importable files they name: files as they
// are, directories recursively (only files of a known kind, hidden ones
// skipped), in a stable order. A path that does not exist is an error
// naming it.
func Files(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, unwrapPathError(err))
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if path != p && len(name) > 1 && name[0] == '.' {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && KindOf(path) != KindUnknown {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, unwrapPathError(err))
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, nil
}

// unwrapPathError drops the path from an *fs.PathError, since the caller
// names the path itself.
func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
