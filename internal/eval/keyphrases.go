package eval

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/storyline/storyline/internal/analysis/keyphrase"
	"github.com/storyline/storyline/internal/text"
)

// KeyphraseK is the cut-off of the keyphrase metric: F1@10.
const KeyphraseK = 10

// Keyphrase baselines reported beside ours.
const (
	BaselineFirstPhrases = "FirstPhrases"
	BaselineTfIdf        = "TfIdf"
)

// KeyphraseDoc is one document of a keyphrase data set.
type KeyphraseDoc struct {
	ID    string
	Title string // the first line
	Text  string // the rest
	Gold  []string
}

// KeyphraseOptions configures RunKeyphrases.
type KeyphraseOptions struct {
	// DataDir holds docs/<id>.txt and keys/<id>.key.
	DataDir string
	// OutFile, when set, receives our keyphrases as {id: [phrase, ...]}.
	OutFile string
	// Lang is the documents' language; "" means English.
	Lang string
}

// KeyphraseScores are one system's averaged precision, recall and F1 at
// KeyphraseK, as fractions.
type KeyphraseScores struct {
	Name                  string
	Precision, Recall, F1 float64
	Docs                  int
}

// KeyphraseReport is the outcome of RunKeyphrases.
type KeyphraseReport struct {
	// Ours are our extractor's scores; Baselines the reference methods'.
	Ours      KeyphraseScores
	Baselines []KeyphraseScores
	// Docs is how many documents were scored; Elapsed is the wall time of
	// our extraction alone.
	Docs    int
	Elapsed time.Duration
}

// LoadKeyphraseData reads dir/docs/*.txt and the matching dir/keys/*.key,
// sorted by ID. A document's first non-empty line is its title; CRLF line
// endings are accepted. Every document needs a key file.
func LoadKeyphraseData(dir string) ([]KeyphraseDoc, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "docs", "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("load keyphrase data %s: %w", dir, err)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("load keyphrase data: no docs/*.txt files in %s", dir)
	}
	sort.Strings(paths)
	docs := make([]KeyphraseDoc, 0, len(paths))
	for _, p := range paths {
		id := strings.TrimSuffix(filepath.Base(p), ".txt")
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("load keyphrase data: %w", err)
		}
		title, body := splitTitle(strings.ReplaceAll(string(b), "\r\n", "\n"))
		kp := filepath.Join(dir, "keys", id+".key")
		kb, err := os.ReadFile(kp)
		if err != nil {
			return nil, fmt.Errorf("load keyphrase data: document %s: %w", id, err)
		}
		var gold []string
		for _, line := range strings.Split(string(kb), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				gold = append(gold, line)
			}
		}
		docs = append(docs, KeyphraseDoc{ID: id, Title: title, Text: body, Gold: gold})
	}
	return docs, nil
}

// splitTitle returns the first non-empty line of s and the rest.
func splitTitle(s string) (title, body string) {
	s = strings.TrimLeft(s, " \t\n\ufeff")
	title, body, _ = strings.Cut(s, "\n")
	return strings.TrimSpace(title), strings.TrimSpace(body)
}

// KeyphraseNormalizer turns keyphrases into the form they are matched in:
// words (text.Words) lower-cased, Porter-stemmed, joined by one space.
type KeyphraseNormalizer struct{ a *text.Analyzer }

// NewKeyphraseNormalizer returns the metric's normalizer.
func NewKeyphraseNormalizer() KeyphraseNormalizer {
	return KeyphraseNormalizer{text.NewPorterAnalyzer()}
}

// Normalize returns the matching form of a keyphrase.
func (n KeyphraseNormalizer) Normalize(phrase string) string {
	ws := text.Words(phrase)
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = n.a.Stem(strings.ToLower(w.Text))
	}
	return strings.Join(parts, " ")
}

// ScoreKeyphrases scores one document's predicted keyphrases (best first)
// against its gold keyphrases at cut-off k, as Gallina et al. (JCDL 2020)
// and pke do: both sides normalized, gold duplicates (after normalizing)
// removed; precision = gold keys matched by the top min(k, returned)
// predictions / min(k, returned), 0 when nothing is returned; recall = the
// same matches / gold keys; F1 their harmonic mean, 0 when both are 0.
func ScoreKeyphrases(norm KeyphraseNormalizer, pred, gold []string, k int) (p, r, f float64) {
	goldSet := make(map[string]bool, len(gold))
	for _, g := range gold {
		if s := norm.Normalize(g); s != "" {
			goldSet[s] = true
		}
	}
	top := pred[:min(k, len(pred))]
	matched := make(map[string]bool)
	for _, q := range top {
		if s := norm.Normalize(q); goldSet[s] {
			matched[s] = true
		}
	}
	if len(top) > 0 {
		p = float64(len(matched)) / float64(len(top))
	}
	if len(goldSet) > 0 {
		r = float64(len(matched)) / float64(len(goldSet))
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// keyphraseSystem accumulates one system's per-document scores.
type keyphraseSystem struct {
	name      string
	p, r, f   float64
	docs      int
	phrasesOf func(i int) []string
}

// RunKeyphrases extracts the keyphrases of every document of opts.DataDir
// with ex and scores them, beside the FirstPhrases and TfIdf baselines on
// the same candidates, with F1@10. Document frequencies come from a first
// pass over all the documents of the set (each document included in its
// own counts), as a collection's would once it holds them all; ours count
// stemmed words (text.Analyzer.Terms), the TfIdf baseline's count whole
// candidate phrases, as pke's TfIdf does.
func RunKeyphrases(ctx context.Context, ex *keyphrase.Extractor, opts KeyphraseOptions) (*KeyphraseReport, error) {
	if st, err := os.Stat(opts.DataDir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("run keyphrase eval: data directory %q: not a readable directory", opts.DataDir)
	}
	docs, err := LoadKeyphraseData(opts.DataDir)
	if err != nil {
		return nil, fmt.Errorf("run keyphrase eval: %w", err)
	}
	lang := opts.Lang
	if lang == "" {
		lang = "en"
	}
	an := text.NewAnalyzer(lang)
	df, phraseDF := text.NewDocFreq(), text.NewDocFreq()
	cands := make([][]keyphrase.Candidate, len(docs))
	for i, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("run keyphrase eval: %w", err)
		}
		df.Add(an.Terms(d.Title + "\n" + d.Text))
		cands[i] = ex.Candidates(d.Title, d.Text, lang)
		keys := make([]string, len(cands[i]))
		for j, c := range cands[i] {
			keys[j] = strings.Join(c.Stems, " ")
		}
		phraseDF.Add(keys)
	}

	ours := make([][]string, len(docs))
	out := make(map[string][]string, len(docs))
	start := time.Now()
	for i, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("run keyphrase eval: %w", err)
		}
		for _, p := range ex.Extract(d.Title, d.Text, lang, df, KeyphraseK) {
			ours[i] = append(ours[i], p.Text)
		}
		out[d.ID] = append([]string{}, ours[i]...)
	}
	elapsed := time.Since(start)
	if opts.OutFile != "" {
		if err := writeKeyphrases(opts.OutFile, out); err != nil {
			return nil, fmt.Errorf("run keyphrase eval: %w", err)
		}
	}

	systems := []*keyphraseSystem{
		{name: OursName, phrasesOf: func(i int) []string { return ours[i] }},
		{name: BaselineFirstPhrases, phrasesOf: func(i int) []string { return FirstPhrases(cands[i], KeyphraseK) }},
		{name: BaselineTfIdf, phrasesOf: func(i int) []string { return TfIdfPhrases(cands[i], phraseDF, KeyphraseK) }},
	}
	norm := NewKeyphraseNormalizer()
	for i, d := range docs {
		for _, s := range systems {
			p, r, f := ScoreKeyphrases(norm, s.phrasesOf(i), d.Gold, KeyphraseK)
			s.p += p
			s.r += r
			s.f += f
			s.docs++
		}
	}
	rep := &KeyphraseReport{Docs: len(docs), Elapsed: elapsed}
	for i, s := range systems {
		n := float64(max(s.docs, 1))
		sc := KeyphraseScores{Name: s.name, Precision: s.p / n, Recall: s.r / n, F1: s.f / n, Docs: s.docs}
		if i == 0 {
			rep.Ours = sc
		} else {
			rep.Baselines = append(rep.Baselines, sc)
		}
	}
	return rep, nil
}

// FirstPhrases is the FirstPhrases baseline: the first k whole candidates
// (not the single words inside longer ones) in order of first occurrence,
// one per stem sequence.
func FirstPhrases(cands []keyphrase.Candidate, k int) []string {
	var out []string
	for _, c := range cands {
		if len(out) == k {
			break
		}
		if c.Whole {
			out = append(out, c.Text)
		}
	}
	return out
}

// TfIdfPhrases is the TfIdf baseline: the k whole candidates with the
// highest frequency in the document times the IDF of the candidate phrase
// (its stems joined by spaces) in phraseDF; earlier first on a tie.
func TfIdfPhrases(cands []keyphrase.Candidate, phraseDF *text.DocFreq, k int) []string {
	type scored struct {
		text  string
		score float64
	}
	var all []scored
	for _, c := range cands {
		if c.Whole {
			all = append(all, scored{c.Text, float64(c.Count) * phraseDF.IDF(strings.Join(c.Stems, " "))})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].score > all[j].score })
	out := make([]string, 0, k)
	for _, s := range all[:min(k, len(all))] {
		out = append(out, s.text)
	}
	return out
}

// writeKeyphrases writes {id: [phrase, ...]} to path.
func writeKeyphrases(path string, out map[string][]string) error {
	for id, ps := range out {
		if ps == nil {
			out[id] = []string{}
		}
	}
	return writeJSONFile(path, "keyphrases", out, true)
}

// Print writes the report: F1@10, P@10 and R@10 as percentages, ours first.
func (r KeyphraseReport) Print(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "system\tF1@%d\tP@%d\tR@%d\tdocs\n", KeyphraseK, KeyphraseK, KeyphraseK)
	row := func(name string, s KeyphraseScores) {
		fmt.Fprintf(tw, "%s\t%.1f\t%.1f\t%.1f\t%d\n", name, 100*s.F1, 100*s.Precision, 100*s.Recall, s.Docs)
	}
	row(r.Ours.Name+" (ours)", r.Ours)
	for _, b := range r.Baselines {
		row(b.Name, b)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("print keyphrase report: %w", err)
	}
	fmt.Fprintf(w, "\nexact match of lower-cased, Porter-stemmed phrases; per-document P, R, F1 averaged over %d documents\n", r.Docs)
	fmt.Fprintln(w, "document frequencies: first pass over all documents of the set")
	if r.Docs > 0 && r.Elapsed > 0 {
		fmt.Fprintf(w, "extracted %d documents in %v (%.0f docs/s)\n", r.Docs, r.Elapsed.Round(time.Millisecond), float64(r.Docs)/r.Elapsed.Seconds())
	}
	return nil
}
