package eval

import (
	"strings"
	"testing"
)

func TestScoreLanguages(t *testing.T) {
	arts := []LanguageArticle{
		{Name: "de.txt", Want: "de", Got: "de", Hashtags: []string{"Verhandlungen", "die Regierung", "Teheran"}, Places: 2, People: 1, Queries: 3, Found: 3},
		{Name: "page", Got: "de", Hashtags: []string{"Berlin"}, Places: 1, Queries: 1, Found: 0},
		{Name: "en.txt", Want: "en", Got: "de", Hashtags: []string{"the talks"}, Queries: 1, Found: 1},
		{Name: "zh.txt", Want: "zh", Got: "zh", Hashtags: []string{"伊朗", "的"}, Places: 3, Queries: 2, Found: 2},
	}
	r := ScoreLanguages(arts)
	if len(r.Rows) != 2 || r.Rows[0].Lang != "de" || r.Rows[1].Lang != "zh" {
		t.Fatalf("rows %+v", r.Rows)
	}
	de := r.Rows[0]
	if de.Articles != 3 || de.Known != 2 || de.Right != 1 || de.Hashtags != 5 || de.StopHashtags != 1 || de.Recall() != 4.0/5 {
		t.Errorf("de row %+v", de)
	}
	if zh := r.Rows[1]; zh.StopHashtags != 1 || zh.StopRate() != 0.5 {
		t.Errorf("zh row %+v", zh)
	}
	if r.Total.Articles != 4 || r.Total.Found != 6 || r.Total.Queries != 7 {
		t.Errorf("total %+v", r.Total)
	}
	var b strings.Builder
	if err := r.Print(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"stop-word hashtags", "1/2", "0.800 (4/5)", "all"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}
