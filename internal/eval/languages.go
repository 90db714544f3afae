package eval

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/storyline/storyline/internal/text"
)

// LanguageArticle is what the path that ships (import, analysis, store,
// search) made of one article of the languages evaluation.
type LanguageArticle struct {
	Name string // the file it came from
	Want string // its language when known (the fixtures'), else ""
	Got  string // the language analysis found
	// Hashtags are the texts of its keyphrases.
	Hashtags []string
	// People, Places and Organizations count its entities of each kind.
	People, Places, Organizations int
	// Queries are searches for words of its hashtags; Found, those that
	// returned it among their first results.
	Queries, Found int
}

// LanguageRow sums the articles of one language (the analysed one).
type LanguageRow struct {
	Lang                          string
	Articles                      int
	Known, Right                  int // articles whose language is known, and found right
	Hashtags, StopHashtags        int // hashtags, and those holding a stop word of the language
	People, Places, Organizations int
	Queries, Found                int
}

// LanguageReport is the languages evaluation's result.
type LanguageReport struct {
	Rows     []LanguageRow // by language
	Total    LanguageRow   // Lang "all"
	Articles []LanguageArticle
}

// StopWordHashtags returns how many of hashtags (keyphrase texts) hold a
// stop word of language lang.
func StopWordHashtags(lang string, hashtags []string) int {
	an := text.NewAnalyzer(lang)
	n := 0
	for _, h := range hashtags {
		for _, w := range text.WordsIn(lang, h) {
			if an.IsStop(text.Fold(w.Text)) {
				n++
				break
			}
		}
	}
	return n
}

// ScoreLanguages sums articles by the language analysis found.
func ScoreLanguages(articles []LanguageArticle) *LanguageReport {
	rows := map[string]*LanguageRow{}
	r := &LanguageReport{Articles: articles, Total: LanguageRow{Lang: "all"}}
	for _, a := range articles {
		lang := a.Got
		if lang == "" {
			lang = "?"
		}
		row := rows[lang]
		if row == nil {
			row = &LanguageRow{Lang: lang}
			rows[lang] = row
		}
		stop := StopWordHashtags(a.Got, a.Hashtags)
		for _, x := range []*LanguageRow{row, &r.Total} {
			x.Articles++
			if a.Want != "" {
				x.Known++
				if a.Want == a.Got {
					x.Right++
				}
			}
			x.Hashtags += len(a.Hashtags)
			x.StopHashtags += stop
			x.People += a.People
			x.Places += a.Places
			x.Organizations += a.Organizations
			x.Queries += a.Queries
			x.Found += a.Found
		}
	}
	for _, row := range rows {
		r.Rows = append(r.Rows, *row)
	}
	slices.SortFunc(r.Rows, func(a, b LanguageRow) int { return strings.Compare(a.Lang, b.Lang) })
	return r
}

// StopRate returns the share of hashtags that hold a stop word.
func (r LanguageRow) StopRate() float64 { return share(r.StopHashtags, r.Hashtags) }

// Recall returns the share of searches that found their article.
func (r LanguageRow) Recall() float64 { return share(r.Found, r.Queries) }

// share returns a/b, 0 when b is 0.
func share(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Print writes the report as a table, one line a language and a total.
func (r *LanguageReport) Print(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "lang\tarticles\tlanguage right\thashtags/article\tstop-word hashtags\tpeople/article\tplaces/article\torgs/article\tsearch recall\t")
	for _, row := range append(slices.Clone(r.Rows), r.Total) {
		right := "-"
		if row.Known > 0 {
			right = fmt.Sprintf("%d/%d", row.Right, row.Known)
		}
		n := float64(max(row.Articles, 1))
		fmt.Fprintf(tw, "%s\t%d\t%s\t%.1f\t%.3f\t%.1f\t%.1f\t%.1f\t%.3f (%d/%d)\t\n", row.Lang, row.Articles, right,
			float64(row.Hashtags)/n, row.StopRate(), float64(row.People)/n, float64(row.Places)/n,
			float64(row.Organizations)/n, row.Recall(), row.Found, row.Queries)
	}
	return tw.Flush()
}
