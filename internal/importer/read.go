package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// DefaultMaxBytes is the default cap on one input file's (decompressed) size.
const DefaultMaxBytes = 10 << 20

// readCapped reads at most max bytes from r and fails with ErrTooLarge if
// there is more.
func readCapped(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, max)
	}
	return data, nil
}

// readFile reads path, decompressing .gz files, within max bytes (of
// decompressed data, so a gzip bomb stops at the cap).
func readFile(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzipReader(f)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		r = zr
	}
	data, err := readCapped(r, max)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("truncated gzip data: %w", err)
	}
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmpty
	}
	return data, nil
}

// looksBinary reports whether data is not text: NUL bytes or a sniffed
// binary type in its first 1 KiB. UTF-16 text (with a byte-order mark) is
// text.
func looksBinary(data []byte) bool { return sniffBinary(data, false) }

// feedLooksBinary is looksBinary for feeds, which tolerates the stray
// control characters real feeds carry (the feed parser drops them): data
// is binary when its first 1 KiB holds a NUL byte or sniffs as a known
// type that is not text, such as an image or an archive.
func feedLooksBinary(data []byte) bool { return sniffBinary(data, true) }

// sniffBinary reports whether data is binary; unknownIsText lets data
// that sniffs as no known type (control characters in text) pass.
func sniffBinary(data []byte, unknownIsText bool) bool {
	if hasUTF16BOM(data) {
		return false
	}
	head := data[:min(len(data), 1024)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ct := http.DetectContentType(head)
	if unknownIsText && ct == "application/octet-stream" {
		return false
	}
	return !strings.HasPrefix(ct, "text/") && !strings.Contains(ct, "json") && !strings.Contains(ct, "xml")
}

func hasUTF16BOM(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})
}

// utf8Text returns data as UTF-8 text: a UTF-8 byte-order mark is dropped,
// UTF-16 with a byte-order mark is converted, anything else must already
// be valid UTF-8.
func utf8Text(data []byte) (string, error) {
	if hasUTF16BOM(data) {
		dec := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder()
		out, _, err := transform.Bytes(unicode.BOMOverride(dec), data)
		if err != nil {
			return "", fmt.Errorf("%w: bad UTF-16: %v", ErrEncoding, err)
		}
		data = out
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return "", fmt.Errorf("%w (save it as UTF-8)", ErrEncoding)
	}
	return string(data), nil
}
