package eval

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/text"
)

// Brief bounds the evaluation checks, in words.
const (
	BriefMaxWords = 150
	BriefMinWords = 60
	// briefMinText is how many words of text a story's reports need for
	// its brief to be due BriefMinWords.
	briefMinText = 150
	// BriefOverlap is the word overlap above which two sentences of a
	// brief state the same fact: the share of the shorter one's content
	// words the other has.
	BriefOverlap = 0.5
)

// BriefStory is one story of the brief evaluation as the store holds it
// after importing its reports.
type BriefStory struct {
	Name string
	Lang string
	// Reports is how many reports were imported, Stories how many stories
	// they ended in (one when the event is recognised as one).
	Reports, Stories int
	TextWords        int // words of the reports' text
	Brief            *storyline.Brief
	// Reference is the reference summary of a story of one article from a
	// summarization set; "" for none.
	Reference string
}

// BriefRow is the evaluation of one story's brief.
type BriefRow struct {
	Name      string `json:"name"`
	Lang      string `json:"lang"`
	Reports   int    `json:"reports"`
	Stories   int    `json:"stories"`
	Sentences int    `json:"sentences"`
	Words     int    `json:"words"`
	Cited     int    `json:"cited"`     // sentences citing at least one article
	Redundant int    `json:"redundant"` // pairs of sentences stating the same fact
	Dangling  int    `json:"dangling"`  // sentences opening with a word that points back
	LengthOK  bool   `json:"length_ok"`
	Rouge     *Rouge `json:"rouge,omitempty"` // against the reference, when there is one
	// Brief is the brief's sentences; Cites, for each, the IDs of the
	// articles it cites.
	Brief []string  `json:"brief"`
	Cites [][]int64 `json:"cites"`
}

// BriefReport is the evaluation of the briefs of many stories.
type BriefReport struct {
	Rows []BriefRow `json:"rows"`
	// Totals over all stories.
	Stories     int `json:"stories"`
	Sentences   int `json:"sentences"`
	Cited       int `json:"cited"`
	Redundant   int `json:"redundant"`
	Dangling    int `json:"dangling"`
	OutOfBounds int `json:"out_of_bounds"`
	Missing     int `json:"missing"`
	// Split is the number of event fixtures whose reports did not end in
	// one story.
	Split int `json:"split"`
	// Rouge is the mean over the stories with a reference, and Rouged
	// their number.
	Rouge  Rouge `json:"rouge"`
	Rouged int   `json:"rouged"`
}

// CitedShare returns the share of all brief sentences that cite an
// article.
func (r *BriefReport) CitedShare() float64 {
	if r.Sentences == 0 {
		return 0
	}
	return float64(r.Cited) / float64(r.Sentences)
}

// ScoreBriefs evaluates the briefs of stories.
func ScoreBriefs(stories []BriefStory) *BriefReport {
	rep := &BriefReport{}
	scorer := NewRougeScorer()
	for _, s := range stories {
		row := scoreBrief(s)
		if s.Reference != "" && s.Brief != nil {
			r := scorer.Score(s.Reference, s.Brief.Text())
			row.Rouge = &r
			addRouge(&rep.Rouge, r)
			rep.Rouged++
		}
		rep.Rows = append(rep.Rows, row)
		rep.Stories++
		rep.Sentences += row.Sentences
		rep.Cited += row.Cited
		rep.Redundant += row.Redundant
		rep.Dangling += row.Dangling
		if !row.LengthOK {
			rep.OutOfBounds++
		}
		if s.Brief == nil || len(s.Brief.Sentences) == 0 {
			rep.Missing++
		}
		if s.Reports > 1 && s.Stories != 1 {
			rep.Split++
		}
	}
	if rep.Rouged > 0 {
		rep.Rouge = scaleRouge(rep.Rouge, 1/float64(rep.Rouged))
	}
	return rep
}

// scoreBrief evaluates one story's brief.
func scoreBrief(s BriefStory) BriefRow {
	row := BriefRow{Name: s.Name, Lang: s.Lang, Reports: s.Reports, Stories: s.Stories}
	if s.Brief == nil {
		return row
	}
	an := text.NewAnalyzer(s.Lang)
	var sets []map[string]bool
	for _, sen := range s.Brief.Sentences {
		row.Brief = append(row.Brief, sen.Text)
		row.Cites = append(row.Cites, sen.ArticleIDs)
		row.Sentences++
		row.Words += len(strings.Fields(sen.Text))
		if len(sen.ArticleIDs) > 0 {
			row.Cited++
		}
		if DanglingOpener(sen.Text, s.Lang) {
			row.Dangling++
		}
		sets = append(sets, contentWords(an, sen.Text))
	}
	for i := range sets {
		for j := range i {
			if wordOverlap(sets[i], sets[j]) > BriefOverlap {
				row.Redundant++
			}
		}
	}
	row.LengthOK = row.Words <= BriefMaxWords && (row.Words >= BriefMinWords || s.TextWords < briefMinText)
	return row
}

// contentWords returns the folded words of s that are not stop words.
func contentWords(an *text.Analyzer, s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range text.WordsIn(an.Language(), s) {
		f := text.Fold(w.Text)
		if r, _ := utf8.DecodeRuneInString(f); (unicode.IsLetter(r) || unicode.IsDigit(r)) && !an.IsStop(f) {
			set[f] = true
		}
	}
	return set
}

// wordOverlap returns the share of the smaller set's words the other has.
func wordOverlap(a, b map[string]bool) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// danglingOpeners returns, for a language, the words that open a
// sentence by pointing at one before it, folded: the evaluation's own
// list, kept apart from the brief's so that it checks rather than repeats
// it.
func danglingOpeners(lang string) string {
	switch lang {
	case "de":
		return "er sie ihr ihre sein seine dies diese dieser dieses aber und doch jedoch zudem außerdem"
	case "fr":
		return "il elle ils elles cela ceci mais et cependant toutefois"
	case "es":
		return "él ella ellos ellas esto eso pero y además"
	}
	return "he she they them his her their this these those such and but however also so yet meanwhile moreover"
}

// DanglingOpener reports whether sentence s, in language lang, opens with
// a word pointing at a sentence before it ("He said…", "But the…");
// "It" only when what follows is not "is"/"was" (as in "It is unclear").
func DanglingOpener(s, lang string) bool {
	ws := text.Words(s)
	if len(ws) == 0 {
		return false
	}
	first := text.Fold(ws[0].Text)
	if lang == "en" || lang == "" {
		if first == "it" {
			return len(ws) < 2 || !strings.Contains(" is was ", " "+text.Fold(ws[1].Text)+" ")
		}
		if first == "this" && len(ws) > 1 && strings.Contains(" week year month morning weekend ", " "+text.Fold(ws[1].Text)+" ") {
			return false
		}
	}
	if lang == "de" && (first == "das" || first == "dies") && len(ws) > 1 &&
		strings.Contains(" hat hatte ist war wurde wird sei habe ", " "+text.Fold(ws[1].Text)+" ") {
		return true // "Das hat der Rat entschieden."
	}
	return strings.Contains(" "+danglingOpeners(lang)+" ", " "+first+" ")
}

// PrintBriefs writes each story's brief under its name, each sentence
// followed by the IDs of the articles it cites.
func (r *BriefReport) PrintBriefs(w io.Writer) error {
	for _, row := range r.Rows {
		if _, err := fmt.Fprintf(w, "%s:\n", row.Name); err != nil {
			return err
		}
		for i, s := range row.Brief {
			if _, err := fmt.Fprintf(w, "  %s %v\n", s, row.Cites[i]); err != nil {
				return err
			}
		}
		if _, err := fmt.Fprintln(w); err != nil {
			return err
		}
	}
	return nil
}

// Print writes the report as a table and the totals.
func (r *BriefReport) Print(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "story\tlang\treports\tstories\tsentences\twords\tcited\tredundant\tdangling\tlength\tROUGE-1/2")
	for _, row := range r.Rows {
		rouge := "–"
		if row.Rouge != nil {
			rouge = fmt.Sprintf("%.2f/%.2f", 100*row.Rouge.R1.F1, 100*row.Rouge.R2.F1)
		}
		length := "ok"
		if !row.LengthOK {
			length = "OUT"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t%s\n", row.Name, row.Lang, row.Reports, row.Stories,
			row.Sentences, row.Words, row.Cited, row.Redundant, row.Dangling, length, rouge)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%d stories: %d sentences, %.1f %% cited, %d redundant pairs, %d dangling openers, %d out of length bounds, %d without a brief, %d events split",
		r.Stories, r.Sentences, 100*r.CitedShare(), r.Redundant, r.Dangling, r.OutOfBounds, r.Missing, r.Split)
	if err == nil && r.Rouged > 0 {
		_, err = fmt.Fprintf(w, "; ROUGE-1 %.2f, ROUGE-2 %.2f, ROUGE-L %.2f over %d one-article stories",
			100*r.Rouge.R1.F1, 100*r.Rouge.R2.F1, 100*r.Rouge.RL.F1, r.Rouged)
	}
	if err == nil {
		_, err = fmt.Fprintln(w)
	}
	return err
}
