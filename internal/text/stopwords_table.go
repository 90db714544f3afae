package text

import (
	_ "embed"
	"strings"
	"sync"
)

// stopTable is the stop word table generated from stopwords-iso (see
// data/stopwords.LICENSE and internal/genstop): one line per language, its
// code, a tab, and its words separated by spaces.
//
//go:embed data/stopwords.txt
var stopTable string

// stopLines returns each language's line of stopTable, its words still
// unsplit: a set is built only for a language an analyzer is made for.
// It is computed once, on first use, and read only after that.
var stopLines = sync.OnceValue(func() map[string]string {
	lines := make(map[string]string, 64)
	for line := range strings.SplitSeq(stopTable, "\n") {
		lang, words, ok := strings.Cut(line, "\t")
		if ok && !strings.HasPrefix(lang, "#") {
			lines[lang] = words
		}
	}
	return lines
})

// stopSets returns, for each language of stopTable, the function that
// builds its stop word set on first use (see stopSet) and returns that
// same set after: analyzers are made per article in places, and the set
// of a language is thousands of words. The sets are read only.
var stopSets = sync.OnceValue(func() map[string]func() map[string]bool {
	sets := make(map[string]func() map[string]bool, len(stopLines()))
	for lang := range stopLines() {
		if lang != "en" {
			sets[lang] = sync.OnceValue(func() map[string]bool { return buildStopSet(lang) })
		}
	}
	return sets
})

// stopSet returns the stop words of language lang (a primary subtag),
// folded: the hand-made list of the language, if there is one, and the
// stopwords-iso list. English keeps its own list alone: the English
// figures (keyphrase F1, ROUGE) were measured with it, and the iso list
// holds words news is about ("world", "new", "information").
// The set is shared: callers only read it.
func stopSet(lang string) map[string]bool {
	if set := stopSets()[lang]; set != nil {
		return set()
	}
	return stopWords[lang]
}

// buildStopSet makes the stop word set of lang, a language of stopTable
// other than English.
func buildStopSet(lang string) map[string]bool {
	own := stopWords[lang]
	line := stopLines()[lang]
	set := make(map[string]bool, len(own)+len(line)/6)
	for w := range own {
		set[w] = true
	}
	for w := range strings.FieldsSeq(line) {
		set[Fold(w)] = true
	}
	return set
}
