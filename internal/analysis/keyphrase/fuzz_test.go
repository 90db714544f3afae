package keyphrase

import (
	"testing"

	"github.com/storyline/storyline/internal/text"
)

func FuzzExtract(f *testing.F) {
	f.Add("Iran talks resume", "Negotiators from Iran met in Geneva. The Geneva talks on uranium enrichment resume.", "en")
	f.Add("", "l'Iran et l'uranium : les négociations de Genève", "")
	f.Add("X-Men", "AT&T's -- Grammy-winning   Adams' \"quote\" U.S. 2011 ...", "de")
	f.Add("\xff", "\u0301\u0301 a-b-c-d-e-f-g-h", "xx-YY")
	df := text.NewDocFreq()
	df.Add([]string{"iran", "talk"})
	e := New(Options{})
	f.Fuzz(func(t *testing.T, title, body, lang string) {
		for _, d := range []*text.DocFreq{nil, df} {
			ps := e.Extract(title, body, lang, d, 5)
			if len(ps) > 5 {
				t.Fatalf("%d phrases", len(ps))
			}
			for _, p := range ps {
				if p.Text == "" {
					t.Fatalf("empty phrase in %v", ps)
				}
				checkHashtag(t, p.Hashtag)
			}
			e.Story([][]Phrase{ps, ps}, 3)
		}
		e.Candidates(title, body, lang)
	})
}
