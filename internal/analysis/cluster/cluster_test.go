package cluster

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/storyline/storyline/internal/text"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// Two outlets' reports of one event, written independently, and an
// unrelated article.
var (
	strikeA = Document{
		Title: "Dock workers walk out at Port of Valmora, halting container traffic",
		Lead:  "Thousands of dock workers at the Port of Valmora went on strike on Monday, leaving container ships stranded offshore after wage talks with terminal operators collapsed.",
		Body: "The union said the walkout would last 48 hours unless operators improved their pay offer. " +
			"Shipping lines warned of delays across the region, and several freighters anchored outside the harbour. " +
			"Terminal operator Keystone Logistics called the strike irresponsible.",
	}
	strikeB = Document{
		Title: "Valmora port strike strands cargo ships as wage dispute escalates",
		Lead:  "Cargo ships queued outside Valmora on Monday as striking dockers shut the port's container terminals in a row over wages.",
		Body: "Union leaders said members rejected Keystone Logistics' latest pay offer as too little. " +
			"The stoppage, planned to last two days, could disrupt supply chains; freight companies advised customers to expect delays.",
	}
	museum = Document{
		Title: "City museum reopens its medieval gallery after renovation",
		Lead:  "The municipal museum reopened its medieval gallery on Saturday after a two-year renovation funded by private donors.",
		Body: "Curators restored tapestries and armour, and visitors can now see illuminated manuscripts under new lighting. " +
			"Admission remains free for children.",
	}
)

// at returns d dated t.
func at(d Document, t time.Time) Document {
	d.Time = t
	return d
}

// run assigns docs in order through a MemIndex whose story frequencies
// are the IDF, and returns each one's story (merges resolved) and the
// index.
func run(t testing.TB, opts Options, docs ...Document) ([]int64, *MemIndex) {
	t.Helper()
	c, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	idx := NewMemIndex()
	parent := map[int64]int64{}
	ids := make([]int64, len(docs))
	for i, d := range docs {
		dec, err := c.Assign(context.Background(), idx, c.Weigh(c.Count(d), idx), idx)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = idx.Apply(dec)
		for _, m := range dec.Merged {
			parent[m] = ids[i]
		}
	}
	for i, id := range ids {
		for parent[id] != 0 {
			id = parent[id]
		}
		ids[i] = id
	}
	return ids, idx
}

func TestSameEventTwoOutlets(t *testing.T) {
	ids, _ := run(t, Options{}, at(strikeA, t0), at(museum, t0.Add(time.Hour)), at(strikeB, t0.Add(2*time.Hour)))
	if ids[0] != ids[2] {
		t.Errorf("the two strike reports are in stories %d and %d", ids[0], ids[2])
	}
	if ids[1] == ids[0] {
		t.Errorf("the museum joined the strike story")
	}
}

func TestLateArticleFindsItsStory(t *testing.T) {
	// The strike's second report arrives after articles dated a week
	// later: stories never close, so it still finds its own.
	var later []Document
	for i := range 5 {
		later = append(later, at(museum, t0.Add(7*24*time.Hour+time.Duration(i)*time.Hour)))
	}
	docs := append([]Document{at(strikeA, t0)}, later...)
	docs = append(docs, at(strikeB, t0.Add(-20*time.Hour)))
	ids, idx := run(t, Options{}, docs...)
	if ids[0] != ids[len(ids)-1] {
		t.Fatalf("the late report started story %d instead of joining %d", ids[len(ids)-1], ids[0])
	}
	s, _ := idx.Story(ids[0])
	if !s.First.Equal(t0.Add(-20*time.Hour)) || !s.Last.Equal(t0) {
		t.Errorf("span %v to %v, want the two reports' dates", s.First, s.Last)
	}
}

func TestRecurringTopicIsManyStories(t *testing.T) {
	// The same words a month apart are another event.
	ids, _ := run(t, Options{}, at(strikeA, t0), at(strikeB, t0.Add(30*24*time.Hour)))
	if ids[0] == ids[1] {
		t.Error("reports a month apart share a story")
	}
}

func TestUndatedJoinsByContentAndKeepsTheSpan(t *testing.T) {
	ids, idx := run(t, Options{}, at(strikeA, t0), strikeB, at(museum, t0.Add(400*24*time.Hour)))
	if ids[0] != ids[1] {
		t.Fatalf("the undated report started story %d", ids[1])
	}
	s, _ := idx.Story(ids[0])
	if !s.First.Equal(t0) || !s.Last.Equal(t0) || s.Articles != 2 {
		t.Errorf("story %+v: the undated report moved its span or was not counted", s)
	}
	// An undated story takes a dated article of its event.
	ids, idx = run(t, Options{}, strikeB, at(strikeA, t0))
	if ids[0] != ids[1] {
		t.Fatalf("the dated report did not join the undated story")
	}
	if s, _ := idx.Story(ids[0]); !s.First.Equal(t0) {
		t.Errorf("span from %v, want the dated report's", s.First)
	}
}

func TestOrderDoesNotMatter(t *testing.T) {
	docs := []Document{at(strikeA, t0), at(museum, t0.Add(time.Hour)), at(strikeB, t0.Add(26*time.Hour))}
	orders := [][]int{{0, 1, 2}, {2, 1, 0}, {1, 2, 0}}
	for _, o := range orders {
		in := make([]Document, len(o))
		for i, k := range o {
			in[i] = docs[k]
		}
		ids, _ := run(t, Options{}, in...)
		byDoc := map[int]int64{}
		for i, k := range o {
			byDoc[k] = ids[i]
		}
		if byDoc[0] != byDoc[2] || byDoc[1] == byDoc[0] {
			t.Errorf("order %v: stories %v", o, byDoc)
		}
	}
}

func TestMergeGuards(t *testing.T) {
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	idfs := &idfCache{df: NewMemIndex(), memo: map[string]float64{}}
	terms := []Term{{Key: "valmora", Mass: 1}, {Key: "strike", Mass: 1}, {Key: EntityPrefix + "valmora", Mass: 0.5}}
	s := Story{ID: 1, Articles: 3, First: t0, Last: t0.Add(time.Hour), Terms: terms}
	near := Story{ID: 2, Articles: 2, First: t0.Add(2 * time.Hour), Last: t0.Add(3 * time.Hour), Terms: terms}
	if !c.mergeable(&s, &near, idfs) {
		t.Fatal("identical overlapping stories are not mergeable")
	}
	far := near
	far.First, far.Last = t0.Add(10*24*time.Hour), t0.Add(10*24*time.Hour)
	if c.mergeable(&s, &far, idfs) {
		t.Error("stories ten days apart merge")
	}
	other := near
	other.Terms = []Term{{Key: "valmora", Mass: 1}, {Key: "strike", Mass: 1}, {Key: EntityPrefix + "keystone", Mass: 0.5}}
	if c.mergeable(&s, &other, idfs) {
		t.Error("stories naming different entities merge")
	}
	wide := near
	wide.First, wide.Last = t0.Add(-5*24*time.Hour), t0.Add(3*24*time.Hour)
	if c.mergeable(&s, &wide, idfs) {
		t.Error("a merge wider than MaxMergeSpan is allowed")
	}
}

func TestAlikeEventsDaysApartStayApart(t *testing.T) {
	// Many small events of one small vocabulary, four days apart each:
	// continuous coverage would join them, a gap past the window keeps
	// them apart however alike their words are.
	var docs []Document
	for i := range 30 {
		d := Document{Title: fmt.Sprintf("League match report round %d", i),
			Lead:     "The team won the league match after a late goal.",
			Entities: []string{fmt.Sprintf("club-%d", i)}}
		docs = append(docs, at(d, t0.Add(time.Duration(i)*4*24*time.Hour)))
	}
	ids, idx := run(t, Options{}, docs...)
	largest := map[int64]int{}
	for _, id := range ids {
		largest[id]++
	}
	for id, n := range largest {
		if n > 2 {
			s, _ := idx.Story(id)
			t.Errorf("story %d took %d events, spanning %v", id, n, s.Last.Sub(s.First))
		}
	}
}

func TestCentroidIsBounded(t *testing.T) {
	var words []string
	for i := range 500 {
		words = append(words, fmt.Sprintf("word%d", i))
	}
	d := Document{Title: "story", Body: strings.Join(words, " ")}
	ids, idx := run(t, Options{CentroidTerms: 40, IndexTerms: 10}, at(d, t0), at(d, t0.Add(time.Minute)))
	s, _ := idx.Story(ids[0])
	if len(s.Terms) != 40 {
		t.Errorf("centroid of %d terms, want 40", len(s.Terms))
	}
	if n := len(idx.indexed[ids[0]]); n != 10 {
		t.Errorf("indexed under %d terms, want 10", n)
	}
}

func TestOddDocuments(t *testing.T) {
	ids, _ := run(t, Options{}, Document{}, Document{Title: "!!! ---"}, at(Document{Title: "a"}, t0))
	if len(ids) != 3 {
		t.Fatal(ids)
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	for _, o := range []Options{{Threshold: -1}, {Threshold: 2}, {Window: -time.Hour}, {CentroidTerms: -1}, {TimePenalty: 1.5}} {
		if _, err := New(o); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("New(%+v) = %v", o, err)
		}
	}
}

// failingIndex is an Index whose store fails.
type failingIndex struct{}

func (failingIndex) Candidates(context.Context, Query) ([]Story, error) {
	return nil, errors.New("store down")
}

func TestAssignReportsIndexErrors(t *testing.T) {
	c, _ := New(Options{})
	idx := NewMemIndex()
	if _, err := c.Assign(context.Background(), failingIndex{}, c.Weigh(c.Count(strikeA), idx), idx); err == nil {
		t.Error("no error from a failing index")
	}
}

// oddFreq is document frequencies that disagree with themselves, as
// counts read at different moments may.
type oddFreq struct{}

func (oddFreq) Docs() int          { return 2 }
func (oddFreq) Count(t string) int { return map[string]int{"dock": -1, "strike": 9}[t] }

func TestIDFOfOddCountsIsFinite(t *testing.T) {
	for _, k := range []string{"dock", "strike", "other"} {
		if v := idf(oddFreq{}, k); v < 1 || v > 3 {
			t.Errorf("idf(%q) = %v", k, v)
		}
	}
}

func TestLongTermsAreLeftOut(t *testing.T) {
	c, _ := New(Options{})
	long := strings.Repeat("x", MaxTermBytes+1)
	counts := c.Count(Document{Title: "harbour " + long, Entities: []string{long, "valmora"}})
	for _, k := range counts.Keys() {
		if len(k) > MaxTermBytes {
			t.Errorf("term of %d bytes kept", len(k))
		}
	}
	if len(counts.Keys()) != 2 {
		t.Errorf("terms %q, want harbour and the entity valmora", counts.Keys())
	}
}

func TestJoinsStopAtMaxSpan(t *testing.T) {
	// Continuous coverage, a report every two days: the story grows until
	// a report would widen it past MaxSpan, which starts a new one.
	var docs []Document
	for i := range 10 {
		docs = append(docs, at(strikeA, t0.Add(time.Duration(i)*48*time.Hour)))
	}
	ids, idx := run(t, Options{MaxSpan: 7 * 24 * time.Hour}, docs...)
	for _, id := range ids {
		if s, _ := idx.Story(id); s.Last.Sub(s.First) > 7*24*time.Hour {
			t.Errorf("story %d spans %v", id, s.Last.Sub(s.First))
		}
	}
	if ids[0] != ids[1] || ids[0] == ids[9] {
		t.Errorf("stories %v: want the first reports together and a later story", ids)
	}
	if _, err := New(Options{MaxSpan: 61 * 24 * time.Hour}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("MaxSpan past the index's reach accepted: %v", err)
	}
}

// TestCountDoesNotKeepTheText: no term of Count's result is a slice of
// the document's text, which would keep the whole text alive as long as
// a story's centroid holds the term (a stemmer returns words it leaves
// unchanged as they were given).
func TestCountDoesNotKeepTheText(t *testing.T) {
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Repeat("valmora dock strike harbour cargo ", 20)
	start := uintptr(unsafe.Pointer(unsafe.StringData(body)))
	end := start + uintptr(len(body))
	for _, d := range []Document{{Body: body}, {Body: body, Analyzer: text.NewAnalyzer("en").Scoped()}} {
		for _, tc := range c.Count(d).Terms {
			p := uintptr(unsafe.Pointer(unsafe.StringData(tc.Key)))
			if p >= start && p < end {
				t.Errorf("term %q is a slice of the text (analyzer %v)", tc.Key, d.Analyzer != nil)
			}
		}
	}
}
