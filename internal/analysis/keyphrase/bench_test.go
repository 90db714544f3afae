package keyphrase

import (
	"testing"
)

// BenchmarkExtract extracts the keyphrases of a 600-word article against
// document frequencies of a small collection.
func BenchmarkExtract(b *testing.B) {
	title, body := talks(b)
	df := collection(b, body)
	e := New(Options{})
	e.Extract(title, body, "en", df, 10) // warm the analyzer cache
	b.SetBytes(int64(len(title) + len(body)))
	b.ReportAllocs()
	for b.Loop() {
		e.Extract(title, body, "en", df, 10)
	}
}
