package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/importer"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// recordedView records what a progress display is shown.
type recordedView struct {
	done, total []int
	finished    bool
}

func (v *recordedView) show(done, total int, _ ingest.Progress) {
	v.done, v.total = append(v.done, done), append(v.total, total)
}

func (v *recordedView) finish() { v.finished = true }

func TestCountNonBlankLines(t *testing.T) {
	long := strings.Repeat("x", 600<<10) // longer than the reader's buffer
	tests := []struct {
		name, in string
		want     int
	}{
		{"empty", "", 0},
		{"one without newline", `{"a":1}`, 1},
		{"one with newline", "{\"a\":1}\n", 1},
		{"blank lines", "\n  \n{\"a\":1}\r\n\t\n{\"b\":2}\n\n", 2},
		{"long lines", long + "\n" + long, 2},
		{"long blank line", strings.Repeat(" ", 600<<10) + "\nx\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := countNonBlankLines(strings.NewReader(tt.in))
			if err != nil || n != tt.want {
				t.Errorf("got %d, %v; want %d", n, err, tt.want)
			}
		})
	}
}

// writeWireLines writes n article records to path, gzipped when the name
// ends in .gz, with a blank line between each.
func writeWireLines(t *testing.T, path string, n int) {
	t.Helper()
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, `{"url":"https://news.example.com/%d","title":"Harbour report %d","text":"Crews worked through night %d on the new quay, officials said, and residents were told to expect noise.","source":"Example Wire"}`+"\n\n", i, i, i)
	}
	data := b.Bytes()
	if strings.HasSuffix(path, ".gz") {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(data)
		zw.Close()
		data = z.Bytes()
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestCountRecords(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	lines := filepath.Join(dir, "a.jsonl")
	writeWireLines(t, lines, 7)
	zipped := filepath.Join(dir, "b.jsonl.gz")
	writeWireLines(t, zipped, 5)
	tests := []struct {
		name string
		path string
		want int
	}{
		{"JSON Lines", lines, 7},
		{"gzipped JSON Lines", zipped, 5},
		{"JSON array", write("c.json", `[{"title":"a","text":"x"},{"title":"b","text":"y"},{"title":"c"}]`), 3},
		{"JSON object", write("d.json", `{"title":"a","text":"x"}`), 1},
		{"feed", write("e.rss", `<rss version="2.0"><channel><title>T</title><item><title>One</title></item><item><title>Two</title></item></channel></rss>`), 2},
		{"OPML", write("f.opml", `<opml version="2.0"><body><outline xmlUrl="https://a.example/feed"/><outline xmlUrl="https://b.example/feed"/></body></opml>`), 2},
		{"page", write("g.html", `<html><body><p>x</p></body></html>`), 1},
		{"broken JSON", write("h.json", `[{`), 1},
		{"missing file", filepath.Join(dir, "none.jsonl"), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := countRecords(context.Background(), importer.Decoder{}, []string{tt.path}); got != tt.want {
				t.Errorf("countRecords(%s) = %d, want %d", filepath.Base(tt.path), got, tt.want)
			}
		})
	}
	if got := countRecords(context.Background(), importer.Decoder{}, []string{lines, zipped}); got != 12 {
		t.Errorf("countRecords of two files = %d, want 12", got)
	}
}

// TestImportProgressCountsRecords imports a JSON Lines file of n records
// (the same file twice, so that the second import finds duplicates): the
// progress shown goes up record by record to n of n.
func TestImportProgressCountsRecords(t *testing.T) {
	const n = 40
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "wire.jsonl")
	writeWireLines(t, path, n)
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "storyline.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for round := range 2 {
		im := newImporter(db, newBuilder(importer.DefaultMaxBytes, ""), importer.DefaultMaxBytes)
		im.Workers = 2
		view := &recordedView{}
		p := &progress{view: view, total: countRecords(ctx, im.Decoder, []string{path})}
		im.OnProgress = p.update
		rep, err := im.Import(ctx, []string{path})
		p.finish()
		if err != nil || rep.Errors > 0 {
			t.Fatalf("round %d: import: %v, %+v", round+1, err, rep)
		}
		if len(view.done) < n || !view.finished {
			t.Fatalf("round %d: shown %d times (finished %v), want at least once per record", round+1, len(view.done), view.finished)
		}
		for i, d := range view.done {
			if view.total[i] != n || d > n || (i > 0 && d < view.done[i-1]) {
				t.Fatalf("round %d: update %d shows %d of %d after %d", round+1, i, d, view.total[i], view.done[max(i-1, 0)])
			}
		}
		if last := view.done[len(view.done)-1]; last != n {
			t.Errorf("round %d: progress ends at %d of %d", round+1, last, n)
		}
	}
}
