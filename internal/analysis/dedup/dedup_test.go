package dedup

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/storyline/storyline/internal/fuzztest"
	"github.com/storyline/storyline/internal/text"
)

func TestCopies(t *testing.T) {
	en := text.NewAnalyzer("en")
	tests := []struct {
		name string
		text string
		copy bool
	}{
		{"identical", original(), true},
		{"reflowed and recased", strings.ToUpper(strings.Join(wireStory, " ")), true},
		{"dateline", "MARLOW BRIDGE, England (Reuters) - " + original(), true},
		{"dateline and byline", joined("By Tom Ellery, Staff Reporter", "MARLOW BRIDGE (AP) — "+original()), true},
		{"newsletter and copyright appended", joined(original(),
			"Reporting by Tom Ellery; Editing by Sarah Quist",
			"Sign up for our morning newsletter to get the day's top stories in your inbox.",
			"Copyright 2026 Thomson Reuters. All rights reserved. This material may not be published, broadcast, rewritten or redistributed."), true},
		{"ending cut off", joined(wireStory[:5]...), true},
		{"cut to the first third", joined(wireStory[:3]...), true},
		{"a few words changed", withEdits(original()), true},
		{"lead rewritten", joined(withLead()...), true},
		{"everything at once", joined(append([]string{"LONDON (Reuters) - " + rewrittenLead},
			withEdits(joined(wireStory[1:6]...)), "Read more: sign up for our daily briefing.")...), true},
		{"other outlet, same event", sameEventStory, false},
		{"other story quoting a paragraph", quotingStory, false},
		{"first paragraph only", wireStory[0], false},
		{"empty", "", false},
	}
	ix := NewIndex(Options{})
	ix.Add(1, Sign(original(), en))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sig := Sign(tt.text, en)
			id, sim, ok := ix.Match(sig)
			if ok != tt.copy || ok && id != 1 {
				t.Errorf("Match = %d, %.3f, %v; want copy %v (resemblance %.3f, containment %.3f, %d shingles)",
					id, sim, ok, tt.copy, Resemblance(sig, Sign(original(), en)), Containment(sig, Sign(original(), en)), sig.Shingles())
			}
			// The copy relation is symmetric: the original found from the copy.
			if sig.Empty() {
				return
			}
			rev := NewIndex(Options{})
			rev.Add(2, sig)
			if _, _, ok := rev.Match(Sign(original(), en)); ok != tt.copy {
				t.Errorf("original against the copy: %v, want %v", ok, tt.copy)
			}
		})
	}
}

// TestSimilarityMargins checks that copies and non-copies are far from
// the threshold, not just on the right side of it.
func TestSimilarityMargins(t *testing.T) {
	en := text.NewAnalyzer("en")
	orig := Sign(original(), en)
	for _, c := range []string{withEdits(original()), joined(withLead()...), joined(wireStory[:4]...)} {
		if got := Containment(orig, Sign(c, en)); got < 0.75 {
			t.Errorf("copy containment %.3f < 0.75: %.40q…", got, c)
		}
	}
	for _, c := range []string{sameEventStory, quotingStory} {
		if got := Containment(orig, Sign(c, en)); got > 0.35 {
			t.Errorf("other story containment %.3f > 0.35: %.40q…", got, c)
		}
	}
}

func TestShortTexts(t *testing.T) {
	en := text.NewAnalyzer("en")
	// Two briefs of about 45 words on the same flood, and the chrome a
	// site appends to each of its feed items, about as long. Their first
	// sentences with the chrome share more than half of their shingles.
	brief := "Train services between Marlow Bridge and the regional capital were suspended on Tuesday after flood water from the River Tessel covered the railway line. Operators said replacement buses would run every half hour and that trains were not expected to resume before the weekend."
	otherBrief := "Two schools in Marlow Bridge will stay closed for the rest of the week because their halls are being used as shelters for families evacuated from the Eastgate district. Parents were told that lessons would be set online and that exams planned for Friday had been postponed."
	chrome := "Get the Valley Herald app for breaking news alerts. Sign up for our morning newsletter and follow us on Facebook, Instagram and X for the latest local news, sport and weather. Copyright 2026 Valley Herald Media Group, all rights reserved."
	tests := []struct {
		name string
		a, b string
		copy bool
	}{
		{"same headline", "Flood forces thousands from Marlow Bridge homes", "FLOOD FORCES THOUSANDS FROM MARLOW BRIDGE HOMES", true},
		{"same two words", "Marlow Bridge", "marlow bridge!", true},
		{"one word differs", "Police said the road would reopen on Monday.", "Police said the road would reopen on Friday.", false},
		{"different headlines", "Flood forces thousands from Marlow Bridge homes", "Marlow Bridge flood: what we know", false},
		{"stop words only", "it was what it was", "it was what it was", false},
		{"short sentence of a long text", wireStory[2], original(), false},
		{"brief with a dateline added", brief, "MARLOW BRIDGE (Reuters) - " + brief, true},
		{"brief with a copyright line added", brief, brief + " Copyright 2026 Reuters.", true},
		{"two briefs with the same chrome", otherBrief + " " + chrome, brief + " " + chrome, false},
		{"two sentences with the same chrome", firstSentence(otherBrief) + " " + chrome, firstSentence(brief) + " " + chrome, false},
		{"one sentence changed in a short text", "The council met on Monday. It approved the budget for the new bridge. The vote was close.",
			"The council met on Monday. It approved the budget for the new bridge. Nobody objected.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := Sign(tt.a, en), Sign(tt.b, en)
			ix := NewIndex(Options{})
			ix.Add(7, a)
			if _, _, ok := ix.Match(b); ok != tt.copy {
				t.Errorf("Match: %v, want %v (resemblance %.3f, containment %.3f, %d/%d shingles)",
					ok, tt.copy, Resemblance(a, b), Containment(a, b), a.Shingles(), b.Shingles())
			}
		})
	}
}

// firstSentence returns s up to its first full stop.
func firstSentence(s string) string {
	i := strings.Index(s, ". ")
	if i < 0 {
		return s
	}
	return s[:i+1]
}

func TestSignDeterministic(t *testing.T) {
	a, b := Sign(original(), text.NewAnalyzer("en")), Sign(original(), nil)
	if a != b || a.Empty() {
		t.Fatalf("signatures differ across analyzers or runs, or empty (%d shingles)", a.Shingles())
	}
	// 330 words, about 190 terms after stop words, one shingle each but
	// the last three.
	if n := a.Shingles(); n < 150 || n > 220 {
		t.Errorf("%d shingles, want about 190", n)
	}
	if got := Resemblance(a, a); got != 1 {
		t.Errorf("self resemblance %v", got)
	}
}

// TestEstimates checks the MinHash estimates against exact values on
// synthetic shingle sets: consecutive ranges of distinct values overlap
// by known amounts.
func TestEstimates(t *testing.T) {
	set := func(from, to int) Signature {
		sh := make([]uint64, 0, to-from)
		for i := from; i < to; i++ {
			sh = append(sh, mix64(uint64(i)))
		}
		return signShingles(sh)
	}
	tests := []struct {
		a, b            Signature
		jaccard, contai float64
	}{
		{set(0, 400), set(0, 400), 1, 1},
		{set(0, 400), set(200, 600), 200.0 / 600, 0.5},
		{set(0, 400), set(0, 100), 0.25, 1},
		{set(0, 1000), set(100, 400), 0.3, 1},
		{set(0, 300), set(150, 1000), 150.0 / 1000, 0.5},
		{set(0, 300), set(300, 600), 0, 0},
	}
	for i, tt := range tests {
		j, c := Resemblance(tt.a, tt.b), Containment(tt.a, tt.b)
		// Four standard deviations of the estimate with 128 hashes.
		tol := 4*math.Sqrt(tt.jaccard*(1-tt.jaccard)/NumHashes) + 0.01
		if math.Abs(j-tt.jaccard) > tol {
			t.Errorf("%d: resemblance %.3f, want %.3f ± %.3f", i, j, tt.jaccard, tol)
		}
		if math.Abs(c-tt.contai) > 0.2 {
			t.Errorf("%d: containment %.3f, want %.3f", i, c, tt.contai)
		}
	}
}

func TestSignatureBinary(t *testing.T) {
	for _, s := range []string{original(), "Marlow Bridge", ""} {
		sig := Sign(s, nil)
		b, err := sig.MarshalBinary()
		if err != nil || len(b) != SignatureSize {
			t.Fatalf("MarshalBinary: %d bytes, %v", len(b), err)
		}
		var got Signature
		if err := got.UnmarshalBinary(b); err != nil {
			t.Fatalf("UnmarshalBinary: %v", err)
		}
		if got != sig {
			t.Errorf("round trip of %.20q changed the signature", s)
		}
	}
	good, _ := Sign(original(), nil).MarshalBinary()
	bad := map[string][]byte{
		"empty":         nil,
		"short":         good[:len(good)-1],
		"long":          append(append([]byte{}, good...), 0),
		"version":       append([]byte{99}, good[1:]...),
		"shingle size":  append([]byte{good[0], 9}, good[2:]...),
		"hash count":    append([]byte{good[0], good[1], 64, 0}, good[4:]...),
		"no shingles":   append(append([]byte{}, good[:4]...), append([]byte{0, 0, 0, 0}, good[8:]...)...),
		"random string": []byte(strings.Repeat("x", SignatureSize-1)),
	}
	for name, b := range bad {
		sig := Sign("Marlow Bridge", nil)
		before := sig
		err := sig.UnmarshalBinary(b)
		if !errors.Is(err, ErrSignature) {
			t.Errorf("%s: err %v, want ErrSignature", name, err)
		}
		if sig != before {
			t.Errorf("%s: failed decode changed the signature", name)
		}
	}
}

func TestIndex(t *testing.T) {
	en := text.NewAnalyzer("en")
	orig, cut, other := Sign(original(), en), Sign(joined(wireStory[:4]...), en), Sign(sameEventStory, en)
	ix := NewIndex(Options{})
	if _, _, ok := ix.Match(orig); ok {
		t.Fatal("empty index matched")
	}
	// The cut copy arrives first; the original then matches it.
	ix.Add(10, cut)
	ix.Add(11, other)
	ix.Add(12, Signature{})
	if n := ix.Len(); n != 2 {
		t.Errorf("Len %d after adding two signatures and an empty one", n)
	}
	if id, sim, ok := ix.Match(orig); !ok || id != 10 || sim < 0.75 {
		t.Errorf("Match(original) = %d, %.3f, %v; want 10", id, sim, ok)
	}
	// The better of two matches wins.
	ix.Add(13, orig)
	if id, _, ok := ix.Match(Sign(withEdits(original()), en)); !ok || id != 13 {
		t.Errorf("Match(edited) = %d, %v; want the whole original 13", id, ok)
	}
	ix.Remove(13)
	ix.Remove(13)
	ix.Remove(999)
	if id, _, ok := ix.Match(orig); !ok || id != 10 {
		t.Errorf("after Remove(13): %d, %v; want 10", id, ok)
	}
	// Replacing an id's signature drops the old one.
	ix.Add(10, other)
	if id, _, ok := ix.Match(orig); ok {
		t.Errorf("after replacing 10: matched %d", id)
	}
	ix.Remove(10)
	ix.Remove(11)
	if n := ix.Len(); n != 0 {
		t.Errorf("Len %d after removing everything", n)
	}
	for b, m := range ix.buckets {
		if len(m) != 0 {
			t.Errorf("band %d keeps %d buckets after removing everything", b, len(m))
		}
	}
	// Freed slots are reused.
	ix.Add(20, orig)
	if id, _, ok := ix.Match(cut); !ok || id != 20 {
		t.Errorf("after reuse: %d, %v; want 20", id, ok)
	}
	if len(ix.sigs) != 3 {
		t.Errorf("%d slots, want the 3 of the most documents held at once", len(ix.sigs))
	}
}

// TestIndexSharedBuckets removes documents from the middle and the ends
// of shared buckets (identical signatures share every bucket).
func TestIndexSharedBuckets(t *testing.T) {
	sig := Sign(original(), nil)
	for _, order := range [][]int64{{1, 2, 3}, {3, 2, 1}, {2, 1, 3}} {
		ix := NewIndex(Options{Bands: 4})
		for id := int64(1); id <= 3; id++ {
			ix.Add(id, sig)
		}
		for i, id := range order {
			ix.Remove(id)
			got, _, ok := ix.Match(sig)
			if rest := len(order) - i - 1; ok != (rest > 0) {
				t.Fatalf("order %v: after removing %d, match %v", order, id, ok)
			}
			if ok && (got == id || got < 1 || got > 3) {
				t.Fatalf("order %v: matched removed or unknown %d", order, got)
			}
		}
	}
}

func TestOptions(t *testing.T) {
	o := NewIndex(Options{Threshold: 7, Bands: 1000, MinShingles: -1}).Options()
	want := Options{DefaultThreshold, DefaultMinShingles, DefaultShortJaccard, DefaultBands, DefaultMaxBucketScan}
	if o != want {
		t.Errorf("defaults %+v, want %+v", o, want)
	}
	a, b := Sign(original(), nil), Sign(joined(wireStory[:6]...), nil)
	if sim, ok := (Options{}).Compare(a, b); !ok || sim < 0.9 {
		t.Errorf("Compare = %.3f, %v", sim, ok)
	}
	if _, ok := (Options{Threshold: 1}).Compare(a, Sign(withEdits(original()), nil)); ok {
		t.Error("Threshold 1 accepted an edited copy")
	}
}

func TestIndexConcurrent(t *testing.T) {
	en := text.NewAnalyzer("en")
	ix := NewIndex(Options{})
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 50 {
				id := int64(w*1000 + i)
				sig := Sign(fmt.Sprintf("%s %d", joined(wireStory[:1+i%8]...), id), en)
				ix.Match(sig)
				ix.Add(id, sig)
				if i%3 == 0 {
					ix.Remove(id)
				}
			}
		})
	}
	wg.Wait()
	if n := ix.Len(); n != 4*33 {
		t.Errorf("Len %d, want %d", n, 4*33)
	}
}

func FuzzUnmarshalBinary(f *testing.F) {
	good, _ := Sign(original(), nil).MarshalBinary()
	f.Add(good)
	f.Add([]byte{})
	f.Add(good[:9])
	f.Fuzz(func(t *testing.T, b []byte) {
		var sig Signature
		if err := sig.UnmarshalBinary(b); err != nil {
			return
		}
		out, err := sig.MarshalBinary()
		if err != nil || string(out) != string(b) {
			t.Fatalf("decoded signature encodes differently: %v", err)
		}
		ix := NewIndex(Options{})
		ix.Add(1, sig)
		ix.Match(sig)
		ix.Remove(1)
	})
}

// fuzzMaxText is the longest text FuzzSign signs: a paragraph holds many
// shingles, and the fuzzer minimizes every new input it keeps in calls
// quadratic in its length (see package fuzztest).
const fuzzMaxText = 512

// FuzzSign checks that Sign is deterministic, that its signature survives
// encoding, and that a text matches itself. The seeds are short: one
// paragraph of the wire story and a few odd strings.
func FuzzSign(f *testing.F) {
	f.Add(wireStory[0])
	f.Add("")
	f.Add("MARLOW BRIDGE (Reuters) - \u00e9t\u00e9 \u2019s 3.5 U.S. e-mail")
	f.Add("\xff\xfe invalid \x00 utf-8")
	en := text.NewAnalyzer("en")
	fuzztest.LimitMinimizing(f, fuzztest.MinimizeCalls)
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > fuzzMaxText {
			return
		}
		sig := Sign(s, en)
		if sig != Sign(s, en) {
			t.Fatal("Sign is not deterministic")
		}
		b, _ := sig.MarshalBinary()
		var got Signature
		if err := got.UnmarshalBinary(b); err != nil || got != sig {
			t.Fatalf("round trip: %v", err)
		}
		if sig.Empty() {
			return
		}
		ix := NewIndex(Options{})
		ix.Add(1, sig)
		if id, sim, ok := ix.Match(sig); !ok || id != 1 || sim != 1 {
			t.Fatalf("a text is not a copy of itself: %d %v %v", id, sim, ok)
		}
	})
}
