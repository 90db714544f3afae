package web

import (
	"net/http"
	"strings"
)

// minCompressSize is the smallest body worth compressing: below it the
// coding's framing and the work outweigh the bytes saved.
const minCompressSize = 1024

// compressor is the middleware compressing text responses in the coding
// the client asks for.
type compressor struct {
	codecs *codecs
}

// middleware compresses h's text responses (HTML, JSON, Atom, CSS,
// JavaScript, SVG, plain text) of minCompressSize bytes or more in the
// coding the request accepts, sets Content-Encoding and Vary, and drops
// Content-Length. It leaves alone HEAD and range requests, responses
// already encoded (precompressed static files, cached pages served
// compressed), 204, 206 and 304 responses, and server-sent events, which
// go out unbuffered, flushed as written.
func (z *compressor) middleware(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := codingNone
		if r.Method != http.MethodHead && r.Header.Get("Range") == "" {
			c = negotiateCoding(r.Header.Values("Accept-Encoding"))
		}
		cw := &compressWriter{ResponseWriter: w, codecs: z.codecs, coding: c}
		defer cw.close()
		h.ServeHTTP(cw, r)
	})
}

// compress is the compression middleware with the server's compressors.
func (s *Server) compress(h http.Handler) http.Handler {
	z := &compressor{codecs: s.static.codecs}
	return z.middleware(h)
}

// compressibleType reports whether a response of media type ct is text
// that compression shrinks.
func compressibleType(ct string) bool {
	mt, _, _ := strings.Cut(ct, ";")
	switch strings.ToLower(strings.TrimSpace(mt)) {
	case "text/html", "text/plain", "text/css", "text/javascript", "text/xml", "text/csv",
		"application/javascript", "application/json", "application/atom+xml", "application/rss+xml",
		"application/xml", "application/manifest+json", "application/problem+json", "image/svg+xml":
		return true
	}
	return false
}

// addVary adds Accept-Encoding to h's Vary header unless it is there.
func addVary(h http.Header) {
	for _, v := range h.Values("Vary") {
		for f := range strings.SplitSeq(v, ",") {
			if f = strings.TrimSpace(f); f == "*" || strings.EqualFold(f, "Accept-Encoding") {
				return
			}
		}
	}
	h.Add("Vary", "Accept-Encoding")
}
