package appitems

import (
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

func TestStoryHTML(t *testing.T) {
	day := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	timeline := []storyline.TimelineEntry{
		{ArticleID: 11, Source: "Harbour Post", Title: "Ship strikes bridge", URL: "https://post.example/ship", Published: day},
		{ArticleID: 12, Source: "Wire & Co", Title: "Bridge closed <after> strike", URL: "https://wire.example/a?x=1&y=2", Published: day.Add(time.Hour)},
		{ArticleID: 13, Source: "Town Daily", Title: "Bridge closed after strike", URL: "https://town.example/copy", Published: day.Add(2 * time.Hour), CopyOf: 12},
		{ArticleID: 14, Source: "Coast Radio", Title: "", URL: "https://radio.example/undated"},
		{ArticleID: 15, Source: "Far News", Title: "A copy of an article of another story", URL: "https://far.example/c", CopyOf: 99},
	}
	st := &storyline.Story{ID: 7, Title: "Bridge", Brief: &storyline.Brief{
		Sentences: []storyline.BriefSentence{
			{Text: "A cargo ship struck the bridge.", ArticleIDs: []int64{13, 11, 12}},
			{Text: "It is closed.", ArticleIDs: []int64{14, 404}},
		},
		Coverage: []storyline.OutletPoints{{Source: "Coast Radio", ArticleID: 14, Points: []storyline.BriefSentence{{Text: "Divers are searching."}}}},
	}}
	got := StoryHTML(st, timeline, "https://news.example/stories/7")
	for _, want := range []string{
		// Each sentence cites the reports it is drawn from by number, a
		// copy by its original's, each once.
		`A cargo ship struck the bridge.<sup><a href="https://post.example/ship">[1]</a><a href="https://wire.example/a?x=1&amp;y=2">[2]</a></sup> It is closed.<sup><a href="https://radio.example/undated">[3]</a></sup></p>`,
		"<strong>4 reports from 5 outlets</strong>",
		`<li><a href="https://wire.example/a?x=1&amp;y=2">Bridge closed &lt;after&gt; strike</a> — Wire &amp; Co, 30 Nov 2026 10:00 UTC (also run by Town Daily)</li>`,
		`<li><a href="https://radio.example/undated">https://radio.example/undated</a> — Coast Radio<br><small>Only here: Divers are searching.</small></li>`,
		`<li><a href="https://far.example/c">A copy of an article of another story</a> — Far News</li>`,
		`<a href="https://news.example/stories/7">The whole story on Storyline</a>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("StoryHTML lacks %s\nin:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "https://town.example/copy"); n != 0 {
		t.Errorf("the syndicated copy is linked %d times, want 0 (it goes with its original)", n)
	}
	if n := strings.Count(got, "<li>"); n != 4 {
		t.Errorf("%d reports listed, want 4", n)
	}
}

func TestStoryHTMLWithoutBrief(t *testing.T) {
	st := &storyline.Story{ID: 3, Summary: "Rain & wind."}
	got := StoryHTML(st, nil, "")
	if got != "<p>Rain &amp; wind.</p>\n" {
		t.Errorf("StoryHTML without a brief, reports or link = %q", got)
	}
}

func TestOutletsLine(t *testing.T) {
	for _, tt := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"A"}, "A"},
		{[]string{"A", "B", "C"}, "A, B, C"},
		{[]string{"A", "B", "C", "D", "E"}, "A, B, C and 2 more"},
	} {
		if got := outletsLine(tt.in); got != tt.want {
			t.Errorf("outletsLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
