package extract

import (
	"encoding/json"
	nurl "net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/storyline/storyline/internal/urlx"
)

// Sources of a lead image Candidate, in order of preference.
const (
	SourceOpenGraph = "og:image"      // og:image, og:image:url, og:image:secure_url
	SourceTwitter   = "twitter:image" // twitter:image, twitter:image:src
	SourceLinkRel   = "image_src"     // <link rel="image_src">
	SourceJSONLD    = "json-ld"       // the image of an Article, NewsArticle, BlogPosting…
	SourceContent   = "content"       // the first large <img> of the article body
)

// minLeadSide is the smallest declared width or height of a content
// image that may lead an article; smaller ones are inline figures, icons
// and trackers. Images that declare no size are kept: the image's own
// pixel dimensions are checked once it is fetched.
const minLeadSide = 300

// Candidate is an image a page offers as its lead image.
type Candidate struct {
	URL    string // absolute http(s)
	Source string // where the page declares it: one of the Source constants
	// Width and Height are the size the page declares, 0 when it declares none.
	Width, Height int
}

// LeadImage returns the images page offers as its lead image, the most
// telling first and each URL once: og:image (and og:image:url,
// og:image:secure_url), twitter:image, <link rel="image_src">, the image
// of the page's JSON-LD article (a URL, an ImageObject or a list of
// either), then the first <img> of the article body that declares no
// size or at least minLeadSide pixels a side. URLs are resolved against
// base (which may be nil) and only absolute http(s) ones are kept, so
// data: URIs are dropped; an image's type, bytes and pixels are for the
// fetcher to check. It returns nil when the page offers none.
func LeadImage(page []byte, base *nurl.URL) []Candidate {
	text, _, err := decode(page, "")
	if err != nil {
		return nil
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil
	}
	var l leadImages
	l.base = base
	l.walk(doc)
	for _, s := range l.jsonLD {
		l.addJSONLD(s)
	}
	var out []Candidate
	for _, s := range []string{SourceOpenGraph, SourceTwitter, SourceLinkRel, SourceJSONLD} {
		out = append(out, l.bySource[s]...)
	}
	if l.content != nil {
		out = append(out, *l.content)
	}
	return dedupCandidates(out)
}

// leadImages collects the candidates of one page by source.
type leadImages struct {
	base     *nurl.URL
	bySource map[string][]Candidate
	jsonLD   []string
	content  *Candidate // the first large <img> of the article body
	// inArticle counts the <article> and articleBody elements the walk is
	// in; skip counts the nav, footer and aside elements, and the header
	// elements outside an article.
	inArticle, skip int
	sawArticle      bool
}

// add appends the candidate raw (resolved against base) from source.
func (l *leadImages) add(source, raw string, w, h int) {
	u := urlx.Absolute(l.base, raw)
	if u == "" {
		return
	}
	if l.bySource == nil {
		l.bySource = map[string][]Candidate{}
	}
	l.bySource[source] = append(l.bySource[source], Candidate{URL: u, Source: source, Width: w, Height: h})
}

// walk collects candidates from n and its descendants.
func (l *leadImages) walk(n *html.Node) {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Meta:
			l.addMeta(n)
		case atom.Link:
			if strings.Contains(" "+strings.ToLower(attr(n, "rel"))+" ", " image_src ") {
				l.add(SourceLinkRel, attr(n, "href"), 0, 0)
			}
		case atom.Script:
			if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
				l.jsonLD = append(l.jsonLD, n.FirstChild.Data)
			}
			return
		case atom.Img:
			l.addImg(n)
			return
		case atom.Header, atom.Nav, atom.Footer, atom.Aside:
			// An article's own header holds its lead image; the page's
			// holds the masthead.
			if n.DataAtom != atom.Header || l.inArticle == 0 {
				l.skip++
				defer func() { l.skip-- }()
			}
		}
		if n.DataAtom == atom.Article || strings.EqualFold(attr(n, "itemprop"), "articleBody") {
			l.inArticle++
			l.sawArticle = true
			defer func() { l.inArticle-- }()
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		l.walk(c)
	}
}

// addMeta records an og:image, og:image:width/height or twitter:image
// declaration. The size of an og:image follows it, so it is set on the
// last og:image seen.
func (l *leadImages) addMeta(n *html.Node) {
	key := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name")))
	content := attr(n, "content")
	switch key {
	case "og:image", "og:image:url", "og:image:secure_url":
		l.add(SourceOpenGraph, content, 0, 0)
	case "twitter:image", "twitter:image:src":
		l.add(SourceTwitter, content, 0, 0)
	case "og:image:width", "og:image:height":
		og := l.bySource[SourceOpenGraph]
		if len(og) == 0 {
			return
		}
		if v, err := strconv.Atoi(strings.TrimSpace(content)); err == nil && v > 0 {
			if key == "og:image:width" {
				og[len(og)-1].Width = v
			} else {
				og[len(og)-1].Height = v
			}
		}
	}
}

// addImg records the first large content image of the article body: of
// the <article> (or articleBody) elements when the page has one before
// the image, else of the whole page, outside its navigation, footers,
// asides and the headers that are not an article's.
func (l *leadImages) addImg(n *html.Node) {
	if l.content != nil || l.skip > 0 || (l.sawArticle && l.inArticle == 0) {
		return
	}
	w, h := declaredSide(n, "width"), declaredSide(n, "height")
	if (w > 0 && w < minLeadSide) || (h > 0 && h < minLeadSide) {
		return
	}
	if src := leadSrc(n, l.base); src != "" {
		l.content = &Candidate{URL: src, Source: SourceContent, Width: w, Height: h}
	}
}

// leadSrc returns the absolute URL an <img> shows, or "" when it has none
// or its path, class or alt text tell an icon, a logo, a tracker or an
// SVG. Unlike contentImage it reads the hints from the URL's path alone:
// the host "thespacereview.com" holds "spacer".
func leadSrc(n *html.Node, base *nurl.URL) string {
	// Lazy-loading pages put a placeholder in src and the image in data-*.
	for _, k := range []string{"data-src", "data-lazy-src", "data-original", "data-lazy", "src"} {
		src := urlx.Absolute(base, attr(n, k))
		if src == "" {
			continue
		}
		u, err := nurl.Parse(src)
		if err != nil {
			return ""
		}
		path := strings.ToLower(u.Path)
		hint := path + " " + strings.ToLower(attr(n, "class")+" "+attr(n, "alt"))
		if strings.HasSuffix(path, ".svg") || strings.Contains(path, "/flags/") {
			return ""
		}
		for _, w := range []string{"logo", "icon", "avatar", "sprite", "pixel", "spacer", "blank.", "placeholder", "preloader"} {
			if strings.Contains(hint, w) {
				return ""
			}
		}
		return src
	}
	return ""
}

// declaredSide returns the pixels an <img> declares in attribute key, or 0.
func declaredSide(n *html.Node, key string) int {
	v, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(attr(n, key)), "px"))
	if err != nil || v < 0 {
		return 0
	}
	return v
}

// addJSONLD records the images of the article objects of one JSON-LD script.
func (l *leadImages) addJSONLD(script string) {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(script)), &v); err != nil {
		return
	}
	var objs []map[string]any
	collectObjects(v, &objs, 0)
	for _, o := range objs {
		if isArticleType(o["@type"]) {
			l.addLDImages(o["image"], 0)
		}
	}
}

// addLDImages records every image of a JSON-LD image value: a URL, an
// ImageObject with url or contentUrl, or a list of either.
func (l *leadImages) addLDImages(v any, depth int) {
	if depth > maxLDDepth {
		return
	}
	switch t := v.(type) {
	case string:
		l.add(SourceJSONLD, t, 0, 0)
	case map[string]any:
		w, h := ldSide(t["width"]), ldSide(t["height"])
		l.add(SourceJSONLD, firstNonEmpty(ldString(t["url"]), ldString(t["contentUrl"])), w, h)
	case []any:
		for _, e := range t {
			l.addLDImages(e, depth+1)
		}
	}
}

// ldSide returns a JSON-LD width or height: a number, a numeric string,
// or a QuantitativeValue's value; 0 when it is none of these.
func ldSide(v any) int {
	switch t := v.(type) {
	case float64:
		if t > 0 && t < 1e6 {
			return int(t)
		}
	case string:
		if n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(t), "px")); err == nil && n > 0 {
			return n
		}
	case map[string]any:
		return ldSide(t["value"])
	}
	return 0
}

// dedupCandidates returns cs without the later repeats of a URL; a
// repeat's declared size fills in a size the first one lacks.
func dedupCandidates(cs []Candidate) []Candidate {
	var out []Candidate
	at := map[string]int{}
	for _, c := range cs {
		i, ok := at[c.URL]
		if !ok {
			at[c.URL] = len(out)
			out = append(out, c)
			continue
		}
		if out[i].Width == 0 && out[i].Height == 0 {
			out[i].Width, out[i].Height = c.Width, c.Height
		}
	}
	return out
}
