package ingest

import (
	"errors"
	"fmt"
	"html"
	"net/url"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/extract"
	"github.com/storyline/storyline/internal/importer"
	"github.com/storyline/storyline/internal/outlet"
	"github.com/storyline/storyline/internal/text"
	"github.com/storyline/storyline/internal/urlx"
)

// Builder turns decoded documents into articles ready to store: it
// extracts pages, applies what the input file said about the article, and
// sets the canonical URL, outlet and content hash.
type Builder struct {
	Extractor *extract.Extractor
	// DefaultSource is the outlet for documents that name none and whose
	// page gives no site name.
	DefaultSource string
}

// Article builds the article for doc: a page (HTML) is extracted; content
// that is already the article (Content, as from a feed entry) is only
// cleaned, and when it has no text — or there is none, as for a feed entry
// that is only a headline — the title is the text; plain text is cleaned
// of the boilerplate a page's text would lose (Extractor.CleanText).
func (b Builder) Article(doc *importer.Document) (*storyline.Article, error) {
	var a *storyline.Article
	switch {
	case len(doc.HTML) > 0:
		var err error
		a, err = b.Extractor.Extract(doc.HTML, doc.URL, doc.ContentType)
		if err != nil {
			return nil, err
		}
	case doc.Content != "" || strings.TrimSpace(doc.Text) == "":
		a = b.fragmentArticle(doc)
	default:
		text := strings.TrimSpace(b.Extractor.CleanText(doc.Title, doc.Text))
		a = &storyline.Article{Text: text, HTML: paragraphsHTML(text)}
	}
	if doc.Title != "" {
		a.Title = doc.Title
	}
	if doc.Author != "" {
		a.Byline = doc.Author
	}
	if doc.Language != "" {
		a.Language = doc.Language
	}
	if a.ImageURL == "" {
		a.ImageURL = webImageURL(doc.URL, doc.ImageURL)
	}
	if !doc.Published.IsZero() {
		a.Published = doc.Published
	}
	url, err := canonicalURL(doc.URL, a.URL)
	if err != nil {
		return nil, err
	}
	a.URL = url
	a.Source = sourceOf(a, doc.Source, b.DefaultSource)
	a.Title = titleOf(a)
	limitFields(a)
	if a.Title == "" {
		return nil, errors.New("no title")
	}
	if strings.TrimSpace(a.Text) == "" {
		return nil, errors.New("no article text")
	}
	if a.WordCount == 0 {
		a.WordCount = text.CountWords(a.Text)
	}
	a.ContentHash = storyline.ContentHash(a.Text)
	return a, nil
}

// fragmentArticle returns the article of a document whose Content is
// already the article: the fragment sanitized, with links resolved against
// the document's URL. Without text it falls back to the title.
func (b Builder) fragmentArticle(doc *importer.Document) *storyline.Article {
	cleanHTML, text := b.Extractor.Fragment(doc.Content, doc.URL)
	if text == "" {
		if title := strings.Join(strings.Fields(doc.Title), " "); title != "" {
			text, cleanHTML = title, "<p>"+html.EscapeString(title)+"</p>"
		}
	}
	return &storyline.Article{HTML: cleanHTML, Text: text}
}

// canonicalURL returns the canonical form of the URL the page declared
// (its canonical link beats the address it was found at), else of the one
// the input gave. A URL the input gave must be valid; a page's own
// declaration is dropped when it is not.
func canonicalURL(given, declared string) (string, error) {
	if declared != "" && declared != given {
		if u, err := urlx.Canonicalize(declared); err == nil {
			return u, nil
		}
	}
	if given == "" {
		return "", nil
	}
	u, err := urlx.Canonicalize(given)
	if err != nil {
		return "", fmt.Errorf("url: %w", err)
	}
	return u, nil
}

// paragraphsHTML renders plain text as HTML paragraphs.
func paragraphsHTML(text string) string {
	var b strings.Builder
	for p := range strings.SplitSeq(strings.TrimSpace(text), "\n\n") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(html.EscapeString(p), "\n", "<br>"))
		b.WriteString("</p>\n")
	}
	return b.String()
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// sourceOf returns article a's outlet: a name given explicitly (the
// import's or the feed's --source, a record's own) as it is, else the
// name the page declares (a.SiteName), else the news agency its dateline
// or byline credits ("(AP) —" on hosted.ap.org), else the best of a weak
// declared name and its host.
func sourceOf(a *storyline.Article, explicit ...string) string {
	for _, e := range explicit {
		if e = strings.Join(strings.Fields(e), " "); e != "" {
			return e
		}
	}
	if name, q := outlet.Clean(a.SiteName); q == outlet.Good {
		return name
	}
	if w := outlet.Wire(a.Byline, a.Text); w != "" {
		return w
	}
	return outlet.Name(a.SiteName, urlx.Host(a.URL))
}

// titleOf returns article a's title with its spaces collapsed and without
// a segment naming its outlet ("… | Valley Gazette").
func titleOf(a *storyline.Article) string {
	return outlet.Title(strings.Join(strings.Fields(a.Title), " "), a.Source, a.SiteName, urlx.Host(a.URL))
}

// webImageURL returns the image a record names, resolved against the
// record's URL, when it is an http or https URL; else "".
func webImageURL(base, ref string) string {
	var b *url.URL
	if base != "" {
		b, _ = url.Parse(base) // an unparsable base resolves nothing
	}
	return urlx.Absolute(b, ref)
}
