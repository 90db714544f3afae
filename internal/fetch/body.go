package fetch

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// maxEncodings bounds how many stacked Content-Encodings are undone.
const maxEncodings = 2

// errorBodyDrain is how much of an error response's body is read (and
// discarded) so that the connection can be reused.
const errorBodyDrain = 64 << 10

// readBody decodes resp's body and reads at most limit bytes of it. When the
// decoded body is longer it returns a *tooLargeError, or, if truncate is set,
// the first limit bytes.
func readBody(resp *http.Response, limit int64, truncate bool) ([]byte, error) {
	encodings := contentEncodings(resp.Header)
	if len(encodings) > maxEncodings {
		return nil, fmt.Errorf("too many content encodings: %s", strings.Join(encodings, ", "))
	}
	var r io.Reader = resp.Body
	for i := len(encodings) - 1; i >= 0; i-- {
		dec, err := decoder(r, encodings[i])
		if err != nil {
			return nil, err
		}
		r = dec
	}

	var buf bytes.Buffer
	if len(encodings) == 0 && resp.ContentLength > 0 {
		if resp.ContentLength > limit && !truncate {
			return nil, &tooLargeError{limit: limit}
		}
		buf.Grow(int(min(resp.ContentLength, limit) + 1))
	}
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if n > limit {
		if !truncate {
			return nil, &tooLargeError{limit: limit}
		}
		return buf.Bytes()[:limit], nil
	}
	return buf.Bytes(), nil
}

// contentEncodings lists the codings applied to the body, in the order they
// were applied, without identity.
func contentEncodings(h http.Header) []string {
	var out []string
	for _, v := range h.Values("Content-Encoding") {
		for e := range strings.SplitSeq(v, ",") {
			e = strings.ToLower(strings.TrimSpace(e))
			if e != "" && e != "identity" {
				out = append(out, e)
			}
		}
	}
	return out
}

// decoder returns a reader undoing one content coding.
func decoder(r io.Reader, encoding string) (io.Reader, error) {
	switch encoding {
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if errors.Is(err, io.EOF) {
			return bytes.NewReader(nil), nil // empty body
		}
		if err != nil {
			return nil, fmt.Errorf("decoding gzip body: %w", err)
		}
		return zr, nil
	case "deflate":
		return deflateReader(r)
	default:
		return nil, fmt.Errorf("unsupported Content-Encoding %q", encoding)
	}
}

// deflateReader reads "deflate" bodies, which servers send either as zlib
// (as the RFC says) or as raw DEFLATE (as some servers do).
func deflateReader(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	head, err := br.Peek(2)
	if len(head) == 0 {
		if err == nil || errors.Is(err, io.EOF) {
			return bytes.NewReader(nil), nil // empty body
		}
		return nil, err
	}
	if len(head) == 2 && isZlibHeader(head[0], head[1]) {
		zr, err := zlib.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("decoding deflate body: %w", err)
		}
		return zr, nil
	}
	return flate.NewReader(br), nil
}

// isZlibHeader reports whether b0 b1 form a zlib header: compression method
// 8 and a header checksum divisible by 31.
func isZlibHeader(b0, b1 byte) bool {
	return b0&0x0f == 8 && b0>>4 <= 7 && (uint16(b0)<<8|uint16(b1))%31 == 0
}
