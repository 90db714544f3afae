package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// staticFS holds the stylesheet, the script and the icons, embedded in
// the binary.
//
//go:embed static
var staticFS embed.FS

// staticFiles serves the embedded files under /static/, each with a
// version (a hash of its content) for cache busting, which is also its
// entity tag, and its text files compressed once, at startup.
type staticFiles struct {
	files    fs.FS
	server   http.Handler
	versions map[string]string             // file name → short content hash
	coded    map[string][numCodings][]byte // file name → its bytes by coding (nil: sent plain)
	// codecs are the server's compressors, which the compression
	// middleware and the page cache use too: made here, with the static
	// files, the one part of the server always made first.
	codecs *codecs
}

// loadStatic hashes the embedded files.
func loadStatic() (*staticFiles, error) {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	z, err := newCodecs()
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	sf := &staticFiles{files: sub, server: http.StripPrefix("/static/", http.FileServerFS(sub)), versions: map[string]string{},
		coded: map[string][numCodings][]byte{}, codecs: z}
	err = fs.WalkDir(sub, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sub, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		sf.versions[name] = hex.EncodeToString(sum[:6])
		if len(b) >= minCompressSize && compressibleType(mime.TypeByExtension(path.Ext(name))) {
			var coded [numCodings][]byte
			for c := codingNone + 1; c < numCodings; c++ {
				coded[c] = z.encode(c, b)
			}
			sf.coded[name] = coded
		}
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

// ServeHTTP serves a static file: compressed beforehand when the
// compression middleware negotiated a coding the file has, else as it is.
// A request naming the current version is cached for a year; the version
// is the entity tag (with the coding's suffix), so If-None-Match is
// answered 304; directory listings are not served.
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
	etag := `"` + v + `"`
	if cw := compressWriterOf(w); cw != nil && cw.coding != codingNone {
		if b := sf.coded[name][cw.coding]; b != nil {
			h := w.Header()
			h.Set("Content-Encoding", cw.coding.name())
			h.Set("ETag", codedETag(etag, cw.coding))
			addVary(h)
			http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
			return
		}
	}
	w.Header().Set("ETag", etag)
	sf.server.ServeHTTP(w, r)
}
