package keyphrase

import (
	"slices"
	"testing"
)

func TestStory(t *testing.T) {
	docs := [][]Phrase{
		{{Text: "nuclear talks", Score: 10, Hashtag: "#NuclearTalks"}, {Text: "Geneva", Score: 8, Hashtag: "#Geneva"}, {Text: "uranium", Score: 2, Hashtag: "#Uranium"}},
		{{Text: "Geneva", Score: 3, Hashtag: "#Geneva"}, {Text: "Nuclear Talks", Score: 3, Hashtag: "#NuclearTalks"}, {Text: "talks", Score: 1, Hashtag: "#Talks"}},
		{{Text: "nuclear talks", Score: 5}, {Text: "sanctions", Score: 4, Hashtag: "#Sanctions"}},
		nil,
		{{Text: "!!!", Score: 9}},
	}
	e := New(Options{})
	got := e.Story(docs, 10)
	var tags, texts []string
	for _, p := range got {
		tags = append(tags, p.Hashtag)
		texts = append(texts, p.Text)
		if p.Hashtag != Hashtag(p.Text) {
			t.Errorf("%+v: hashtag not of the text", p)
		}
	}
	// #NuclearTalks is in three articles; "talks" only repeats it.
	want := []string{"#NuclearTalks", "#Geneva", "#Sanctions", "#Uranium"}
	if !slices.Equal(tags, want) {
		t.Errorf("Story hashtags %v, want %v", tags, want)
	}
	if texts[0] != "nuclear talks" {
		t.Errorf("shown form %q, want the one most articles use", texts[0])
	}
	for i := 1; i < len(got); i++ {
		if got[i].Score > got[i-1].Score {
			t.Errorf("not best first: %v", got)
		}
	}
	if top := e.Story(docs, 2); len(top) != 2 || top[0].Hashtag != "#NuclearTalks" {
		t.Errorf("Story(n=2) = %v", top)
	}
	if e.Story(nil, 5) != nil && len(e.Story(nil, 5)) != 0 {
		t.Errorf("empty story: %v", e.Story(nil, 5))
	}
	if e.Story(docs, 0) != nil {
		t.Error("n=0 should give nothing")
	}
}

func TestStoryFromExtract(t *testing.T) {
	title, body := talks(t)
	df := collection(t, body)
	e := New(Options{})
	a := e.Extract(title, body, "en", df, 10)
	b := e.Extract("Geneva talks on Iran enrichment end without a deal", "Talks between Iran and the powers ended in Geneva without a deal on uranium enrichment. Iran's envoy said the talks would resume in Vienna.", "en", df, 10)
	got := e.Story([][]Phrase{a, b}, 5)
	checkPhrases(t, got, "en", 5)
	if tags := hashtags(got); !slices.Contains(tags, "#Iran") || !slices.Contains(tags, "#Geneva") {
		t.Errorf("story hashtags %v", tags)
	}
}
