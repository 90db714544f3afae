package entity

import (
	"reflect"
	"testing"

	"github.com/storyline/storyline/internal/text"
)

// TestExtractDocMatchesExtract: from the shared text pass, entities in
// any language are exactly those ExtractIn finds in the strings.
func TestExtractDocMatchesExtract(t *testing.T) {
	e := New()
	tests := []struct{ lang, title, body string }{
		{"en", "Iran and US resume talks in Muscat", "Iranian Foreign Minister Abbas Araghchi met Omani officials in Muscat on Saturday.\n\nThe talks, mediated by Oman, lasted five hours, Araghchi told state TV."},
		{"en", "", "The European Union said on Monday that it would fine Apple Inc. over its App Store rules."},
		{"en", "Headline\nwith a line break", "Prime Minister Keir Starmer visited Berlin."},
		{"en", "Windows text", "President Joe Biden spoke in Washington.\r\n\r\nHe left for Paris."},
		{"de", "Iran und USA verhandeln in Maskat", "Der iranische Außenminister Abbas Araghtschi traf am Samstag in Maskat omanische Vertreter, z. B. den Minister Badr Albusaidi.\n\nDie Gespräche in Teheran und Washington gehen weiter."},
		{"ru", "Переговоры в Маскате", "Министр иностранных дел Ирана Аббас Аракчи встретился в Маскате с представителями Омана.\n\nПереговоры продолжатся в Тегеране."},
		{"fr", "", "Le ministre iranien Abbas Araghchi a rencontré à Mascate des responsables omanais."},
		{"zh", "伊朗与美国在阿曼举行谈判", "伊朗外长阿拉格齐周六在马斯喀特与阿曼官员会面。谈判将在德黑兰继续。"},
		{"es", "Texto de Windows", "El ministro Abbas Araghchi viajó a Mascate.\r\n\r\nLuego fue a Teherán."},
	}
	for _, tt := range tests {
		want := e.ExtractIn(tt.lang, tt.title, tt.body)
		got := e.ExtractDoc(text.NewDoc(text.NewAnalyzer(tt.lang), tt.title, tt.body))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ExtractDoc(%q) = %v, want %v", tt.title, got, want)
		}
	}
}
