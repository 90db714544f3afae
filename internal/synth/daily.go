package synth

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"html"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Daily is a generated network of news feeds that publish as a clock
// moves, for soak tests that simulate months of polling: feed i is at
// host "daily-i.test", publishes perDay entries a day (spread evenly,
// each feed at its own phase), and lists its latest 20 published by the
// clock's time. Each entry covers one of the day's events, so outlets'
// entries about one event make a story; its text (about 150 words, in
// the entry's description) is deterministic for the seed, the feed and
// the entry's number. Responses carry an ETag and answer If-None-Match
// with 304. It is an http.Handler, safe for concurrent use.
type Daily struct {
	g      *Generator // the vocabulary; entries use generators of their own
	seed   uint64
	feeds  int
	perDay int
	events int // events a day
	start  time.Time
	now    func() time.Time
	port   string
}

// dailyListed is how many entries a Daily feed lists.
const dailyListed = 20

// NewDaily returns feeds feeds publishing perDay entries a day each from
// start on, about events events a day, as told by now, linking to
// themselves at port.
func NewDaily(seed uint64, feeds, perDay, events int, start time.Time, now func() time.Time, port int) *Daily {
	return &Daily{g: New(seed, 20000), seed: seed, feeds: max(feeds, 1), perDay: max(perDay, 1), events: max(events, 1),
		start: start, now: now, port: strconv.Itoa(port)}
}

// FeedURLs lists the feeds' URLs.
func (d *Daily) FeedURLs() []string {
	out := make([]string, d.feeds)
	for i := range out {
		out[i] = "http://" + net.JoinHostPort(fmt.Sprintf("daily-%d.test", i), d.port) + "/feed.xml"
	}
	return out
}

// published returns when entry n of feed i is published.
func (d *Daily) published(i, n int) time.Time {
	every := 24 * time.Hour / time.Duration(d.perDay)
	return d.start.Add(time.Duration(n)*every + time.Duration(i)*every/time.Duration(d.feeds))
}

// latest returns the number of feed i's latest entry published by t, or
// -1 when none is.
func (d *Daily) latest(i int, t time.Time) int {
	if t.Before(d.published(i, 0)) {
		return -1
	}
	every := 24 * time.Hour / time.Duration(d.perDay)
	n := int(t.Sub(d.published(i, 0)) / every)
	for n > 0 && d.published(i, n).After(t) {
		n--
	}
	return n
}

// entry returns the title and text of entry n of feed i: a report on one
// of its day's events, in that event's words and the feed's own.
func (d *Daily) entry(i, n int) (title, text string) {
	day := int(d.published(i, n).Sub(d.start) / (24 * time.Hour))
	ev := d.fork(uint64(day), uint64(d.pick(i, n)))
	topic := make([]string, 6)
	for k := range topic {
		topic[k] = ev.vocab[len(ev.vocab)/2+ev.rng.IntN(len(ev.vocab)/2)]
	}
	own := d.fork(uint64(i)<<32|uint64(n), 0x5eed)
	title = capital(topic[0]) + " " + topic[1] + " " + own.Words(3) + " " + topic[2]
	var b strings.Builder
	b.WriteString(capital(strings.Join(topic, " ")) + ".")
	for b.Len() < 900 {
		b.WriteString(" " + own.sentence())
		if own.rng.IntN(3) == 0 {
			b.WriteString(" " + capital(topic[own.rng.IntN(len(topic))]) + " " + own.Words(6) + ".")
		}
	}
	return title, b.String()
}

// pick returns which of its day's events entry n of feed i covers.
func (d *Daily) pick(i, n int) int {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%d/%d", d.seed, i, n)
	return int(h.Sum64() % uint64(d.events))
}

// fork returns a generator on d's vocabulary with its own random source.
func (d *Daily) fork(a, b uint64) *Generator {
	rng := rand.New(rand.NewPCG(d.seed^a, b))
	return &Generator{rng: rng, zipf: rand.NewZipf(rng, 1.07, 2, uint64(len(d.g.vocab)-1)), vocab: d.g.vocab, start: d.start}
}

// ServeHTTP serves feed i's RSS at http://daily-i.test/feed.xml as of the
// clock's time; anything else is 404.
func (d *Daily) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	num, ok := strings.CutPrefix(host, "daily-")
	num, ok2 := strings.CutSuffix(num, ".test")
	i, err := strconv.Atoi(num)
	if !ok || !ok2 || err != nil || i < 0 || i >= d.feeds || r.URL.Path != "/feed.xml" {
		http.NotFound(w, r)
		return
	}
	last := d.latest(i, d.now())
	sum := sha256.Sum256([]byte(fmt.Sprintf("%d/%d/%d", d.seed, i, last)))
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	base := "http://" + net.JoinHostPort(host, d.port)
	var items strings.Builder
	for n := last; n >= 0 && n > last-dailyListed; n-- {
		title, text := d.entry(i, n)
		link := fmt.Sprintf("%s/news/%d", base, n)
		fmt.Fprintf(&items, "<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate><description>%s</description></item>\n",
			html.EscapeString(title), link, link, d.published(i, n).Format(time.RFC1123Z), html.EscapeString(text))
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Daily %d</title><link>%s/</link><description>News from daily %d</description>
%s</channel></rss>`, i, base, i, items.String())
}
