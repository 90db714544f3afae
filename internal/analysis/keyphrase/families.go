package keyphrase

import "unicode/utf8"

// Snowball stemmers leave some inflections of one word apart, names above
// all: Russian "Тегеран" stems to "тегера" and "Тегеране" to "тегеран";
// German "Irans" may keep its genitive. In an inflected language a stem
// that extends another by one or two letters, both of at least
// minFamilyRunes, is taken as the same word, so that a name is one
// hashtag, not one per case.

// minFamilyRunes is the shortest stem a family is formed on: "ира"
// (Iran) and "ирак" (Iraq) stay apart.
const minFamilyRunes = 4

// maxFamilyTail is the most letters a stem may extend another by.
const maxFamilyTail = 2

// inflected reports whether the stems of language lang are grouped into
// families: languages written in words that inflect, not English (whose
// figures were measured without families) nor Chinese, Japanese or
// Korean.
func inflected(lang string) bool {
	switch lang {
	case "", "en", "zh", "ja", "ko":
		return false
	}
	return true
}

// stemFamilies finds the family of a stem among those of a document.
type stemFamilies struct {
	// truncs maps a stem cut by one or two letters to the stem index it
	// was cut from.
	truncs map[string]int
	ids    map[string]int // the family heads by stem
}

// of returns the index of a stem of the document that s extends or that
// extends s, and whether there is one.
func (f *stemFamilies) of(s string) (int, bool) {
	if id, ok := f.truncs[s]; ok {
		return id, true
	}
	for _, p := range truncations(s) {
		if id, ok := f.ids[p]; ok {
			return id, true
		}
	}
	return 0, false
}

// add records stem s, new to the document, as index id. A nil f does
// nothing.
func (f *stemFamilies) add(s string, id int) {
	if f == nil {
		return
	}
	if f.ids == nil {
		f.ids = make(map[string]int, len(f.truncs))
	}
	f.ids[s] = id
	for _, p := range truncations(s) {
		if _, ok := f.truncs[p]; !ok {
			f.truncs[p] = id
		}
	}
}

// truncations returns s without its last one and two letters, as long as
// minFamilyRunes are left.
func truncations(s string) []string {
	n := utf8.RuneCountInString(s)
	var out []string
	end := len(s)
	for k := 1; k <= maxFamilyTail && n-k >= minFamilyRunes; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:end])
		end -= size
		out = append(out, s[:end])
	}
	return out
}

// countSurface counts token t's written form under its stem, for an
// inflected language.
func (d *doc) countSurface(t *token) {
	if d.surface == nil {
		return
	}
	m := d.surface[t.stem]
	if m == nil {
		m = make(map[string]int, 2)
		d.surface[t.stem] = m
	}
	m[t.text]++
}

// surfaceOf returns the written form of t's stem the document uses most
// ("Verhandlungen" over "Verhandlung" when it says so more often); t's
// own when it is among the most used, else the first of those in
// lexical order.
func (d *doc) surfaceOf(t token) string {
	best, n := t.text, d.surface[t.stem][t.text]
	for form, c := range d.surface[t.stem] {
		if c > n || (c == n && best != t.text && form < best) {
			best, n = form, c
		}
	}
	return best
}
