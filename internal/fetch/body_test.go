package fetch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

func gzipBytes(t testing.TB, p []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(p); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func zlibBytes(t testing.TB, p []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write(p)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func flateBytes(t testing.TB, p []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.DefaultCompression)
	w.Write(p)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// serveBytes answers every request with body and the given Content-Encoding.
func serveBytes(encoding string, body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if encoding != "" {
			w.Header().Set("Content-Encoding", encoding)
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	}
}

func TestDecoding(t *testing.T) {
	t.Parallel()
	plain := []byte(strings.Repeat("<rss>storyline</rss>\n", 500))
	tests := []struct {
		name     string
		encoding string
		body     []byte
		want     []byte
		wantKind Kind
	}{
		{"identity", "", plain, plain, KindNone},
		{"identity-explicit", "identity", plain, plain, KindNone},
		{"gzip", "gzip", gzipBytes(t, plain), plain, KindNone},
		{"x-gzip", "x-gzip", gzipBytes(t, plain), plain, KindNone},
		{"gzip-upper", "GZIP", gzipBytes(t, plain), plain, KindNone},
		{"deflate-zlib", "deflate", zlibBytes(t, plain), plain, KindNone},
		{"deflate-raw", "deflate", flateBytes(t, plain), plain, KindNone},
		{"gzip-twice", "gzip, gzip", gzipBytes(t, gzipBytes(t, plain)), plain, KindNone},
		{"gzip-empty", "gzip", nil, nil, KindNone},
		{"deflate-empty", "deflate", nil, nil, KindNone},
		{"gzip-corrupt", "gzip", []byte("definitely not gzip"), nil, KindNetwork},
		{"gzip-truncated", "gzip", gzipBytes(t, plain)[:40], nil, KindNetwork},
		{"brotli", "br", plain, nil, KindNetwork},
		{"too-many", "gzip, gzip, gzip", plain, nil, KindNetwork},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, serveBytes(tt.encoding, tt.body))
			c := newTestClient(t, testOptions())
			resp, err := c.Get(context.Background(), Request{URL: srv.URL})
			if tt.wantKind != KindNone {
				wantKind(t, err, tt.wantKind)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(resp.Body, tt.want) {
				t.Errorf("body %d bytes %.40q, want %d bytes", len(resp.Body), resp.Body, len(tt.want))
			}
		})
	}
}

func TestBodyLimit(t *testing.T) {
	t.Parallel()
	const limit = 1 << 20
	exact := bytes.Repeat([]byte("a"), limit)
	over := append(bytes.Clone(exact), 'b')
	tests := []struct {
		name     string
		encoding string
		body     []byte
		want     Kind
	}{
		{"exact", "", exact, KindNone},
		{"over", "", over, KindTooLarge},
		{"gzip-exact", "gzip", gzipBytes(t, exact), KindNone},
		{"gzip-over", "gzip", gzipBytes(t, over), KindTooLarge},
		{"deflate-over", "deflate", zlibBytes(t, make([]byte, 2*limit)), KindTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, serveBytes(tt.encoding, tt.body))
			o := testOptions()
			o.MaxBytes = limit
			c := newTestClient(t, o)
			resp, err := c.Get(context.Background(), Request{URL: srv.URL})
			if tt.want == KindNone {
				if err != nil {
					t.Fatal(err)
				}
				if len(resp.Body) != limit {
					t.Errorf("got %d bytes", len(resp.Body))
				}
				return
			}
			wantKind(t, err, tt.want)
			if want := "body exceeds 1 MiB"; !strings.HasSuffix(err.Error(), want) {
				t.Errorf("message %q, want suffix %q", err, want)
			}
		})
	}
}

// TestGzipBomb is not parallel so that its allocation measurement sees only
// its own work.
func TestGzipBomb(t *testing.T) {
	const limit = 1 << 20
	// 50 MiB of zeros as 50 concatenated gzip members of 1 MiB each.
	member := gzipBytes(t, make([]byte, 1<<20))
	bomb := bytes.Repeat(member, 50)
	srv := newServer(t, serveBytes("gzip", bomb))
	o := testOptions()
	o.MaxBytes = limit
	c := newTestClient(t, o)

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := c.Get(context.Background(), Request{URL: srv.URL})
	runtime.ReadMemStats(&after)
	wantKind(t, err, KindTooLarge)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("allocated %d MiB fetching a bomb with a 1 MiB cap", alloc>>20)
	}
}

func TestEndlessBody(t *testing.T) {
	t.Parallel()
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		chunk := bytes.Repeat([]byte("x"), 32<<10)
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	o := testOptions()
	o.MaxBytes = 1 << 20
	c := newTestClient(t, o)
	_, err := c.Get(context.Background(), Request{URL: srv.URL})
	wantKind(t, err, KindTooLarge)
}

func TestReadBodyTruncate(t *testing.T) {
	t.Parallel()
	resp := &http.Response{Header: http.Header{}, Body: io.NopCloser(strings.NewReader("0123456789")), ContentLength: 10}
	body, err := readBody(resp, 4, true)
	if err != nil || string(body) != "0123" {
		t.Errorf("readBody truncate = %q, %v", body, err)
	}
	resp.Body = io.NopCloser(strings.NewReader("0123456789"))
	if _, err := readBody(resp, 4, false); err == nil {
		t.Error("readBody without truncate accepted an oversized body")
	}
}

func FuzzReadBody(f *testing.F) {
	f.Add("gzip", gzipBytes(f, []byte("hello hello hello")))
	f.Add("deflate", zlibBytes(f, []byte("hello")))
	f.Add("deflate", flateBytes(f, []byte("hello")))
	f.Add("", []byte("plain"))
	f.Add("gzip, deflate", []byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, encoding string, data []byte) {
		rec := httptest.NewRecorder()
		rec.Header().Set("Content-Encoding", encoding)
		resp := rec.Result()
		resp.Body = io.NopCloser(bytes.NewReader(data))
		resp.ContentLength = int64(len(data))
		body, err := readBody(resp, 64, false)
		if err == nil && len(body) > 64 {
			t.Fatalf("readBody returned %d bytes over a 64-byte cap", len(body))
		}
		resp.Body = io.NopCloser(bytes.NewReader(data))
		body, err = readBody(resp, 64, true)
		if err == nil && len(body) > 64 {
			t.Fatalf("readBody(truncate) returned %d bytes", len(body))
		}
	})
}
