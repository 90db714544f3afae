package whatlanggo

import (
	"strings"
	"testing"
	"unicode"
)

// upstreamCount is upstream's trigram count, kept to check the patch.
func upstreamCount(input string) map[string]int {
	inputRunes := []rune(input)
	runes := make([]rune, len(inputRunes)+1)
	for i, ir := range inputRunes {
		runes[i] = unicode.ToLower(toTrigramChar(ir))
	}
	runes[len(inputRunes)] = ' '
	trigrams := map[string]int{}
	r1, r2 := ' ', runes[0]
	for i := 1; i < len(runes); i++ {
		r3 := runes[i]
		if !(r2 == ' ' && (r1 == ' ' || r3 == ' ')) {
			trigrams[string([]rune{r1, r2, r3})]++
		}
		r1, r2 = r2, r3
	}
	return trigrams
}

// upstreamDistance is upstream's profile distance.
func upstreamDistance(langTrigrams []string, weights map[string]int) (totalDist, numberTrigrams int) {
	for i, trigram := range langTrigrams {
		if weights[trigram] > 0 {
			numberTrigrams++
			totalDist += (maxTrigramDistance - i) * weights[trigram]
		}
	}
	return totalDist, numberTrigrams
}

func TestInvertedProfilesMatchUpstream(t *testing.T) {
	texts := []string{
		"The talks between the two governments resumed on Monday, officials said.",
		"Die Verhandlungen zwischen den beiden Regierungen wurden am Montag wieder aufgenommen.",
		"Las conversaciones entre los dos gobiernos se reanudaron el lunes, dijeron los funcionarios.",
		"Les négociations entre les deux gouvernements ont repris lundi, selon des responsables.",
		"Переговоры между двумя правительствами возобновились в понедельник, сообщили официальные лица.",
		"استؤنفت المحادثات بين الحكومتين يوم الاثنين، حسبما قال مسؤولون.",
		"מגעים בין שתי הממשלות התחדשו ביום שני, כך אמרו גורמים רשמיים.",
		"दोनों सरकारों के बीच बातचीत सोमवार को फिर से शुरू हुई, अधिकारियों ने कहा।",
		"a", " ", "!!! 123 ...", "x y z", "aaa aaa aaa",
	}
	scripts := map[*unicode.RangeTable]profileScript{
		unicode.Latin: scriptLatin, unicode.Cyrillic: scriptCyrillic, unicode.Arabic: scriptArabic,
		unicode.Hebrew: scriptHebrew, unicode.Devanagari: scriptDevanagari, unicode.Ethiopic: scriptEthiopic,
	}
	lists := profileLists()
	for _, text := range texts {
		for _, long := range []bool{false, true} {
			if long {
				text = strings.Repeat(text+" ", 20)
			}
			got := count(text)
			want := upstreamCount(text)
			if len(got) != len(want) {
				t.Fatalf("%q: %d trigrams, upstream %d", text, len(got), len(want))
			}
			for k, n := range got {
				if want[string(k[:])] != n {
					t.Fatalf("%q: trigram %q counted %d, upstream %d", text, string(k[:]), n, want[string(k[:])])
				}
			}
			for script, ps := range scripts {
				_ = script
				idx := profileIndexes()[ps]
				dists := make([]langDistance, len(idx.langs))
				for trigram, weight := range got {
					for _, p := range idx.entries[trigram] {
						dists[p.slot].numTrigrams++
						dists[p.slot].dist += int(p.rank) * weight
					}
				}
				for slot, lang := range idx.langs {
					wd, wn := upstreamDistance(lists[ps][lang], want)
					if dists[slot].dist != wd || dists[slot].numTrigrams != wn {
						t.Errorf("%q, %s: distance %d/%d trigrams, upstream %d/%d", text, lang, dists[slot].dist, dists[slot].numTrigrams, wd, wn)
					}
				}
			}
		}
	}
}

func BenchmarkDetect(b *testing.B) {
	text := strings.Repeat("The talks between the two governments resumed on Monday, officials said. ", 14)
	for i := 0; i < b.N; i++ {
		Detect(text)
	}
}

func TestDetectPatched(t *testing.T) {
	tests := []struct {
		text string
		want Lang
	}{
		{"The talks between the two governments resumed on Monday, officials said.", Eng},
		{"Die Verhandlungen zwischen den beiden Regierungen wurden am Montag wieder aufgenommen.", Deu},
		{"Las conversaciones entre los dos gobiernos se reanudaron el lunes, dijeron los funcionarios.", Spa},
		{"Переговоры между двумя правительствами возобновились в понедельник, сообщили официальные лица.", Rus},
		{"Переговоры 123 between двумя правительствами возобновились в понедельник.", Rus},
		{"استؤنفت المحادثات بين الحكومتين يوم الاثنين، حسبما قال مسؤولون.", Arb},
		{"两国政府之间的会谈于周一恢复。", Cmn},
	}
	for _, tt := range tests {
		if got := Detect(tt.text).Lang; got != tt.want {
			t.Errorf("Detect(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
}
