package storyline

import "testing"

func TestHiddenBy(t *testing.T) {
	story := &Story{Title: "Art fair opens in Lisbon", Summary: "Galleries from 30 countries show work.",
		Outlets: []string{"Daily Wire", "Lisbon Post"}}
	tests := []struct {
		name  string
		mutes []*Mute
		want  int // index of the hiding mute, -1 none
	}{
		{"none", nil, -1},
		{"word in title", []*Mute{{Kind: MuteWord, Value: "ART"}}, 0},
		{"word in summary", []*Mute{{Kind: MuteWord, Value: "galleries"}}, 0},
		{"phrase", []*Mute{{Kind: MuteWord, Value: "fair opens"}}, 0},
		{"part of a word", []*Mute{{Kind: MuteWord, Value: "par"}, {Kind: MuteWord, Value: "lis"}}, -1},
		{"one outlet of two", []*Mute{{Kind: MuteOutlet, Value: "daily wire"}}, -1},
		{"every outlet", []*Mute{{Kind: MuteOutlet, Value: "Lisbon Post"}, {Kind: MuteOutlet, Value: "Daily Wire"}}, 1},
		{"blank word", []*Mute{{Kind: MuteWord, Value: "  "}}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := HiddenBy(story, tt.mutes)
			var want *Mute
			if tt.want >= 0 {
				want = tt.mutes[tt.want]
			}
			if got != want {
				t.Errorf("HiddenBy = %+v, want %+v", got, want)
			}
		})
	}
	if HiddenBy(&Story{Title: "Über Café"}, []*Mute{{Kind: MuteWord, Value: "café"}}) == nil {
		t.Error("a muted word with accents was not found")
	}
}

func TestFollows(t *testing.T) {
	story := &Story{Outlets: []string{"Lisbon Post"},
		Keyphrases: []Keyphrase{{Text: "art fair", Hashtag: "#ArtFair"}},
		Entities:   []Entity{{Name: "Lisbon", Kind: EntityPlace}}}
	tests := []struct {
		f    Follow
		want bool
	}{
		{Follow{Kind: FollowHashtag, Value: "artfair"}, true},
		{Follow{Kind: FollowHashtag, Value: "#ArtFair"}, true},
		{Follow{Kind: FollowHashtag, Value: "Art"}, false},
		{Follow{Kind: FollowEntity, Value: "lisbon"}, true},
		{Follow{Kind: FollowEntity, Value: "Lisbon", EntityKind: EntityPerson}, false},
		{Follow{Kind: FollowOutlet, Value: "LISBON POST"}, true},
		{Follow{Kind: FollowSearch, Value: "Lisbon"}, false},
	}
	for _, tt := range tests {
		if got := tt.f.Follows(story); got != tt.want {
			t.Errorf("%+v.Follows = %v, want %v", tt.f, got, tt.want)
		}
	}
}
