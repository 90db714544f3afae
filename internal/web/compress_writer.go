package web

import (
	"net/http"
	"strconv"
	"strings"
)

// writerState is how far a compressWriter has decided.
type writerState uint8

const (
	stateNew         writerState = iota // nothing written
	stateBuffering                      // compressible: holding the first bytes
	statePlain                          // passing the bytes through
	stateCompressing                    // encoding the bytes
)

// compressWriter compresses a response in coding once it is known to be
// compressible text of at least minCompressSize bytes; until then it
// holds the status and the first bytes.
type compressWriter struct {
	http.ResponseWriter
	codecs *codecs
	coding coding // codingNone: only Vary is added
	state  writerState
	status int
	buf    []byte
	enc    streamEncoder
}

// compressWriterOf returns the compressWriter w is or wraps, or nil: the
// page cache and the static files use it to serve bodies compressed
// beforehand in the coding it negotiated.
func compressWriterOf(w http.ResponseWriter) *compressWriter {
	for {
		if cw, ok := w.(*compressWriter); ok {
			return cw
		}
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			return nil
		}
		w = u.Unwrap()
	}
}

// WriteHeader holds the status of a response that may be compressed and
// writes the others' at once.
func (w *compressWriter) WriteHeader(code int) {
	if code < http.StatusOK {
		w.ResponseWriter.WriteHeader(code) // informational: more follows
		return
	}
	if w.status != 0 {
		return
	}
	w.status = code
	h := w.Header()
	if code == http.StatusNoContent || code == http.StatusNotModified || code == http.StatusPartialContent ||
		h.Get("Content-Encoding") != "" {
		w.plain()
		return
	}
	if _, typed := h["Content-Type"]; typed {
		if !compressibleType(h.Get("Content-Type")) {
			w.plain()
			return
		}
		addVary(h)
	}
	if n, err := strconv.Atoi(h.Get("Content-Length")); w.coding == codingNone || (err == nil && n < minCompressSize) {
		w.plain()
		return
	}
	w.state = stateBuffering // an untyped body is sniffed as net/http would
}

// Write compresses, holds or passes b through.
func (w *compressWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	switch w.state {
	case statePlain:
		return w.ResponseWriter.Write(b)
	case stateCompressing:
		return w.enc.Write(b)
	}
	if _, typed := w.Header()["Content-Type"]; !typed && len(b) > 0 {
		ct := http.DetectContentType(b)
		w.Header().Set("Content-Type", ct)
		if !compressibleType(ct) {
			w.plain()
			return w.ResponseWriter.Write(b)
		}
		addVary(w.Header())
	}
	w.buf = append(w.buf, b...)
	if len(w.buf) >= minCompressSize {
		if err := w.start(); err != nil {
			return 0, err
		}
	}
	return len(b), nil
}

// plain writes the held status and bytes as they are, and passes the rest
// through.
func (w *compressWriter) plain() {
	w.state = statePlain
	w.ResponseWriter.WriteHeader(w.status)
	if len(w.buf) > 0 {
		_, _ = w.ResponseWriter.Write(w.buf) // an error shows again at the next write
		w.buf = nil
	}
}

// start writes the headers of a compressed response and the held bytes
// through the encoder.
func (w *compressWriter) start() error {
	h := w.Header()
	h.Del("Content-Length")
	h.Del("Accept-Ranges")
	h.Set("Content-Encoding", w.coding.name())
	if et := h.Get("ETag"); et != "" {
		h.Set("ETag", codedETag(et, w.coding))
	}
	w.ResponseWriter.WriteHeader(w.status)
	w.state = stateCompressing
	w.enc = w.codecs.stream(w.coding, w.ResponseWriter)
	_, err := w.enc.Write(w.buf)
	w.buf = nil
	return err
}

// FlushError sends what was written so far: a response being held starts
// compressed (or plain when it is not text), and the encoder's pending
// bytes go out before the underlying writer is flushed.
func (w *compressWriter) FlushError() error {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	switch w.state {
	case stateBuffering:
		if _, typed := w.Header()["Content-Type"]; typed {
			if err := w.start(); err != nil {
				return err
			}
		} else {
			w.plain()
		}
	case stateCompressing:
		if err := w.enc.Flush(); err != nil {
			return err
		}
	}
	return http.NewResponseController(w.ResponseWriter).Flush()
}

// Flush is FlushError for callers of http.Flusher.
func (w *compressWriter) Flush() { _ = w.FlushError() }

// Unwrap lets http.ResponseController reach the underlying writer (write
// deadlines, hijacking).
func (w *compressWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// close ends the response: a body held whole goes out plain, an encoded
// one gets its last bytes, and the encoder goes back to its pool.
func (w *compressWriter) close() {
	switch w.state {
	case stateBuffering:
		w.plain()
	case stateCompressing:
		_ = w.enc.Close() // the client has gone: nothing to tell
		w.codecs.release(w.enc)
		w.enc = nil
	}
}

// codedETag is the entity tag of coding c's representation of the
// resource tagged et: the tag with c's suffix inside its quotes.
func codedETag(et string, c coding) string {
	if c == codingNone || len(et) < 2 || !strings.HasSuffix(et, `"`) {
		return et
	}
	return et[:len(et)-1] + c.etagSuffix() + `"`
}
