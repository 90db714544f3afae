package web

import (
	"bytes"
	stdgzip "compress/gzip"
	"io"
	"strings"
	"testing"
)

// TestGzipStitcher checks that stitched members decode, with the standard
// library's reader, to the pieces in order: compressed and stored pieces
// mixed, empty ones, and a stored piece longer than one stored block.
func TestGzipStitcher(t *testing.T) {
	long := strings.Repeat("0123456789abcdef", 5000) // 80,000 bytes: two stored blocks
	page := strings.Repeat("<article class=card><h2>Talks resume</h2></article>\n", 200)
	tests := []struct {
		name   string
		pieces []string // even indexes compressed, odd stored
	}{
		{"empty", nil},
		{"one segment", []string{page}},
		{"segments and holes", []string{"<html><body>", ` class="read"`, page, "Ada", "</body></html>"}},
		{"empty pieces", []string{"", "", page, "", ""}},
		{"long stored", []string{"a", long, "b"}},
	}
	var d deflater
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGzipStitcher(nil)
			var want strings.Builder
			for i, p := range tt.pieces {
				want.WriteString(p)
				if i%2 == 0 {
					g.segment([]byte(p), d.segment([]byte(p)))
				} else {
					g.stored([]byte(p))
				}
			}
			zr, err := stdgzip.NewReader(bytes.NewReader(g.finish()))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(zr)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if string(got) != want.String() {
				t.Fatalf("decoded %d bytes, want %d", len(got), want.Len())
			}
		})
	}
}
