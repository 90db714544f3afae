package extract

import (
	"testing"
	"time"
)

// TestExtractMetadata checks the article's metadata fields against pages
// that declare them in the usual places.
func TestExtractMetadata(t *testing.T) {
	const pageURL = "https://news.example/2031/grell?utm_source=feed"
	tests := []struct {
		name      string
		html      string
		pageURL   string
		url       string
		title     string
		byline    string
		site      string
		lang      string
		image     string
		published time.Time
	}{
		{
			name: "open graph and rel canonical",
			html: `<html lang="en-GB"><head><title>Grell Head light shines again - Bay Post</title>
<meta property="og:title" content="Grell Head light shines again">
<meta property="og:site_name" content="Bay Post">
<meta property="og:image" content="/img/grell.jpg">
<meta name="author" content="Maren Holt">
<meta property="article:published_time" content="2031-03-05T14:30:00+01:00">
<link rel="canonical" href="/2031/grell-head-light">
</head><body><div class="content"><h1>Grell Head light shines again</h1>` + paragraphsHTML() + `</div></body></html>`,
			pageURL:   pageURL,
			url:       "https://news.example/2031/grell-head-light",
			title:     "Grell Head light shines again",
			byline:    "Maren Holt",
			site:      "Bay Post",
			lang:      "en-GB",
			image:     "https://news.example/img/grell.jpg",
			published: time.Date(2031, 3, 5, 14, 30, 0, 0, time.FixedZone("", 3600)),
		},
		{
			name: "og:url without rel canonical",
			html: storyPage(`<meta property="og:url" content="https://www.baypost.example/grell">
<meta property="og:title" content="Grell Head light shines again">`, "<p>%s</p>"),
			pageURL: pageURL,
			url:     "https://www.baypost.example/grell",
			title:   "Grell Head light shines again",
		},
		{
			name:    "no canonical URL keeps the page URL",
			html:    storyPage(`<title>Grell Head light shines again</title>`, "<p>%s</p>"),
			pageURL: pageURL,
			url:     pageURL,
			title:   "Grell Head light shines again",
		},
		{
			name: "JSON-LD article",
			html: storyPage(`<title>Grell Head light shines again</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Bay Post"},
 {"@type":"NewsArticle","headline":"Grell Head light shines again",
  "datePublished":"2031-03-05T09:15:00Z","inLanguage":"en",
  "image":{"@type":"ImageObject","url":"https://cdn.example/grell.jpg"},
  "author":{"@type":"Person","name":"Maren Holt"}}]}</script>`, "<p>%s</p>"),
			pageURL:   pageURL,
			url:       pageURL,
			title:     "Grell Head light shines again",
			byline:    "Maren Holt",
			lang:      "en",
			image:     "https://cdn.example/grell.jpg",
			published: time.Date(2031, 3, 5, 9, 15, 0, 0, time.UTC),
		},
		{
			name: "JSON-LD publisher before a list of sections",
			html: storyPage(`<title>Grell Head light shines again</title>
<meta property="og:site_name" content="Coast | Harbours | Lighthouses | Ferries">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Grell Head light shines again",
 "datePublished":"2031-03-05T09:15:00Z","publisher":{"@type":"Organization","name":"Bay Post"}}</script>`, "<p>%s</p>"),
			pageURL: pageURL,
			url:     pageURL,
			title:   "Grell Head light shines again",
			site:    "Bay Post",
		},
		{
			name: "a copyright line is no site name",
			html: storyPage(`<title>Grell Head light shines again</title>
<meta property="og:site_name" content="Copyright 2031">
<meta name="application-name" content="Bay Post | Your coast, every day">`, "<p>%s</p>"),
			pageURL: pageURL,
			url:     pageURL,
			title:   "Grell Head light shines again",
			site:    "Bay Post",
		},
		{
			name: "time element marked as publication time",
			html: `<html><head><title>Grell Head light shines again</title>
<meta http-equiv="content-language" content="en_US"></head>
<body><div class="content"><h1>Grell Head light shines again</h1>
<p>Published <time datetime="2031-03-05T18:02:00-05:00" itemprop="datePublished">March 5</time></p>` + paragraphsHTML() + `</div></body></html>`,
			pageURL:   "",
			url:       "",
			title:     "Grell Head light shines again",
			lang:      "en-US",
			published: time.Date(2031, 3, 5, 18, 2, 0, 0, time.FixedZone("", -5*3600)),
		},
	}
	ex := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ex.Extract([]byte(tt.html), tt.pageURL, "")
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []struct{ field, got, want string }{
				{"URL", a.URL, tt.url},
				{"Title", a.Title, tt.title},
				{"Byline", a.Byline, tt.byline},
				{"SiteName", a.SiteName, tt.site},
				{"Language", a.Language, tt.lang},
				{"ImageURL", a.ImageURL, tt.image},
			} {
				if f.want != "" && f.got != f.want || f.field == "URL" && f.got != f.want {
					t.Errorf("%s = %q, want %q", f.field, f.got, f.want)
				}
			}
			if !tt.published.IsZero() && !a.Published.Equal(tt.published) {
				t.Errorf("Published = %v, want %v", a.Published, tt.published)
			}
			if a.WordCount == 0 || a.Text == "" {
				t.Errorf("no text: %+v", a)
			}
		})
	}
}

// paragraphsHTML returns the story paragraphs as <p> elements.
func paragraphsHTML() string {
	s := ""
	for _, p := range storyParagraphs {
		s += "<p>" + p + "</p>\n"
	}
	return s
}

// TestParseTime checks the timestamp forms pages use.
func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2031-03-05T14:30:00+01:00", time.Date(2031, 3, 5, 14, 30, 0, 0, time.FixedZone("", 3600)), true},
		{"2031-03-05T14:30:00.123Z", time.Date(2031, 3, 5, 14, 30, 0, 123e6, time.UTC), true},
		{"2031-03-05T14:30:00+0100", time.Date(2031, 3, 5, 14, 30, 0, 0, time.FixedZone("", 3600)), true},
		{"2031-03-05 14:30:00", time.Date(2031, 3, 5, 14, 30, 0, 0, time.UTC), true},
		{"Wed, 05 Mar 2031 14:30:00 +0000", time.Date(2031, 3, 5, 14, 30, 0, 0, time.UTC), true},
		{"2031-03-05", time.Date(2031, 3, 5, 0, 0, 0, 0, time.UTC), true},
		{"yesterday", time.Time{}, false},
		{"0001-01-01T00:00:00Z", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := parseTime(tt.in)
		if ok != tt.ok || ok && !got.Equal(tt.want) {
			t.Errorf("parseTime(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestNormalizeLanguage checks language tags are normalized to BCP 47.
func TestNormalizeLanguage(t *testing.T) {
	tests := map[string]string{
		"en": "en", "en_US": "en-US", "pt-br": "pt-BR", "EN-gb": "en-GB",
		"de, en": "de", "": "", "12-ab!": "", "x": "",
	}
	for in, want := range tests {
		if got := normalizeLanguage(in); got != want {
			t.Errorf("normalizeLanguage(%q) = %q, want %q", in, got, want)
		}
	}
}
