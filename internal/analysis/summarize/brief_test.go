package summarize

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// portStrike is an invented event told by three outlets in their own
// words, the facts overlapping as real coverage does, with the traps of
// real text: an opinion in a report's own voice, a reaction, sentences
// that lean on the one before.
var portStrike = []Report{
	{ID: 11, Source: "Coastal Wire", Input: Input{Lang: "en",
		Title: "Dock workers halt Port Arlen in pay dispute",
		Text: "Dock workers at Port Arlen walked off the job on Monday, halting cargo traffic at the country's second-largest harbour in a dispute over pay.\n\n" +
			"The strike was called by the Harbour Workers Union after talks with the port authority broke down late on Sunday.\n\n" +
			"About 1,200 workers joined the stoppage, according to the union.\n\n" +
			"Ships began queuing outside the harbour by midday, and two container lines said they would divert vessels to Northgate.\n\n" +
			"The port authority should have offered a better deal to the workers months ago.\n\n" +
			"A spokesperson for the port authority declined to comment on the walkout.\n\n" +
			"The port was last hit by a strike in 2019, when a walkout lasted nine days."}},
	{ID: 12, Source: "Harbor Daily", Input: Input{Lang: "en",
		Title: "Strike shuts Port Arlen as pay talks collapse",
		Text: "A strike by dock workers shut Port Arlen on Monday after pay talks between the union and the port authority collapsed.\n\n" +
			"But the union said it was ready to return to the table at any time.\n\n" +
			"The Harbour Workers Union wants a 9 percent raise over two years, while the authority has offered 4 percent.\n\n" +
			"Transport minister Lena Ostrova urged both sides to resume negotiations as quickly as possible.\n\n" +
			"It is unclear how long the stoppage will last."}},
	{ID: 13, Source: "Metro Times", Input: Input{Lang: "en",
		Title: "Port Arlen strike strands cargo",
		Text: "And even if the port reopened tomorrow, it would take days to clear the backlog of containers.\n\n" +
			"Dock workers at Port Arlen stopped work on Monday, halting cargo traffic in a dispute over pay.\n\n" +
			"Two container lines said they would divert ships to Northgate while the strike lasts.\n\n" +
			"Retailers warned that shelves could empty within a week if the walkout continues."}},
	{ID: 14, Source: "Hafenblatt", Input: Input{Lang: "de",
		Title: "Streik legt Hafen Arlen lahm",
		Text:  "Die Hafenarbeiter in Arlen haben am Montag die Arbeit niedergelegt. Der Frachtverkehr steht still."}},
}

// testWords returns the lower-cased words of s of four letters or more:
// an overlap measure of the test's own, independent of the brief's terms.
func testWords(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len([]rune(w)) >= 4 {
			set[w] = true
		}
	}
	return set
}

func TestBriefOfAStory(t *testing.T) {
	e := NewExtractive(Options{})
	brief := e.Brief(portStrike, "en")
	if len(brief) < 2 {
		t.Fatalf("brief = %v, want several sentences", brief)
	}
	var all []string
	words := 0
	for _, s := range brief {
		all = append(all, s.Text)
		words += len(strings.Fields(s.Text))
	}
	t.Logf("brief (%d words):\n%s", words, strings.Join(all, "\n"))
	if words > briefMaxWords || words < briefMinWords {
		t.Errorf("%d words, want %d to %d", words, briefMinWords, briefMaxWords)
	}
	lead := brief[0]
	if !strings.Contains(lead.Text, "Port Arlen") ||
		!(strings.Contains(lead.Text, "halt") || strings.Contains(lead.Text, "shut") || strings.Contains(lead.Text, "stopped")) {
		t.Errorf("the brief opens with %q, not the strike at Port Arlen", lead.Text)
	}
	if len(lead.ArticleIDs) < 2 {
		t.Errorf("the lead cites %v; all three outlets report it", lead.ArticleIDs)
	}
	reaction := -1
	for i, s := range brief {
		if len(s.ArticleIDs) == 0 {
			t.Errorf("sentence %q cites nothing", s.Text)
		}
		if slices.Contains(s.ArticleIDs, 14) {
			t.Errorf("sentence %q cites the German report", s.Text)
		}
		first := strings.ToLower(strings.FieldsFunc(s.Text, func(r rune) bool { return !unicode.IsLetter(r) })[0])
		if slices.Contains([]string{"and", "but", "he", "she", "they", "this", "these", "those"}, first) {
			t.Errorf("sentence %q opens by pointing back", s.Text)
		}
		if strings.Contains(s.Text, "declined to comment") {
			reaction = i
		}
		if strings.Contains(s.Text, "should have offered") && !strings.HasSuffix(s.Text, ", according to Coastal Wire.") {
			t.Errorf("the opinion %q is not attributed", s.Text)
		}
		for j := range i {
			a, b := testWords(s.Text), testWords(brief[j].Text)
			shared := 0
			for w := range a {
				if b[w] {
					shared++
				}
			}
			if n := min(len(a), len(b)); n > 0 && float64(shared)/float64(n) > 0.5 {
				t.Errorf("%q repeats %q", s.Text, brief[j].Text)
			}
		}
	}
	if reaction >= 0 {
		for _, s := range brief[reaction+1:] {
			if kindOf(foldedPadded(s.Text), "en") == briefNews && !strings.Contains(s.Text, "according to") {
				t.Errorf("news %q comes after the reaction", s.Text)
			}
		}
	}
}

func TestBriefStandAlone(t *testing.T) {
	tests := []struct {
		lang, in, want string
		ok             bool
	}{
		{"en", "He declined to say more.", "", false},
		{"en", "But the union said it was ready to talk.", "", false},
		{"en", "However, ships kept arriving at the harbour.", "Ships kept arriving at the harbour.", true},
		{"en", "And even if it did talk, it would only do so indirectly.", "", false},
		{"en", "This week the port reopened.", "This week the port reopened.", true},
		{"en", "It is unclear how long the strike will last.", "It is unclear how long the strike will last.", true},
		{"en", "It was the second strike this year.", "", false},
		{"de", "Aber die Gewerkschaft will weiter verhandeln.", "Die Gewerkschaft will weiter verhandeln.", true},
		{"de", "Er sagte, man sei gesprächsbereit.", "", false},
		{"de", "Das hat der Stadtrat am Donnerstag entschieden.", "", false},
		{"de", "Das Gericht hat am Donnerstag entschieden.", "Das Gericht hat am Donnerstag entschieden.", true},
		{"fr", "Mais le syndicat reste prêt à négocier.", "Le syndicat reste prêt à négocier.", true},
		{"es", "Él dijo que la huelga seguirá.", "", false},
	}
	for _, tt := range tests {
		got, ok := standAlone(tt.in, tt.lang)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("standAlone(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBriefAttribution(t *testing.T) {
	tests := []struct{ lang, in, source, want string }{
		{"en", "The deal should have come sooner.", "Coastal Wire", "The deal should have come sooner, according to Coastal Wire."},
		{"de", "Die Regierung müsse handeln.", "Hafenblatt", "Die Regierung müsse handeln, so Hafenblatt."},
		{"fr", "Le gouvernement devrait agir.", "Le Port", "Le gouvernement devrait agir, selon Le Port."},
		{"tr", "Hükümet harekete geçmeli.", "Liman", "Hükümet harekete geçmeli (Liman)."},
		{"en", "Is this the end of the strike?", "Wire", "Is this the end of the strike? (Wire)"},
		{"en", "No source here.", "", "No source here."},
	}
	for _, tt := range tests {
		if got := attribute(tt.in, tt.source, tt.lang); got != tt.want {
			t.Errorf("attribute(%q, %q) = %q, want %q", tt.in, tt.source, got, tt.want)
		}
	}
	for _, tt := range []struct {
		lang, s string
		claim   bool
	}{
		{"en", "The authority should have offered more.", true},
		{"en", "The authority offered 4 percent, the union said.", false},
		{"en", "Workers walked out on Monday.", false},
		{"de", "Die Regierung müsse jetzt handeln.", true},
	} {
		f := foldedPadded(tt.s)
		if got := isClaim(f, tt.lang) && !isAttributed(tt.s, f, tt.lang); got != tt.claim {
			t.Errorf("unattributed claim(%q) = %v, want %v", tt.s, got, tt.claim)
		}
	}
}

func TestBriefInGerman(t *testing.T) {
	reports := []Report{
		{ID: 1, Source: "Hafenblatt", Input: Input{Lang: "de", Title: "Streik legt den Hafen von Arlen lahm",
			Text: "Die Hafenarbeiter in Arlen haben am Montag die Arbeit niedergelegt und den Frachtverkehr gestoppt.\n\n" +
				"Die Gewerkschaft fordert neun Prozent mehr Lohn über zwei Jahre.\n\n" +
				"Die Hafenbehörde müsse endlich ein besseres Angebot vorlegen.\n\n" +
				"Ein Sprecher der Hafenbehörde lehnte eine Stellungnahme ab."}},
		{ID: 2, Source: "Nordkurier", Input: Input{Lang: "de", Title: "Hafen Arlen bestreikt",
			Text: "Im Hafen von Arlen haben die Hafenarbeiter am Montag die Arbeit niedergelegt, der Frachtverkehr ist gestoppt.\n\n" +
				"Aber die Gewerkschaft will weiter verhandeln.\n\n" +
				"Zwei Reedereien leiten ihre Schiffe nach Nordhafen um."}},
	}
	brief := NewExtractive(Options{}).Brief(reports, "de")
	if len(brief) == 0 {
		t.Fatal("no brief")
	}
	if !strings.Contains(brief[0].Text, "Arbeit niedergelegt") || len(brief[0].ArticleIDs) != 2 {
		t.Errorf("lead %q citing %v; want the strike, cited by both", brief[0].Text, brief[0].ArticleIDs)
	}
	for _, s := range brief {
		if strings.Contains(s.Text, "müsse") && !strings.HasSuffix(s.Text, ", so Hafenblatt.") {
			t.Errorf("claim %q not attributed", s.Text)
		}
		if strings.HasPrefix(s.Text, "Aber ") {
			t.Errorf("connective kept: %q", s.Text)
		}
	}
}

func TestBriefEmpty(t *testing.T) {
	e := NewExtractive(Options{})
	if b := e.Brief(nil, "en"); b != nil {
		t.Errorf("Brief(nil) = %v", b)
	}
	if b := e.Brief(portStrike[3:], "en"); b != nil {
		t.Errorf("a story with no report in its language: %v", b)
	}
	one := e.Brief([]Report{{ID: 5, Source: "Wire", Input: Input{Lang: "en", Title: "Ferry resumes",
		Text: "The ferry between Arlen and Northgate resumed service on Tuesday after a week of storms."}}}, "en")
	if len(one) != 1 || !slices.Equal(one[0].ArticleIDs, []int64{5}) {
		t.Errorf("one report: %v", one)
	}
}

func FuzzBrief(f *testing.F) {
	f.Add("en", "Workers walked out. But he said no. It is unclear why.", "Wire")
	f.Add("de", "Aber er sagte nein. Die Regierung müsse handeln.", "Blatt")
	f.Fuzz(func(t *testing.T, lang, body, source string) {
		e := NewExtractive(Options{})
		brief := e.Brief([]Report{{ID: 1, Source: source, Input: Input{Lang: lang, Text: body}},
			{ID: 2, Source: source, Input: Input{Lang: lang, Text: body + " " + body}}}, lang)
		words := 0
		for _, s := range brief {
			if len(s.ArticleIDs) == 0 || strings.TrimSpace(s.Text) == "" {
				t.Fatalf("sentence %q citing %v", s.Text, s.ArticleIDs)
			}
			words += len(strings.Fields(s.Text))
		}
		if words > briefMaxWords+len(strings.Fields(source))+4 {
			t.Fatalf("%d words", words)
		}
	})
}

func TestBriefAttributesClaims(t *testing.T) {
	brief := NewExtractive(Options{}).Brief([]Report{{ID: 7, Source: "Harbor Daily", Input: Input{Lang: "en",
		Title: "Pier", Text: "The city must rebuild the ferry pier at Arlen before the winter storms arrive."}}}, "en")
	want := "The city must rebuild the ferry pier at Arlen before the winter storms arrive, according to Harbor Daily."
	if len(brief) != 1 || brief[0].Text != want {
		t.Errorf("brief = %v, want %q", brief, want)
	}
}

func TestBriefOrder(t *testing.T) {
	mk := func(kind briefKind, rank, article int) *briefCandidate {
		return &briefCandidate{sentence: &sentence{rank: rank, article: article}, kind: kind}
	}
	lead := mk(briefNews, 3, 1)
	chosen := []*briefCandidate{lead, mk(briefBackground, 0, 0), mk(briefReaction, 1, 0), mk(briefNews, 2, 0), mk(briefNews, 1, 1)}
	orderBrief(chosen)
	var got []briefKind
	for _, c := range chosen {
		got = append(got, c.kind)
	}
	if chosen[0] != lead || !slices.Equal(got, []briefKind{briefNews, briefNews, briefNews, briefReaction, briefBackground}) ||
		chosen[1].rank != 1 || chosen[2].rank != 2 {
		t.Errorf("order: %v", got)
	}
}

// BenchmarkBrief measures the brief of a story of twelve reports of about
// 400 words each (the most a story update draws on).
func BenchmarkBrief(b *testing.B) {
	var reports []Report
	for i := range 12 {
		var body strings.Builder
		for j := range 20 {
			fmt.Fprintf(&body, "Report %d says dock workers at Port Arlen walked out on day %d over pay and conditions. ", i, j)
			fmt.Fprintf(&body, "Officials in the harbour town number %d met union leaders for talks lasting %d hours.\n\n", i*j, j+1)
		}
		reports = append(reports, Report{ID: int64(i + 1), Source: fmt.Sprintf("Outlet %d", i), Input: Input{Lang: "en",
			Title: fmt.Sprintf("Strike at Port Arlen, report %d", i), Text: body.String()}})
	}
	e := NewExtractive(Options{})
	b.ResetTimer()
	for range b.N {
		e.Brief(reports, "en")
	}
}

func TestBriefOfSentences(t *testing.T) {
	long := "Dock workers at Port Arlen walked off the job on Monday, halting cargo traffic at the country's second-largest harbour in a dispute over pay and rosters."
	more := "About 1,200 workers joined the stoppage, according to the Harbour Workers Union, which wants a raise of nine percent over two years."
	tests := []struct {
		in   []string
		want []string
		ok   bool
	}{
		{[]string{long, "However, two container lines will divert ships to Northgate while the strike lasts, and the union said talks could resume.", more},
			[]string{long, "Two container lines will divert ships to Northgate while the strike lasts, and the union said talks could resume.", more}, true},
		{[]string{long, "He declined to say when talks would resume, or whether the authority would raise its offer of four percent."}, nil, false},
		{[]string{long}, []string{long}, false}, // under 60 words
		{[]string{long, more, "Dock workers at Port Arlen walked off the job on Monday in a dispute over pay, halting cargo traffic at the harbour."}, nil, false}, // a fact twice
	}
	for _, tt := range tests {
		got, ok := NewExtractive(Options{}).BriefOfSentences(tt.in, "en")
		if ok != tt.ok || ok && !slices.Equal(got, tt.want) {
			t.Errorf("BriefOfSentences(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestBriefSentencesFromRealPages: what real pages put in front of and
// around a sentence does not reach a brief — a mixed-case dateline, a
// headline without a full stop, a sentence cut from a quotation that
// runs on.
func TestBriefSentencesFromRealPages(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Dekalb, Ill. — Mike Glass threw for three touchdowns.", "Mike Glass threw for three touchdowns."},
		{"(AP) — Michigan health authorities report a sixth death.", "Michigan health authorities report a sixth death."},
		{"Biden — the former vice president — spoke on Monday.", "Biden — the former vice president — spoke on Monday."},
		{"The vote — held on Monday — passed.", "The vote — held on Monday — passed."},
	} {
		if got := stripBriefDateline(tt.in); got != tt.want {
			t.Errorf("stripBriefDateline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"“Any final agreement needs to be made with her team.", false},
		{"“It is over,” she said.", true},
		{"„Es ist vorbei“, sagte sie.", true},
		{`He said "no.`, false},
		{"«C'est fini», a-t-elle dit.", true},
	} {
		if got := balancedQuotes(tt.s); got != tt.want {
			t.Errorf("balancedQuotes(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
	brief := NewExtractive(Options{}).Brief([]Report{{ID: 1, Source: "Wire", Input: Input{Lang: "en", Title: "Deals",
		Text: "Black Friday Is Next Week, But Several Deals Go Live Today\n\n" +
			"Dekalb, Ill. — Retailers across Illinois opened their doors early on Monday as shoppers queued for discounts on televisions and laptops.\n\n" +
			"“Any final agreement on prices needs to be made with the suppliers first.\n\n" +
			"Stores expect the busiest weekend of the season, with online orders rising by a fifth."}}}, "en")
	// The headline and the cut quotation fill a short brief only after
	// every whole sentence.
	fragments := false
	for _, s := range brief {
		fragment := strings.HasPrefix(s.Text, "Black Friday") || strings.HasPrefix(s.Text, "“")
		if !fragment && fragments || strings.HasPrefix(s.Text, "Dekalb") {
			t.Errorf("brief sentence %q out of place in %+v", s.Text, brief)
		}
		fragments = fragments || fragment
	}
	if len(brief) == 0 || !strings.HasPrefix(brief[0].Text, "Retailers across Illinois") {
		t.Errorf("brief = %+v; want it to open with the retailers, their dateline cut", brief)
	}
}

// TestBriefLeadsInOtherWords: two outlets' first sentences tell the main
// development in other words, sharing few of them; the brief states it
// once, citing both, while a later report's lead about a new development
// (a second day) stays.
func TestBriefLeadsInOtherWords(t *testing.T) {
	reports := []Report{
		{ID: 1, Source: "Valley Post", Input: Input{Lang: "en", Title: "Weir bursts above Tallow",
			Text: "The Morrow Weir above the Tallow valley burst early on Friday, sending a surge of water through two villages and forcing hundreds of residents to flee.\n\n" +
				"Mayor Ines Garrow said firefighters had rescued forty people from flooded houses in Tallow and Pennick.\n\n" +
				"Engineers had warned in April that the weir's sluice gates were failing."}},
		{ID: 2, Source: "County Herald", Input: Input{Lang: "en", Title: "Villages flooded after weir fails",
			Text: "Firefighters in boats searched flooded lanes in the Tallow valley on Friday after the Morrow Weir failed before dawn and water poured into Tallow and Pennick.\n\n" +
				"Mayor Ines Garrow told reporters that two people were still unaccounted for.\n\n" +
				"The regional railway closed its line through the valley."}},
		{ID: 3, Source: "Valley Post", Input: Input{Lang: "en", Title: "Tallow clean-up begins",
			Text: "Residents of Tallow began clearing mud from their homes on Sunday, two days after the flood, as the army brought in pumps and drinking water.\n\n" +
				"The county promised grants to families whose homes were damaged."}},
	}
	brief := NewExtractive(Options{}).Brief(reports, "en")
	leads := 0
	for _, s := range brief {
		if strings.Contains(s.Text, "Weir") && (strings.Contains(s.Text, "burst") || strings.Contains(s.Text, "failed")) {
			leads++
			if !slices.Contains(s.ArticleIDs, 1) || !slices.Contains(s.ArticleIDs, 2) {
				t.Errorf("the lead %q cites %v, want both first reports", s.Text, s.ArticleIDs)
			}
		}
	}
	if leads != 1 {
		t.Errorf("the weir's failure is told %d times:\n%v", leads, brief)
	}
	if !slices.ContainsFunc(brief, func(s BriefSentence) bool { return strings.Contains(s.Text, "clearing mud") }) {
		t.Errorf("the clean-up, a later development, is missing:\n%v", brief)
	}
}
