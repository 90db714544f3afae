package extract

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// metaScanLen is how far into the page a <meta> charset declaration is
// looked for (the HTML standard's prescan stops at 1024 bytes; real pages
// put long scripts first).
const metaScanLen = 64 << 10

// decode returns raw converted to UTF-8 and the name of the charset it was
// read as. The charset is, in order: a byte-order mark, the charset
// parameter of contentType, a <meta> declaration, UTF-8 when the bytes are
// valid UTF-8, else a guess from the byte patterns. A declared single-byte
// charset loses to UTF-8 when the bytes are valid, non-ASCII UTF-8: such
// pages are mislabeled, as real Latin text is almost never valid UTF-8.
func decode(raw []byte, contentType string) (string, string, error) {
	enc, name, certain := charset.DetermineEncoding(raw, contentType)
	hasBOM := certain && !declaresCharset(contentType, name)
	if !certain {
		enc, name = sniffEncoding(raw)
	}
	if !hasBOM && name != "utf-8" && !isMultiByte(name) && hasNonASCII(raw) && utf8.Valid(raw) {
		enc, name = encoding.Nop, "utf-8"
	}
	if enc == encoding.Nop || name == "utf-8" {
		return toValidUTF8(raw), "utf-8", nil
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return "", "", fmt.Errorf("extract: decode page as %s: %w", name, err)
	}
	return toValidUTF8(out), name, nil
}

// declaresCharset reports whether contentType's charset parameter names
// the charset name.
func declaresCharset(contentType, name string) bool {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	_, n := charset.Lookup(params["charset"])
	return n != "" && n == name
}

// sniffEncoding picks the charset of a page that declares none in a BOM or
// header: a <meta> declaration in the first metaScanLen bytes; UTF-8 when
// the bytes are valid UTF-8; else the best guess of a statistical
// detector, or windows-1252.
func sniffEncoding(raw []byte) (encoding.Encoding, string) {
	if enc, name := metaCharset(raw[:min(len(raw), metaScanLen)]); enc != nil {
		return enc, name
	}
	if utf8.Valid(raw) {
		return encoding.Nop, "utf-8"
	}
	if r, err := chardet.NewHtmlDetector().DetectBest(raw[:min(len(raw), metaScanLen)]); err == nil && r.Confidence >= 50 {
		if enc, name := charset.Lookup(r.Charset); enc != nil {
			return enc, name
		}
	}
	return charmap.Windows1252, "windows-1252"
}

// isMultiByte reports whether a charset name is a multi-byte legacy
// encoding, whose bytes may happen to be valid UTF-8 too.
func isMultiByte(name string) bool {
	for _, p := range []string{"shift_jis", "euc-", "gb", "big5", "iso-2022"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// metaCharset finds the first <meta charset="…"> or <meta http-equiv
// content="…; charset=…"> in head that names a known charset and returns
// its encoding. A UTF-16 declaration in an ASCII-compatible page means
// UTF-8, as in the HTML standard.
func metaCharset(head []byte) (encoding.Encoding, string) {
	for len(head) > 0 {
		start := indexFold(head, "<meta")
		if start < 0 {
			return nil, ""
		}
		end := bytes.IndexByte(head[start:], '>')
		if end < 0 {
			return nil, ""
		}
		tag := bytes.ToLower(head[start : start+end])
		head = head[start+end:]
		_, after, ok := bytes.Cut(tag, []byte("charset"))
		if !ok {
			continue
		}
		v := strings.TrimLeft(string(after), " \t\n\r\f=\"'")
		if k := strings.IndexAny(v, " \t\n\r\f\"';/"); k >= 0 {
			v = v[:k]
		}
		enc, name := charset.Lookup(v)
		if enc == nil {
			continue
		}
		if strings.HasPrefix(name, "utf-16") {
			return encoding.Nop, "utf-8"
		}
		return enc, name
	}
	return nil, ""
}

// indexFold returns the index of the first occurrence of the lower-case
// ASCII string sub in b, ignoring ASCII case, or -1.
func indexFold(b []byte, sub string) int {
	for i := 0; i+len(sub) <= len(b); {
		j := bytes.IndexByte(b[i:], sub[0])
		if j < 0 {
			return -1
		}
		i += j
		if i+len(sub) <= len(b) && strings.EqualFold(string(b[i:i+len(sub)]), sub) {
			return i
		}
		i++
	}
	return -1
}

// hasNonASCII reports whether b has any byte outside ASCII.
func hasNonASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// toValidUTF8 returns b as a string with invalid sequences replaced by
// U+FFFD and a leading byte-order mark dropped.
func toValidUTF8(b []byte) string {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	if utf8.Valid(b) {
		return string(b)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}
