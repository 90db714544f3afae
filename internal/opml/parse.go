package opml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
)

// xmlOutline is one <outline> of an OPML body; feeds have an xmlUrl,
// folders have children.
type xmlOutline struct {
	Text     string       `xml:"text,attr"`
	Title    string       `xml:"title,attr"`
	Type     string       `xml:"type,attr"`
	XMLURL   string       `xml:"xmlUrl,attr"`
	HTMLURL  string       `xml:"htmlUrl,attr"`
	Category string       `xml:"category,attr"`
	Children []xmlOutline `xml:"outline"`
}

// xmlDoc is an OPML document.
type xmlDoc struct {
	XMLName xml.Name `xml:"opml"`
	Body    struct {
		Outlines []xmlOutline `xml:"outline"`
	} `xml:"body"`
}

// Parse returns the feed subscriptions in an OPML document, in document
// order. Folders (outlines without an xmlUrl) become categories, nested
// ones joined with "/"; a feed's own category attribute is used when it
// sits in no folder. The document's declared charset is honoured.
//
// Errors say what is wrong: "invalid OPML: XML syntax error on line N: …",
// "not an OPML document (no <opml> root element)", or "no feeds in the
// OPML (no outline with an xmlUrl)". Parse never panics.
func Parse(data []byte) ([]Outline, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		return charset.NewReaderLabel(label, r)
	}
	var doc xmlDoc
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
	var feeds []Outline
	var walk func(outlines []xmlOutline, folder string)
	walk = func(outlines []xmlOutline, folder string) {
		for _, o := range outlines {
			name := o.Title
			if name == "" {
				name = o.Text
			}
			name = strings.TrimSpace(name)
			if url := strings.TrimSpace(o.XMLURL); url != "" {
				category := folder
				if category == "" {
					category = strings.TrimSpace(strings.Trim(o.Category, "/"))
				}
				feeds = append(feeds, Outline{URL: url, Title: name, SiteURL: strings.TrimSpace(o.HTMLURL), Category: category})
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
