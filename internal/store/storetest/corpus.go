package storetest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/storyline/storyline"
)

// commonWords are frequent English words, most frequent first: the head of
// the corpus vocabulary. Function words come first, then the words news
// reports use most.
const commonWords = `the of and to a in that is was he for it with as his on be at by
i this had not are but from or have an they which one you were her all she there would
their we him been has when who will more no if out so said what up its about into than
them can only other new some could time these two may then do first any my now such like
our over man me even most made after also did many before must through back years where
much your way well down should because each just those people how too little state good
very make world still own see men work long get here between both life being under never
day same another know while last might us great old year off come since against go came
right used take three government president minister police country city week officials
report public percent million company market police court party military security health
law group national told news according support program children war economic area local
home family school state forces plan since international water policy month election
economy months told billion told energy house case power money including prime foreign
region vote leader workers attack business deal agreement talks service system data
crisis prices trade spokesman statement federal council committee central development
force university study research control growth tax budget banks bank oil gas climate
emissions rain flood storm fire hospital patients doctors virus vaccine court judge trial
charges prison border migrants refugees troops ceasefire peace strike union wages jobs
inflation rates interest investors shares stocks index profit revenue quarter sales
technology internet phone software users online digital artificial intelligence chips
football match season team players coach championship league goal win victory defeat
film music festival artist museum book author award prize election campaign voters poll
candidate senate parliament congress opposition coalition reform protest demonstrators
capital province village town district mayor governor minister cabinet ministry
agency authority regulator investigation inquiry scandal corruption fraud arrest suspect
victims survivors rescue earthquake hurricane drought wildfire heat temperatures weather
farmers harvest food supply shortage exports imports tariffs sanctions summit treaty
nuclear missile weapons defence navy army soldiers officers commander general spokesperson
airport flight airline passengers train railway road bridge traffic accident crash ship
port cargo shipping fuel electricity grid solar wind coal carbon pollution environment
species forest ocean river coast island mountain valley desert science scientists space
launch satellite rocket mission planet moon researchers experiment discovery cancer drug
treatment disease outbreak cases deaths killed injured wounded dead missing families
residents community neighbourhood housing rent homes property construction building
schools students teachers education universities exams children parents youth elderly
pension benefits welfare spending cuts deficit debt loan bonds currency dollar euro
yuan yen pound exchange central rates recession recovery unemployment employment jobs
manufacturing factory plant industry sector retail consumers demand production output`

// corpusOutlets returns the corpus's sources, with their domains.
func corpusOutlets() [][2]string {
	return [][2]string{
		{"Daily Ledger", "dailyledger.example"}, {"Morning Wire", "morningwire.example"},
		{"City Courier", "citycourier.example"}, {"The Observer Post", "observerpost.example"},
		{"Harbour Times", "harbourtimes.example"}, {"Northern Star", "northernstar.example"},
		{"Evening Standard Bearer", "standardbearer.example"}, {"Valley Gazette", "valleygazette.example"},
		{"Global Dispatch", "globaldispatch.example"}, {"Metro Herald", "metroherald.example"},
		{"Coastal Chronicle", "coastalchronicle.example"}, {"Capital Report", "capitalreport.example"},
		{"The Sentinel", "sentinel.example"}, {"Market Watcher", "marketwatcher.example"},
		{"Science Today", "sciencetoday.example"}, {"Sport Desk", "sportdesk.example"},
		{"Regional Voice", "regionalvoice.example"}, {"Weekly Review", "weeklyreview.example"},
		{"Open Press", "openpress.example"}, {"Wire Service", "wireservice.example"},
	}
}

// CorpusOptions shapes a Corpus.
type CorpusOptions struct {
	Seed      uint64  // the same seed gives the same articles
	Words     int     // words of text per article; 0 means 380 (about 2.5 KB)
	Vocab     int     // distinct words; 0 means 40,000
	CopyRate  float64 // share of articles that repeat an earlier text at a new URL
	Exponent  float64 // Zipf exponent of word frequencies; 0 means 1.1
	StartTime time.Time
}

// Corpus generates synthetic news articles: English-like text whose word
// frequencies follow a Zipf distribution over a fixed vocabulary (real
// frequent words first, then made-up words), in sentences and paragraphs,
// from a handful of outlets. It is deterministic for a seed and not safe
// for concurrent use.
type Corpus struct {
	opts   CorpusOptions
	rng    *rand.Rand
	zipf   *rand.Zipf
	vocab  []string
	n      int
	recent []string // texts of recent articles, for copies
}

// NewCorpus returns a corpus generator.
func NewCorpus(opts CorpusOptions) *Corpus {
	if opts.Words <= 0 {
		opts.Words = 380
	}
	if opts.Vocab <= 0 {
		opts.Vocab = 40000
	}
	if opts.Exponent <= 1 {
		opts.Exponent = 1.1
	}
	if opts.StartTime.IsZero() {
		opts.StartTime = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	rng := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x5eed))
	c := &Corpus{opts: opts, rng: rng, vocab: vocabulary(opts.Vocab)}
	c.zipf = rand.NewZipf(rng, opts.Exponent, 2, uint64(len(c.vocab)-1))
	return c
}

// vocabulary returns n distinct words: the common words, then made-up
// words from syllables.
func vocabulary(n int) []string {
	seen := map[string]bool{}
	var words []string
	for _, w := range strings.Fields(commonWords) {
		if !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	onsets := strings.Fields("b c d f g h j k l m n p r s t v w z br cr dr fl gr pl pr st tr ch sh th")
	vowels := strings.Fields("a e i o u ai ea ou io")
	codas := []string{"", "", "n", "r", "s", "l", "t", "m", "nd", "st"}
	rng := rand.New(rand.NewPCG(1, 2))
	for len(words) < n {
		var b strings.Builder
		for range 2 + rng.IntN(3) {
			b.WriteString(onsets[rng.IntN(len(onsets))])
			b.WriteString(vowels[rng.IntN(len(vowels))])
		}
		b.WriteString(codas[rng.IntN(len(codas))])
		if w := b.String(); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	return words[:n]
}

// word returns a word drawn from the Zipf distribution, at least rank
// min.
func (c *Corpus) word(min int) string {
	for {
		if k := int(c.zipf.Uint64()); k >= min {
			return c.vocab[k]
		}
	}
}

// Article returns the next article. About CopyRate of them repeat the text
// of a recent article under a new URL and outlet.
func (c *Corpus) Article() *storyline.Article {
	c.n++
	outlets := corpusOutlets()
	outlet := outlets[c.rng.IntN(len(outlets))]
	var title strings.Builder
	for i := range 5 + c.rng.IntN(6) {
		w := c.word(40)
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			title.WriteByte(' ')
		}
		title.WriteString(w)
	}
	var text string
	if len(c.recent) > 0 && c.rng.Float64() < c.opts.CopyRate {
		text = c.recent[c.rng.IntN(len(c.recent))]
	} else {
		text = c.text()
		if len(c.recent) < 64 {
			c.recent = append(c.recent, text)
		} else {
			c.recent[c.rng.IntN(len(c.recent))] = text
		}
	}
	published := c.opts.StartTime.Add(time.Duration(c.n)*time.Minute + time.Duration(c.rng.IntN(60))*time.Second)
	return &storyline.Article{
		URL:         fmt.Sprintf("https://%s/news/%d", outlet[1], c.n),
		Source:      outlet[0],
		Title:       title.String(),
		Byline:      "By " + strings.ToUpper(c.word(60)[:1]) + ". " + c.word(60),
		SiteName:    outlet[0],
		Language:    "en",
		Published:   published,
		HTML:        "<p>" + strings.ReplaceAll(text, "\n\n", "</p>\n<p>") + "</p>",
		Text:        text,
		WordCount:   c.opts.Words,
		ContentHash: storyline.ContentHash(text),
	}
}

// text returns an article body: paragraphs of sentences.
func (c *Corpus) text() string {
	var b strings.Builder
	b.Grow(c.opts.Words * 7)
	words := 0
	for words < c.opts.Words {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		for s := range 3 + c.rng.IntN(4) {
			if words >= c.opts.Words {
				break
			}
			if s > 0 {
				b.WriteByte(' ')
			}
			n := min(6+c.rng.IntN(17), c.opts.Words-words)
			for i := range n {
				w := c.word(0)
				if i == 0 {
					w = strings.ToUpper(w[:1]) + w[1:]
				} else {
					b.WriteByte(' ')
				}
				b.WriteString(w)
				if i > 2 && i < n-2 && c.rng.IntN(12) == 0 {
					b.WriteByte(',')
				}
			}
			b.WriteByte('.')
			words += n
		}
	}
	return b.String()
}

// Query returns a search query of one to three words as people type
// them: drawn from the same distribution as the text, leaving out the
// very commonest function words ("the", "of") but not common content words
// ("government", "said").
func (c *Corpus) Query() string {
	n := 1
	switch r := c.rng.IntN(100); {
	case r >= 85:
		n = 3
	case r >= 50:
		n = 2
	}
	words := make([]string, n)
	for i := range words {
		words[i] = c.word(20)
	}
	return strings.Join(words, " ")
}

// CommonWord returns one of the most frequent content words: a query that
// matches most articles.
func (c *Corpus) CommonWord() string {
	return c.vocab[20+c.rng.IntN(60)]
}

// RareWord returns a word from the long tail of the vocabulary.
func (c *Corpus) RareWord() string {
	return c.vocab[len(c.vocab)/10+c.rng.IntN(len(c.vocab)/10)]
}

// Outlets returns the names of the corpus's outlets.
func (c *Corpus) Outlets() []string {
	outlets := corpusOutlets()
	names := make([]string, len(outlets))
	for i, o := range outlets {
		names[i] = o[0]
	}
	return names
}
