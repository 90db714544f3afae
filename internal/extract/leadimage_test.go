package extract

import (
	"fmt"
	nurl "net/url"
	"reflect"
	"testing"
)

func TestLeadImage(t *testing.T) {
	base, _ := nurl.Parse("https://www.baypost.example/news/grell.html")
	page := func(head, body string) []byte {
		return fmt.Appendf(nil, "<!DOCTYPE html><html><head><title>Grell</title>%s</head><body>%s</body></html>", head, body)
	}
	og := func(u string) Candidate { return Candidate{URL: u, Source: SourceOpenGraph} }
	tests := []struct {
		name string
		page []byte
		want []Candidate
	}{
		{
			name: "every source, in order of preference",
			page: page(`<meta property="og:image" content="/img/lead.jpg">
<meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">
<meta name="twitter:image" content="https://cdn.baypost.example/tw.jpg">
<link rel="image_src" href="/img/rel.jpg">
<script type="application/ld+json">{"@type":"NewsArticle","image":{"@type":"ImageObject","url":"/img/ld.jpg","width":1600,"height":"900"}}</script>`,
				`<article><p>Text</p><img src="/img/body.jpg"></article>`),
			want: []Candidate{
				{URL: "https://www.baypost.example/img/lead.jpg", Source: SourceOpenGraph, Width: 1200, Height: 630},
				{URL: "https://cdn.baypost.example/tw.jpg", Source: SourceTwitter},
				{URL: "https://www.baypost.example/img/rel.jpg", Source: SourceLinkRel},
				{URL: "https://www.baypost.example/img/ld.jpg", Source: SourceJSONLD, Width: 1600, Height: 900},
				{URL: "https://www.baypost.example/img/body.jpg", Source: SourceContent},
			},
		},
		{
			name: "secure_url and repeats once",
			page: page(`<meta property="og:image" content="http://www.baypost.example/a.jpg">
<meta property="og:image:secure_url" content="https://www.baypost.example/a.jpg">
<meta property="twitter:image" content="http://www.baypost.example/a.jpg">`, ""),
			want: []Candidate{og("http://www.baypost.example/a.jpg"), og("https://www.baypost.example/a.jpg")},
		},
		{
			name: "a repeat fills in a missing size",
			page: page(`<meta property="og:image" content="/a.jpg">
<script type="application/ld+json">{"@type":"Article","image":{"url":"/a.jpg","width":{"@type":"QuantitativeValue","value":800},"height":450}}</script>`, ""),
			want: []Candidate{{URL: "https://www.baypost.example/a.jpg", Source: SourceOpenGraph, Width: 800, Height: 450}},
		},
		{
			name: "JSON-LD list in a graph, only of the article",
			page: page(`<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
{"@type":"Organization","logo":"/logo.png","image":"/org.jpg"},
{"@type":"BlogPosting","image":["/1x1.jpg",{"@type":"ImageObject","contentUrl":"/4x3.jpg"},"/16x9.jpg"]}]}</script>`, ""),
			want: []Candidate{
				{URL: "https://www.baypost.example/1x1.jpg", Source: SourceJSONLD},
				{URL: "https://www.baypost.example/4x3.jpg", Source: SourceJSONLD},
				{URL: "https://www.baypost.example/16x9.jpg", Source: SourceJSONLD},
			},
		},
		{
			name: "broken JSON-LD is skipped",
			page: page(`<script type="application/ld+json">{"@type":"NewsArticle","image":</script>`, ""),
			want: nil,
		},
		{
			name: "first large image of the article, not the header's",
			page: page("", `<header><img src="/masthead.jpg" width="900" height="300"></header>
<article><p>Text</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<img src="/pixel.gif" width="1" height="1">
<img src="/icons/share.png">
<img src="/chart.svg">
<img src="/small.jpg" width="200" height="150">
<img src="/lazy-holder.png" data-src="/photo.jpg" width="640px" height="360">
<img src="/second.jpg"></article>`),
			want: []Candidate{{URL: "https://www.baypost.example/photo.jpg", Source: SourceContent, Width: 640, Height: 360}},
		},
		{
			name: "the article's own header holds its lead",
			page: page("", `<header><img src="/masthead.jpg"></header><article><header><h1>Grell</h1>
<img src="/hero.jpg" width="855" height="611" class="wp-post-image"></header><p>Text</p></article>`),
			want: []Candidate{{URL: "https://www.baypost.example/hero.jpg", Source: SourceContent, Width: 855, Height: 611}},
		},
		{
			name: "a host that reads like a hint is no hint",
			page: page("", `<img src="https://www.thespacereview.com/archive/3834a.jpg" alt="SLS core stage">
<img src="/wp-content/plugins/wpml/res/flags/en.png">`),
			want: []Candidate{{URL: "https://www.thespacereview.com/archive/3834a.jpg", Source: SourceContent}},
		},
		{
			name: "an image outside the article is not its lead",
			page: page("", `<div><p>Intro</p></div><article><p>Text</p></article><div class="related"><img src="/other.jpg"></div>`),
			want: nil,
		},
		{
			name: "no article element: the page's first large image outside nav and aside",
			page: page("", `<nav><img src="/nav.jpg"></nav><aside><img src="/ad.jpg"></aside><div><img src="/story.jpg" width="1024"></div>`),
			want: []Candidate{{URL: "https://www.baypost.example/story.jpg", Source: SourceContent, Width: 1024}},
		},
		{
			name: "only http(s)",
			page: page(`<meta property="og:image" content="ftp://files.example/a.jpg">
<meta property="og:image" content="javascript:alert(1)">
<meta property="og:image" content="//cdn.example/b.jpg">`, ""),
			want: []Candidate{og("https://cdn.example/b.jpg")},
		},
		{
			name: "no image",
			page: page(`<meta property="og:title" content="Grell">`, "<p>Text only.</p>"),
			want: nil,
		},
		{name: "empty", page: nil, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LeadImage(tt.page, base); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("LeadImage =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestLeadImageWithoutBase(t *testing.T) {
	page := []byte(`<meta property="og:image" content="/relative.jpg"><meta property="og:image" content="https://cdn.example/abs.jpg">`)
	want := []Candidate{{URL: "https://cdn.example/abs.jpg", Source: SourceOpenGraph}}
	if got := LeadImage(page, nil); !reflect.DeepEqual(got, want) {
		t.Errorf("LeadImage = %+v, want %+v", got, want)
	}
}
