package whatlanggo

import (
	"sort"
	"sync"
)

// Storyline patch: the language profiles inverted, so that a text is
// compared with every language of its script by one lookup per distinct
// trigram of the text, instead of one lookup per trigram of every profile
// (about 12,000 map lookups for a Latin text). The distances are the same
// as upstream's: each profile trigram the text contains adds
// (maxTrigramDistance - its rank) times its count in the text.

// profileEntry is one language profile's trigram: the language's slot in
// profileIndex.langs and maxTrigramDistance minus the trigram's rank.
type profileEntry struct {
	slot int32
	rank int32
}

// profileIndex is one script's language profiles, inverted.
type profileIndex struct {
	langs   []Lang // sorted, so that ties are broken the same way each time
	entries map[trigramKey][]profileEntry
}

// profileScript names the profile lists.
type profileScript int

const (
	scriptLatin profileScript = iota
	scriptCyrillic
	scriptArabic
	scriptDevanagari
	scriptEthiopic
	scriptHebrew
	numProfileScripts
)

// profileLists returns the profile list of each script.
func profileLists() [numProfileScripts]langProfileList {
	return [numProfileScripts]langProfileList{
		scriptLatin:      latinLangs,
		scriptCyrillic:   cyrillicLangs,
		scriptArabic:     arabicLangs,
		scriptDevanagari: devanagariLangs,
		scriptEthiopic:   ethiopicLangs,
		scriptHebrew:     hebrewLangs,
	}
}

// profileIndexes is built once, on first use, and never changed after.
var profileIndexes = sync.OnceValue(func() [numProfileScripts]profileIndex {
	var out [numProfileScripts]profileIndex
	for script, list := range profileLists() {
		out[script] = invertProfiles(list)
	}
	return out
})

// invertProfiles builds the inverted index of list.
func invertProfiles(list langProfileList) profileIndex {
	idx := profileIndex{entries: make(map[trigramKey][]profileEntry)}
	for lang := range list {
		idx.langs = append(idx.langs, lang)
	}
	sort.Slice(idx.langs, func(i, j int) bool { return idx.langs[i] < idx.langs[j] })
	for slot, lang := range idx.langs {
		for i, trigram := range list[lang] {
			key, ok := keyOf(trigram)
			if !ok {
				continue
			}
			idx.entries[key] = append(idx.entries[key], profileEntry{slot: int32(slot), rank: int32(maxTrigramDistance - i)})
		}
	}
	return idx
}

// keyOf returns the key of a three-rune trigram.
func keyOf(trigram string) (trigramKey, bool) {
	var k trigramKey
	n := 0
	for _, r := range trigram {
		if n == 3 {
			return k, false
		}
		k[n] = r
		n++
	}
	return k, n == 3
}
