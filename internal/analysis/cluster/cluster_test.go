package cluster

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// Two outlets' reports of one event, written independently, and an
// unrelated article.
var (
	strikeA = Document{
		ID:    1,
		Title: "Dock workers walk out at Port of Valmora, halting container traffic",
		Lead:  "Thousands of dock workers at the Port of Valmora went on strike on Monday, leaving container ships stranded offshore after wage talks with terminal operators collapsed.",
		Body: "The union said the walkout would last 48 hours unless operators improved their pay offer. " +
			"Shipping lines warned of delays across the region, and several freighters anchored outside the harbour. " +
			"Terminal operator Keystone Logistics called the strike irresponsible.",
	}
	strikeB = Document{
		ID:    2,
		Title: "Valmora port strike strands cargo ships as wage dispute escalates",
		Lead:  "Cargo ships queued outside Valmora on Monday as striking dockers shut the port's container terminals in a row over wages.",
		Body: "Union leaders said members rejected Keystone Logistics' latest pay offer as too little. " +
			"The stoppage, planned to last two days, could disrupt supply chains; freight companies advised customers to expect delays.",
	}
	museum = Document{
		ID:    3,
		Title: "City museum reopens its medieval gallery after renovation",
		Lead:  "The municipal museum reopened its medieval gallery on Saturday after a two-year renovation funded by private donors.",
		Body: "Curators restored tapestries and armour, and visitors can now see illuminated manuscripts under new lighting. " +
			"Admission remains free for children.",
	}
)

// at returns d published at time t.
func at(d Document, t time.Time) Document {
	d.Time = t
	return d
}

// newTest returns a clusterer with opts or fails the test.
func newTest(t testing.TB, opts Options) *Clusterer {
	t.Helper()
	c, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func TestSameEventTwoOutlets(t *testing.T) {
	c := newTest(t, Options{})
	a := c.Add(at(strikeA, t0))
	b := c.Add(at(strikeB, t0.Add(2*time.Hour)))
	m := c.Add(at(museum, t0.Add(3*time.Hour)))
	if !a.New || a.Story != 1 {
		t.Errorf("first report: %+v, want new story 1", a)
	}
	if b.New || b.Story != a.Story {
		t.Errorf("second outlet's report: %+v, want story %d", b, a.Story)
	}
	if !m.New || m.Story == a.Story {
		t.Errorf("unrelated article: %+v, want a story of its own", m)
	}
	if b.Similarity < c.Options().Threshold || b.Document != 2 {
		t.Errorf("assignment %+v: similarity below the threshold or wrong document", b)
	}
	s, ok := c.Story(a.Story)
	if !ok || s.Articles != 2 || !s.First.Equal(t0) || !s.Last.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("story snapshot %+v, %v", s, ok)
	}
	if len(s.Terms) == 0 || !strings.Contains(s.Terms[0].Key+s.Terms[1].Key+s.Terms[2].Key, "valmora") {
		t.Errorf("the story's top terms miss the place: %+v", s.Terms[:min(5, len(s.Terms))])
	}
}

func TestEntitiesCount(t *testing.T) {
	// Two short texts that share little wording but name the same people
	// and place: apart on words alone, together with entities.
	x := Document{Title: "Talks resume after weekend of silence", Entities: []string{"person:amara okoye", "org:northern alliance", "place:tessaly"}}
	y := Document{Title: "Okoye returns to negotiating table", Entities: []string{"person:amara okoye", "org:northern alliance", "place:tessaly"}}
	for _, withEntities := range []bool{false, true} {
		c := newTest(t, Options{})
		dx, dy := at(x, t0), at(y, t0.Add(time.Hour))
		if !withEntities {
			dx.Entities, dy.Entities = nil, nil
		}
		ax, ay := c.Add(dx), c.Add(dy)
		if same := ax.Story == ay.Story; same != withEntities {
			t.Errorf("with entities %v: same story %v (similarity %.3f)", withEntities, same, ay.Similarity)
		}
	}
}

func TestQuietWindowClosesStory(t *testing.T) {
	c := newTest(t, Options{QuietWindow: 72 * time.Hour})
	a := c.Add(at(strikeA, t0))
	// Coverage continuing within the window keeps the story open, and
	// the window runs from the latest article.
	b := c.Add(at(strikeB, t0.Add(71*time.Hour)))
	if b.Story != a.Story || len(b.Closed) != 0 {
		t.Fatalf("article 71 h later: %+v, want story %d", b, a.Story)
	}
	late := strikeA
	late.ID = 4
	d := c.Add(at(late, t0.Add(71*time.Hour+73*time.Hour)))
	if d.Story == a.Story || !d.New {
		t.Errorf("article 73 h after the last: %+v, want a new story", d)
	}
	if !slices.Equal(d.Closed, []int64{a.Story}) {
		t.Errorf("Closed = %v, want [%d]", d.Closed, a.Story)
	}
	if _, ok := c.Story(a.Story); ok {
		t.Errorf("closed story %d still in memory", a.Story)
	}
	if st := c.Stats(); st.Stories != 1 {
		t.Errorf("open stories = %d, want 1", st.Stories)
	}
	// A document without a time belongs to the latest time seen.
	e := c.Add(Document{ID: 5, Title: strikeB.Title})
	if e.Story != d.Story {
		t.Errorf("undated article: %+v, want story %d", e, d.Story)
	}
}

// Reports of an earthquake and of a tsunami warning start as two
// stories; reports that tie them together make them one.
var (
	quake = []string{
		"Strong earthquake shakes Port Elin, buildings damaged",
		"Magnitude 7.1 earthquake strikes off Port Elin coast, residents flee buildings",
		"Port Elin earthquake damages harbour buildings and roads",
	}
	tsunami = []string{
		"Tsunami warning issued for Merrow Bay islands",
		"Authorities order Merrow Bay evacuation as tsunami warning stays in force",
		"Merrow Bay residents move to high ground under tsunami warning",
	}
	bridge = []string{
		"Port Elin earthquake triggers tsunami warning for Merrow Bay",
		"Tsunami warning for Merrow Bay follows Port Elin earthquake",
		"Earthquake near Port Elin: Merrow Bay tsunami warning, buildings damaged",
		"Merrow Bay tsunami warning after Port Elin earthquake; residents evacuate",
	}
)

func TestMergeConvergingStories(t *testing.T) {
	c := newTest(t, Options{})
	tm := t0
	add := func(title string) Assignment {
		tm = tm.Add(10 * time.Minute)
		return c.Add(Document{Title: title, Time: tm})
	}
	var qs, ts []int64
	for i := range quake {
		qs = append(qs, add(quake[i]).Story)
		ts = append(ts, add(tsunami[i]).Story)
	}
	if !allEqual(qs) || !allEqual(ts) || qs[0] == ts[0] {
		t.Fatalf("before the bridge: quake stories %v, tsunami stories %v; want one each", qs, ts)
	}
	var merged []int64
	var last Assignment
	for _, b := range bridge {
		last = add(b)
		merged = append(merged, last.Merged...)
	}
	if len(merged) != 1 || (merged[0] != qs[0] && merged[0] != ts[0]) {
		t.Fatalf("merged %v, want one of %d and %d folded", merged, qs[0], ts[0])
	}
	survivor := qs[0] + ts[0] - merged[0]
	if last.Story != survivor {
		t.Errorf("last bridging report in %d, want %d", last.Story, survivor)
	}
	if _, ok := c.Story(merged[0]); ok {
		t.Errorf("folded story %d still open", merged[0])
	}
	s, _ := c.Story(survivor)
	if s.Articles != len(quake)+len(tsunami)+len(bridge) {
		t.Errorf("survivor holds %d articles, want %d", s.Articles, len(quake)+len(tsunami)+len(bridge))
	}
	if got := add(tsunami[0]).Story; got != survivor {
		t.Errorf("a later tsunami report went to %d, want %d", got, survivor)
	}
	if st := c.Stats(); st.Merges != 1 {
		t.Errorf("Stats.Merges = %d, want 1", st.Merges)
	}
}

// allEqual reports whether every id is the first.
func allEqual(ids []int64) bool {
	for _, id := range ids {
		if id != ids[0] {
			return false
		}
	}
	return true
}

// topicDoc returns a document of story k: words no other story uses.
func topicDoc(k, variant int) Document {
	var w []string
	for j := range 8 {
		w = append(w, fmt.Sprintf("t%dq%s", k, strings.Repeat("x", j+1)))
	}
	w = append(w, fmt.Sprintf("v%dz%d", k, variant))
	return Document{Title: strings.Join(w, " "), Time: t0}
}

func TestCandidatesComeFromTheIndex(t *testing.T) {
	c := newTest(t, Options{})
	const stories = 2000
	for k := range stories {
		if a := c.Add(topicDoc(k, 0)); !a.New {
			t.Fatalf("topic %d joined story %d", k, a.Story)
		}
	}
	before := c.Stats().Comparisons
	a := c.Add(topicDoc(stories, 0)) // shares nothing with any story
	if got := c.Stats().Comparisons - before; got != 0 || !a.New {
		t.Errorf("an unrelated article was compared with %d stories (%+v), want 0", got, a)
	}
	before = c.Stats().Comparisons
	a = c.Add(topicDoc(1234, 1))
	if got := c.Stats().Comparisons - before; got != 1 {
		t.Errorf("an article of story 1235 was compared with %d stories, want 1", got)
	}
	if a.Story != 1235 {
		t.Errorf("article of topic 1234 in story %d, want 1235", a.Story)
	}
	if n := c.Stats().Comparisons; n > 2*stories {
		t.Errorf("%d comparisons for %d articles: something scans", n, stories+2)
	}
}

func TestCentroidIsBounded(t *testing.T) {
	c := newTest(t, Options{CentroidTerms: 20})
	var id int64
	for i := range 50 {
		// One story whose articles keep bringing new words.
		d := Document{Title: "valmora port strike", Body: fmt.Sprintf("fresh%da fresh%db fresh%dc", i, i, i), Time: t0}
		id = c.Add(d).Story
	}
	s, _ := c.Story(id)
	if s.Articles != 50 || len(s.Terms) > 20 {
		t.Errorf("story of %d articles keeps %d terms, want at most 20", s.Articles, len(s.Terms))
	}
	if s.Terms[0].Key != "valmora" && s.Terms[0].Key != "port" && s.Terms[0].Key != "strike" {
		t.Errorf("top term %q, want a title word", s.Terms[0].Key)
	}
}

func TestSnapshotRestore(t *testing.T) {
	opts := Options{}
	c := newTest(t, opts)
	tm := t0
	for _, d := range []Document{strikeA, museum, strikeB} {
		tm = tm.Add(time.Hour)
		d.Entities = []string{"place:valmora"}
		c.Add(at(d, tm))
	}
	for _, title := range append(append(slices.Clone(quake), tsunami...), bridge...) {
		tm = tm.Add(time.Hour)
		c.Add(Document{Title: title, Time: tm})
	}
	st := c.State()
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	var back State
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	r := newTest(t, opts)
	if err := r.Restore(back); err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if got := r.State(); !statesEqual(got, st) {
		t.Errorf("state after the round trip differs:\n%+v\nwant\n%+v", got, st)
	}
	// Both continue the same way: same assignments, same new ids. (The
	// restored centroids are weighed with the IDF of now, the originals
	// with that of their last refresh, so similarities differ a little.)
	next := []Document{strikeB, museum, {Title: "Hospital opens new maternity wing"}, {Title: quake[0]}}
	for i, d := range next {
		tm = tm.Add(time.Hour)
		d.Time = tm
		want, got := c.Add(d), r.Add(d)
		if want.Story != got.Story || want.New != got.New || math.Abs(want.Similarity-got.Similarity) > 0.02 {
			t.Errorf("article %d after restore: %+v, want %+v", i, got, want)
		}
	}
}

// statesEqual compares states, masses to float32 precision.
func statesEqual(a, b State) bool {
	if a.NextID != b.NextID || !a.Clock.Equal(b.Clock) || a.Documents != b.Documents ||
		!reflect.DeepEqual(a.DocFreq, b.DocFreq) || len(a.Stories) != len(b.Stories) {
		return false
	}
	for i := range a.Stories {
		x, y := a.Stories[i], b.Stories[i]
		if x.ID != y.ID || x.Articles != y.Articles || !x.First.Equal(y.First) || !x.Last.Equal(y.Last) || len(x.Terms) != len(y.Terms) {
			return false
		}
		for j := range x.Terms {
			if x.Terms[j].Key != y.Terms[j].Key || math.Abs(x.Terms[j].Mass-y.Terms[j].Mass) > 1e-6 {
				return false
			}
		}
	}
	return true
}

func TestRestoreRejectsBadState(t *testing.T) {
	good := func() State {
		return State{NextID: 3, Documents: 2, DocFreq: map[string]int{"port": 2}, Stories: []StorySnapshot{
			{ID: 1, Articles: 2, First: t0, Last: t0, Terms: []Term{{Key: "port", Mass: 1}}},
		}}
	}
	tests := map[string]func(*State){
		"zero next id":        func(s *State) { s.NextID = 0 },
		"story id too large":  func(s *State) { s.Stories[0].ID = 3 },
		"story twice":         func(s *State) { s.Stories = append(s.Stories, s.Stories[0]) },
		"no articles":         func(s *State) { s.Stories[0].Articles = 0 },
		"ends before start":   func(s *State) { s.Stories[0].First = t0.Add(time.Hour) },
		"NaN mass":            func(s *State) { s.Stories[0].Terms[0].Mass = math.NaN() },
		"empty term":          func(s *State) { s.Stories[0].Terms[0].Key = "" },
		"df above documents":  func(s *State) { s.DocFreq["port"] = 3 },
		"negative documents":  func(s *State) { s.Documents = -1 },
		"repeated story term": func(s *State) { s.Stories[0].Terms = append(s.Stories[0].Terms, Term{Key: "port", Mass: 1}) },
	}
	for name, spoil := range tests {
		t.Run(name, func(t *testing.T) {
			c := newTest(t, Options{})
			c.Add(at(strikeA, t0))
			before := c.State()
			st := good()
			spoil(&st)
			err := c.Restore(st)
			if !errors.Is(err, ErrInvalidState) {
				t.Fatalf("Restore = %v, want ErrInvalidState", err)
			}
			if !statesEqual(c.State(), before) {
				t.Errorf("a failed Restore changed the state")
			}
		})
	}
	c := newTest(t, Options{})
	if err := c.Restore(good()); err != nil {
		t.Errorf("good state: %v", err)
	}
	if a := c.Add(Document{Title: "Museum reopens", Time: t0}); a.Story != 3 {
		t.Errorf("first new story after restore: %d, want the restored counter's 3", a.Story)
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	for _, o := range []Options{
		{Threshold: -0.1}, {Threshold: 1.5}, {MergeThreshold: math.NaN()}, {TitleWeight: -1},
		{QuietWindow: -time.Hour}, {CentroidTerms: -5}, {MaxPostings: 1 << 30},
	} {
		if _, err := New(o); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("New(%+v) = %v, want ErrInvalidOptions", o, err)
		}
	}
	c := newTest(t, Options{})
	if o := c.Options(); o.Threshold != DefaultThreshold || o.QuietWindow != DefaultQuietWindow || o.CentroidTerms != DefaultCentroidTerms {
		t.Errorf("defaults not filled in: %+v", o)
	}
}

func TestOddDocuments(t *testing.T) {
	c := newTest(t, Options{})
	for _, d := range []Document{
		{},
		{Title: "   ", Body: "!!! ... ---"},
		{Title: "the and of", Lang: "xx-YY"},
		{Title: strings.Repeat("word ", 10000), Entities: []string{"", " ", "x", "x"}},
		{Title: "\xff\xfe invalid utf8 \x00", Lang: "fr"},
		{Title: "Ünïcödé Straße 東京 مرحبا", Time: time.Unix(-1e12, 0)},
	} {
		a := c.Add(d)
		if a.Story < 1 {
			t.Errorf("Add(%q) = %+v", d.Title[:min(20, len(d.Title))], a)
		}
	}
}

func TestConcurrentAdds(t *testing.T) {
	c := newTest(t, Options{})
	done := make(chan bool)
	for g := range 4 {
		go func() {
			for i := range 50 {
				c.Add(topicDoc(g*100+i%10, i))
				c.Stats()
				c.State()
			}
			done <- true
		}()
	}
	for range 4 {
		<-done
	}
	if st := c.Stats(); st.Documents != 200 || st.Stories != 40 {
		t.Errorf("after concurrent adds: %+v, want 200 documents in 40 stories", st)
	}
}
