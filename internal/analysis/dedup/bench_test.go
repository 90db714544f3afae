package dedup

import (
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/text"
)

// article600 returns a 600-word article: the wire story, then its
// paragraphs again with a few words changed, cut at 600 words.
func article600() string {
	words := strings.Fields(original() + " " + withEdits(original()))
	return strings.Join(words[:600], " ")
}

// randomIndex returns an index of n unrelated documents of about 350
// shingles each (a 600-word article), built straight from random shingle
// hashes (signing as many texts would take minutes).
func randomIndex(b *testing.B, n int) *Index {
	b.Helper()
	ix := NewIndex(Options{})
	rng := rand.New(rand.NewPCG(1, 2))
	sh := make([]uint64, 350)
	for id := range n {
		for i := range sh {
			sh[i] = rng.Uint64()
		}
		ix.Add(int64(id), signShingles(sh))
	}
	return ix
}

func BenchmarkSign(b *testing.B) {
	en := text.NewAnalyzer("en")
	art := article600()
	b.SetBytes(int64(len(art)))
	b.ReportAllocs()
	for b.Loop() {
		Sign(art, en)
	}
}

// BenchmarkMatch matches a 600-word article against an index of 100,000
// documents holding one copy of it.
func BenchmarkMatch(b *testing.B) {
	en := text.NewAnalyzer("en")
	ix := randomIndex(b, 100_000)
	ix.Add(-1, Sign(original(), en))
	sig := Sign(article600(), en)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, ok := ix.Match(sig); !ok {
			b.Fatal("no match")
		}
	}
}

// BenchmarkSignMatchAdd is the whole cost of one new 600-word article
// with 100,000 documents stored: sign it, match it, add it (and remove
// it again, to keep the index size fixed).
func BenchmarkSignMatchAdd(b *testing.B) {
	en := text.NewAnalyzer("en")
	ix := randomIndex(b, 100_000)
	art := article600()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ReportAllocs()
	for b.Loop() {
		sig := Sign(art, en)
		ix.Match(sig)
		ix.Add(-1, sig)
		ix.Remove(-1)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc)/float64(ix.Len()), "heapB/doc")
}
