package summarize

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/text"
)

// splitForTest returns the sentences of s.
func splitForTest(s string) []text.Sentence { return text.Sentences(s) }

// readFixture returns testdata/name.
func readFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// containsAny reports which of subs occur in any of sents.
func containsAny(sents []string, subs ...string) []string {
	var found []string
	for _, sub := range subs {
		for _, s := range sents {
			if strings.Contains(s, sub) {
				found = append(found, sub)
				break
			}
		}
	}
	return found
}

func TestArticleDropsJunkLead(t *testing.T) {
	e := NewExtractive(Options{})
	in := Input{Title: "Island ferry to stop running in June", Text: readFixture(t, "ferry.txt"), Lang: "en"}
	for _, n := range []int{3, 8} {
		got := e.Article(in, n)
		if len(got) != n {
			t.Fatalf("Article(n=%d) returned %d sentences: %q", n, len(got), got)
		}
		if junk := containsAny(got, "By Martha", "PUBLISHED", "UPDATED", "Follow @", "Scroll down", "Click here",
			"Getty", "Share this", "HARWICK (", "Coastline News", "What will happen"); len(junk) > 0 {
			t.Errorf("n=%d: summary carries junk %q:\n%s", n, junk, strings.Join(got, "\n"))
		}
		// The lead, without its dateline, opens the summary.
		if !strings.HasPrefix(got[0], "The island ferry between Harwick and Saltmere will stop running") {
			t.Errorf("n=%d: first sentence %q, want the lead without dateline", n, got[0])
		}
		// Document order.
		last := -1
		for _, s := range got {
			i := strings.Index(in.Text, s)
			if i < 0 {
				t.Errorf("sentence %q not in the text", s)
				continue
			}
			if i < last {
				t.Errorf("sentences out of document order: %q", got)
			}
			last = i
		}
	}
}

func TestArticleSkipsRepeatedHeadline(t *testing.T) {
	in := Input{
		Title: "Harbour budget approved after long debate",
		Text:  "Harbour budget approved after long debate\n\nThe council approved the new budget for the harbour on Tuesday evening.\n\nWork on the sea wall is expected to begin in the autumn and last two years.",
		Lang:  "en",
	}
	got := NewExtractive(Options{}).Article(in, 3)
	if len(got) != 2 || !strings.HasPrefix(got[0], "The council") {
		t.Errorf("Article = %q, want the two body sentences without the repeated headline", got)
	}
}

func TestArticleDefaultLengthAndShortTexts(t *testing.T) {
	e := NewExtractive(Options{})
	text := readFixture(t, "ferry.txt")
	if got := e.Article(Input{Text: text}, 0); len(got) != 3 {
		t.Errorf("n=0 gave %d sentences, want the default 3", len(got))
	}
	if got := NewExtractive(Options{Sentences: 2}).Article(Input{Text: text}, -1); len(got) != 2 {
		t.Errorf("configured default 2 gave %d sentences", len(got))
	}
	two := "The council approved the new budget for the harbour on Tuesday evening.\n\nWork on the sea wall is expected to begin in the autumn and last two years."
	got := e.Article(Input{Text: two, Lang: "en"}, 10)
	if len(got) != 2 || !strings.HasPrefix(got[0], "The council") || !strings.HasPrefix(got[1], "Work on") {
		t.Errorf("n larger than the text: got %q, want both sentences in order", got)
	}
	// Only short sentences: used when nothing better is there.
	short := "Storm warning issued. Schools closed."
	if got := e.Article(Input{Text: short, Lang: "en"}, 3); len(got) != 2 {
		t.Errorf("short sentences: got %q, want both", got)
	}
}

func TestEmptyInput(t *testing.T) {
	e := NewExtractive(Options{})
	for _, in := range []Input{{}, {Text: "   \n\n  "}, {Title: "Only a title"}, {Text: "By Jane Doe\n\nPUBLISHED: 10:00 GMT, 1 May 2024"}} {
		if got := e.Article(in, 3); len(got) != 0 {
			t.Errorf("Article(%q) = %q, want nothing", in.Text, got)
		}
	}
	if got := e.Story(nil, 3); len(got) != 0 {
		t.Errorf("Story(nil) = %q", got)
	}
	if got := e.Story([]Input{{}, {Text: " "}}, 3); len(got) != 0 {
		t.Errorf("Story(empty articles) = %q", got)
	}
}

func TestArticleFrench(t *testing.T) {
	text := `Par Claire Dubois

Publié le 12 mars 2024 à 09h14

PARIS (AFP) - Le gouvernement a annoncé mardi la fermeture de la ligne de ferry entre Harwick et l'île de Saltmere à la fin du mois de juin.

La compagnie invoque la hausse du prix du carburant et le vieillissement de ses deux navires, qui assurent la liaison depuis près de quatre-vingt-dix ans.

Environ mille deux cents habitants dépendent du bateau pour travailler, aller à l'école ou se rendre à l'hôpital.

« Sans ce bateau, nous sommes coupés du monde », a déclaré une boulangère de l'île.

Le conseil municipal tiendra une réunion publique jeudi soir sur l'île.`
	e := NewExtractive(Options{})
	for _, lang := range []string{"fr", ""} {
		got := e.Article(Input{Text: text, Lang: lang}, 3)
		if len(got) != 3 {
			t.Fatalf("lang %q: got %d sentences: %q", lang, len(got), got)
		}
		if junk := containsAny(got, "Par Claire", "Publié", "PARIS (AFP)"); len(junk) > 0 {
			t.Errorf("lang %q: junk %q in %q", lang, junk, got)
		}
		if !strings.HasPrefix(got[0], "Le gouvernement a annoncé mardi") {
			t.Errorf("lang %q: first sentence %q", lang, got[0])
		}
	}
}

// Three outlets report the same event; they share a wire sentence word for
// word and say the lead alike in their own words.
var storyReports = []Input{
	{Title: "Ferry to Saltmere to end in June", Lang: "en", Text: `The ferry linking Harwick with the island of Saltmere will stop running at the end of June, its operator said on Monday.

Northern Sound Ferries blamed fuel costs that have tripled since 2019 and two ageing ships.

About 1,200 islanders depend on the crossing for work, school and hospital visits.

The council leader said she had asked the transport minister for emergency funding.`},
	{Title: "Saltmere loses its ferry", Lang: "en", Text: `Saltmere's ferry service to the mainland port of Harwick will end in June, Northern Sound Ferries announced on Monday.

About 1,200 islanders depend on the crossing for work, school and hospital visits.

Islanders gathered outside the ferry office on Monday evening carrying placards reading "Save our lifeline".

A local baker said her business would close within weeks without deliveries.`},
	{Title: "Anger as island ferry is axed", Lang: "en", Text: `Northern Sound Ferries will stop its Harwick to Saltmere ferry at the end of June, the operator told staff on Monday.

About 1,200 islanders depend on the crossing for work, school and hospital visits.

The transport ministry said it was considering all options but would not say whether it would pay a subsidy.

A petition calling for the route to be taken into public ownership has gathered 4,000 signatures.`},
}

func TestStorySaysSharedContentOnce(t *testing.T) {
	e := NewExtractive(Options{})
	for _, n := range []int{3, 5, 8} {
		got := e.Story(storyReports, n)
		if len(got) != n {
			t.Fatalf("Story(n=%d) returned %d sentences: %q", n, len(got), got)
		}
		shared, leads := 0, 0
		for _, s := range got {
			if strings.Contains(s, "1,200 islanders") {
				shared++
			}
			if strings.Contains(s, "end of June") || strings.Contains(s, "will end in June") {
				leads++
			}
		}
		if shared != 1 {
			t.Errorf("n=%d: the sentence all three outlets carry appears %d times, want once:\n%s", n, shared, strings.Join(got, "\n"))
		}
		if n <= 5 && leads != 1 {
			t.Errorf("n=%d: the lead all three outlets paraphrase appears %d times, want once:\n%s", n, leads, strings.Join(got, "\n"))
		}
	}
	// The outlets' own reporting fills the rest.
	got := e.Story(storyReports, 5)
	if own := containsAny(got, "placards", "baker", "subsidy", "petition"); len(own) < 2 {
		t.Errorf("story summary has %q of the outlets' own reporting, want at least two:\n%s", own, strings.Join(got, "\n"))
	}
}

func TestStoryOrder(t *testing.T) {
	got := NewExtractive(Options{}).Story(storyReports, 4)
	pk, pi := 0, -1
	// pos returns where s is, in the first article from pk on that has
	// it (outlets share sentences).
	pos := func(s string) (int, int) {
		for k := pk; k < len(storyReports); k++ {
			if i := strings.Index(strings.Join(strings.Fields(storyReports[k].Text), " "), s); i >= 0 {
				return k, i
			}
		}
		t.Fatalf("sentence %q in no article", s)
		return 0, 0
	}
	for _, s := range got {
		k, i := pos(s)
		if k < pk || k == pk && i < pi {
			t.Errorf("story sentences not in article, then position order: %q", got)
		}
		pk, pi = k, i
	}
}

func TestSingleArticleStory(t *testing.T) {
	e := NewExtractive(Options{})
	in := Input{Text: readFixture(t, "ferry.txt"), Lang: "en"}
	got := e.Story([]Input{in}, 3)
	if len(got) != 3 || !strings.HasPrefix(got[0], "The island ferry") {
		t.Errorf("one-article story = %q", got)
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		s    string
		want verdict
	}{
		{"By Jane Doe and John Roe, Political Correspondents", junk},
		{"By . Daily Mail Reporter .", junk},
		{"By the late 2000s, the glacier had shrunk to about 275 square kilometres.", keep},
		{"PUBLISHED: 10:31 EST, 3 March 2015 | UPDATED: 12:02 EST, 3 March 2015", junk},
		{"Last updated at 14:05 GMT", junk},
		{"Tuesday 3 March 2015 10.31 GMT", junk},
		{"Follow @janedoe on Twitter for the latest news.", junk},
		{"Click here to read the full report from the commission.", junk},
		{"Photo: Jane Doe/Reuters", junk},
		{"The minister, pictured, left the building without speaking to reporters.", weak},
		{"A cheap photo printer was among the items stolen from the office.", keep},
		{"BREAKING NEWS FROM THE COURT", junk},
		{"The findings included the following:", weak},
		{"What would you do if your town lost its only bridge?", weak},
		{"Short one.", weak},
		{strings.Repeat("word ", 70) + "end.", weak},
		{"and then the crowd dispersed slowly into the side streets.", weak},
		{"The council approved the budget for the harbour on Tuesday.", keep},
		{"市议会周二批准了港口的预算，工程将于秋季开始。", keep},
	}
	for _, tt := range tests {
		words := len(strings.Fields(tt.s))
		if !strings.Contains(tt.s, " ") {
			words = utf8.RuneCountInString(tt.s) / 2 // unsegmented script: any count in range
		}
		if got := classify(tt.s, words, 6, 60); got != tt.want {
			t.Errorf("classify(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func TestStripDateline(t *testing.T) {
	tests := map[string]string{
		"(CNN)They may not be aliens, a scientist says.":              "They may not be aliens, a scientist says.",
		"LONDON (Reuters) - Prices rose.":                             "Prices rose.",
		"LONDON, England (CNN) -- Prices rose.":                       "Prices rose.",
		"NEW YORK — The mayor spoke.":                                 "The mayor spoke.",
		"WINSTON-SALEM, N.C. (AP) — The mayor spoke.":                 "The mayor spoke.",
		"US President Joe Biden said on Monday.":                      "US President Joe Biden said on Monday.",
		"NASA (the space agency) said so.":                            "NASA (the space agency) said so.",
		"The mayor - who was re-elected - spoke.":                     "The mayor - who was re-elected - spoke.",
		"UK - based firms grew.":                                      "UK - based firms grew.",
		"(Reuters)":                                                   "",
		"BBC":                                                         "BBC",
		"I - for one - disagree.":                                     "I - for one - disagree.",
		"PARIS (AFP) - Le gouvernement a annoncé mardi la fermeture.": "Le gouvernement a annoncé mardi la fermeture.",
	}
	for in, want := range tests {
		if got := stripDateline(in); got != want {
			t.Errorf("stripDateline(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCleanSentences(t *testing.T) {
	text := "Share this withEmailFacebookMessengerTwitterCopy\n\nthis linkResearchers found that four in five children tried new food.\n\nThe country is due to repay the loan on Thursday\n\nbut there were concerns it would default.\n\nMedia playback is not supported on this deviceThe striker scored twice.\n\nAdvertisement campaigns were cut."
	got, _ := cleanSentences(splitForTest(text))
	want := []string{
		"Researchers found that four in five children tried new food.",
		"The country is due to repay the loan on Thursday but there were concerns it would default.",
		"The striker scored twice.",
		"Advertisement campaigns were cut.",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("cleanSentences =\n%q\nwant\n%q", got, want)
	}
}

func BenchmarkArticle(b *testing.B) {
	e := NewExtractive(Options{})
	in := Input{Title: "Island ferry to stop running in June", Text: readFixture(b, "ferry.txt"), Lang: "en"}
	e.Article(in, 3) // warm the analyzer cache
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		e.Article(in, 3)
	}
}

func BenchmarkArticleDetectLanguage(b *testing.B) {
	e := NewExtractive(Options{})
	in := Input{Text: readFixture(b, "ferry.txt")}
	b.ReportAllocs()
	for b.Loop() {
		e.Article(in, 3)
	}
}

func BenchmarkStory(b *testing.B) {
	e := NewExtractive(Options{})
	in := Input{Text: readFixture(b, "ferry.txt"), Lang: "en"}
	arts := []Input{in, storyReports[0], storyReports[1], storyReports[2], in}
	b.ReportAllocs()
	for b.Loop() {
		e.Story(arts, 5)
	}
}

func FuzzArticle(f *testing.F) {
	f.Add("By Jane Doe\n\nLONDON (Reuters) - Prices rose. Mr. Smith left.\n\nbut then\n\nShare this withCopy this linkThe end.", "")
	f.Add("(CNN)", "en")
	f.Add("Ⱥ Share this with ȺȺ copy this link", "fr")
	f.Add("SCROLL DOWN FOR VIDEO\n\n\"Quote? \"", "xx")
	f.Fuzz(func(t *testing.T, s, lang string) {
		e := NewExtractive(Options{})
		for _, got := range [][]string{e.Article(Input{Text: s, Lang: lang}, 3), e.Story([]Input{{Text: s, Lang: lang}, {Title: s, Text: s}}, 4)} {
			if len(got) > 4 {
				t.Fatalf("too many sentences: %d", len(got))
			}
			for _, sen := range got {
				if strings.TrimSpace(sen) == "" {
					t.Fatalf("empty sentence in %q", got)
				}
			}
		}
		for _, sen := range splitForTest(s) {
			c := stripFurniturePrefix(stripDateline(sen.Text))
			classify(c, len(strings.Fields(c)), 6, 60)
		}
	})
}
