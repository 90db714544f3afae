package extract

import (
	"encoding/json"
	nurl "net/url"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/language"

	"github.com/storyline/storyline/internal/outlet"
	"github.com/storyline/storyline/internal/urlx"
)

// pageMeta is the metadata the page declares about itself, read from
// <head>, JSON-LD and microdata.
type pageMeta struct {
	canonical string // rel=canonical or og:url, absolute
	title     string // <title>
	ogTitle   string // og:title or twitter:title
	author    string
	// siteNames are the outlet names the page declares, the most telling
	// first: its JSON-LD publisher, og:site_name, application-name.
	siteNames []string
	language  string
	image     string // absolute
	published time.Time
}

// url returns the article's URL: the canonical one when the page declares
// it, else pageURL.
func (m pageMeta) url(pageURL string) string {
	if m.canonical != "" {
		return m.canonical
	}
	return pageURL
}

// metaSource collects the raw declarations of one page.
type metaSource struct {
	meta      map[string]string // lower-case name/property/itemprop → first content
	canonical string
	htmlLang  string
	title     string // <title>
	jsonLD    []string
	times     []timeElem
}

// timeElem is one <time datetime> element and whether it is marked as
// the publication time.
type timeElem struct {
	datetime string
	marked   bool
}

// readMetadata reads the metadata of a parsed page, resolving URLs against
// base (which may be nil).
func readMetadata(doc *html.Node, base *nurl.URL) pageMeta {
	src := metaSource{meta: map[string]string{}}
	src.walk(doc, false)

	var m pageMeta
	canon := firstNonEmpty(src.canonical, src.meta["og:url"])
	m.canonical = urlx.Absolute(base, canon)
	m.title = src.title
	m.ogTitle = firstNonEmpty(src.meta["og:title"], src.meta["twitter:title"])
	m.author = firstNonEmpty(src.meta["author"], src.meta["article:author"], src.meta["byl"], src.meta["dc.creator"])
	if strings.HasPrefix(m.author, "http") {
		m.author = "" // article:author is often a profile URL
	}
	m.image = urlx.Absolute(base, firstNonEmpty(src.meta["og:image"], src.meta["og:image:url"],
		src.meta["og:image:secure_url"], src.meta["twitter:image"], src.meta["twitter:image:src"], src.meta["image_src"]))

	ld := readJSONLD(src.jsonLD)
	m.siteNames = []string{ld.publisher, src.meta["og:site_name"], src.meta["application-name"]}
	m.language = firstNonEmpty(
		normalizeLanguage(src.htmlLang),
		normalizeLanguage(src.meta["content-language"]),
		normalizeLanguage(src.meta["og:locale"]),
		normalizeLanguage(ld.language),
	)
	if m.image == "" {
		m.image = urlx.Absolute(base, ld.image)
	}
	m.published = firstTime(
		src.meta["article:published_time"], src.meta["og:article:published_time"],
		src.meta["article:published"], ld.published, src.meta["datepublished"],
		src.meta["pubdate"], src.meta["publishdate"], src.meta["publish-date"],
		src.meta["parsely-pub-date"], src.meta["sailthru.date"], src.meta["dc.date.issued"],
		src.meta["dcterms.issued"], src.meta["dc.date"], src.meta["dcterms.created"],
		src.meta["date"], src.meta["article.published"], markedTime(src.times),
	)
	return m
}

// siteName returns the outlet name of a page from the names it declares
// (the most telling first) and go-trafilatura's guess, which comes last
// and does not count when it only recases a declared name: it turns the
// handle "@valmoradaily" into "Valmoradaily", which is no better a name.
func siteName(declared []string, guessed string) string {
	for _, d := range declared {
		if strings.EqualFold(strings.TrimLeft(strings.TrimSpace(d), "@"), strings.TrimSpace(guessed)) {
			guessed = ""
		}
	}
	return outlet.Name(append(declared, guessed)...)
}

// markedTime returns the datetime of the first <time> marked as the
// publication time, else of the first <time> when it is the only one.
func markedTime(times []timeElem) string {
	for _, t := range times {
		if t.marked {
			return t.datetime
		}
	}
	if len(times) == 1 {
		return times[0].datetime
	}
	return ""
}

// walk collects declarations from n and its descendants. inBody tells
// whether n is inside <body>, where only microdata and <time> count.
func (s *metaSource) walk(n *html.Node, inBody bool) {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Html:
			s.htmlLang = firstNonEmpty(attr(n, "lang"), attr(n, "xml:lang"))
		case atom.Body:
			inBody = true
		case atom.Title:
			if s.title == "" && !inBody && n.FirstChild != nil {
				s.title = strings.TrimSpace(n.FirstChild.Data)
			}
		case atom.Meta:
			s.addMeta(n)
		case atom.Link:
			rel := strings.ToLower(attr(n, "rel"))
			for _, r := range strings.Fields(rel) {
				switch r {
				case "canonical":
					if s.canonical == "" {
						s.canonical = strings.TrimSpace(attr(n, "href"))
					}
				case "image_src":
					s.setMeta("image_src", attr(n, "href"))
				}
			}
		case atom.Script:
			if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
				s.jsonLD = append(s.jsonLD, n.FirstChild.Data)
			}
			return
		case atom.Time:
			if dt := strings.TrimSpace(attr(n, "datetime")); dt != "" {
				marked := hasAttr(n, "pubdate") || strings.EqualFold(attr(n, "itemprop"), "datePublished") ||
					strings.Contains(strings.ToLower(attr(n, "class")), "publish")
				s.times = append(s.times, timeElem{datetime: dt, marked: marked})
			}
		}
		if ip := strings.ToLower(attr(n, "itemprop")); ip == "datepublished" {
			s.setMeta(ip, firstNonEmpty(attr(n, "content"), attr(n, "datetime")))
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		s.walk(c, inBody)
	}
}

// addMeta records a <meta> element's content under its name, property,
// itemprop or http-equiv.
func (s *metaSource) addMeta(n *html.Node) {
	content := attr(n, "content")
	for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
		if v := attr(n, k); v != "" {
			for _, key := range strings.Fields(v) {
				s.setMeta(strings.ToLower(key), content)
			}
		}
	}
}

// setMeta records v under key unless key already has a value.
func (s *metaSource) setMeta(key, v string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return
	}
	if _, ok := s.meta[key]; !ok {
		s.meta[key] = v
	}
}

// hasAttr reports whether n has the attribute key.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// ldMeta is what JSON-LD declares about the article.
type ldMeta struct {
	published string
	language  string
	image     string
	publisher string // the publisher's name
}

// readJSONLD reads the first article-like object of the page's JSON-LD
// scripts (or, failing that, any object with a datePublished).
func readJSONLD(scripts []string) ldMeta {
	var objs []map[string]any
	for _, s := range scripts {
		var v any
		if err := json.Unmarshal([]byte(strings.TrimSpace(s)), &v); err != nil {
			continue
		}
		collectObjects(v, &objs, 0)
	}
	var best map[string]any
	for _, o := range objs {
		if isArticleType(o["@type"]) {
			best = o
			break
		}
	}
	if best == nil {
		for _, o := range objs {
			if _, ok := o["datePublished"]; ok {
				best = o
				break
			}
		}
	}
	if best == nil {
		return ldMeta{}
	}
	return ldMeta{
		published: ldString(best["datePublished"]),
		language:  ldString(best["inLanguage"]),
		image:     ldImage(best["image"], 0),
		publisher: ldName(best["publisher"]),
	}
}

// ldName returns the name of a JSON-LD organization or person: a string,
// an object's "name", or the first of an array's.
func ldName(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case map[string]any:
		return ldString(t["name"])
	case []any:
		for _, e := range t {
			if n := ldName(e); n != "" {
				return n
			}
		}
	}
	return ""
}

// maxLDDepth bounds the recursion into JSON-LD values.
const maxLDDepth = 8

// collectObjects appends every object in v (arrays and @graph flattened)
// to out.
func collectObjects(v any, out *[]map[string]any, depth int) {
	if depth > maxLDDepth {
		return
	}
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			collectObjects(e, out, depth+1)
		}
	case map[string]any:
		*out = append(*out, t)
		if g, ok := t["@graph"]; ok {
			collectObjects(g, out, depth+1)
		}
	}
}

// isArticleType reports whether a JSON-LD @type names an article.
func isArticleType(v any) bool {
	switch t := v.(type) {
	case string:
		return strings.HasSuffix(t, "Article") || t == "BlogPosting" || t == "Report" || t == "LiveBlogPosting"
	case []any:
		for _, e := range t {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// ldString returns v when it is a string, or the first string of an array.
func ldString(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok {
				return s
			}
		}
	}
	return ""
}

// ldImage returns the URL of a JSON-LD image value: a URL string, an
// ImageObject, or an array of either.
func ldImage(v any, depth int) string {
	if depth > maxLDDepth {
		return ""
	}
	switch t := v.(type) {
	case string:
		return t
	case map[string]any:
		return firstNonEmpty(ldString(t["url"]), ldString(t["contentUrl"]))
	case []any:
		for _, e := range t {
			if s := ldImage(e, depth+1); s != "" {
				return s
			}
		}
	}
	return ""
}

// normalizeLanguage returns the BCP 47 form of a language tag ("en_US" →
// "en-US"), or "" when tag is not a valid one.
func normalizeLanguage(tag string) string {
	tag = strings.TrimSpace(strings.ReplaceAll(tag, "_", "-"))
	if i := strings.IndexAny(tag, ",; "); i >= 0 {
		tag = tag[:i]
	}
	if tag == "" {
		return ""
	}
	t, err := language.Parse(tag)
	if err != nil || t == language.Und {
		return ""
	}
	return t.String()
}
