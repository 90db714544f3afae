package feed

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// tiny are batch limits that parse every document of two entries or more
// in batches of at most size entries.
func tiny(size int) batchLimits {
	return batchLimits{wholeEntries: 1, wholeBytes: 1 << 30, entries: size, bytes: 1 << 20}
}

// inBatches parses data with lim and returns the feed the batches add up
// to and the size of each batch.
func inBatches(data []byte, feedURL string, lim batchLimits) (*Feed, []int, error) {
	var all *Feed
	var sizes []int
	err := parseInBatches(data, feedURL, now, lim, func(b *Feed) error {
		sizes = append(sizes, len(b.Entries))
		if all == nil {
			all = &Feed{Title: b.Title, SiteURL: b.SiteURL, Language: b.Language, TTL: b.TTL}
		} else if b.Title != all.Title || b.SiteURL != all.SiteURL || b.Language != all.Language || b.TTL != all.TTL {
			return fmt.Errorf("batch %d says the feed is %q %q %q %v, the first %q %q %q %v",
				len(sizes), b.Title, b.SiteURL, b.Language, b.TTL, all.Title, all.SiteURL, all.Language, all.TTL)
		}
		all.Entries = append(all.Entries, b.Entries...)
		return nil
	})
	if err != nil {
		return nil, sizes, err
	}
	return all, sizes, nil
}

// sameAsParse checks that parsing data fetched from url in batches of
// size entries gives what Parse gives, and that it was parsed in batches
// when it has more than size entries. Where Parse fails, parsing in
// batches must fail too, though the message may differ (see
// ParseInBatches).
func sameAsParse(t testing.TB, data []byte, url string, size int) {
	t.Helper()
	want, werr := Parse(data, url, now)
	got, sizes, err := inBatches(data, url, tiny(size))
	switch {
	case errors.Is(err, errCharsetSwitch):
		return // parsed whole, the feed would be read on in the other charset
	case werr != nil || err != nil:
		if werr == nil || err == nil || errors.Is(err, ErrNotFeed) != errors.Is(werr, ErrNotFeed) || errors.Is(err, ErrEmpty) != errors.Is(werr, ErrEmpty) {
			t.Fatalf("errors: in batches %v; Parse %v", err, werr)
		}
		return
	}
	for _, n := range sizes {
		if n > size {
			t.Fatalf("a batch of %d entries, want at most %d", n, size)
		}
	}
	if len(want.Entries) > size && len(sizes) < 2 {
		t.Fatalf("%d entries in %d batch(es) of %d", len(want.Entries), len(sizes), size)
	}
	if got.Entries == nil && len(want.Entries) == 0 {
		got.Entries = want.Entries
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("in batches of %d:\n got %+v\nwant %+v", size, got, want)
	}
}

func TestParseInBatchesFixtures(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("testdata", "*.*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			data := readFixture(t, filepath.Base(name))
			for _, size := range []int{1, 2, 5} {
				sameAsParse(t, data, feedURL, size)
			}
		})
	}
}

// generated returns a feed document of format kind ("rss", "rdf",
// "atom" or "json") with n entries, newest first but for every seventh,
// which is older than the rest, and every fifth, which is undated; every
// entry has CDATA, nested markup or entities in it.
func generated(kind string, n int) []byte {
	var b strings.Builder
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	date := func(i int) (time.Time, bool) {
		switch {
		case i%5 == 4:
			return time.Time{}, false
		case i%7 == 6:
			return t0.Add(-time.Duration(1000+i) * time.Hour), true
		}
		return t0.Add(-time.Duration(i) * time.Hour), true
	}
	switch kind {
	case "rss", "rdf":
		if kind == "rss" {
			b.WriteString(`<?xml version="1.0"?>` + "\n" + `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Gen &amp; Co</title><link>https://gen.example.com/</link>` + "\n")
		} else {
			b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://gen.example.com/"><title>Gen</title><link>https://gen.example.com/</link></channel>` + "\n")
		}
		for i := range n {
			fmt.Fprintf(&b, `<item rdf:about="https://gen.example.com/%d"><title><![CDATA[Item <b>%d</b>]]></title><link>/a/%d</link>`, i, i, i)
			if d, ok := date(i); ok {
				fmt.Fprintf(&b, "<dc:date>%s</dc:date>", d.Format(time.RFC3339))
			}
			fmt.Fprintf(&b, "<description><p>Text &amp; <i>more</i> %d</p></description></item>\n", i)
		}
		if kind == "rss" {
			b.WriteString("<language>en</language></channel></rss>\n")
		} else {
			b.WriteString("</rdf:RDF>\n")
		}
	case "atom":
		b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Gen &lt;b&gt;feed&lt;/b&gt;</title><link href="https://gen.example.com/"/>` + "\n")
		for i := range n {
			fmt.Fprintf(&b, `<entry><id>urn:gen:%d</id><title>Entry &#8211; %d</title><link href="/a/%d"/>`, i, i, i)
			if d, ok := date(i); ok {
				fmt.Fprintf(&b, "<updated>%s</updated>", d.Format(time.RFC3339))
			}
			fmt.Fprintf(&b, `<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Nested <b>%d</b></p></div></content></entry>`+"\n", i)
		}
		b.WriteString("</feed>\n")
	case "json":
		b.WriteString(`{"version": "https://jsonfeed.org/version/1.1", "title": "Gen", "home_page_url": "https://gen.example.com/", "items": [` + "\n")
		for i := range n {
			if i > 0 {
				b.WriteString(",\n")
			}
			fmt.Fprintf(&b, `{"id": "%d", "url": "/a/%d", "title": "Item \u2013 %d", "content_html": "<p>Text &amp; <i>more</i></p>"`, i, i, i)
			if d, ok := date(i); ok {
				fmt.Fprintf(&b, `, "date_published": %q`, d.Format(time.RFC3339))
			}
			b.WriteString("}")
		}
		b.WriteString("\n], \"language\": \"en\"}\n")
	}
	return []byte(b.String())
}

func TestParseInBatchesFormats(t *testing.T) {
	for _, kind := range []string{"rss", "rdf", "atom", "json"} {
		t.Run(kind, func(t *testing.T) {
			data := generated(kind, 50)
			want, err := Parse(data, feedURL, now)
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Entries) != 50 {
				t.Fatalf("Parse found %d entries, want 50", len(want.Entries))
			}
			got, sizes, err := inBatches(data, feedURL, tiny(10))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(sizes, []int{10, 10, 10, 10, 10}) {
				t.Errorf("batches of %v entries, want 5 of 10", sizes)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("in batches:\n got %+v\nwant %+v", got, want)
			}
			for _, size := range []int{1, 7, 49, 50} {
				sameAsParse(t, data, feedURL, size)
			}
		})
	}
}

func TestParseInBatchesLimits(t *testing.T) {
	data := generated("rss", 60)
	tests := []struct {
		name  string
		lim   batchLimits
		sizes []int
	}{
		{"within the limits: parsed whole", batchLimits{wholeEntries: 60, wholeBytes: len(data), entries: 10, bytes: 1 << 20}, []int{60}},
		{"more entries than whole", batchLimits{wholeEntries: 59, wholeBytes: len(data), entries: 25, bytes: 1 << 20}, []int{25, 25, 10}},
		{"more bytes than whole", batchLimits{wholeEntries: 100, wholeBytes: len(data) - 1, entries: 25, bytes: 1 << 20}, []int{25, 25, 10}},
		{"batches cut by bytes", batchLimits{wholeEntries: 1, wholeBytes: len(data), entries: 100, bytes: 2 * len(data) / 60}, nil},
		{"one entry larger than a batch", batchLimits{wholeEntries: 1, wholeBytes: len(data), entries: 100, bytes: 1}, nil},
		// Batches grow with a skeleton larger than one, here 6 times.
		{"skeleton larger than a batch", batchLimits{wholeEntries: 1, wholeBytes: len(data), entries: 2, bytes: 1000}, []int{12, 12, 12, 12, 12}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := data
			if strings.HasPrefix(tt.name, "skeleton") {
				data = []byte(strings.Replace(string(data), "<channel>", "<channel><description>"+strings.Repeat("long ", 1300)+"</description>", 1))
			}
			got, sizes, err := inBatches(data, feedURL, tt.lim)
			if err != nil {
				t.Fatal(err)
			}
			if tt.sizes != nil && !reflect.DeepEqual(sizes, tt.sizes) {
				t.Errorf("batches of %v entries, want %v", sizes, tt.sizes)
			}
			if len(got.Entries) != 60 {
				t.Errorf("%d entries in all, want 60", len(got.Entries))
			}
		})
	}
}

func TestParseInBatchesEntries(t *testing.T) {
	data := readFixture(t, "batch-tricky.rss")
	got, sizes, err := inBatches(data, feedURL, tiny(2))
	if err != nil {
		t.Fatal(err)
	}
	// <item/> is empty and dropped; the last item repeats a GUID of the
	// second batch and is dropped.
	if !reflect.DeepEqual(sizes, []int{2, 2, 1, 0}) {
		t.Errorf("batches of %v entries, want 2, 2, 1, 0", sizes)
	}
	want := []Entry{
		{GUID: "https://tide.example.org/tide/fish-market", URL: "https://tide.example.org/tide/fish-market", Title: "Fish market & quay",
			Published: at("2026-03-03T09:30:00Z"), Content: `<p>Opens <b>early</b>; see <a href="/x">x</a>.</p>`},
		{GUID: "https://tide.example.org/tide/nested", URL: "https://tide.example.org/tide/nested", Title: "Nested markup – and escaped",
			Published: at("2026-03-01T06:00:00Z"), Updated: at("2026-03-01T06:00:00Z"), Content: "<div><p>One <span>two <b>three</b></span></p></div>"},
		{GUID: "tide-undated", Title: "Undated", Content: "No date at all."},
		{GUID: "https://tide.example.org/tide/older", URL: "https://tide.example.org/tide/older", Title: "Older", Published: at("2026-02-27T12:00:00Z")},
		{GUID: "https://tide.example.org/tide/newest", URL: "https://tide.example.org/tide/newest", Title: "Newer than the first",
			Published: at("2026-03-04T06:00:00Z"), Categories: []string{"Harbour"}},
	}
	compareFeeds(t, got, &Feed{Title: "Tide & Time", SiteURL: "https://tide.example.org/", Language: "en-gb", TTL: 30 * time.Minute, Entries: want})
	sameAsParse(t, data, feedURL, 1)
}

func TestParseInBatchesErrors(t *testing.T) {
	rss := string(generated("rss", 40))
	json := string(generated("json", 40))
	tests := []struct {
		name string
		data string
		want string // the error of Parse and of parsing in batches
	}{
		{"truncated", rss[:len(rss)*2/3], "malformed feed: XML syntax error on line 29: unexpected EOF"},
		{"unescaped < in an entry", strings.Replace(rss, "Text &amp; <i>more</i> 30", "a < b", 1), "malformed feed: XML syntax error on line 33: expected element name after <"},
		{"NUL reference", strings.Replace(rss, "<title><![CDATA[Item <b>35</b>]]>", "<title>&#0;", 1), "malformed feed: XML syntax error on line 38: illegal character code U+0000"},
		{"deep nesting", strings.Replace(rss, "<i>more</i> 20", strings.Repeat("<i>", 1001), 1), "malformed feed: elements nested more than 1000 deep"},
		{"truncated JSON", json[:len(json)/2], "malformed feed: JSON syntax error on line 21: unexpected end of JSON input"},
		{"JSON item of the wrong type", strings.Replace(json, `"title": "Item \u2013 30"`, `"title": 30`, 1), `malformed feed: JSON member "alias.items.alias.title" has the wrong type`},
		{"HTML page", "<html><body>" + strings.Repeat("<p>item</p>", 20) + "</body></html>", "not a feed: the document is an HTML page (<html>)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, werr := Parse([]byte(tt.data), feedURL, now)
			calls := 0
			err := parseInBatches([]byte(tt.data), feedURL, now, tiny(10), func(*Feed) error { calls++; return nil })
			if werr == nil || !strings.HasPrefix(werr.Error(), tt.want) {
				t.Errorf("Parse: error %v, want %q", werr, tt.want)
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("in batches: error %v, want %q", err, tt.want)
			}
			if calls > 0 && !strings.Contains(tt.name, "wrong type") {
				t.Errorf("%d batches before the error; the scan finds it first", calls)
			}
		})
	}
}

func TestParseInBatchesCharsets(t *testing.T) {
	latin1 := strings.Replace(string(generated("rss", 30)), `<?xml version="1.0"?>`, `<?xml version="1.0" encoding="ISO-8859-1"?>`, 1)
	latin1 = strings.ReplaceAll(latin1, "Text &amp;", "Caf\xe9 &amp;")
	sameAsParse(t, []byte(latin1), feedURL, 4)
	got, _, err := inBatches([]byte(latin1), feedURL, tiny(4))
	if err != nil || !strings.Contains(got.Entries[3].Content, "Café") {
		t.Errorf("Latin-1 in batches: %v, %+v", err, got)
	}

	switched := strings.Replace(string(generated("rss", 30)), "<item", `<?xml version="1.0" encoding="koi8-r"?><item`, 1)
	err = parseInBatches([]byte(switched), feedURL, now, tiny(4), func(*Feed) error { return nil })
	if !errors.Is(err, errCharsetSwitch) {
		t.Errorf("a charset switched after the start: error %v, want %v", err, errCharsetSwitch)
	}
}

func TestParseInBatchesStops(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	err := parseInBatches(generated("atom", 30), feedURL, now, tiny(10), func(*Feed) error { calls++; return stop })
	if err != stop || calls != 1 {
		t.Errorf("each failing: error %v after %d calls, want %v after 1", err, calls, stop)
	}
	calls = 0
	err = ParseInBatches(generated("atom", 30), feedURL, now, func(f *Feed) error {
		if calls++; len(f.Entries) != 30 {
			t.Errorf("a small feed in a batch of %d entries, want all 30", len(f.Entries))
		}
		return nil
	})
	if err != nil || calls != 1 {
		t.Errorf("a small feed: error %v after %d calls, want one call", err, calls)
	}
}

func TestParseMemory(t *testing.T) {
	if small, large := ParseMemory(1<<20), ParseMemory(64<<20); small != 45<<20 || large >= 45*64<<20 || large < 64<<20 {
		t.Errorf("ParseMemory: 1 MiB %d, 64 MiB %d", small, large)
	}
}

// TestParseInBatchesOddDocuments: documents the fuzzer found parsed in
// batches otherwise than whole.
func TestParseInBatchesOddDocuments(t *testing.T) {
	for _, doc := range []string{
		// The end tag of no open element closes the second entry and the
		// root.
		"<feed><entry></entry><entrY></A>0",
		"<rss><channel><item><title>a</item><item><title>b</channel><item><title>c</item></rss>",
		// A declaration the parser reads and the charset pattern misses.
		`<?xml!encoding="0"?><rss <item <item`,
		"<?xml!encoding='latin1'?><rss><item><title>caf\xe9</title></item><item><title>b</title></item></rss>",
		// gofeed stops at the root before the syntax error.
		"<:RDF><item <item",
	} {
		for _, size := range []int{1, 2} {
			sameAsParse(t, []byte(doc), feedURL, size)
		}
	}
}
