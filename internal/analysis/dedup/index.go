package dedup

import (
	"slices"
	"sync"
)

// Default options; see Options.
const (
	DefaultThreshold     = 0.5
	DefaultMinShingles   = 40
	DefaultShortJaccard  = 0.8
	DefaultBands         = 48
	DefaultMaxBucketScan = 64
	// rowsPerBand is how many MinHash values make one LSH band.
	rowsPerBand = 2
	// MaxBands is the most bands a Signature has values for.
	MaxBands = NumHashes / rowsPerBand
)

// Options tune an Index. Zero fields take the defaults.
type Options struct {
	// Threshold is the least containment (share of the shorter text's
	// shingles found in the longer) for a copy. Default 0.5: a copy
	// keeps most of its original's sentences, while different
	// stories on the same event share a few percent.
	Threshold float64
	// MinShingles: when the shorter text has fewer shingles than this,
	// a pair is a copy only when its resemblance reaches ShortJaccard.
	// Default 40, a text of about 75 words: in texts that short, a shared
	// copyright notice, newsletter plug or share bar makes up half of
	// the shingles as easily as a shared story does, and only
	// near-identity tells a copy (a brief with a dateline added, a
	// summary reposted) from two briefs with the same chrome.
	MinShingles int
	// ShortJaccard is the least resemblance for short texts; default 0.8.
	ShortJaccard float64
	// Bands is how many LSH bands of two MinHash values each are kept per
	// document, 1 to MaxBands. A pair becomes a candidate when one band
	// agrees, with probability 1-(1-J²)^Bands for resemblance J: with the
	// default 48, 0.9965 for a copy holding a third of its original (J
	// about 0.33), 0.955 for one holding a quarter, 0.86 for a fifth.
	// More bands find lower resemblance at the cost of memory (about 19
	// bytes per band and document).
	Bands int
	// MaxBucketScan caps how many documents Match examines per bucket,
	// newest first. A bucket larger than that stands for boilerplate shared by
	// many documents; a true copy agrees in many other bands. Default 64.
	MaxBucketScan int
}

// withDefaults returns o with zero or out-of-range fields set to the
// defaults.
func (o Options) withDefaults() Options {
	if o.Threshold <= 0 || o.Threshold > 1 {
		o.Threshold = DefaultThreshold
	}
	if o.MinShingles <= 0 {
		o.MinShingles = DefaultMinShingles
	}
	if o.ShortJaccard <= 0 || o.ShortJaccard > 1 {
		o.ShortJaccard = DefaultShortJaccard
	}
	if o.Bands <= 0 || o.Bands > MaxBands {
		o.Bands = DefaultBands
	}
	if o.MaxBucketScan <= 0 {
		o.MaxBucketScan = DefaultMaxBucketScan
	}
	return o
}

// Compare returns the similarity of two signatures, their estimated
// containment, and whether the options make them copies of each other:
// containment at least Threshold, or, when the shorter has fewer than
// MinShingles shingles, resemblance at least ShortJaccard.
func (o Options) Compare(a, b Signature) (similarity float64, copied bool) {
	_, sim, copied := o.withDefaults().compare(a, b)
	return sim, copied
}

// compare is Compare for options with defaults applied; it also returns
// the resemblance.
func (o Options) compare(a, b Signature) (resemblance, contained float64, copied bool) {
	j := Resemblance(a, b)
	c := containment(j, a, b)
	if int(min(a.shingles, b.shingles)) < o.MinShingles {
		return j, c, j >= o.ShortJaccard
	}
	return j, c, c >= o.Threshold
}

// Index finds copies among the signatures added to it. It is safe for
// concurrent use. It holds about SignatureSize plus 19 bytes per band for
// each document (1.5 KB with the default 48 bands). Its cost per Match
// and Add does not grow with the documents held, apart from the
// candidates the buckets return (at most MaxBucketScan per band).
type Index struct {
	opts Options

	mu sync.RWMutex
	// buckets[band] maps a band's key to the newest slot in its bucket;
	// next[slot*bands+band] is the next older slot there, or -1.
	buckets []map[uint32]int32
	next    []int32
	sigs    []Signature // by slot
	ids     []int64     // by slot
	slots   map[int64]int32
	free    []int32 // slots of removed documents, for reuse
}

// NewIndex returns an empty index.
func NewIndex(opts Options) *Index {
	opts = opts.withDefaults()
	ix := &Index{opts: opts, buckets: make([]map[uint32]int32, opts.Bands), slots: make(map[int64]int32)}
	for i := range ix.buckets {
		ix.buckets[i] = make(map[uint32]int32)
	}
	return ix
}

// Options returns the index's options, defaults applied.
func (ix *Index) Options() Options { return ix.opts }

// Len returns how many documents the index holds.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.slots)
}

// bandKey hashes band b of sig to its bucket key.
func bandKey(sig *Signature, b int) uint32 {
	v := uint64(sig.mins[rowsPerBand*b])<<32 | uint64(sig.mins[rowsPerBand*b+1])
	return uint32(mix64(v) >> 32)
}

// Add stores the signature of document id, replacing any earlier one
// under the same id. An empty signature is not stored (it matches
// nothing), but still replaces.
func (ix *Index) Add(id int64, sig Signature) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.remove(id)
	if sig.Empty() {
		return
	}
	bands := ix.opts.Bands
	var slot int32
	if n := len(ix.free); n > 0 {
		slot = ix.free[n-1]
		ix.free = ix.free[:n-1]
		ix.sigs[slot], ix.ids[slot] = sig, id
	} else {
		slot = int32(len(ix.sigs))
		ix.sigs = append(ix.sigs, sig)
		ix.ids = append(ix.ids, id)
		ix.next = append(ix.next, make([]int32, bands)...)
	}
	ix.slots[id] = slot
	for b := range bands {
		key := bandKey(&sig, b)
		head, ok := ix.buckets[b][key]
		if !ok {
			head = -1
		}
		ix.next[int(slot)*bands+b] = head
		ix.buckets[b][key] = slot
	}
}

// Remove deletes document id from the index; an unknown id is ignored.
func (ix *Index) Remove(id int64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.remove(id)
}

// remove is Remove with the lock held.
func (ix *Index) remove(id int64) {
	slot, ok := ix.slots[id]
	if !ok {
		return
	}
	bands := ix.opts.Bands
	sig := &ix.sigs[slot]
	for b := range bands {
		key := bandKey(sig, b)
		bucket := ix.buckets[b]
		after := ix.next[int(slot)*bands+b]
		prev := int32(-1)
		for cur := bucket[key]; cur != slot && cur >= 0; cur = ix.next[int(cur)*bands+b] {
			prev = cur
		}
		switch {
		case prev >= 0:
			ix.next[int(prev)*bands+b] = after
		case after >= 0:
			bucket[key] = after
		default:
			delete(bucket, key)
		}
	}
	delete(ix.slots, id)
	ix.sigs[slot], ix.ids[slot] = Signature{}, 0
	ix.free = append(ix.free, slot)
}

// Match returns the stored document sig is a copy of (see
// Options.Compare), with the similarity (estimated containment, 0 to 1);
// ok is false when there is none. Of several, it returns the one of
// highest resemblance, the closest version rather than a fragment of it
// (which is contained as well); ties go to the smaller id.
func (ix *Index) Match(sig Signature) (id int64, similarity float64, ok bool) {
	if sig.Empty() {
		return 0, 0, false
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	bands := ix.opts.Bands
	cands := make([]int32, 0, 16)
	for b := range bands {
		cur, found := ix.buckets[b][bandKey(&sig, b)]
		for n := 0; found && cur >= 0 && n < ix.opts.MaxBucketScan; n++ {
			cands = append(cands, cur)
			cur = ix.next[int(cur)*bands+b]
		}
	}
	slices.Sort(cands)
	cands = slices.Compact(cands)
	best := -1.0
	for _, c := range cands {
		j, s, copied := ix.opts.compare(sig, ix.sigs[c])
		if !copied {
			continue
		}
		if cid := ix.ids[c]; !ok || j > best || j == best && cid < id {
			id, similarity, best, ok = cid, s, j, true
		}
	}
	return id, similarity, ok
}
