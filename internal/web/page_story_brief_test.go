package web

import (
	"reflect"
	"testing"

	"github.com/storyline/storyline"
)

func TestBriefView(t *testing.T) {
	timeline := []storyline.TimelineEntry{{ArticleID: 7, Source: "Wire"}, {ArticleID: 9, Source: "Daily"}}
	b := &storyline.Brief{Generator: storyline.BuiltInBrief, Sentences: []storyline.BriefSentence{
		{Text: "Talks resumed.", ArticleIDs: []int64{9, 7}},
		{Text: "A deal is near, according to Wire.", ArticleIDs: []int64{7, 4}}, // 4: deleted since
	}}
	want := &briefView{BuiltIn: true, Generator: storyline.BuiltInBrief, Sentences: []briefLine{
		{Text: "Talks resumed.", Cites: []briefCite{{N: 1, ID: 9, Source: "Daily"}, {N: 2, ID: 7, Source: "Wire"}}},
		{Text: "A deal is near, according to Wire.", Cites: []briefCite{{N: 2, ID: 7, Source: "Wire"}}},
	}}
	if got := newBriefView(b, timeline); !reflect.DeepEqual(got, want) {
		t.Errorf("newBriefView = %+v, want %+v", got, want)
	}
	if newBriefView(nil, timeline) != nil || newBriefView(&storyline.Brief{}, timeline) != nil {
		t.Error("a story without a brief has a brief view")
	}
	if v := newBriefView(&storyline.Brief{Generator: "llama3", Sentences: b.Sentences[:1]}, timeline); v.BuiltIn || v.Generator != "llama3" {
		t.Errorf("a model's brief: %+v", v)
	}
}
