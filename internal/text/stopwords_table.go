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

// stopSet returns the stop words of language lang (a primary subtag),
// folded: the hand-made list of the language, if there is one, and the
// stopwords-iso list. English keeps its own list alone: the English
// figures (keyphrase F1, ROUGE) were measured with it, and the iso list
// holds words news is about ("world", "new", "information").
func stopSet(lang string) map[string]bool {
	own := stopWords[lang]
	if lang == "en" {
		return own
	}
	line := stopLines()[lang]
	if line == "" {
		return own
	}
	set := make(map[string]bool, len(own)+len(line)/6)
	for w := range own {
		set[w] = true
	}
	for w := range strings.FieldsSeq(line) {
		set[Fold(w)] = true
	}
	return set
}
