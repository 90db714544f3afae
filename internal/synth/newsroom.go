package synth

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"strings"
	"time"
)

// Newsroom is a generated set of outlets covering the same events, for
// tests and benchmarks of ingestion: outlet i serves an RSS 2.0 feed at
// /o<i>/feed.xml listing its reports, each linking to a page with the
// report's full text. Each event is reported by several outlets in their
// own words around the event's topic words, which recur through every
// report (the events are told apart clearly, so that any ordering of the
// reports clusters them alike). It
// is an http.Handler, safe for concurrent use once built; its URLs start
// with the base given to NewNewsroom.
type Newsroom struct {
	files map[string]newsroomFile // by path
	feeds []string
	// Event maps the URL of every report to the event it covers.
	Event map[string]int
}

// newsroomFile is one generated response.
type newsroomFile struct {
	body  []byte
	ctype string
}

// NewNewsroom generates outlets feeds and events events, each reported by
// coverage outlets (at most outlets), served under base (scheme and
// host, no trailing slash).
func NewNewsroom(seed uint64, outlets, events, coverage int, base string) *Newsroom {
	g := New(seed, 20000)
	n := &Newsroom{files: map[string]newsroomFile{}, Event: map[string]int{}}
	items := make([]strings.Builder, outlets)
	t0 := time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)
	used := map[string]bool{}
	for e := range events {
		topic := g.distinctRare(6, used)
		title := capital(topic[0]) + " " + topic[1] + " " + g.Words(3) + " " + topic[2]
		first := g.rng.IntN(outlets)
		for k := range min(coverage, outlets) {
			outlet := (first + k) % outlets
			a := g.Article(e*100+k, 250+g.rng.IntN(300), outlets)
			a.Title, a.Source = title, fmt.Sprintf("Outlet %d", outlet)
			if k > 0 {
				a.Title = capital(topic[k%len(topic)]) + ": " + title
			}
			a.Text = weave(g, strings.Join(topic, " ")+". "+a.Text, topic)
			a.Published = t0.Add(time.Duration(e)*17*time.Minute + time.Duration(k)*20*time.Minute)
			path := fmt.Sprintf("/o%d/news/%d-%d.html", outlet, e, k)
			a.URL = base + path
			n.Event[a.URL] = e
			n.files[path] = newsroomFile{body: reportPage(a.Title, a.Source, a.Text, a.Published), ctype: "text/html; charset=utf-8"}
			fmt.Fprintf(&items[outlet], `<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate><description>%s</description></item>`,
				html.EscapeString(a.Title), a.URL, a.URL, a.Published.Format(time.RFC1123Z), html.EscapeString(firstSentences(a.Text, 1)))
		}
	}
	for i := range outlets {
		path := fmt.Sprintf("/o%d/feed.xml", i)
		n.files[path] = newsroomFile{ctype: "application/rss+xml; charset=utf-8", body: fmt.Appendf(nil,
			`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Outlet %d</title><link>%s/o%d/</link><description>News</description>%s</channel></rss>`,
			i, base, i, items[i].String())}
		n.feeds = append(n.feeds, base+path)
	}
	return n
}

// distinctRare returns n words from the rare half of the vocabulary that
// are not in used, and adds them to it.
func (g *Generator) distinctRare(n int, used map[string]bool) []string {
	var out []string
	for len(out) < n {
		w := g.vocab[len(g.vocab)/2+g.rng.IntN(len(g.vocab)/2)]
		if !used[w] {
			used[w] = true
			out = append(out, w)
		}
	}
	return out
}

// weave adds a sentence of topic words to every paragraph of text.
func weave(g *Generator, text string, topic []string) string {
	paras := strings.Split(text, "\n\n")
	for i, p := range paras {
		words := make([]string, 4)
		for j := range words {
			words[j] = topic[g.rng.IntN(len(topic))]
		}
		paras[i] = p + " " + capital(strings.Join(words, " ")) + "."
	}
	return strings.Join(paras, "\n\n")
}

// reportPage returns the page of one report.
func reportPage(title, outlet, text string, published time.Time) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s</title>
<meta property="og:site_name" content="%s"><meta property="article:published_time" content="%s"></head>
<body><nav><a href="/">Home</a></nav><main><article><h1>%s</h1>`,
		html.EscapeString(title), html.EscapeString(outlet), published.Format(time.RFC3339), html.EscapeString(title))
	for _, p := range strings.Split(text, "\n\n") {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	b.WriteString(`</article></main><footer>© News</footer></body></html>`)
	return b.Bytes()
}

// FeedURLs lists the outlets' feed URLs.
func (n *Newsroom) FeedURLs() []string { return n.feeds }

// ServeHTTP serves the generated feeds and pages; anything else is 404.
func (n *Newsroom) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, ok := n.files[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", f.ctype)
	_, _ = w.Write(f.body)
}
