package text

import (
	"strings"
	"testing"
)

func TestWordsInSegmentsChineseAndJapanese(t *testing.T) {
	tests := []struct {
		lang, text string
		want       string
	}{
		{"zh", "伊朗与美国在阿曼举行核谈判，德黑兰表示谈判取得进展。", "伊朗|与|美国|在|阿曼|举行|核|谈判|德黑兰|表示|谈判|取得|进展"},
		{"zh-CN", "路透社报道2025年伊朗", "路透社|报道|2025|年|伊朗"},
		{"ja", "テヘランは交渉が進展したと述べた。", "テヘラン|は|交渉|が|進展|し|た|と|述べ|た"},
		{"en", "Iran and Oman", "Iran|and|Oman"},
	}
	for _, tt := range tests {
		ws := WordsIn(tt.lang, tt.text)
		var got []string
		for _, w := range ws {
			if tt.text[w.Start:w.Start+len(w.Text)] != w.Text {
				t.Errorf("WordsIn(%q): word %q not at its offset %d", tt.lang, w.Text, w.Start)
			}
			got = append(got, w.Text)
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("WordsIn(%q, %q) = %q, want %q", tt.lang, tt.text, strings.Join(got, "|"), tt.want)
		}
	}
}

func TestFoldNormalisesArabicScript(t *testing.T) {
	tests := []struct{ in, want string }{
		{"أحمد", "احمد"},
		{"إيران", "ايران"},
		{"ایران", "ايران"},    // Persian yeh
		{"کتاب‌ها", "كتابها"}, // Persian kaf, zero-width non-joiner
		{"مُفَاوَضَات", "مفاوضات"},
		{"٢٠٢٥", "2025"},
		{"Iran", "iran"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripArabicArticle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"المفاوضات", "مفاوضات"},
		{"والمفاوضات", "مفاوضات"},
		{"بالحكومة", "حكومة"},
		{"للسلام", "سلام"},
		{"مفاوضات", "مفاوضات"},
		{"ال", "ال"},
	}
	for _, tt := range tests {
		if got := StripArabicArticle(Fold(tt.in)); got != tt.want {
			t.Errorf("StripArabicArticle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLightStemmers(t *testing.T) {
	tests := []struct{ lang, a, b string }{
		{"fa", "کتاب‌ها", "کتاب"},
		{"fa", "گفت‌وگوهای", "گفت‌وگو"},
		{"fa", "هوای", "هوا"},
		{"ko", "정부는", "정부가"},
		{"ko", "협상에서", "협상"},
		{"de", "Verhandlungen", "Verhandlung"},
		{"ru", "переговоров", "переговоры"},
		{"es", "viviendas", "vivienda"},
		{"ga", "nGaillimh", "Gaillimh"},
		{"ta", "அரசாங்கத்தின்", "அரசாங்கம்"},
	}
	for _, tt := range tests {
		an := NewAnalyzer(tt.lang)
		ta, _ := an.Term(tt.a)
		tb, _ := an.Term(tt.b)
		if ta == "" || ta != tb {
			t.Errorf("%s: terms of %q and %q = %q, %q, want one term", tt.lang, tt.a, tt.b, ta, tb)
		}
	}
}

func TestStopWordsPerLanguage(t *testing.T) {
	tests := []struct {
		lang  string
		stops []string
		kept  []string
	}{
		{"de", []string{"die", "und", "der", "nicht", "werden"}, []string{"regierung", "verhandlungen"}},
		{"fr", []string{"trois", "les", "dans"}, []string{"gouvernement"}},
		{"ru", []string{"что", "для", "это"}, []string{"переговоры"}},
		{"zh", []string{"的", "了"}, []string{"伊朗", "谈判"}},
		{"ar", []string{"في", "من"}, []string{"مفاوضات"}},
		{"fa", []string{"این", "که"}, []string{"تهران"}},
		{"en", []string{"the", "and"}, []string{"world", "new"}},
	}
	for _, tt := range tests {
		an := NewAnalyzer(tt.lang)
		for _, w := range tt.stops {
			if !an.IsStop(Fold(w)) {
				t.Errorf("%s: %q is not a stop word", tt.lang, w)
			}
		}
		for _, w := range tt.kept {
			if an.IsStop(Fold(w)) {
				t.Errorf("%s: %q is a stop word", tt.lang, w)
			}
		}
	}
}

func TestSentencesKnowForeignAbbreviations(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"Die Gespräche, z. B. in Maskat, dauern an. Sie enden bzw. beginnen morgen.", 2},
		{"Die Petrobras S.A. meldete Gewinne. Der Kurs stieg.", 2},
		{"Mme Dupont a parlé. M. Martin a répondu.", 2},
		{"伊朗与美国在阿曼举行核谈判。德黑兰表示谈判取得进展！", 2},
		// Ordinal dates: the day's period ends no sentence.
		{"Die Brücke wird ab dem 3. März gesperrt. Die Arbeiten dauern bis zum 30. September.", 2},
		{"Broen stenges fra 1. mai. Arbeidet tar sju måneder.", 2},
		{"Silta suljetaan 3. maaliskuuta. Työ kestää kuukausia.", 2},
		// A number ending a sentence still ends it (but before a month's
		// name, where German would write a date, it is read as one).
		{"The score was 3. May we begin?", 2},
		{"He won in 2019. March came next.", 2},
	}
	for _, tt := range tests {
		if got := Sentences(tt.text); len(got) != tt.want {
			t.Errorf("Sentences(%q) = %d sentences %+v, want %d", tt.text, len(got), got, tt.want)
		}
	}
}

func TestChooseLanguageCountsChineseCharacters(t *testing.T) {
	zh := "伊朗与美国在阿曼举行新一轮核谈判，德黑兰方面表示谈判取得了一定进展，但双方仍存在分歧。"
	if got := ChooseLanguage("en", zh); got != "zh" {
		t.Errorf("ChooseLanguage(en, Chinese text) = %q, want zh", got)
	}
}

func TestIsContentWord(t *testing.T) {
	tests := []struct {
		lang, word string
		want       bool
	}{
		{"zh", "伊朗", true},
		{"zh", "谈判", true},
		{"zh", "代表团", true},
		{"zh", "举行", false},
		{"zh", "表示", false},
		{"zh", "布赛义迪", true}, // not in the dictionary: a name
		{"de", "sagte", true},
	}
	for _, tt := range tests {
		if got := IsContentWord(tt.lang, tt.word); got != tt.want {
			t.Errorf("IsContentWord(%q, %q) = %v, want %v", tt.lang, tt.word, got, tt.want)
		}
	}
}

func TestCountWords(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"The talks resumed in Muscat.", 5},
		{"伊朗与美国举行谈判。", 9},
		{"伊朗 talks, 2025", 4},
		{"", 0},
	}
	for _, tt := range tests {
		if got := CountWords(tt.in); got != tt.want {
			t.Errorf("CountWords(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestChooseLanguageOfShortTexts(t *testing.T) {
	tests := []struct{ declared, text, want string }{
		{"", "museum reopens medieval gallery after renovation", ""},
		{"", "استضافت مسقط جولة جديدة من المفاوضات", "ar"},
		{"de", "museum reopens medieval gallery after renovation", "de"},
	}
	for _, tt := range tests {
		if got := ChooseLanguage(tt.declared, tt.text); got != tt.want {
			t.Errorf("ChooseLanguage(%q, %q) = %q, want %q", tt.declared, tt.text, got, tt.want)
		}
	}
}

func TestClearlyIn(t *testing.T) {
	fold := func(s string) []string {
		var out []string
		for _, w := range Words(s) {
			out = append(out, Fold(w.Text))
		}
		return out
	}
	tests := []struct {
		text   string
		langs  []string
		want   string
		wantOK bool
	}{
		{"The talks in Muscat were the first since the two sides met in the spring, and they will go on", []string{"de", "en"}, "en", true},
		{"Die Gespräche in Maskat waren die ersten, seit sich die beiden Seiten im Frühjahr trafen, und sie werden fortgesetzt", []string{"de", "en"}, "de", true},
		{"Die Gespräche in Maskat waren die ersten, seit sich die beiden Seiten im Frühjahr trafen", []string{"", "en"}, "", false},
		{"taylor swift attends centrepoint winter white gala kensington palace london", []string{"", "en"}, "", false},
	}
	for _, tt := range tests {
		got, ok := clearlyIn(fold(tt.text), tt.langs...)
		if ok != tt.wantOK || (ok && got != tt.want) {
			t.Errorf("clearlyIn(%q, %q) = %q, %v; want %q, %v", tt.text, tt.langs, got, ok, tt.want, tt.wantOK)
		}
	}
}
