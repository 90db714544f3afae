package text

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSearchTerms(t *testing.T) {
	tests := []struct {
		lang, text string
		want       []string
	}{
		// English: FTS5's Porter stemmer, diacritics removed, stop words kept.
		{"en", "The councils were running libraries", []string{"the", "council", "were", "run", "librari"}},
		{"", "Café crème brûlée", []string{"cafe", "creme", "brule"}},
		{"en", "Obama's U.S. visit", []string{"obama", "u.s", "visit"}},
		{"en-GB", "Elections", []string{"elect"}},
		// German, Spanish, Russian: Snowball.
		{"de", "Verhandlungen über Verhandlung", []string{"verhandl", "uber", "verhandl"}},
		{"es", "viviendas vivienda", []string{"viviend", "viviend"}},
		{"ru", "переговоры переговоров", []string{"переговор", "переговор"}},
		// Cyrillic keeps its marks: й is not и.
		{"ru", "Йемен", []string{"йем"}},
		// Arabic: the article stripped, the word stemmed either way alike.
		{"ar", "المفاوضات مفاوضات", []string{SearchTerms("ar", "مفاوضات")[0], SearchTerms("ar", "مفاوضات")[0]}},
		// Chinese: the segmenter's words.
		{"zh", "伊朗谈判", []string{"伊朗", "谈判"}},
		// Korean: particles removed, then syllable bigrams.
		{"ko", "정부는 대통령 한", []string{"정부", "대통", "통령", "한"}},
		{"en", "", []string{}},
		{"en", "“ — ”", []string{}},
	}
	for _, tt := range tests {
		got := SearchTerms(tt.lang, tt.text)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SearchTerms(%q, %q) = %q, want %q", tt.lang, tt.text, got, tt.want)
		}
	}
}

func TestSearchTermsArabicArticle(t *testing.T) {
	with, without := SearchTerms("ar", "المفاوضات"), SearchTerms("ar", "مفاوضات")
	if len(with) != 1 || !reflect.DeepEqual(with, without) {
		t.Errorf("SearchTerms(المفاوضات) = %q, SearchTerms(مفاوضات) = %q: want one term, the same", with, without)
	}
	// An Arabic word in an article of another language loses it too.
	if got := SearchTerms("en", "المفاوضات"); !reflect.DeepEqual(got, []string{"مفاوضات"}) {
		t.Errorf("SearchTerms(en, المفاوضات) = %q", got)
	}
}

func TestRemoveLatinDiacritics(t *testing.T) {
	for in, want := range map[string]string{
		"café": "cafe", "über": "uber", "ñandú": "nandu", "e\u0301": "e", "ação": "acao",
		"йемен": "йемен", "ελλάδα": "ελλάδα", "plain": "plain", "straße": "straße",
	} {
		if got := removeLatinDiacritics(in); got != want {
			t.Errorf("removeLatinDiacritics(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPorterStem(t *testing.T) {
	for in, want := range map[string]string{
		"running": "run", "runs": "run", "libraries": "librari", "library": "librari",
		"elections": "elect", "caresses": "caress", "ponies": "poni", "relational": "relat",
		"hopeful": "hope", "generalization": "gener", "a": "a", "is": "is", "café": "café",
	} {
		if got := porterStem(in); got != want {
			t.Errorf("porterStem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestQueryTerms(t *testing.T) {
	tests := []struct {
		name  string
		langs []string
		q     string
		want  []QueryWord
	}{
		{"english", nil, "Running libraries", []QueryWord{{{"run"}}, {{"librari"}}}},
		{"syntax separates words", []string{"en"}, `"reservoir" OR -farmers*`,
			[]QueryWord{{{"reservoir"}}, {{"or"}}, {{"farmer"}}}},
		{"repeats once", []string{"en"}, "Reservoir reservoirs RESERVOIR", []QueryWord{{{"reservoir"}}}},
		{"alternatives per language", []string{"en", "de"}, "Verhandlungen",
			[]QueryWord{{{"verhandlungen"}, {"verhandl"}}}},
		{"same in both, once", []string{"de", "de-AT", "en"}, "Berlin", []QueryWord{{{"berlin"}}}},
		{"chinese segmented, or characters", []string{"en", "zh"}, "伊朗谈判",
			[]QueryWord{{{"伊", "朗", "谈", "判"}, {"伊朗", "谈判"}}}},
		{"korean bigrams", []string{"ko"}, "대통령은", []QueryWord{{{"대통", "통령"}}}},
		{"no words", []string{"en"}, `"" -- *`, nil},
		{"empty", nil, "", nil},
	}
	for _, tt := range tests {
		got := QueryTerms(tt.langs, tt.q)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: QueryTerms(%q, %q) = %q, want %q", tt.name, tt.langs, tt.q, got, tt.want)
		}
	}
	many := strings.Repeat("alpha beta gamma delta ", 3)
	for i := range 40 {
		many += " w" + string(rune('a'+i%26)) + string(rune('a'+i/26))
	}
	if got := QueryTerms(nil, many); len(got) != MaxQueryWords {
		t.Errorf("QueryTerms of %d words = %d words, want %d", 44, len(got), MaxQueryWords)
	}
}

func TestQueryWordTerms(t *testing.T) {
	w := QueryWord{{"a", "b"}, {"b", "c"}}
	if got := w.Terms(); !reflect.DeepEqual(got, []string{"a", "b", "c"}) {
		t.Errorf("Terms = %q", got)
	}
}

// checkTerm fails the test unless term is one an index can take.
func checkTerm(t *testing.T, term string) {
	t.Helper()
	if term == "" || len(term) > MaxTermBytes || !utf8.ValidString(term) {
		t.Fatalf("term %q: empty, too long or not UTF-8", term)
	}
	for _, r := range term {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '"' {
			t.Fatalf("term %q holds %q", term, r)
		}
	}
}

func FuzzSearchTerms(f *testing.F) {
	for _, s := range []string{"The councils were running", "Verhandlungen über", "伊朗谈判", "المفاوضات",
		"정부는 대통령", "e\u0301\u0301", "U.S. col:term don't", "\x00\xff", "🇺🇸🇬🇧 x", "テレビ東京"} {
		f.Add("en", s)
		f.Add("de", s)
	}
	f.Fuzz(func(t *testing.T, lang, s string) {
		if len(lang) > 8 {
			lang = lang[:8]
		}
		langs := []string{"en", "de", "ru", "ar", "ko", "zh", lang}
		doc := map[string][]string{}
		for _, l := range langs {
			terms := SearchTerms(l, s)
			for _, term := range terms {
				checkTerm(t, term)
			}
			doc[NormalizeLanguage(l)] = terms
		}
		// A text matches a query of its own words, in every language.
		for _, word := range QueryTerms(langs, s) {
			if len(word) == 0 {
				t.Fatalf("QueryTerms(%q): a word without alternatives", s)
			}
			found := false
			for _, alt := range word {
				if len(alt) == 0 {
					t.Fatalf("QueryTerms(%q): an empty alternative", s)
				}
				for _, term := range alt {
					checkTerm(t, term)
				}
				for _, terms := range doc {
					if !slices.ContainsFunc(alt, func(x string) bool { return !slices.Contains(terms, x) }) {
						found = true
					}
				}
			}
			if !found {
				t.Fatalf("QueryTerms(%q) word %q matches the text in no language (%q)", s, word, doc)
			}
		}
	})
}
