package extract

import (
	"fmt"
	nurl "net/url"
	"strings"
	"time"

	"github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/text"
	"github.com/storyline/storyline/internal/urlx"
)

// DefaultMaxBytes is the size cap on a page when Options.MaxBytes is 0.
const DefaultMaxBytes = 10 << 20

// Options configures an Extractor.
type Options struct {
	// MaxBytes is the largest page, in bytes, that Extract accepts; 0
	// means DefaultMaxBytes.
	MaxBytes int64
}

// Extractor extracts articles from HTML pages. It holds no per-page state
// and is safe for concurrent use.
type Extractor struct {
	maxBytes int64
	policy   *bluemonday.Policy
}

// New returns an Extractor configured by opts.
func New(opts Options) *Extractor {
	e := &Extractor{maxBytes: opts.MaxBytes, policy: newPolicy()}
	if e.maxBytes <= 0 {
		e.maxBytes = DefaultMaxBytes
	}
	return e
}

// Extract returns the article in raw, the bytes of a page in any charset
// fetched from pageURL ("" if unknown). contentType is the HTTP
// Content-Type header value, or "". The article's ContentHash is left for
// the caller to set.
//
// Errors wrap ErrEmpty, ErrBinary, ErrTooLarge, ErrNotHTML or ErrNoContent.
func (e *Extractor) Extract(raw []byte, pageURL, contentType string) (*storyline.Article, error) {
	if err := checkInput(raw, contentType, e.maxBytes); err != nil {
		return nil, err
	}
	page, _, err := decode(raw, contentType)
	if err != nil {
		return nil, err
	}
	if !looksLikeHTML(page) {
		return nil, fmt.Errorf("extract: page has no HTML markup: %w", ErrNotHTML)
	}
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("extract: parse HTML: %w", err)
	}
	base := urlx.ParseBase(pageURL)
	meta := readMetadata(doc, base)

	preClean(doc)
	body := findBody(doc)
	if body == nil {
		return nil, fmt.Errorf("extract: page has no body: %w", ErrNoContent)
	}
	refs := collectRefs(body, base)

	var tm trafilatura.Metadata
	var blocks []block
	hints := newPageHints(meta.title, meta.ogTitle)
	res, err := trafilatura.ExtractDocument(doc, trafilaturaOptions(base, meta.published))
	if err == nil && res != nil && res.ContentNode != nil {
		tm = res.Metadata
		hints = newPageHints(meta.title, meta.ogTitle, tm.Title)
		blocks = postProcess(collectBlocks(res.ContentNode), hints)
	}
	if needsFallback(blocks) {
		// go-trafilatura's copy of the page is its own: body is intact.
		if fb := postProcess(fallbackBlocks(body), hints); len(fb) > 0 {
			blocks = fb
		}
	} else {
		blocks = refs.restore(blocks)
	}
	if len(blocks) == 0 {
		return nil, fmt.Errorf("extract: nothing article-like on the page: %w", ErrNoContent)
	}

	a := &storyline.Article{
		URL:       meta.url(pageURL),
		Title:     firstNonEmpty(tm.Title, meta.ogTitle, meta.title),
		Byline:    firstNonEmpty(tm.Author, meta.author),
		SiteName:  siteName(meta.siteNames, tm.Sitename),
		Language:  firstNonEmpty(meta.language, normalizeLanguage(tm.Language)),
		ImageURL:  firstNonEmpty(meta.image, urlx.Absolute(base, tm.Image)),
		Published: meta.published,
	}
	if a.Published.IsZero() {
		a.Published = tm.Date
	}
	a.Text = blocksText(blocks)
	a.WordCount = text.CountWords(a.Text)
	a.HTML = strings.TrimSpace(e.policy.Sanitize(blocksHTML(blocks, base)))
	if a.ImageURL == "" {
		a.ImageURL = urlx.Absolute(base, firstImage(blocks))
	}
	if a.ImageURL == "" {
		// The page's other declarations (twitter:image, image_src) and
		// its first large image anywhere: a second parse, for the few
		// pages that need it.
		if c := LeadImage(raw, base); len(c) > 0 {
			a.ImageURL = c[0].URL
		}
	}
	return a, nil
}

// trafilaturaOptions returns go-trafilatura's options: no fallback
// extractors (they pull boilerplate in), no comments, and no links or
// images (its text comes out cleaner without; they are restored after).
// A publication date already read from the page's metadata spares the
// costly go-htmldate search.
func trafilaturaOptions(base *nurl.URL, published time.Time) trafilatura.Options {
	o := trafilatura.Options{
		OriginalURL:     base,
		EnableFallback:  false,
		ExcludeComments: true,
		IncludeImages:   false,
		IncludeLinks:    false,
		HtmlDateMode:    trafilatura.Fast,
	}
	if !published.IsZero() {
		o.HtmlDateOverride = &htmldate.Result{DateTime: published, HasTime: true}
	}
	return o
}

// maxFlatBlock is the length past which a lone extracted block is taken
// for go-trafilatura's last-resort output (a whole container's text run
// together) rather than a one-paragraph article.
const maxFlatBlock = 1000

// needsFallback reports whether go-trafilatura's blocks are no article:
// none at all, or one long run of flattened text.
func needsFallback(blocks []block) bool {
	return len(blocks) == 0 || len(blocks) == 1 && len(blocks[0].text()) > maxFlatBlock
}

// firstNonEmpty returns the first of vs that is not blank.
func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
