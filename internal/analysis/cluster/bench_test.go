package cluster

import (
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/synth"
)

// stream generates a news stream for benchmarks: stories start from a
// generated seed article (Zipf-distributed words) and each of their
// articles is a perturbed copy of it, as two outlets' reports are; stories
// overlap in time, a few dozen running at once.
type stream struct {
	gen    *synth.Generator
	rng    *rand.Rand
	active []*seed // recent stories that may still get articles
	n      int     // articles generated
}

// seed is one story's original article, split into words.
type seed struct {
	title, body []string
}

// newStream returns a deterministic stream.
func newStream() *stream {
	return &stream{gen: synth.New(7, 100_000), rng: rand.New(rand.NewPCG(7, 11))}
}

// streamStories is how many stories run at once; an article starts a new
// story with probability 1/10, so stories have 10 articles on average.
const streamStories = 64

// next returns the next article of the stream, a minute after the last.
func (s *stream) next() Document {
	var sd *seed
	if len(s.active) < streamStories || s.rng.IntN(10) == 0 {
		a := s.gen.Article(s.n, 150, 20)
		sd = &seed{title: strings.Fields(a.Title), body: strings.Fields(a.Text)}
		if len(s.active) >= streamStories {
			s.active[s.rng.IntN(len(s.active))] = sd
		} else {
			s.active = append(s.active, sd)
		}
	} else {
		sd = s.active[s.rng.IntN(len(s.active))]
	}
	// Keep about 70% of the seed's words, add 20% fresh ones.
	perturb := func(words []string) string {
		out := make([]string, 0, len(words))
		for _, w := range words {
			if s.rng.IntN(10) < 7 {
				out = append(out, w)
			}
			if s.rng.IntN(5) == 0 {
				out = append(out, s.gen.Word())
			}
		}
		return strings.Join(out, " ")
	}
	lead := len(sd.body) / 5
	d := Document{
		ID:    int64(s.n),
		Title: perturb(sd.title),
		Lead:  perturb(sd.body[:lead]),
		Body:  perturb(sd.body[lead:]),
		Time:  time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(s.n) * time.Minute),
	}
	s.n++
	return d
}

func BenchmarkAdd(b *testing.B) {
	sizes := []struct {
		name string
		docs int
	}{{"10k", 10_000}, {"100k", 100_000}, {"1M", 1_000_000}}
	for _, sz := range sizes {
		var f *filled // kept across the rounds of one size: filling is slow
		b.Run(sz.name, func(b *testing.B) {
			if sz.docs >= 1_000_000 && os.Getenv("STORYLINE_BENCH_CLUSTER_1M") == "" {
				b.Skip("set STORYLINE_BENCH_CLUSTER_1M=1 to fill the clusterer with 1M articles first")
			}
			if testing.Short() && sz.docs > 10_000 {
				b.Skip("short")
			}
			if f == nil {
				f = fill(b, sz.docs)
			}
			f.benchmark(b)
		})
	}
}

// filled is a clusterer filled with a stream's first articles.
type filled struct {
	c       *Clusterer
	s       *stream
	docs    int
	heap    uint64 // live heap after the fill
	stories int
}

// fill returns a clusterer filled with docs articles, none of whose
// stories close (the quiet window spans the whole stream, so every story
// stays in memory and in the index: the worst case for lookups).
func fill(b *testing.B, docs int) *filled {
	c, err := New(Options{QuietWindow: 100 * 365 * 24 * time.Hour})
	if err != nil {
		b.Fatal(err)
	}
	s := newStream()
	for range docs {
		c.Add(s.next())
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return &filled{c: c, s: s, docs: docs, heap: ms.HeapAlloc, stories: c.Stats().Stories}
}

// benchmark times adding b.N more articles of the stream.
func (f *filled) benchmark(b *testing.B) {
	more := make([]Document, b.N)
	for i := range more {
		more[i] = f.s.next()
	}
	before := f.c.Stats().Comparisons
	cpu0, cpuOK := processCPUTime()
	b.ResetTimer()
	for i := range more {
		f.c.Add(more[i])
	}
	b.StopTimer()
	// CPU time is the honest cost on a shared machine, where wall time
	// includes waiting for the processor.
	if cpu1, ok := processCPUTime(); ok && cpuOK {
		b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
	}
	b.ReportMetric(float64(f.c.Stats().Comparisons-before)/float64(b.N), "compares/op")
	// Memory after the fill: everything the clusterer holds (centroids,
	// index, vocabulary, word cache) per article added and per story.
	b.ReportMetric(float64(f.heap)/float64(f.docs), "heapB/doc")
	b.ReportMetric(float64(f.heap)/float64(f.stories), "heapB/story")
	b.ReportMetric(float64(f.stories), "stories")
}
