package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// splitXML finds the entries of an XML feed of format f with a streaming
// decoder set as gofeed sets its own, so that a document gofeed finds
// not well-formed fails here with gofeed's error and line. The document
// is first made what gofeed reads: its charset handled as decode does,
// converted to UTF-8, the control characters gofeed drops dropped.
//
// The skeleton is the document up to the end of its root element
// without the entries and, after the first entry, without the text,
// comments and processing instructions directly inside the root or an
// RSS <channel>, which gofeed skips.
func splitXML(f format, data []byte) (doc *splitDoc, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("malformed feed: the feed scanner failed: %v", r)
		}
	}()
	data = prepareXML(data)
	if nestedDeeperThan(data, maxDepth) {
		return nil, fmt.Errorf("malformed feed: elements nested more than %d deep", maxDepth)
	}
	data = dropControlChars(data)
	if data, err = declaredToUTF8(data); err != nil {
		return nil, err
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		switch enc, name := charset.Lookup(label); {
		case name == "utf-8":
			return in, nil
		case enc == nil:
			return charset.NewReaderLabel(label, in) // gofeed's error
		}
		return nil, errCharsetSwitch
	}
	doc = &splitDoc{data: data}
	var (
		stack      []openElement
		entryDepth = -1 // the depth of the entry being read, or -1
		prev       int
		cur        span // the entry being read; end 0 until known
	)
	for {
		tok, err := d.Token()
		if err == io.EOF { // no root element: sniff saw a start tag the decoder did not
			return nil, errors.New("malformed feed: failed to find root node before document end")
		}
		if err != nil {
			return nil, fmt.Errorf("malformed feed: %w", err)
		}
		off := int(d.InputOffset())
		raw := data[prev:off]
		prev = off
		switch t := tok.(type) {
		case xml.StartElement:
			el := openElement{local: t.Name.Local, lower: strings.ToLower(t.Name.Local)}
			if entryDepth < 0 && isEntry(f, stack, el.lower) {
				entryDepth = len(stack)
				cur = span{start: off - len(raw), at: len(doc.skeleton)}
			}
			stack = append(stack, el)
			if entryDepth >= 0 {
				continue
			}
		case xml.EndElement:
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if entryDepth >= 0 && cur.end == 0 && len(raw) > 0 && closesBeyond(raw, top, stack, entryDepth) {
				// The end tag of an ancestor closes the entry (and what is
				// open in it): the entry ends before it, the tag is the
				// ancestor's, so that every batch has it.
				cur.end = off - len(raw)
				doc.skeleton = append(doc.skeleton, raw...)
			}
			if len(stack) == entryDepth {
				if cur.end == 0 {
					cur.end = off
				}
				doc.entries = append(doc.entries, cur)
				entryDepth = -1
				continue
			}
			if entryDepth >= 0 {
				continue
			}
			if len(stack) == 0 {
				doc.skeleton = append(doc.skeleton, raw...)
				return doc, nil
			}
		default:
			if entryDepth >= 0 || len(doc.entries) > 0 && skipped(f, stack) {
				continue
			}
		}
		doc.skeleton = append(doc.skeleton, raw...)
	}
}

// openElement is an element the XML decoder has open.
type openElement struct {
	local string // its local name
	lower string // … in lower case, as gofeed names it
}

// closesBeyond reports whether the end tag raw, which the decoder read
// with top open inside the elements stack, closes an element above
// depth, or none: a non-strict decoder closes an element by any end tag
// of an element it is inside, inventing the end tags between.
func closesBeyond(raw []byte, top openElement, stack []openElement, depth int) bool {
	name := bytes.TrimRight(bytes.TrimPrefix(raw, []byte("</")), " \t\r\n>")
	local := string(name)
	if space, l, ok := strings.Cut(local, ":"); ok && space != "" && l != "" {
		local = l
	}
	if local == top.local {
		return false
	}
	for i := len(stack) - 1; i >= 0; i-- {
		if stack[i].local == local {
			return i < depth
		}
	}
	return true
}

// isEntry reports whether an element named name (lower-case local name)
// whose ancestors are stack is an entry as gofeed finds them: an <item>
// in the root or in a <channel> in the root of RSS, an <entry> in the
// root of Atom. Elements of other namespaces count too; gofeed skips
// those, wherever they stand.
func isEntry(f format, stack []openElement, name string) bool {
	if f == formatAtom {
		return name == "entry" && len(stack) == 1
	}
	return name == "item" && (len(stack) == 1 || len(stack) == 2 && stack[1].lower == "channel")
}

// skipped reports whether gofeed skips text, comments and the like
// inside the element stack: directly inside the root or an RSS
// <channel>, or after the root.
func skipped(f format, stack []openElement) bool {
	return len(stack) <= 1 || f == formatRSS && len(stack) == 2 && stack[1].lower == "channel"
}

// dropControlChars returns data without the C0 control characters other
// than tab, line feed and carriage return, which gofeed drops as it
// reads.
func dropControlChars(data []byte) []byte {
	i := bytes.IndexFunc(data, isDroppedControl)
	if i < 0 {
		return data
	}
	out := make([]byte, i, len(data))
	copy(out, data)
	for _, b := range data[i:] {
		if b >= 0x20 || b == '\t' || b == '\n' || b == '\r' {
			out = append(out, b)
		}
	}
	return out
}

// isDroppedControl reports whether r is a control character gofeed drops.
func isDroppedControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r'
}

// errCharsetSwitch is the error of a document parsed in batches whose
// XML declaration after the start switches to a charset other than
// UTF-8.
var errCharsetSwitch = errors.New("an XML declaration inside the document switches charsets")

// declaredToUTF8 converts a document whose XML declaration names a
// charset other than UTF-8 (which prepareXML leaves to the parser) to
// UTF-8 as the parser would, and says UTF-8 in the declaration, so that
// offsets in it are offsets in what the parser reads. It finds the
// declaration as the parser does, in a processing instruction before the
// root element.
func declaredToUTF8(data []byte) ([]byte, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	var label string
	d.CharsetReader = func(l string, _ io.Reader) (io.Reader, error) {
		label = l
		return nil, errCharsetSwitch
	}
	for label == "" {
		start := int(d.InputOffset())
		tok, err := d.RawToken()
		if label != "" {
			return toUTF8(data, start, int(d.InputOffset()), label)
		}
		if _, ok := tok.(xml.StartElement); ok || err != nil {
			break
		}
	}
	return data, nil
}

// toUTF8 converts data after the XML declaration data[start:end], which
// names charset label, to UTF-8, and makes the declaration say so.
func toUTF8(data []byte, start, end int, label string) ([]byte, error) {
	enc, name := charset.Lookup(label)
	if enc == nil || name == "utf-8" {
		return data, nil // the parser fails, or reads UTF-8
	}
	decl := data[start:end]
	i := procInstValue(decl, "encoding")
	if i < 0 || !bytes.HasPrefix(decl[i:], []byte(label)) {
		return data, nil
	}
	r, err := charset.NewReaderLabel(label, bytes.NewReader(data[end:]))
	if err != nil {
		return nil, fmt.Errorf("malformed feed: xml: opening charset %q: %w", label, err)
	}
	rest, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("malformed feed: reading charset %q: %w", label, err)
	}
	out := make([]byte, 0, end+len(rest))
	out = append(out, data[:start+i]...)
	out = append(out, "utf-8"...)
	out = append(out, data[start+i+len(label):end]...)
	return append(out, rest...), nil
}

// procInstValue returns where the value of param starts in the
// processing instruction pi, found as encoding/xml finds it, or -1.
func procInstValue(pi []byte, param string) int {
	p := []byte(param + "=")
	for i := 0; i < len(pi); {
		k := bytes.Index(pi[i:], p)
		if k < 0 || i+k+len(p) >= len(pi) {
			return -1
		}
		i += k + len(p) + 1
		if c := pi[i-1]; c == '\'' || c == '"' {
			return i
		}
	}
	return -1
}

// errNoJSONObject is splitJSON's error for a document that is not a JSON
// object; decoding it whole says what is wrong.
var errNoJSONObject = errors.New("not a JSON object")

// splitJSON finds the items of a JSON Feed with a streaming decoder. A
// document that is not valid JSON gets the error decoding it whole gives
// (cheaply: the JSON is checked before anything is built). The items are
// those of the last top-level member named "items" in any case, as
// encoding/json takes them; the arrays of the others are left empty.
func splitJSON(data []byte) (doc *splitDoc, err error) {
	if !utf8.Valid(data) {
		data = repairUTF8(data)
	}
	doc = &splitDoc{data: data, sep: ",", declared: jsonFeedVersion.Match(data)}
	if !json.Valid(data) {
		if _, err := decodeJSON(data, doc.declared); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("malformed feed: %w", errNoJSONObject)
	}
	d := json.NewDecoder(bytes.NewReader(data))
	fail := func(err error) (*splitDoc, error) {
		return nil, fmt.Errorf("malformed feed: %w", jsonError(data, err))
	}
	if tok, err := d.Token(); err != nil {
		return fail(err)
	} else if tok != json.Delim('{') {
		return nil, fmt.Errorf("malformed feed: %w", errNoJSONObject)
	}
	last := 0 // data before last is in the skeleton
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return fail(err)
		}
		if key, _ := tok.(string); !strings.EqualFold(key, "items") {
			var skip json.RawMessage
			if err := d.Decode(&skip); err != nil {
				return fail(err)
			}
			continue
		}
		doc.entries = nil // the last "items" is the one that counts
		tok, err = d.Token()
		if err != nil {
			return fail(err)
		}
		if tok != json.Delim('[') {
			if err := skipValue(d, tok); err != nil {
				return fail(err)
			}
			continue
		}
		open := int(d.InputOffset())
		doc.skeleton = append(doc.skeleton, data[last:open]...)
		for d.More() {
			var item json.RawMessage
			if err := d.Decode(&item); err != nil {
				return fail(err)
			}
			end := int(d.InputOffset())
			doc.entries = append(doc.entries, span{start: end - len(item), end: end, at: len(doc.skeleton)})
		}
		if _, err := d.Token(); err != nil { // ]
			return fail(err)
		}
		last = int(d.InputOffset()) - 1
	}
	doc.skeleton = append(doc.skeleton, data[last:]...)
	return doc, nil
}

// skipValue reads the rest of the JSON value that tok began.
func skipValue(d *json.Decoder, tok json.Token) error {
	depth := 0
	for {
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
		var err error
		if tok, err = d.Token(); err != nil {
			return err
		}
	}
}
