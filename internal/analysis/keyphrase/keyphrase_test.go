package keyphrase

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/storyline/storyline/internal/text"
)

// background are short articles on other subjects, the collection the
// fixtures' document frequencies come from.
var background = []string{
	"The city council voted on Monday to close the old swimming pool for repairs. The mayor said the work would take most of the summer and cost about two million euros.",
	"Heavy rain flooded roads in the north of the country on Tuesday, and the weather service warned of more storms. Several villages were cut off for hours.",
	"The home side won the cup final 2-1 after a late goal from their captain, who said the team had never stopped believing. The coach praised the fans.",
	"Shares in the carmaker fell sharply after it cut its forecast for the year, blaming weak demand in China and the cost of new battery plants.",
	"A new smartphone went on sale on Friday with a larger screen and a faster chip. Reviewers said the battery life had improved, but the price was high.",
	"Teachers in the capital went on strike for better pay, closing hundreds of schools. The union said talks with the ministry had made no progress in months.",
	"The museum reopened its renovated wing with an exhibition of paintings lent by collectors from around the world. Visitors queued for hours in the rain.",
	"Police arrested two men after a robbery at a jewellery shop in the city centre. Officers said nobody was hurt and most of the stolen rings were recovered.",
}

// collection returns document frequencies over the background articles
// and the given documents.
func collection(t testing.TB, docs ...string) *text.DocFreq {
	t.Helper()
	a := text.NewAnalyzer("en")
	df := text.NewDocFreq()
	for _, d := range append(slices.Clone(background), docs...) {
		df.Add(a.Terms(d))
	}
	return df
}

// talks returns the title and the body of the fixture article.
func talks(t testing.TB) (string, string) {
	t.Helper()
	b, err := os.ReadFile("testdata/talks.txt")
	if err != nil {
		t.Fatal(err)
	}
	title, body, _ := strings.Cut(string(b), "\n")
	return title, strings.TrimSpace(body)
}

// hashtags returns the hashtags of ps.
func hashtags(ps []Phrase) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Hashtag
	}
	return out
}

// checkPhrases checks what holds for every result: at most n phrases,
// best first, hashtags made from the text, no stop word and no stem twice.
func checkPhrases(t *testing.T, ps []Phrase, lang string, n int) {
	t.Helper()
	if len(ps) > n {
		t.Errorf("%d phrases, asked for %d", len(ps), n)
	}
	a := text.NewAnalyzer(lang)
	stems := map[string]string{}
	for i, p := range ps {
		if p.Text == "" || p.Hashtag == "" || p.Hashtag != Hashtag(p.Text) {
			t.Errorf("phrase %d: %+v", i, p)
		}
		if i > 0 && p.Score > ps[i-1].Score {
			t.Errorf("phrase %d %q scores %v above %q's %v", i, p.Text, p.Score, ps[i-1].Text, ps[i-1].Score)
		}
		for _, w := range text.Words(p.Text) {
			f := text.Fold(w.Text)
			if a.IsStop(f) {
				t.Errorf("phrase %q holds the stop word %q", p.Text, w.Text)
			}
			s := a.Stem(f)
			if prev, ok := stems[s]; ok && prev != p.Text {
				t.Errorf("phrases %q and %q share the stem %q", prev, p.Text, s)
			}
			stems[s] = p.Text
		}
	}
}

func TestExtractEvent(t *testing.T) {
	title, body := talks(t)
	ps := New(Options{}).Extract(title, body, "en", collection(t, body), 12)
	checkPhrases(t, ps, "en", 12)
	tags := hashtags(ps)
	t.Logf("%v", tags)
	top := tags[:min(10, len(tags))]
	for _, want := range []string{"#Iran", "#Geneva"} {
		if !slices.Contains(top, want) {
			t.Errorf("top 10 %v lacks %s", top, want)
		}
	}
	topic := 0
	for _, tag := range []string{"#Talks", "#NuclearTalks", "#Enrichment", "#Uranium", "#Nuclear", "#Sanctions", "#Deal"} {
		if slices.Contains(top, tag) {
			topic++
		}
	}
	if topic < 3 {
		t.Errorf("top 10 %v names the topic (talks, enrichment, uranium, sanctions) %d times, want 3 or more", top, topic)
	}
	if !slices.Contains(tags, "#Delavar") && !slices.Contains(tags, "#Holm") && !slices.Contains(tags, "#KamranDelavar") && !slices.Contains(tags, "#MargitHolm") {
		t.Errorf("top 12 %v names neither negotiator", tags)
	}
	for _, junk := range []string{"#Said", "#Tuesday", "#Percent", "#Storyline"} {
		if slices.Contains(top, junk) {
			t.Errorf("top 10 %v holds %s", top, junk)
		}
	}
}

func TestExtractWithoutCollection(t *testing.T) {
	title, body := talks(t)
	for _, df := range []*text.DocFreq{nil, text.NewDocFreq()} {
		ps := New(Options{}).Extract(title, body, "en", df, 10)
		checkPhrases(t, ps, "en", 10)
		if tags := hashtags(ps); !slices.Contains(tags, "#Iran") || len(tags) != 10 {
			t.Errorf("without document frequencies: %v", tags)
		}
	}
}

func TestNamesStayWhole(t *testing.T) {
	body := `Flights to Buenos Aires were cancelled on Sunday after ash from a volcano drifted
over Argentina. Airports in Buenos Aires and Montevideo stayed closed. Airline Sol Naciente said
its planes would not fly until the ash cleared. Buenos Aires officials expect the cloud to move
east. The volcano has erupted three times since June, and ash fell on farms near Bariloche.`
	ps := New(Options{}).Extract("Volcanic ash shuts Buenos Aires airports", body, "en", collection(t, body), 10)
	checkPhrases(t, ps, "en", 10)
	tags := hashtags(ps)
	if !slices.Contains(tags, "#BuenosAires") {
		t.Errorf("%v lacks #BuenosAires", tags)
	}
	for _, part := range []string{"#Buenos", "#Aires"} {
		if slices.Contains(tags, part) {
			t.Errorf("%v splits the name: %s", tags, part)
		}
	}
}

func TestDisplayForms(t *testing.T) {
	body := `TOKYO (Wire) - Talks between the unions and the railway company failed again. The talks in
Tokyo lasted six hours. Tokyo commuters face a strike on Friday. Union leaders said the talks would go on.
Grammy-winning singer Ana Ruiz, who lives in Tokyo, cancelled a concert because of the strike.`
	ps := New(Options{}).Extract("Rail Talks Fail in Tokyo", body, "en", nil, 10)
	checkPhrases(t, ps, "en", 10)
	texts := map[string]bool{}
	for _, p := range ps {
		texts[p.Text] = true
	}
	for _, want := range []string{"talks", "Tokyo"} {
		if !texts[want] {
			t.Errorf("phrases %v lack %q", ps, want)
		}
	}
	for _, bad := range []string{"Talks", "TOKYO"} {
		if texts[bad] {
			t.Errorf("phrases %v show %q", ps, bad)
		}
	}
}

func TestStopWordsNeverPhrases(t *testing.T) {
	e := New(Options{})
	for _, s := range []string{
		"The and of it is was. Were they there? It is what it is, and that was that.",
		"He said she said; they say we would have, could have, should have.",
		"2011 1,000 3.5 42 -- !!! ... ??? 10:30 $5",
	} {
		if ps := e.Extract("", s, "en", nil, 10); len(ps) != 0 {
			t.Errorf("Extract(%q) = %v, want nothing", s, ps)
		}
	}
	title, body := talks(t)
	checkPhrases(t, e.Extract(title, body, "en", nil, 50), "en", 50)
}

func TestDuplicatesByStemMerged(t *testing.T) {
	body := `Talks on the border resumed. The talks were tense; both sides talked for hours and the
negotiators will talk again. Border talks of this kind are rare. Talking is better than fighting,
said the mediator, who has led talks before. The border was closed.`
	ps := New(Options{}).Extract("Border talks resume", body, "en", nil, 10)
	checkPhrases(t, ps, "en", 10)
	n := 0
	for _, p := range ps {
		if strings.Contains(strings.ToLower(p.Text), "talk") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d phrases about talks in %v, want 1", n, ps)
	}
}

func TestNonEnglish(t *testing.T) {
	tests := []struct {
		lang, title, body string
		want              []string
	}{
		{"fr", "Les négociations sur le nucléaire iranien reprennent à Genève",
			`Les négociateurs de l'Iran et des grandes puissances se sont retrouvés mardi à Genève pour
reprendre les négociations sur le programme nucléaire iranien. Le ministre iranien des affaires
étrangères a déclaré que l'Iran ne renoncerait pas à l'enrichissement de l'uranium. Les négociations
de Genève doivent durer deux jours. Les puissances veulent limiter l'enrichissement et les stocks
d'uranium de l'Iran.`,
			[]string{"#Iran", "#Genève"}},
		{"de", "Atomgespräche mit dem Iran in Genf fortgesetzt",
			`Die Unterhändler des Iran und der Weltmächte haben am Dienstag in Genf die Atomgespräche
fortgesetzt. Der iranische Außenminister sagte, der Iran werde auf die Anreicherung von Uran nicht
verzichten. Die Gespräche in Genf sollen zwei Tage dauern. Die Weltmächte wollen die Anreicherung
begrenzen und die Vorräte an Uran des Iran verringern.`,
			[]string{"#Iran", "#Genf"}},
		{"ru", "Переговоры по ядерной программе Ирана возобновились в Женеве",
			`Переговоры Ирана и мировых держав возобновились во вторник в Женеве. Министр иностранных
дел Ирана заявил, что Иран не откажется от обогащения урана. Переговоры в Женеве продлятся два дня.`,
			[]string{"#Ирана"}},
	}
	e := New(Options{})
	for _, tt := range tests {
		ps := e.Extract(tt.title, tt.body, tt.lang, nil, 8)
		checkPhrases(t, ps, tt.lang, 8)
		tags := hashtags(ps)
		for _, w := range tt.want {
			if !slices.Contains(tags, w) {
				t.Errorf("%s: %v lacks %s", tt.lang, tags, w)
			}
		}
		if tt.lang == "fr" || tt.lang == "de" {
			// Detected when not given.
			if got := hashtags(e.Extract(tt.title, tt.body, "", nil, 8)); !slices.Equal(got, tags) {
				t.Errorf("%s detected: %v, given: %v", tt.lang, got, tags)
			}
		}
	}
}

func TestEmpty(t *testing.T) {
	e := New(Options{})
	for _, in := range [][2]string{{"", ""}, {" \n\n\t", "\r\n"}, {"", "..."}, {"a", "I"}} {
		if ps := e.Extract(in[0], in[1], "en", nil, 10); len(ps) != 0 {
			t.Errorf("Extract(%q, %q) = %v", in[0], in[1], ps)
		}
		if ps := e.Extract(in[0], in[1], "", text.NewDocFreq(), 10); len(ps) != 0 {
			t.Errorf("Extract(%q, %q) without language = %v", in[0], in[1], ps)
		}
	}
	title, body := talks(t)
	for _, n := range []int{0, -1} {
		if ps := e.Extract(title, body, "en", nil, n); ps != nil {
			t.Errorf("n=%d: %v", n, ps)
		}
	}
	if ps := e.Extract("Geneva", "", "en", nil, 10); len(ps) != 1 || ps[0].Hashtag != "#Geneva" {
		t.Errorf("title only: %v", ps)
	}
}

func TestMaxWords(t *testing.T) {
	body := "The International Atomic Energy Agency Board of Governors met. The International Atomic Energy Agency Board of Governors agreed."
	for _, max := range []int{1, 2, 4, 10} {
		for _, p := range New(Options{MaxWords: max}).Extract("", body, "en", nil, 10) {
			if n := len(strings.Fields(p.Text)); n > min(max, maxKey) {
				t.Errorf("MaxWords %d: %q has %d words", max, p.Text, n)
			}
		}
	}
}

func TestConcurrentExtract(t *testing.T) {
	title, body := talks(t)
	df := collection(t, body)
	e := New(Options{})
	want := fmt.Sprint(e.Extract(title, body, "en", df, 10))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lang := []string{"en", "fr", "", "de"}[i%4]
			got := e.Extract(title, body, lang, df, 10)
			if lang == "en" && fmt.Sprint(got) != want {
				t.Errorf("concurrent result differs: %v", got)
			}
		}()
	}
	wg.Wait()
}

func TestCandidates(t *testing.T) {
	cs := New(Options{}).Candidates("Iran talks resume", "Negotiators from Iran met in Geneva. The Geneva talks on uranium enrichment resume.", "en")
	var whole []string
	for i, c := range cs {
		if len(c.Stems) == 0 || c.Count < 1 || c.Text == "" {
			t.Errorf("candidate %d: %+v", i, c)
		}
		if c.Whole {
			whole = append(whole, c.Text)
		}
	}
	// Without a tagger, verbs stay in phrases ("Iran met"); scoring and
	// the one-phrase-per-stem rule keep them out of the top.
	want := []string{"Iran talks resume", "Negotiators", "Iran met", "Geneva", "Geneva talks", "uranium enrichment resume"}
	if !slices.Equal(whole, want) {
		t.Errorf("whole candidates %q, want %q", whole, want)
	}
	if cs[1].Text != "Iran" || !cs[1].InTitle || cs[1].Count != 2 || cs[1].Whole {
		t.Errorf("second candidate %+v", cs[1])
	}
}
