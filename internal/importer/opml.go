package importer

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
)

// opmlOutline is one <outline> of an OPML body; feeds have an xmlUrl,
// folders have children.
type opmlOutline struct {
	Text     string        `xml:"text,attr"`
	Title    string        `xml:"title,attr"`
	Type     string        `xml:"type,attr"`
	XMLURL   string        `xml:"xmlUrl,attr"`
	HTMLURL  string        `xml:"htmlUrl,attr"`
	Category string        `xml:"category,attr"`
	Children []opmlOutline `xml:"outline"`
}

// opmlDoc is an OPML document.
type opmlDoc struct {
	XMLName xml.Name `xml:"opml"`
	Body    struct {
		Outlines []opmlOutline `xml:"outline"`
	} `xml:"body"`
}

// ParseOPML returns the feed subscriptions in an OPML document. Folders
// (outlines without an xmlUrl) become categories, nested ones joined with
// "/"; a feed's own category attribute is used when it sits in no folder.
// origin names the input in errors.
func ParseOPML(origin string, data []byte) ([]FeedRef, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		return charset.NewReaderLabel(label, r)
	}
	var doc opmlDoc
	if err := dec.Decode(&doc); err != nil {
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("invalid OPML: XML syntax error on line %d: %s", se.Line, se.Msg)
		}
		if strings.Contains(err.Error(), "expected element type <opml>") {
			return nil, errors.New("not an OPML document (no <opml> root element)")
		}
		return nil, fmt.Errorf("invalid OPML: %w", err)
	}
	var feeds []FeedRef
	var walk func(outlines []opmlOutline, folder string)
	walk = func(outlines []opmlOutline, folder string) {
		for _, o := range outlines {
			name := strings.TrimSpace(first(o.Title, o.Text))
			if url := strings.TrimSpace(o.XMLURL); url != "" {
				category := folder
				if category == "" {
					category = strings.TrimSpace(strings.Trim(o.Category, "/"))
				}
				feeds = append(feeds, FeedRef{Origin: origin, URL: url, Title: name, SiteURL: strings.TrimSpace(o.HTMLURL), Category: category})
			}
			if len(o.Children) > 0 {
				sub := name
				if folder != "" && name != "" {
					sub = folder + "/" + name
				} else if name == "" {
					sub = folder
				}
				walk(o.Children, sub)
			}
		}
	}
	walk(doc.Body.Outlines, "")
	if len(feeds) == 0 {
		return nil, errors.New("no feeds in the OPML (no outline with an xmlUrl)")
	}
	return feeds, nil
}

// decodeOPML emits the feed subscriptions of an OPML file.
func (d Decoder) decodeOPML(path string, emit func(Item)) error {
	data, err := readFile(path, d.maxBytes())
	if err != nil {
		return err
	}
	if looksBinary(data) {
		return ErrBinary
	}
	feeds, err := ParseOPML(path, data)
	if err != nil {
		return err
	}
	for i := range feeds {
		emit(Item{Feed: &feeds[i]})
	}
	return nil
}
