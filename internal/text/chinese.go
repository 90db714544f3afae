package text

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// zhWords is jieba's simplified-Chinese dictionary as gse ships it, one
// word a line with its frequency and whether it names a thing (see
// internal/genzh and data/zh_words.NOTICE).
//
//go:embed data/zh_words.txt.gz
var zhWords []byte

// zhWord is one word of the Chinese dictionary.
type zhWord struct {
	logP float32 // log of the word's share of all the dictionary's occurrences
	noun bool    // tagged as a noun of any kind
}

// zhDict is the Chinese dictionary in the form segmentation reads it:
// about 350,000 words in a map whose keys share one string, some 20 MB,
// where gse's own structures (a double-array trie and a token per word)
// took 130 MB.
type zhDict struct {
	words map[string]zhWord
	// longer is, for each two characters that begin a word of three or
	// more, the most characters such a word has: a position is looked up
	// as one and two characters, and further only as far as a word
	// starting with its first two goes (most pairs begin none).
	longer  map[uint64]uint8
	unknown float32 // logP of a character the dictionary lacks
}

// pairKey is the key of two characters in zhDict.longer.
func pairKey(a, b rune) uint64 { return uint64(a)<<32 | uint64(uint32(b)) }

// chineseDict returns the Chinese dictionary, reading it on first use
// (about 0.3 s). It is read only once made; nil if the embedded data is
// broken, a build defect under which Chinese falls back to one word a
// character.
var chineseDict = sync.OnceValue(func() *zhDict {
	d, err := parseZhDict(zhWords)
	if err != nil {
		return nil
	}
	return d
})

// parseZhDict reads the dictionary's lines.
func parseZhDict(gz []byte) (*zhDict, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	all := string(raw) // the map's keys are slices of it
	d := &zhDict{words: make(map[string]zhWord, strings.Count(all, "\n")), longer: make(map[uint64]uint8, 1<<16)}
	var total float64
	freqs := make([]float64, 0, len(d.words))
	keys := make([]string, 0, len(d.words))
	nouns := make([]bool, 0, len(d.words))
	for line := range strings.SplitSeq(all, "\n") {
		word, rest, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		f, tag, _ := strings.Cut(rest, "\t")
		freq, err := strconv.ParseFloat(f, 64)
		if err != nil || freq <= 0 {
			continue
		}
		total += freq
		keys, freqs, nouns = append(keys, word), append(freqs, freq), append(nouns, tag == "n")
	}
	logTotal := math.Log(total)
	for i, w := range keys {
		d.words[w] = zhWord{logP: float32(math.Log(freqs[i]) - logTotal), noun: nouns[i]}
		if n := utf8.RuneCountInString(w); n > 2 {
			a, size := utf8.DecodeRuneInString(w)
			b, _ := utf8.DecodeRuneInString(w[size:])
			if k := pairKey(a, b); n > int(d.longer[k]) {
				d.longer[k] = uint8(min(n, 255))
			}
		}
	}
	d.unknown = float32(-logTotal) // as if seen once
	return d, nil
}

// segment cuts run, a stretch of Chinese text, into the sequence of
// dictionary words that is likeliest (the product of the words'
// probabilities, a character the dictionary lacks counting as a word seen
// once), as jieba does without its model of unknown words.
func (d *zhDict) segment(run string) []string {
	// offs[i] is the byte offset of the i-th character.
	offs := make([]int, 0, len(run)/3+1)
	runes := make([]rune, 0, len(run)/3+1)
	for i, r := range run {
		offs, runes = append(offs, i), append(runes, r)
	}
	n := len(offs)
	offs = append(offs, len(run))
	best := make([]float32, n+1) // best[i]: the likeliest segmentation of run[offs[i]:]
	next := make([]int32, n)     // where the first word of that segmentation ends
	for i := n - 1; i >= 0; i-- {
		best[i], next[i] = d.unknown+best[i+1], int32(i+1)
		longest := min(2, n-i)
		if longest == 2 {
			longest = max(longest, min(int(d.longer[pairKey(runes[i], runes[i+1])]), n-i))
		}
		for l := longest; l >= 1; l-- {
			w, ok := d.words[run[offs[i]:offs[i+l]]]
			if !ok {
				continue
			}
			if p := w.logP + best[i+l]; p > best[i] {
				best[i], next[i] = p, int32(i+l)
			}
		}
	}
	var out []string
	for i := 0; i < n; i = int(next[i]) {
		out = append(out, run[offs[i]:offs[next[i]]])
	}
	return out
}

// isNoun reports whether the dictionary tags word w as a noun; a word it
// does not know (a name, say) counts as one.
func (d *zhDict) isNoun(w string) bool {
	x, ok := d.words[w]
	return !ok || x.noun
}
