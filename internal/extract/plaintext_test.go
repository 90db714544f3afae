package extract

import (
	"strings"
	"testing"
)

// cleanTexts are articles with nothing to drop: CleanText returns them as
// they are.
var cleanTexts = []struct{ title, text string }{
	{"Harbour bridge reopens", "The harbour bridge in Port Aldine reopened on Tuesday after three weeks of repairs.\n\nCommuters queued from dawn to be among the first to cross.\n\nMore soon."},
	{"Council approves library budget", "The city council voted 7-2 to fund the renovation, officials said on Monday.\n\nReaction\n\nResidents welcomed the vote. Critics said the cost was too high, and one councillor asked for the vote to be held again next month.\n\nThe work starts in May."},
	{"Storm warning", "Forecasters warned of gales along the coast on Friday.\nFerries to the islands were cancelled.\nThe warning runs until Sunday."},
	{"Talks resume", "VALMORA, March 3 (Wire) — Negotiators met again on Monday.\n\nBoth sides said the talks were useful. \"We will meet again,\" one envoy said.\n\nTags and labels on the goods were discussed as well, officials said."},
}

func TestCleanTextKeepsCleanArticles(t *testing.T) {
	e := New(Options{})
	for _, tt := range cleanTexts {
		if got := e.CleanText(tt.title, tt.text); got != tt.text {
			t.Errorf("CleanText(%q) changed a clean article:\n got %q\nwant %q", tt.title, got, tt.text)
		}
	}
}

func TestCleanTextDropsAnAggregatorsChrome(t *testing.T) {
	article := []string{
		"Harbour workers in Port Aldine walked out on Monday after talks over pay broke down late on Sunday, leaving ships waiting offshore.",
		"The union said the strike would last two days unless the port's operators improved their offer, which it called an insult to members who worked through the winter storms.",
		"Operators said they had offered more than the inflation rate and accused the union of refusing to negotiate. Shipping lines warned customers of delays of up to a week.",
		"The last strike at the port, in 2019, lasted five days and cost the regional economy an estimated forty million in lost trade.",
	}
	chrome := []string{
		"Hashtags",
		"Try Our AI Features",
		"Explore what Newsloop AI can do for you:",
		"Comments",
		"No comments yet...",
		"Related Articles",
		"Coast Herald",
		"35 minutes ago",
		"- Coast Herald",
		"Museum reopens its medieval gallery",
		"The municipal museum reopened its medieval gallery on Saturday after a two-year renovation funded by private donors, and curators restored tapestries and armour.",
	}
	text := strings.Join(append(append([]string{}, article...), chrome...), "\n")
	got := New(Options{}).CleanText("Harbour workers strike", text)
	if want := strings.Join(article, "\n"); got != want {
		t.Errorf("CleanText kept chrome or lost text:\n got %q\nwant %q", got, want)
	}
}

func FuzzCleanText(f *testing.F) {
	f.Add("Title", "Para one.\n\nComments\n\nNo comments yet")
	f.Add("", "a\nb\n\nc")
	e := New(Options{})
	f.Fuzz(func(t *testing.T, title, text string) {
		got := e.CleanText(title, text)
		if len(got) > len(text) {
			t.Fatalf("CleanText(%q, %q) = %q: longer than its input", title, text, got)
		}
		if strings.TrimSpace(text) != "" && strings.TrimSpace(got) == "" {
			t.Fatalf("CleanText(%q, %q) lost everything", title, text)
		}
	})
}
