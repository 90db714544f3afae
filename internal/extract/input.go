package extract

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"strings"
)

// sniffLen is how much of the input the binary and HTML checks look at.
const sniffLen = 8 << 10

// checkInput rejects input that cannot be an HTML page: empty, over the
// size cap, binary, or declared as a non-HTML media type. It runs before
// any decoding.
func checkInput(raw []byte, contentType string, maxBytes int64) error {
	if int64(len(raw)) > maxBytes {
		return fmt.Errorf("extract: page of %d bytes exceeds the %d-byte limit: %w", len(raw), maxBytes, ErrTooLarge)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return fmt.Errorf("extract: page has no bytes: %w", ErrEmpty)
	}
	if isBinary(raw) || isBinaryMediaType(contentType) {
		return fmt.Errorf("extract: page is not text (sniffed %s): %w", http.DetectContentType(raw), ErrBinary)
	}
	if mt := mediaType(contentType); mt == "application/json" || strings.HasSuffix(mt, "+json") {
		return fmt.Errorf("extract: page declared as %s: %w", mt, ErrNotHTML)
	}
	return nil
}

// mediaType returns the lower-case media type of a Content-Type value, or
// "" when there is none.
func mediaType(contentType string) string {
	if contentType == "" {
		return ""
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}

// isBinaryMediaType reports whether a Content-Type names media that is
// never text.
func isBinaryMediaType(contentType string) bool {
	mt := mediaType(contentType)
	for _, p := range []string{"image/", "audio/", "video/", "font/"} {
		if strings.HasPrefix(mt, p) {
			return true
		}
	}
	switch mt {
	case "application/pdf", "application/zip", "application/gzip", "application/x-gzip",
		"application/wasm", "application/x-tar":
		return true
	}
	return false
}

// utf16BOMs are the byte-order marks of UTF-16 text, which is full of NUL
// bytes yet not binary.
var utf16BOMs = [][]byte{{0xFE, 0xFF}, {0xFF, 0xFE}}

// isBinary reports whether the start of raw looks like binary data: a
// known binary signature, a NUL byte, or many control characters.
func isBinary(raw []byte) bool {
	head := raw[:min(len(raw), sniffLen)]
	for _, bom := range utf16BOMs {
		if bytes.HasPrefix(head, bom) {
			return false
		}
	}
	sniffed := http.DetectContentType(head)
	if !strings.HasPrefix(sniffed, "text/") && sniffed != "application/octet-stream" {
		return true
	}
	control := 0
	for _, c := range head {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b:
			control++
		}
	}
	return control*20 > len(head)
}

// htmlTagNames are elements whose presence marks text as HTML.
var htmlTagNames = []string{
	"!doctype html", "html", "head", "body", "meta", "title", "link", "script",
	"style", "div", "p", "span", "a", "article", "main", "section", "header",
	"footer", "nav", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
	"table", "br", "img", "figure", "blockquote", "pre", "form",
}

// looksLikeHTML reports whether decoded text contains HTML markup: a start
// tag of a common HTML element. Feeds (rss, feed) are not pages.
func looksLikeHTML(text string) bool {
	head := text[:min(len(text), 64<<10)]
	for i := 0; i < len(head); i++ {
		if head[i] != '<' {
			continue
		}
		rest := head[i+1:]
		for _, name := range []string{"rss", "feed", "rdf:rdf"} {
			if hasTagPrefix(rest, name) && !strings.Contains(strings.ToLower(head), "<html") {
				return false
			}
		}
		for _, name := range htmlTagNames {
			if hasTagPrefix(rest, name) {
				return true
			}
		}
	}
	return false
}

// hasTagPrefix reports whether s starts with tag name (ASCII
// case-insensitive) followed by the end of the name.
func hasTagPrefix(s, name string) bool {
	if len(s) < len(name) || !strings.EqualFold(s[:len(name)], name) {
		return false
	}
	if len(s) == len(name) {
		return true
	}
	switch s[len(name)] {
	case '>', ' ', '\t', '\n', '\r', '\f', '/':
		return true
	}
	return false
}
