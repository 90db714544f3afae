package web

import (
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/storyline/storyline"
)

// FuzzDecodeCursor checks that any cursor text is refused cleanly or read
// back to what encodes it again.
func FuzzDecodeCursor(f *testing.F) {
	f.Add(encodeCursor(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC), 42))
	f.Add(offsetCursor(20))
	f.Add("")
	f.Add("!!!")
	f.Fuzz(func(t *testing.T, s string) {
		at, id, err := decodeCursor(s)
		if err != nil {
			if storyline.ErrorCode(err) != storyline.EINVALID {
				t.Fatalf("decodeCursor(%q): %v, want EINVALID", s, err)
			}
		} else if s != "" && decodeRoundTrip(at, id) == "" {
			t.Fatalf("decodeCursor(%q) = %v, %d: not a cursor", s, at, id)
		}
		if n, err := decodeOffsetCursor(s); err != nil && storyline.ErrorCode(err) != storyline.EINVALID || n < 0 {
			t.Fatalf("decodeOffsetCursor(%q) = %d, %v", s, n, err)
		}
	})
}

// decodeRoundTrip encodes a decoded cursor again.
func decodeRoundTrip(at time.Time, id int64) string {
	if id <= 0 {
		return ""
	}
	return encodeCursor(at, id)
}

// FuzzLinkify checks that comment text never comes out as live markup and
// reads, once unescaped, as it was written.
func FuzzLinkify(f *testing.F) {
	f.Add("See https://example.org/a?b=1&c=2, then http://x.example.")
	f.Add(xssScript + ` "><img src=x onerror=alert(1)> javascript:alert(1) https://a.example/"onmouseover="x`)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		out := string(linkify(text))
		if problems, _ := liveMarkup("<p>" + out + "</p>"); len(problems) > 0 {
			t.Fatalf("linkify(%q) = %q: %v", text, out, problems)
		}
		plain := out
		for strings.Contains(plain, "<a ") {
			i := strings.Index(plain, "<a ")
			j := strings.Index(plain[i:], ">")
			plain = plain[:i] + plain[i+j+1:]
			plain = strings.Replace(plain, "</a>", "", 1)
		}
		// html/template's escaper writes NUL as U+FFFD.
		if got := html.UnescapeString(plain); got != strings.ReplaceAll(text, "\x00", "\uFFFD") {
			t.Fatalf("linkify(%q) reads as %q", text, got)
		}
	})
}

// FuzzDecodeJSON checks that any request body is decoded or refused with
// an EINVALID error, never anything else.
func FuzzDecodeJSON(f *testing.F) {
	f.Add(`{"body":"hello"}`)
	f.Add(`{"body":"a","extra":1}`)
	f.Add(`{"body":1}`)
	f.Add(`[]`)
	f.Add(`{"body":"x"} {}`)
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest(http.MethodPost, "/api/v1/x", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		var v struct {
			Body string `json:"body"`
		}
		if err := decodeJSON(httptest.NewRecorder(), r, &v); err != nil && storyline.ErrorCode(err) != storyline.EINVALID {
			t.Fatalf("decodeJSON(%q): %v, want EINVALID", body, err)
		}
	})
}
