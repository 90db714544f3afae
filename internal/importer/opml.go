package importer

import "github.com/storyline/storyline/internal/opml"

// decodeOPML emits the feed subscriptions of an OPML file.
func (d Decoder) decodeOPML(path string, emit func(Item)) error {
	data, err := readFile(path, d.maxBytes())
	if err != nil {
		return err
	}
	if looksBinary(data) {
		return ErrBinary
	}
	outlines, err := opml.Parse(data)
	if err != nil {
		return err
	}
	for _, o := range outlines {
		emit(Item{Feed: &FeedRef{Origin: path, URL: o.URL, Title: o.Title, SiteURL: o.SiteURL, Category: o.Category}})
	}
	return nil
}
