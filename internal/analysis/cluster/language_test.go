package cluster

import (
	"context"
	"testing"
	"time"
)

// TestStoriesKeepToOneLanguage: two reports of an event in one language
// form a story; the same report in another language, naming the same
// entities, starts a story of its own rather than mixing languages.
func TestStoriesKeepToOneLanguage(t *testing.T) {
	withLang := func(d Document, lang string, entities ...string) Document {
		d.Lang, d.Entities = lang, entities
		return d
	}
	docs := []Document{
		at(withLang(strikeA, "de", "Valmora", "Keystone Logistics"), t0),
		at(withLang(strikeB, "de", "Valmora", "Keystone Logistics"), t0.Add(time.Hour)),
		at(withLang(strikeB, "es", "Valmora", "Keystone Logistics"), t0.Add(2*time.Hour)),
		at(withLang(strikeA, "en", "Valmora", "Keystone Logistics"), t0.Add(3*time.Hour)),
		at(withLang(strikeB, "", "Valmora", "Keystone Logistics"), t0.Add(4*time.Hour)),
	}
	ids, _ := run(t, Options{}, docs...)
	if ids[0] != ids[1] {
		t.Errorf("the two German reports are in stories %d and %d, want one", ids[0], ids[1])
	}
	if ids[2] == ids[0] {
		t.Errorf("the Spanish report joined the German story %d", ids[0])
	}
	if ids[3] == ids[0] || ids[3] == ids[2] {
		t.Errorf("the English report joined story %d of another language", ids[3])
	}
	if ids[4] != ids[3] {
		t.Errorf("an article of unknown language is in story %d, want the English one %d", ids[4], ids[3])
	}
}

func TestLanguageKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""}, {"en", ""}, {"en-GB", ""}, {"de", "\x01de"}, {"zh-Hans", "\x01zh"}, {"PT_br", "\x01pt"},
	}
	for _, tt := range tests {
		if got := LanguageKey(tt.in); got != tt.want {
			t.Errorf("LanguageKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestLateReportWithinTheSpanJoins: a report dated among a close-knit
// story's articles but assigned after them (its job ran again after a
// worker died) joins as it would have in publication order; dated after
// the story, the same text meets the cohesion floor.
func TestLateReportWithinTheSpanJoins(t *testing.T) {
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	story := []Document{at(strikeA, t0), at(strikeA, t0.Add(time.Hour)), at(strikeA, t0.Add(2*time.Hour)), at(strikeA, t0.Add(4*time.Hour))}
	late := strikeB
	late.Title, late.Lead = "Port strike", "Dockers walked out at Valmora on Monday."
	probe := func(when time.Time) bool {
		idx := NewMemIndex()
		var id int64
		for _, d := range story {
			dec, err := c.Assign(context.Background(), idx, c.Weigh(c.Count(d), idx), idx)
			if err != nil {
				t.Fatal(err)
			}
			id = idx.Apply(dec)
		}
		d := at(late, when)
		v := c.Weigh(c.Count(d), idx)
		dec, err := c.Assign(context.Background(), idx, v, idx)
		if err != nil {
			t.Fatal(err)
		}
		return !dec.New && dec.Joined == id
	}
	if !probe(t0.Add(3 * time.Hour)) {
		t.Error("a report dated within the story's span was kept out by the cohesion floor")
	}
	if probe(t0.Add(40 * time.Hour)) {
		t.Skip("the later report also clears the floor: the texts do not exercise it")
	}
}
