package images

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// picture returns a w×h image with a gradient, so that it compresses
// like a photograph rather than to nothing.
func picture(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{R: uint8(x * 255 / w), G: uint8(y * 255 / h), B: uint8((x + y) % 256), A: 255})
		}
	}
	return img
}

func pngBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, picture(w, h)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func jpegBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, picture(w, h), &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gifBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := gif.Encode(&buf, picture(w, h), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngHeader returns a PNG signature and IHDR chunk declaring a w×h RGBA
// image, and no pixels: what a decompression bomb's header looks like.
func pngHeader(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8 bits, RGBA
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	_ = binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// serve returns a handler answering body with Content-Type ctype.
func serve(ctype string, body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		if ctype != "" {
			w.Header().Set("Content-Type", ctype)
		}
		_, _ = w.Write(body)
	}
}

// newServer starts a test server with routes (robots.txt answers 404:
// everything allowed) and returns its base URL.
func newServer(t *testing.T, routes map[string]http.Handler) string {
	t.Helper()
	mux := http.NewServeMux()
	for p, h := range routes {
		mux.Handle(p, h)
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

// testClient returns a fetch client that may reach the test server (on
// loopback) when allowPrivate, and is refused it otherwise, as in
// production.
func testClient(t *testing.T, allowPrivate bool, maxBytes int64) *fetch.Client {
	t.Helper()
	c := fetch.New(fetch.Options{AllowPrivate: allowPrivate, MaxBytes: maxBytes, HostRate: -1,
		ConnectTimeout: 2 * time.Second, Timeout: 5 * time.Second})
	t.Cleanup(c.CloseIdleConnections)
	return c
}

// openStore opens an SQLite store in a temporary directory.
func openStore(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// addArticle stores an article with lead image imageURL and returns its
// ID.
func addArticle(t *testing.T, db storyline.ArticleStore, url, imageURL string) int64 {
	t.Helper()
	text := "The text of " + url + ", long enough to be an article of its own."
	a := &storyline.Article{URL: url, Source: "Example", Title: "Article " + url, Text: text,
		ImageURL: imageURL, ContentHash: storyline.ContentHash(text), Published: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
	res, err := db.SaveArticle(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	return res.ID
}

// saves are the images saved, by article ID.
type saves struct {
	mu    sync.Mutex
	saved map[int64]storyline.ArticleImage
}

func (s *saves) put(img *storyline.ArticleImage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.saved == nil {
		s.saved = make(map[int64]storyline.ArticleImage)
	}
	s.saved[img.ArticleID] = *img
}

func (s *saves) get(id int64) (storyline.ArticleImage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	img, ok := s.saved[id]
	return img, ok
}

// recorder is an ImageStore that remembers what was saved through it.
type recorder struct {
	storyline.ImageStore
	saves
}

func newRecorder(s storyline.ImageStore) *recorder { return &recorder{ImageStore: s} }

func (r *recorder) SaveImage(ctx context.Context, img *storyline.ArticleImage) error {
	if err := r.ImageStore.SaveImage(ctx, img); err != nil {
		return err
	}
	r.put(img)
	return nil
}

// memStore is an ImageStore in memory, for tests of the fetcher's own
// logic: pending images are the tasks without a saved image.
type memStore struct {
	saves
	tasks   []storyline.ImageTask
	listErr error
	saveErr error
}

func newMemStore(tasks ...storyline.ImageTask) *memStore { return &memStore{tasks: tasks} }

func (m *memStore) PendingImages(_ context.Context, limit int) ([]storyline.ImageTask, error) {
	if m.listErr != nil {
		return nil, m.listErr
	}
	var out []storyline.ImageTask
	for _, t := range m.tasks {
		if img, ok := m.get(t.ArticleID); ok && img.SourceURL == t.URL {
			continue
		}
		if len(out) == limit {
			break
		}
		out = append(out, t)
	}
	return out, nil
}

func (m *memStore) SaveImage(_ context.Context, img *storyline.ArticleImage) error {
	if m.saveErr != nil {
		return m.saveErr
	}
	m.put(img)
	return nil
}

func (m *memStore) Image(context.Context, int64, storyline.ImageSize) (*storyline.ImageData, error) {
	return nil, storyline.Errorf(storyline.ENOTFOUND, "no image")
}

func (m *memStore) ArticleImages(context.Context, []int64) (map[int64]storyline.ImageRef, error) {
	return nil, nil
}

func (m *memStore) StoryImages(context.Context, []int64) (map[int64]storyline.ImageRef, error) {
	return nil, nil
}

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
