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
	// longest is the most characters a word starting with a given
	// character has, so that a position is looked up no further.
	longest map[rune]uint8
	unknown float32 // logP of a character the dictionary lacks
}

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
	d := &zhDict{words: make(map[string]zhWord, strings.Count(all, "\n")), longest: make(map[rune]uint8, 8192)}
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
		r, _ := utf8.DecodeRuneInString(w)
		if n := utf8.RuneCountInString(w); n > int(d.longest[r]) {
			d.longest[r] = uint8(min(n, 255))
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
	for i := range run {
		offs = append(offs, i)
	}
	n := len(offs)
	offs = append(offs, len(run))
	best := make([]float32, n+1) // best[i]: the likeliest segmentation of run[offs[i]:]
	next := make([]int32, n)     // where the first word of that segmentation ends
	for i := n - 1; i >= 0; i-- {
		r, _ := utf8.DecodeRuneInString(run[offs[i]:])
		best[i], next[i] = d.unknown+best[i+1], int32(i+1)
		for l := min(int(d.longest[r]), n-i); l >= 1; l-- {
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
