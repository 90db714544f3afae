package feed

import (
	"bytes"
	"regexp"
	"strings"
)

// format is what a document looks like from its first bytes.
type format int

// Document formats told apart by sniff.
const (
	formatUnknown   format = iota // neither XML nor JSON
	formatEmpty                   // nothing but white space
	formatHTML                    // an HTML page
	formatRSS                     // XML with an <rss> or <rdf:RDF> root
	formatAtom                    // XML with a <feed> root
	formatOtherXML                // XML with some other root
	formatJSON                    // a JSON object
	formatOtherJSON               // a JSON array
)

// sniffLimit is how much of a document LooksLikeFeed looks at.
const sniffLimit = 8 << 10

// jsonFeedVersion matches the version member of a JSON Feed.
var jsonFeedVersion = regexp.MustCompile(`"version"\s*:\s*"https?://jsonfeed\.org/version/`)

// htmlRoots are root elements that make a document an HTML page rather
// than some other XML.
var htmlRoots = map[string]bool{
	"html": true, "head": true, "body": true, "meta": true, "title": true,
	"script": true, "style": true, "link": true, "div": true, "p": true,
	"iframe": true, "table": true, "center": true, "font": true,
}

// LooksLikeFeed cheaply reports whether data seems to be a feed — XML
// whose root element is <rss>, <rdf:RDF> or <feed>, or a JSON object
// with a jsonfeed.org version — rather than an HTML page or anything
// else. It looks at the first 8 KB only and does not validate.
func LooksLikeFeed(data []byte) bool {
	data = data[:min(len(data), sniffLimit)]
	data = utf16ToUTF8(data)
	f, _ := sniff(data)
	switch f {
	case formatRSS, formatAtom:
		return true
	case formatJSON:
		return jsonFeedVersion.Match(data)
	}
	return false
}

// sniff tells what kind of document data is from its start: it skips a
// byte-order mark, white space, the XML declaration, processing
// instructions, comments and a DOCTYPE, and looks at the first element.
// For XML it also returns the root element's name.
func sniff(data []byte) (format, string) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	for {
		data = bytes.TrimLeft(data, " \t\r\n\f")
		switch {
		case len(data) == 0:
			return formatEmpty, ""
		case data[0] == '{':
			return formatJSON, ""
		case data[0] == '[':
			return formatOtherJSON, ""
		case data[0] != '<':
			return formatUnknown, ""
		case bytes.HasPrefix(data, []byte("<?")):
			data = skipPast(data, "?>")
		case bytes.HasPrefix(data, []byte("<!--")):
			data = skipPast(data, "-->")
		case hasPrefixFold(data, "<!doctype html"):
			return formatHTML, "html"
		case bytes.HasPrefix(data, []byte("<!")):
			data = skipDoctype(data)
		default:
			name := elementName(data[1:])
			if name == "" {
				return formatUnknown, ""
			}
			local := strings.ToLower(name[strings.LastIndexByte(name, ':')+1:])
			switch {
			case local == "rss" || local == "rdf":
				return formatRSS, name
			case local == "feed":
				return formatAtom, name
			case htmlRoots[local]:
				return formatHTML, name
			}
			return formatOtherXML, name
		}
	}
}

// skipPast returns data after the first end, or nothing.
func skipPast(data []byte, end string) []byte {
	i := bytes.Index(data, []byte(end))
	if i < 0 {
		return nil
	}
	return data[i+len(end):]
}

// skipDoctype returns data after a <!DOCTYPE …> declaration, including an
// internal subset in brackets.
func skipDoctype(data []byte) []byte {
	gt := bytes.IndexByte(data, '>')
	if lb := bytes.IndexByte(data, '['); lb >= 0 && (gt < 0 || lb < gt) {
		return skipPast(skipPast(data[lb:], "]"), ">")
	}
	if gt < 0 {
		return nil
	}
	return data[gt+1:]
}

// elementName returns the element name at the start of data, or "".
func elementName(data []byte) string {
	end := 0
	for end < len(data) && end < 256 {
		c := data[end]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '>' || c == '/' {
			break
		}
		end++
	}
	return string(data[:end])
}

// hasPrefixFold reports whether data begins with the ASCII string prefix,
// ignoring case.
func hasPrefixFold(data []byte, prefix string) bool {
	return len(data) >= len(prefix) && strings.EqualFold(string(data[:len(prefix)]), prefix)
}
