package importer

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Kind is the format of an input file, from its name.
type Kind int

// File kinds.
const (
	KindUnknown Kind = iota
	KindHTML
	KindText
	KindMarkdown
	KindJSON
	KindJSONLines
	KindOPML
	KindFeed // RSS, Atom or RDF; a JSON Feed is a KindJSON file
)

// KindOf returns the kind of file path by its extension; a ".gz" suffix is
// looked through.
func KindOf(path string) Kind {
	name := strings.ToLower(filepath.Base(path))
	name = strings.TrimSuffix(name, ".gz")
	switch filepath.Ext(name) {
	case ".html", ".htm", ".xhtml":
		return KindHTML
	case ".txt", ".text":
		return KindText
	case ".md", ".markdown":
		return KindMarkdown
	case ".json":
		return KindJSON
	case ".jsonl", ".ndjson":
		return KindJSONLines
	case ".opml":
		return KindOPML
	case ".rss", ".atom", ".xml":
		return KindFeed
	default:
		return KindUnknown
	}
}

// Decoder decodes input files. The zero value is ready to use with
// DefaultMaxBytes.
type Decoder struct {
	// MaxBytes caps one file (one record in JSON Lines), after
	// decompression; 0 means DefaultMaxBytes.
	MaxBytes int64
}

func (d Decoder) maxBytes() int64 {
	if d.MaxBytes > 0 {
		return d.MaxBytes
	}
	return DefaultMaxBytes
}

// DecodeFile decodes the file at path and calls emit for every item in it,
// in order. Problems with single items are emitted as items with Err set
// and decoding goes on; a problem with the file as a whole is returned.
// Every error names the file (and line).
func (d Decoder) DecodeFile(path string, emit func(Item)) error {
	var err error
	switch KindOf(path) {
	case KindHTML:
		err = d.decodeHTML(path, emit)
	case KindText:
		err = d.decodeText(path, false, emit)
	case KindMarkdown:
		err = d.decodeText(path, true, emit)
	case KindJSON:
		err = d.decodeJSON(path, emit)
	case KindJSONLines:
		err = d.decodeJSONLines(path, emit)
	case KindOPML:
		err = d.decodeOPML(path, emit)
	case KindFeed:
		err = d.decodeFeed(path, emit)
	default:
		err = fmt.Errorf("%w (want .html, .htm, .txt, .md, .json, .jsonl, .opml, .rss, .atom or .xml, optionally .gz)", ErrUnsupported)
	}
	if err != nil {
		if _, ok := err.(*InputError); ok {
			return err
		}
		return inputErr(path, err)
	}
	return nil
}

// decodeHTML emits the page as one document for extraction.
func (d Decoder) decodeHTML(path string, emit func(Item)) error {
	data, err := readFile(path, d.maxBytes())
	if err != nil {
		return err
	}
	if looksBinary(data) {
		return ErrBinary
	}
	emit(Item{Doc: &Document{Origin: path, HTML: data}})
	return nil
}
