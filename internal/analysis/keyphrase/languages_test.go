package keyphrase

import (
	"slices"
	"testing"
)

func TestExtractNonEnglish(t *testing.T) {
	tests := []struct {
		lang, title, body string
		want              []string // hashtags expected among the top five
		not               []string // hashtags never expected
	}{
		{
			lang:  "de",
			title: "Neue Verhandlungen in Maskat",
			body: "Die Verhandlungen zwischen Teheran und Washington gehen am Dienstag weiter. " +
				"Nach der letzten Verhandlung hatten beide Seiten Fortschritte gemeldet. " +
				"Die Verhandlungen sollen bis Freitag dauern, sagte ein Diplomat in Maskat.",
			want: []string{"#Verhandlungen", "#Maskat"},
			not:  []string{"#Die", "#Dienstag", "#Verhandlung"},
		},
		{
			lang:  "ru",
			title: "Переговоры в Тегеране",
			body: "В Тегеране продолжились переговоры о ядерной программе. " +
				"Делегации прибыли в Тегеран в понедельник. Переговоры пройдут в Тегеране до пятницы.",
			want: []string{"#Тегеране"},
			not:  []string{"#Тегеран", "#Что", "#Для"},
		},
		{
			lang:  "zh",
			title: "伊朗与美国在阿曼举行核谈判",
			body:  "伊朗与美国代表团周六在阿曼举行新一轮谈判。伊朗外长表示，谈判气氛积极。美国方面表示将继续谈判。",
			want:  []string{"#伊朗", "#谈判"},
			not:   []string{"#举行", "#表示", "#的"},
		},
	}
	e := New(Options{})
	for _, tt := range tests {
		var got []string
		for _, p := range e.Extract(tt.title, tt.body, tt.lang, nil, 5) {
			got = append(got, p.Hashtag)
		}
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: hashtags %v lack %s", tt.lang, got, w)
			}
		}
		for _, w := range tt.not {
			if slices.Contains(got, w) {
				t.Errorf("%s: hashtags %v hold %s", tt.lang, got, w)
			}
		}
	}
}

func TestTruncations(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"тегеран", []string{"тегера", "тегер"}},
		{"ирана", []string{"иран"}},
		{"ира", nil},
	}
	for _, tt := range tests {
		if got := truncations(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("truncations(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
