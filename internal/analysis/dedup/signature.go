package dedup

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/storyline/storyline/internal/text"
)

const (
	// ShingleSize is how many consecutive index terms make a shingle.
	// Stop words are dropped first, so four terms span six to eight
	// words: long enough that different stories on one event rarely
	// share one outside quotations and names, short enough that a
	// changed word costs a copy only four shingles.
	ShingleSize = 4
	// NumHashes is how many MinHash values a Signature holds.
	NumHashes = 128
	// sigVersion identifies the signature scheme (shingling, hashing and
	// the permutations); signatures of different versions do not compare.
	sigVersion = 1
	// sigHeader is the encoded size before the MinHash values: version,
	// shingle size, number of hashes (2 bytes), shingle count (4 bytes).
	sigHeader = 8
	// SignatureSize is the length of a Signature's binary encoding.
	SignatureSize = sigHeader + 4*NumHashes
)

// Signature is the MinHash sketch of a text's shingle set: NumHashes
// minimum hash values and the number of distinct shingles. The zero value
// is the signature of a text with no words, which matches nothing. It is
// a value (an array, no pointers): copy it freely, compare it with ==.
type Signature struct {
	mins     [NumHashes]uint32
	shingles uint32
}

// Shingles returns how many distinct shingles the signed text has.
func (s Signature) Shingles() int { return int(s.shingles) }

// Empty reports whether the signed text had no words to compare.
func (s Signature) Empty() bool { return s.shingles == 0 }

// MarshalBinary encodes the signature in SignatureSize bytes: a version
// byte, the shingle size, the number of hashes and the shingle count,
// then the MinHash values, little-endian.
func (s Signature) MarshalBinary() ([]byte, error) {
	return s.AppendBinary(make([]byte, 0, SignatureSize))
}

// AppendBinary appends the MarshalBinary encoding of s to b.
func (s Signature) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, sigVersion, ShingleSize)
	b = binary.LittleEndian.AppendUint16(b, NumHashes)
	b = binary.LittleEndian.AppendUint32(b, s.shingles)
	for _, m := range s.mins {
		b = binary.LittleEndian.AppendUint32(b, m)
	}
	return b, nil
}

// ErrSignature is wrapped by UnmarshalBinary errors: the bytes are not a
// signature of this version.
var ErrSignature = errors.New("not a dedup signature of this version")

// UnmarshalBinary decodes a MarshalBinary encoding into s. It fails,
// leaving s unchanged, on a wrong length, version, shingle size or hash
// count (a signature of another scheme does not compare).
func (s *Signature) UnmarshalBinary(b []byte) error {
	if len(b) != SignatureSize {
		return fmt.Errorf("decode signature of %d bytes, want %d: %w", len(b), SignatureSize, ErrSignature)
	}
	if b[0] != sigVersion || b[1] != ShingleSize || binary.LittleEndian.Uint16(b[2:]) != NumHashes {
		return fmt.Errorf("decode signature: version %d, shingle size %d, %d hashes, want %d, %d, %d: %w",
			b[0], b[1], binary.LittleEndian.Uint16(b[2:]), sigVersion, ShingleSize, NumHashes, ErrSignature)
	}
	var d Signature
	d.shingles = binary.LittleEndian.Uint32(b[4:])
	for i := range d.mins {
		d.mins[i] = binary.LittleEndian.Uint32(b[sigHeader+4*i:])
	}
	if d.shingles == 0 && d.mins != (Signature{}).mins {
		return fmt.Errorf("decode signature: hash values without shingles: %w", ErrSignature)
	}
	*s = d
	return nil
}

// Sign returns the signature of a text, with its words turned into terms
// by a (nil means English). Only signatures made with analyzers of the
// same language compare: use the text's language when it is known
// reliably, or one analyzer for everything. A text of fewer than
// ShingleSize terms has one shingle, all of them, so it matches only a
// text with the same terms; one without terms gets the empty signature.
func Sign(s string, a *text.Analyzer) Signature {
	if a == nil {
		a = text.NewAnalyzer("")
	}
	return SignWords(text.WordsIn(a.Language(), s), a)
}

// SignDoc returns the signature of an article's body from its shared
// text pass.
func SignDoc(d *text.Doc) Signature { return SignWords(d.Words, d.Analyzer) }

// SignWords returns the signature of a text given its words, which a
// turns into terms.
func SignWords(words []text.Word, a *text.Analyzer) Signature {
	hs := make([]uint64, 0, len(words))
	// A text repeats its words: each is stemmed once.
	type term struct {
		hash uint64
		ok   bool // false for a stop word
	}
	seen := make(map[string]term, len(words)/2)
	for _, w := range words {
		t, ok := seen[w.Text]
		if !ok {
			s, isTerm := a.Term(w.Text)
			t = term{hashString(s), isTerm}
			seen[w.Text] = t
		}
		if t.ok {
			hs = append(hs, t.hash)
		}
	}
	return signTerms(hs)
}

// signTerms returns the signature of a text given the hashes of its
// terms in order; it reuses hs.
func signTerms(hs []uint64) Signature {
	if len(hs) == 0 {
		return Signature{}
	}
	n := max(len(hs)-ShingleSize+1, 1)
	// Shingle i overwrites term i once read; later shingles start after it.
	for i := range n {
		end := min(i+ShingleSize, len(hs))
		h := uint64(0)
		for _, t := range hs[i:end] {
			h = mix64(h ^ t)
		}
		hs[i] = h
	}
	sh := hs[:n]
	slices.Sort(sh)
	return signShingles(slices.Compact(sh))
}

// signShingles returns the MinHash signature of a set of distinct
// shingle hashes.
func signShingles(sh []uint64) Signature {
	if len(sh) == 0 {
		return Signature{}
	}
	// Hash function i is x ↦ a[i]·x + b[i] mod 2⁶⁴ with a[i] odd: a
	// permutation of the (already well mixed) shingle hashes. The
	// coefficients come from a fixed seed, so signatures are stable.
	var mul, add, mins [NumHashes]uint64
	seed := uint64(0x5DEECE66D)
	for i := range mul {
		seed += golden
		mul[i] = mix64(seed) | 1
		seed += golden
		add[i] = mix64(seed)
		mins[i] = math.MaxUint64
	}
	for _, x := range sh {
		for i := range mins {
			if v := mul[i]*x + add[i]; v < mins[i] {
				mins[i] = v
			}
		}
	}
	sig := Signature{shingles: uint32(min(len(sh), math.MaxUint32))}
	for i, m := range mins {
		sig.mins[i] = uint32(m >> 32)
	}
	return sig
}

// golden is 2⁶⁴ divided by the golden ratio, splitmix64's increment.
const golden = 0x9E3779B97F4A7C15

// mix64 is splitmix64's finalizer: a bijection that spreads every input
// bit over the output.
func mix64(x uint64) uint64 {
	x += golden
	x = (x ^ x>>30) * 0xBF58476D1CE4E5B9
	x = (x ^ x>>27) * 0x94D049BB133111EB
	return x ^ x>>31
}

// hashString is 64-bit FNV-1a, finalized with mix64.
func hashString(s string) uint64 {
	h := uint64(0xCBF29CE484222325)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 0x100000001B3
	}
	return mix64(h)
}

// Resemblance returns the estimated Jaccard resemblance of the two texts'
// shingle sets, |A∩B| / |A∪B|: the share of equal MinHash values. It is
// 0 when either signature is empty.
func Resemblance(a, b Signature) float64 {
	if a.Empty() || b.Empty() {
		return 0
	}
	eq := 0
	for i := range a.mins {
		if a.mins[i] == b.mins[i] {
			eq++
		}
	}
	return float64(eq) / NumHashes
}

// Containment returns the estimated share of the smaller shingle set
// found in the larger, |A∩B| / min(|A|, |B|), derived from the
// resemblance and the set sizes: a copy cut short, or one with a
// paragraph added, is contained in its original (or the other way
// round) though the sets differ in size. It is 0 when either signature
// is empty.
func Containment(a, b Signature) float64 {
	return containment(Resemblance(a, b), a, b)
}

// containment turns an estimated resemblance j of a and b into the
// containment of the smaller set: |A∩B| = j·(|A|+|B|)/(1+j).
func containment(j float64, a, b Signature) float64 {
	if j == 0 {
		return 0
	}
	na, nb := float64(a.shingles), float64(b.shingles)
	inter := j * (na + nb) / (1 + j)
	return min(inter/min(na, nb), 1)
}
