package entity

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/storyline/storyline/internal/text"
)

//go:generate go run ./internal/gengaz -modules /tmp/gaz/node_modules

// placesI18nGz is the generated table of place names in many languages
// (see internal/gengaz and data/NOTICE.places_i18n).
//
//go:embed data/places_i18n.tsv.gz
var placesI18nGz []byte

// placesI18nExtra holds names the sources lack (capitals without a time
// zone of their own, short forms such as "США"), written for the package
// in the same format.
//
//go:embed data/places_i18n_extra.tsv
var placesI18nExtra []byte

// i18nTable is the multilingual place gazetteer: read-only once built.
type i18nTable struct {
	// lang holds, by language, the names written in a cased alphabet
	// (Latin, Cyrillic, Greek …) that differ from the English one, by
	// i18nKey.
	lang map[string]map[string]i18nEntry
	// common holds the English names, GeoNames' city names, and the names
	// of every language in other scripts (Arabic, Chinese …), which do
	// not collide across languages the way Latin ones do.
	common map[string]i18nEntry
	// maxWords is the most words of a name, maxRunes the most characters
	// of a name in a script written without spaces.
	maxWords, maxRunes int
	names              int // names read
	// firsts holds the first word of every name of two words or more;
	// starts the first two letters of every name written without spaces.
	firsts, starts map[string]bool
	bases          map[string]*baseIndex
	lex            *i18nLex
}

// i18nEntry is a place of the table.
type i18nEntry struct {
	name    string // canonical, English: "" when the key names two places
	country bool
	weak    bool // a GeoNames city only: no translated name, not in the English gazetteer
}

// baseIndex maps the names of an inflecting language to their stems, the
// name less its final vowel ("москв" of "Москва"), built on first use.
type baseIndex struct {
	once sync.Once
	m    map[string]i18nEntry
}

// placesI18n returns the multilingual table, loading it on first use: an
// installation that sees only English articles never pays for it.
var placesI18n = sync.OnceValue(loadPlacesI18n)

// loadPlacesI18n reads the embedded tables.
func loadPlacesI18n() *i18nTable {
	t := &i18nTable{
		lang:   make(map[string]map[string]i18nEntry, 64),
		common: make(map[string]i18nEntry, 32768),
		bases:  make(map[string]*baseIndex, len(slavicLangs)),
		lex:    newI18nLex(),
		firsts: make(map[string]bool, 4096),
		starts: make(map[string]bool, 4096),
	}
	for l := range slavicLangs {
		t.bases[l] = &baseIndex{}
	}
	en := newGazetteer() // to name places as the English gazetteer does
	en.load("data/countries.txt", Place)
	en.load("data/us_states.txt", Place)
	en.load("data/cities.txt", Place)
	en.load("data/regions.txt", Place)
	var rows [][]string
	if zr, err := gzip.NewReader(bytes.NewReader(placesI18nGz)); err == nil {
		rows = readRows(zr)
	}
	rows = append(rows, readRows(bytes.NewReader(placesI18nExtra))...)
	// Countries first: a name that is both a country's and a city's
	// (Arabic "عمان", Oman and Amman without vowels) is the country's.
	for _, pass := range []bool{true, false} {
		for _, r := range rows {
			if (r[0] == "country") == pass {
				t.addRow(r, en)
			}
		}
	}
	return t
}

// readRows returns the tab-separated fields of the lines of a table,
// comments and short lines left out.
func readRows(r interface{ Read([]byte) (int, error) }) [][]string {
	var rows [][]string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		if f := strings.Split(line, "\t"); len(f) >= 2 {
			rows = append(rows, f)
		}
	}
	return rows
}

// addRow adds one place: kind, English name, "lang:name" fields.
func (t *i18nTable) addRow(f []string, en *gazetteer) {
	english := f[1]
	canon, inEnglish := english, false
	if k, ok := en.folded[englishKey(english)]; ok {
		canon, inEnglish = k.name, true
	}
	e := i18nEntry{name: canon, country: f[0] == "country"}
	e.weak = !e.country && !inEnglish && len(f) == 2
	t.put(t.common, english, e)
	for _, field := range f[2:] {
		lang, name, ok := strings.Cut(field, ":")
		if !ok {
			continue
		}
		m := t.common
		if lang != "*" && cased(name) && !cyrillic(name) {
			if m = t.lang[lang]; m == nil {
				m = make(map[string]i18nEntry, 512)
				t.lang[lang] = m
			}
		}
		t.put(m, name, e)
	}
}

// put adds a name; a key that names two places names neither, unless one
// is a country.
func (t *i18nTable) put(m map[string]i18nEntry, name string, e i18nEntry) {
	key, words := i18nKey(name)
	if key == "" || cjkAmbiguous[key] {
		return
	}
	t.names++
	if old, dup := m[key]; dup {
		switch {
		case old.name == e.name || old.country || old.name == "":
		case e.country:
			m[key] = e
		default:
			m[key] = i18nEntry{}
		}
		return
	}
	m[key] = e
	if runless(name) {
		t.maxRunes = max(t.maxRunes, utf8.RuneCountInString(key))
		_, a := utf8.DecodeRuneInString(key)
		_, b := utf8.DecodeRuneInString(key[a:])
		t.starts[key[:a+b]] = true
	} else {
		t.maxWords = max(t.maxWords, words)
		if first, _, ok := strings.Cut(key, " "); ok {
			t.firsts[first] = true
		}
	}
}

// base returns the stems of the names of an inflecting language (nil for
// another language): the last word of each name less its final vowel.
func (t *i18nTable) base(lang string) map[string]i18nEntry {
	b := t.bases[lang]
	if b == nil {
		return nil
	}
	b.once.Do(func() {
		b.m = make(map[string]i18nEntry, 4096)
		add := func(m map[string]i18nEntry) {
			for k, e := range m {
				if !cased(k) {
					continue
				}
				s := stripFinalVowel(k)
				if utf8.RuneCountInString(s) < 3 {
					continue
				}
				if old, dup := b.m[s]; dup && old.name != e.name && !old.country {
					if e.country {
						b.m[s] = e
					} else {
						b.m[s] = i18nEntry{}
					}
					continue
				}
				if _, dup := b.m[s]; !dup {
					b.m[s] = e
				}
			}
		}
		add(t.lang[lang])
		add(t.common)
	})
	return b.m
}

// stripFinalVowel returns a folded name less the final vowel, soft sign
// or й of its last word: the stem its case forms share ("москва" →
// "москв", "россия" → "росси", "тегеран" stays).
func stripFinalVowel(k string) string {
	r, size := utf8.DecodeLastRuneInString(k)
	if strings.ContainsRune("аяоеыиьйіaoeyiěáé", r) {
		return k[:len(k)-size]
	}
	return k
}

// englishKey returns the key the English gazetteer has for a name.
func englishKey(name string) string {
	ws := text.Words(name)
	fs := make([]string, 0, len(ws))
	for _, w := range ws {
		t := newToken(w.Text)
		if t.fold == "the" && len(fs) == 0 && len(ws) > 1 {
			continue
		}
		fs = append(fs, t.fold)
	}
	return strings.Join(fs, " ")
}

// i18nKey returns the key a name is looked up by, and its number of
// words: the words folded (i18nFold), space separated; a name in a script
// written without spaces (Chinese, Japanese, Thai) is its letters.
func i18nKey(name string) (string, int) {
	if runless(name) {
		var sb strings.Builder
		for _, r := range name {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				sb.WriteRune(r)
			}
		}
		if utf8.RuneCountInString(sb.String()) < 2 {
			return "", 0
		}
		return sb.String(), 1
	}
	ws := text.Words(name)
	fs := make([]string, 0, len(ws))
	for _, w := range ws {
		if f := i18nFold(w.Text); f != "" {
			fs = append(fs, f)
		}
	}
	return strings.Join(fs, " "), len(fs)
}

// i18nFold folds one word for lookup: lower case; Latin and Greek
// letters without diacritics, ß as ss; Cyrillic ё as е; Arabic-script
// letters normalised (normArabic); typographic apostrophes plain.
func i18nFold(w string) string {
	if isArabicScript(w) {
		w = normArabic(w)
		if r, ok := strings.CutPrefix(w, "ال"); ok && utf8.RuneCountInString(r) >= 2 {
			w = r // the article: "الولايات المتحدة", "السعودية"
		}
		return w
	}
	w = strings.ToLower(w)
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.Trim(w, "'.")
	}
	var sb strings.Builder
	sb.Grow(len(w))
	for _, r := range norm.NFD.String(w) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// Keep the marks of letters that are letters of their own
			// (Cyrillic й): drop those after Latin and Greek bases only.
			if last, _ := utf8.DecodeLastRuneInString(sb.String()); !unicode.In(last, unicode.Latin, unicode.Greek) {
				sb.WriteRune(r)
			}
		case r == 'ß':
			sb.WriteString("ss")
		case r == 'ё':
			sb.WriteRune('е')
		case r == '’' || r == 'ʼ':
			sb.WriteByte('\'')
		case r == 'ς':
			sb.WriteRune('σ')
		default:
			sb.WriteRune(r)
		}
	}
	return strings.Trim(norm.NFC.String(sb.String()), "'.")
}

// normArabic normalises a word in Arabic script the way Arabic and
// Persian spellings differ: hamza seats and alef madda as alef, alef
// maksura and Arabic yeh as Persian yeh, teh marbuta as heh, Arabic kaf as
// keheh; tatweel, diacritics and zero-width non-joiners dropped.
func normArabic(w string) string {
	var sb strings.Builder
	sb.Grow(len(w))
	for _, r := range w {
		switch {
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ى' || r == 'ي' || r == 'ئ':
			r = 'ی'
		case r == 'ة':
			r = 'ه'
		case r == 'ك':
			r = 'ک'
		case r == 'ؤ':
			r = 'و'
		case r == 'ـ' || r == '\u200c' || r == '\u200d' || (r >= '\u064b' && r <= '\u065f') || r == '\u0670':
			continue
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// firstLetter returns the first letter of s, or 0.
func firstLetter(s string) rune {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return r
		}
	}
	return 0
}

// isArabicScript reports whether w starts with a letter of the Arabic
// script.
func isArabicScript(w string) bool { return unicode.Is(unicode.Arabic, firstLetter(w)) }

// cased reports whether the first letter of s is of an alphabet with
// upper and lower case (Latin, Cyrillic, Greek, Armenian …).
func cased(s string) bool {
	r := firstLetter(s)
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r)
}

// cyrillic reports whether the first letter of s is Cyrillic: Cyrillic
// names are shared by the languages that write it, like the scripts
// without case.
func cyrillic(s string) bool { return unicode.Is(unicode.Cyrillic, firstLetter(s)) }

// runless reports whether s is written in a script without spaces
// between words: Han, kana, Hangul, Thai, Lao, Khmer, Myanmar.
func runless(s string) bool { return isRunless(firstLetter(s)) }

// isRunless reports whether r is a letter of a script written without
// spaces between words (Korean, which has them, is looked up the same way
// since its particles cling to the names).
func isRunless(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul,
		unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// cjkAmbiguous are names in scripts without spaces that are more often
// parts of other words: 中非 (China-Africa, not the Central African
// Republic).
var cjkAmbiguous = map[string]bool{"中非": true, "中美": true, "中东": true}

// cjkNotPlaces are words that hold a place's name without naming it:
// 苏丹国 (a sultanate, not Sudan). Found as words, they are skipped.
var cjkNotPlaces = map[string]bool{"苏丹国": true, "蘇丹國": true}
