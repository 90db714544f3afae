package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
)

// staticFS holds the stylesheet, the script and the icons, embedded in
// the binary.
//
//go:embed static
var staticFS embed.FS

// staticFiles serves the embedded files under /static/, each with a
// version (a hash of its content) for cache busting.
type staticFiles struct {
	files    fs.FS
	server   http.Handler
	versions map[string]string // file name → short content hash
}

// loadStatic hashes the embedded files.
func loadStatic() (*staticFiles, error) {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	sf := &staticFiles{files: sub, server: http.StripPrefix("/static/", http.FileServerFS(sub)), versions: map[string]string{}}
	err = fs.WalkDir(sub, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sub, path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		sf.versions[path] = hex.EncodeToString(sum[:6])
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	return sf, nil
}

// url returns the versioned URL of a static file.
func (sf *staticFiles) url(name string) string {
	return "/static/" + name + "?v=" + sf.versions[name]
}

// ServeHTTP serves a static file. A request naming the current version is
// cached for a year; directory listings are not served.
func (sf *staticFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/static/")
	v, ok := sf.versions[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	if r.URL.Query().Get("v") == v {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=300")
	}
	sf.server.ServeHTTP(w, r)
}
