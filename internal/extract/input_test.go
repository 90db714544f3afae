package extract

import (
	"errors"
	"strings"
	"testing"
)

// TestExtractRejects checks each kind of unusable input fails with its own
// error.
func TestExtractRejects(t *testing.T) {
	page := storyPage("<title>Grell Head light shines again</title>", "<p>%s</p>")
	tests := []struct {
		name        string
		raw         []byte
		contentType string
		maxBytes    int64
		want        error
	}{
		{"nil", nil, "", 0, ErrEmpty},
		{"empty", []byte{}, "text/html", 0, ErrEmpty},
		{"white space", []byte(" \n\t\r\n "), "", 0, ErrEmpty},
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), "", 0, ErrBinary},
		{"NUL bytes", append([]byte("<html><body>"), make([]byte, 64)...), "", 0, ErrBinary},
		{"PDF", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "", 0, ErrBinary},
		{"gzip", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"), "", 0, ErrBinary},
		{"image content type", []byte(page), "image/jpeg", 0, ErrBinary},
		{"over the cap", []byte(page), "", int64(len(page) - 1), ErrTooLarge},
		{"over the default cap", []byte("<p>" + strings.Repeat("a", DefaultMaxBytes) + "</p>"), "", 0, ErrTooLarge},
		{"plain text", []byte("The lighthouse was switched back on.\nIt can be seen for miles.\n"), "", 0, ErrNotHTML},
		{"text with angle brackets", []byte("if a < b and b > c then a < c"), "text/plain", 0, ErrNotHTML},
		{"JSON", []byte(`{"title": "<p>Grell</p>"}`), "application/json", 0, ErrNotHTML},
		{"RSS feed", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Bay</title><item><title>Grell</title></item></channel></rss>`), "", 0, ErrNotHTML},
		{"navigation only", []byte(`<html><body><nav><a href="/a">Home</a> <a href="/b">News</a></nav><footer>© Bay Post</footer></body></html>`), "", 0, ErrNoContent},
		{"empty body", []byte(`<!DOCTYPE html><html><head><title>Empty</title></head><body></body></html>`), "", 0, ErrNoContent},
		{"scripts only", []byte(`<html><body><script>var a = "` + strings.Repeat("text ", 200) + `";</script></body></html>`), "", 0, ErrNoContent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New(Options{MaxBytes: tt.maxBytes}).Extract(tt.raw, "https://news.example/a", tt.contentType)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Extract error = %v, want %v", err, tt.want)
			}
			if a != nil {
				t.Errorf("Extract returned an article with error %v", err)
			}
			if !strings.HasPrefix(err.Error(), "extract: ") {
				t.Errorf("error %q does not name the operation", err)
			}
		})
	}
}

// TestExtractAcceptsUnderCap checks a page exactly at the size cap passes.
func TestExtractAcceptsUnderCap(t *testing.T) {
	page := storyPage("<title>Grell Head light shines again</title>", "<p>%s</p>")
	if _, err := New(Options{MaxBytes: int64(len(page))}).Extract([]byte(page), "", ""); err != nil {
		t.Fatal(err)
	}
}

// TestLooksLikeHTML checks the markup sniffing.
func TestLooksLikeHTML(t *testing.T) {
	tests := map[string]bool{
		"<!DOCTYPE html><title>x</title>": true,
		"<P>x</P>":                        true,
		"  <div class=a>x</div>":          true,
		"a <br/> b":                       true,
		"a < b > c":                       false,
		"<customtag>x</customtag>":        false,
		"plain words":                     false,
		`<?xml version="1.0"?><feed>`:     false,
	}
	for in, want := range tests {
		if got := looksLikeHTML(in); got != want {
			t.Errorf("looksLikeHTML(%q) = %v, want %v", in, got, want)
		}
	}
}
