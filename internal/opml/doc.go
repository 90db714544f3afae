// Package opml reads and writes OPML subscription lists: the files feed
// readers import and export to move a person's feeds between them. It
// does no I/O of its own: Parse reads bytes, Write writes to the writer
// it is given.
package opml

// Outline is one feed subscription in an OPML file.
type Outline struct {
	URL      string // xmlUrl
	Title    string
	SiteURL  string // htmlUrl
	Category string // folder path, nested folders joined with "/"
}
