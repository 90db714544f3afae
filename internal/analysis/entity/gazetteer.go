package entity

import (
	"embed"
	"strings"
	"unicode"

	"github.com/storyline/storyline/internal/text"
)

// data holds the gazetteer lists; see the comments at the top of each.
//
//go:embed data/*.txt
var data embed.FS

// maxNameWords is the longest name, in words, the gazetteer is searched
// for.
const maxNameWords = 8

// gazetteer maps the names of known places and organisations, as word
// keys, to their canonical names.
type gazetteer struct {
	folded map[string]known // key of folded words → entry
	caps   map[string]known // key of words in capitals, dots removed ("US") → entry
	first  map[string]bool  // folded first words of every name
	and    map[string]bool  // "bosnia herzegovina": the words around "and" in a name
}

// known is a gazetteer entry.
type known struct {
	name string
	kind Kind
}

// newGazetteer returns an empty gazetteer.
func newGazetteer() *gazetteer {
	return &gazetteer{
		folded: make(map[string]known, 2048),
		caps:   make(map[string]known, 256),
		first:  make(map[string]bool, 1024),
		and:    make(map[string]bool),
	}
}

// load adds the entries of an embedded file: one per line, the canonical
// name first, then other names after "|"; "#" starts a comment. The first
// file to name an alias keeps it.
func (g *gazetteer) load(file string, kind Kind) {
	for _, line := range lines(file) {
		names := strings.Split(line, "|")
		canon := strings.TrimSpace(names[0])
		if canon == "" {
			continue
		}
		for _, n := range names {
			g.add(strings.TrimSpace(n), known{name: canon, kind: kind})
		}
	}
}

// add adds one name of an entry.
func (g *gazetteer) add(name string, k known) {
	ws := text.Words(name)
	if len(ws) == 0 {
		return
	}
	folds := make([]string, 0, len(ws))
	allCaps := true
	for _, w := range ws {
		t := newToken(w.Text)
		if t.fold == "the" && len(folds) == 0 && len(ws) > 1 {
			continue // "The Hague" is also written "the Hague"
		}
		folds = append(folds, t.fold)
		if !t.upper {
			allCaps = false
		}
	}
	if len(folds) == 0 {
		return
	}
	key := strings.Join(folds, " ")
	if allCaps {
		ck := capsKeyOf(ws)
		if _, dup := g.caps[ck]; !dup {
			g.caps[ck] = k
		}
		// Acronyms said as words are also written "Nato", "Unicef"; short
		// ones ("WHO", "AP") would be confused with words.
		if len(ws) > 1 || len([]rune(ck)) < 4 {
			return
		}
	}
	if _, dup := g.folded[key]; !dup {
		g.folded[key] = k
	}
	g.first[folds[0]] = true
	for i, f := range folds {
		if f == "and" && i > 0 && i+1 < len(folds) {
			next := folds[i+1]
			if next == "the" && i+2 < len(folds) {
				next = folds[i+2]
			}
			g.and[folds[i-1]+" "+next] = true
		}
	}
	// The full name in capitals (a dateline's "LONDON") is found through
	// the folded key, so nothing more to add.
}

// capsKeyOf returns the key of words written in capitals: the words
// joined by spaces, dots removed.
func capsKeyOf(ws []text.Word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = strings.ReplaceAll(w.Text, ".", "")
	}
	return strings.Join(parts, " ")
}

// lines returns the non-empty, non-comment lines of an embedded file.
func lines(file string) []string {
	b, err := data.ReadFile(file)
	if err != nil {
		return nil // the files are embedded; a missing one is a build error
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// wordSet returns the set of the whitespace-separated words of the lines of
// an embedded file, folded.
func wordSet(file string) map[string]bool {
	m := make(map[string]bool)
	for _, l := range lines(file) {
		for _, w := range strings.Fields(l) {
			m[foldWord(w)] = true
		}
	}
	return m
}

// set returns the set of the whitespace-separated words of s.
func set(s ...string) map[string]bool {
	m := make(map[string]bool)
	for _, part := range s {
		for _, w := range strings.Fields(part) {
			m[w] = true
		}
	}
	return m
}

// phraseSet returns the set of the "|"-separated phrases of s, each with
// its words folded and single-spaced.
func phraseSet(s string) (map[string]bool, int) {
	m := make(map[string]bool)
	longest := 0
	for _, p := range strings.Split(s, "|") {
		ws := strings.Fields(p)
		if len(ws) == 0 {
			continue
		}
		m[strings.Join(ws, " ")] = true
		longest = max(longest, len(ws))
	}
	return m, longest
}

// foldWord returns the folded form of a word as tokens have it: lower
// case, typographic apostrophes plain, possessive and dots removed.
func foldWord(w string) string {
	f := text.Fold(w)
	if strings.IndexByte(f, '.') >= 0 {
		f = strings.ReplaceAll(f, ".", "")
	}
	return f
}

// isUpperWord reports whether w is written in capitals: no lower-case
// letter, and two letters or a letter and a digit ("US", "G7", "MI5").
func isUpperWord(w string) bool {
	letters, digits := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	return letters >= 2 || (letters == 1 && digits > 0)
}
