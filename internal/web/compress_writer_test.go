package web

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// decodeBody returns body decoded from content coding enc ("" for none).
func decodeBody(t *testing.T, enc string, body []byte) []byte {
	t.Helper()
	var r io.Reader
	switch enc {
	case "":
		return body
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("gzip: %v", err)
		}
		r = zr
	case "zstd":
		zr, err := zstd.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("zstd: %v", err)
		}
		defer zr.Close()
		r = zr
	default:
		t.Fatalf("unexpected Content-Encoding %q", enc)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: %v", enc, err)
	}
	return b
}

// testCompressor returns a compressor with its own codecs.
func testCompressor(t *testing.T) *compressor {
	t.Helper()
	z, err := newCodecs()
	if err != nil {
		t.Fatal(err)
	}
	return &compressor{codecs: z}
}

func TestCompressWriter(t *testing.T) {
	page := "<!doctype html><title>x</title>" + strings.Repeat("<p>The dam talks restart next week.</p>\n", 60)
	html := func(status int, header ...string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i+1 < len(header); i += 2 {
				w.Header().Set(header[i], header[i+1])
			}
			if status != 0 {
				w.WriteHeader(status)
			}
			if status != http.StatusNoContent && status != http.StatusNotModified {
				io.WriteString(w, page)
			}
		}
	}
	tests := []struct {
		name     string
		h        http.HandlerFunc
		ae       string
		method   string
		want     string // Content-Encoding
		wantVary bool
		wantETag string
		status   int
		flushed  bool
	}{
		{name: "html gzip", h: html(0, "Content-Type", "text/html; charset=utf-8"), ae: "gzip", want: "gzip", wantVary: true},
		{name: "html zstd", h: html(0, "Content-Type", "text/html; charset=utf-8"), ae: "zstd", want: "zstd", wantVary: true},
		{name: "not asked", h: html(0, "Content-Type", "text/html; charset=utf-8"), wantVary: true},
		{name: "HEAD", h: html(0, "Content-Type", "text/html"), ae: "gzip", method: http.MethodHead, wantVary: true},
		{name: "sniffed", h: html(0), ae: "gzip", want: "gzip", wantVary: true},
		{name: "not text", h: html(0, "Content-Type", "image/png"), ae: "gzip"},
		{name: "small by length", h: html(0, "Content-Type", "text/html", "Content-Length", "100"), ae: "gzip", wantVary: true},
		{name: "already encoded", h: html(0, "Content-Type", "text/html", "Content-Encoding", "br"), ae: "gzip", want: "br"},
		{name: "event stream", h: html(0, "Content-Type", "text/event-stream"), ae: "gzip"},
		{name: "no content", h: html(http.StatusNoContent, "Content-Type", "text/html"), ae: "gzip", status: 204},
		{name: "not modified", h: html(http.StatusNotModified, "Content-Type", "text/html"), ae: "gzip", status: 304},
		{name: "error page", h: html(http.StatusNotFound, "Content-Type", "text/html"), ae: "gzip", want: "gzip", wantVary: true, status: 404},
		{name: "entity tag", h: html(0, "Content-Type", "application/json", "ETag", `W/"v1"`), ae: "gzip", want: "gzip", wantVary: true, wantETag: `W/"v1-gz"`},
		{name: "entity tag plain", h: html(0, "Content-Type", "application/json", "ETag", `"v1"`), wantVary: true, wantETag: `"v1"`},
		{name: "atom", h: html(0, "Content-Type", "application/atom+xml; charset=utf-8"), ae: "gzip", want: "gzip", wantVary: true},
		{name: "small body", h: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, page[:minCompressSize-1])
		}, ae: "gzip", wantVary: true},
		{name: "small writes", h: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/css")
			for _, line := range strings.SplitAfter(page, "\n") {
				io.WriteString(w, line)
			}
		}, ae: "gzip", want: "gzip", wantVary: true},
		{name: "flushed early", h: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, page[:50])
			http.NewResponseController(w).Flush()
			io.WriteString(w, page[50:])
		}, ae: "gzip", want: "gzip", wantVary: true, flushed: true},
	}
	z := testCompressor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(cmp.Or(tt.method, http.MethodGet), "/", nil)
			if tt.ae != "" {
				req.Header.Set("Accept-Encoding", tt.ae)
			}
			rec := httptest.NewRecorder()
			z.middleware(tt.h).ServeHTTP(rec, req)
			res := rec.Result()
			if want := cmp.Or(tt.status, http.StatusOK); res.StatusCode != want {
				t.Errorf("status %d, want %d", res.StatusCode, want)
			}
			enc := res.Header.Get("Content-Encoding")
			if enc != tt.want {
				t.Fatalf("Content-Encoding %q, want %q", enc, tt.want)
			}
			if got := strings.Contains(res.Header.Get("Vary"), "Accept-Encoding"); got != tt.wantVary {
				t.Errorf("Vary %q, want Accept-Encoding: %v", res.Header.Get("Vary"), tt.wantVary)
			}
			if tt.flushed && !rec.Flushed {
				t.Error("a flush did not reach the response writer")
			}
			if tt.wantETag != "" && res.Header.Get("ETag") != tt.wantETag {
				t.Errorf("ETag %q, want %q", res.Header.Get("ETag"), tt.wantETag)
			}
			if enc == "gzip" || enc == "zstd" {
				if res.Header.Get("Content-Length") != "" {
					t.Error("compressed response keeps Content-Length")
				}
				if got := decodeBody(t, enc, rec.Body.Bytes()); string(got) != page {
					t.Errorf("decoded %d bytes, want the %d of the page", len(got), len(page))
				}
				if rec.Body.Len() >= len(page)/2 {
					t.Errorf("compressed to %d of %d bytes", rec.Body.Len(), len(page))
				}
			}
		})
	}
}
