package feed

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// xmlEncodingDecl matches the encoding of an XML declaration at the start
// of a document (after any byte-order mark).
var xmlEncodingDecl = regexp.MustCompile(`^[ \t\r\n]*<\?xml[^>]*?[ \t\r\n]encoding[ \t\r\n]*=[ \t\r\n]*["']([^"']*)["']`)

// utf8BOM is the UTF-8 byte-order mark.
const utf8BOM = "\xef\xbb\xbf"

// utf16ToUTF8 transcodes a document that starts with a UTF-16 byte-order
// mark to UTF-8 (its XML declaration, if any, still says UTF-16; see
// prepareXML). Other documents are returned as they are.
func utf16ToUTF8(data []byte) []byte {
	if !bytes.HasPrefix(data, []byte{0xFE, 0xFF}) && !bytes.HasPrefix(data, []byte{0xFF, 0xFE}) {
		return data
	}
	out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
	if err != nil {
		return data
	}
	return out
}

// prepareXML makes an XML feed readable whatever its declared charset
// says:
//
//   - a document declaring a charset the parser does not know, or UTF-16
//     while its bytes are ASCII-compatible, is read as UTF-8;
//   - a document declaring ISO-8859-1, Windows-1252 or US-ASCII whose
//     bytes are valid UTF-8 with non-ASCII characters is read as UTF-8
//     (a Latin-1 text that happens to be valid UTF-8 is vanishingly rare,
//     a UTF-8 feed with a copied declaration is common);
//   - in a document read as UTF-8, every byte that is not part of valid
//     UTF-8 is read as Windows-1252 (the usual cause is a Latin-1 feed
//     declaring UTF-8, or a Latin-1 snippet pasted into a UTF-8 feed).
//
// Documents in other charsets are left to the parser, which converts
// them.
func prepareXML(data []byte) []byte {
	start := 0
	if bytes.HasPrefix(data, []byte(utf8BOM)) {
		start = len(utf8BOM)
	}
	head := data[start:min(len(data), start+1024)]
	if m := xmlEncodingDecl.FindSubmatchIndex(head); m != nil {
		label := strings.TrimSpace(string(head[m[2]:m[3]]))
		enc, name := charset.Lookup(label)
		read8 := false
		switch {
		case enc == nil, name == "utf-8", name == "utf-16le", name == "utf-16be", name == "replacement":
			read8 = true
		case name == "windows-1252" && hasNonASCII(data) && utf8.Valid(data):
			read8 = true
		}
		if !read8 {
			return data
		}
		if !strings.EqualFold(label, "utf-8") {
			// Say UTF-8 in the declaration, so that the parser does not convert.
			decl := make([]byte, 0, len(data)+5)
			decl = append(decl, data[:start+m[2]]...)
			decl = append(decl, "utf-8"...)
			data = append(decl, data[start+m[3]:]...)
		}
	}
	if !utf8.Valid(data) {
		data = repairUTF8(data)
	}
	return data
}

// repairUTF8 returns data with every byte that is not part of a valid
// UTF-8 sequence read as Windows-1252; the bytes Windows-1252 leaves
// undefined become U+FFFD.
func repairUTF8(data []byte) []byte {
	out := make([]byte, 0, len(data)+len(data)/4)
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size == 1 {
			r = charmap.Windows1252.DecodeByte(data[0])
			if r >= 0x80 && r <= 0x9F {
				r = utf8.RuneError
			}
			out = utf8.AppendRune(out, r)
		} else {
			out = append(out, data[:size]...)
		}
		data = data[size:]
	}
	return out
}

// hasNonASCII reports whether data has a byte outside ASCII.
func hasNonASCII(data []byte) bool {
	for _, b := range data {
		if b >= utf8.RuneSelf {
			return true
		}
	}
	return false
}
