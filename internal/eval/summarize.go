package eval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/storyline/storyline/internal/analysis/summarize"
	"github.com/storyline/storyline/internal/text"
)

// Names under which our summaries and the lead baseline are reported.
const (
	// SummarizerName is the name of our summaries in a report.
	SummarizerName = "storyline"
	// Lead3Name is the name of the LEAD-3 baseline in a report.
	Lead3Name = "lead-3"
)

// SummaryRecord is one line of a summarization data file: an article, its
// reference summary and other systems' summaries of it.
type SummaryRecord struct {
	// ID is the record's "id", or "line-N" when it has none.
	ID      string `json:"id"`
	Dataset string `json:"dataset"`
	// Article is the article text; ArticleLines, when present, the same
	// text split into sentences by the data set's makers.
	Article      string   `json:"article"`
	ArticleLines []string `json:"article_lines"`
	Reference    string   `json:"reference"`
	// SystemOutputs are other systems' summaries by system name.
	SystemOutputs map[string]string `json:"system_outputs"`
	// SystemRouge are the scores the data set records for those systems,
	// by system name and measure ("rouge_1_f_score", …).
	SystemRouge map[string]map[string]float64 `json:"system_rouge"`
}

// LoadSummaryRecords reads a JSON Lines summarization data file. Blank
// lines are skipped; a record needs an article and a reference.
func LoadSummaryRecords(path string) ([]SummaryRecord, error) {
	return loadJSONLines(path, "summarization data", readSummaryRecords)
}

// maxSummaryLine caps one line of a summarization data file.
const maxSummaryLine = 64 << 20

// readSummaryRecords decodes the records of r, one JSON object a line.
func readSummaryRecords(r io.Reader) ([]SummaryRecord, error) {
	var recs []SummaryRecord
	seen := map[string]int{}
	err := eachJSONLine(r, maxSummaryLine, func(n int, b []byte) error {
		var rec SummaryRecord
		if err := json.Unmarshal(b, &rec); err != nil {
			return err
		}
		if strings.TrimSpace(rec.Article) == "" && len(rec.ArticleLines) == 0 {
			return errors.New("no article")
		}
		if strings.TrimSpace(rec.Reference) == "" {
			return errors.New("no reference")
		}
		if rec.ID == "" {
			rec.ID = fmt.Sprintf("line-%d", n)
		}
		if prev, dup := seen[rec.ID]; dup {
			return fmt.Errorf("id %q already on line %d", rec.ID, prev)
		}
		seen[rec.ID] = n
		if rec.Dataset == "" {
			rec.Dataset = "unknown"
		}
		recs = append(recs, rec)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, errors.New("no records")
	}
	return recs, nil
}

// SummarizeOptions configures RunSummarize.
type SummarizeOptions struct {
	// DataFile is the JSON Lines data file.
	DataFile string
	// Dataset, when set, keeps only the records of that data set.
	Dataset string
	// OutFile, when set, receives our summaries as {id: summary}, the
	// sentences of a summary separated by newlines.
	OutFile string
	// Sentences is the summary length in sentences; 0 means 3.
	Sentences int
	// Lang is the language of the articles; "" means English.
	Lang string
}

// SummaryScores are one system's mean ROUGE scores over a data set.
type SummaryScores struct {
	Name string
	Rouge
	// Docs is how many records were scored (those with the system's
	// summary).
	Docs int
	// Recorded is the mean ROUGE-1 F1 the data file records for the
	// system (from the original evaluation), or -1 when it has none.
	Recorded float64
}

// SummaryDatasetReport is the outcome of one data set: every system, ours and
// LEAD-3 included, best ROUGE-1 F1 first.
type SummaryDatasetReport struct {
	Name    string
	Records int
	Systems []SummaryScores
}

// System returns the scores of the named system and whether it was
// scored.
func (d SummaryDatasetReport) System(name string) (SummaryScores, bool) {
	for _, s := range d.Systems {
		if s.Name == name {
			return s, true
		}
	}
	return SummaryScores{}, false
}

// SummarizeReport is the outcome of RunSummarize: one report per data set,
// by name.
type SummarizeReport struct {
	Datasets []SummaryDatasetReport
}

// Dataset returns the report of the named data set and whether there is
// one.
func (r SummarizeReport) Dataset(name string) (SummaryDatasetReport, bool) {
	for _, d := range r.Datasets {
		if d.Name == name {
			return d, true
		}
	}
	return SummaryDatasetReport{}, false
}

// RunSummarize summarizes the article of every record of opts.DataFile
// with s, and scores ours, LEAD-3 (the first three of the record's
// article_lines when it has them, else of our sentence split of the
// article) and every system in the records' system_outputs against the
// references with ROUGE-1, -2 and -L (see RougeScorer), per data set.
// Our summarizer is given the article without a title (summaryInput).
func RunSummarize(ctx context.Context, s summarize.Summarizer, opts SummarizeOptions) (*SummarizeReport, error) {
	recs, err := LoadSummaryRecords(opts.DataFile)
	if err != nil {
		return nil, fmt.Errorf("run summarization eval: %w", err)
	}
	if opts.Dataset != "" {
		kept := recs[:0]
		for _, r := range recs {
			if r.Dataset == opts.Dataset {
				kept = append(kept, r)
			}
		}
		if len(kept) == 0 {
			return nil, fmt.Errorf("run summarization eval: %s: no records of data set %q", opts.DataFile, opts.Dataset)
		}
		recs = kept
	}
	n := opts.Sentences
	if n <= 0 {
		n = 3
	}
	ours := make(map[string]string, len(recs))
	for _, r := range recs {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("run summarization eval: %w", err)
		}
		ours[r.ID] = strings.Join(s.Article(summarize.Input{Text: summaryInput(r), Lang: opts.Lang}, n), "\n")
	}
	if opts.OutFile != "" {
		if err := writeSummaries(opts.OutFile, ours); err != nil {
			return nil, fmt.Errorf("run summarization eval: %w", err)
		}
	}
	return scoreSummaries(recs, ours), nil
}

// summaryInput returns the article of r as our summarizer's input: its
// article_lines as paragraphs when it has them, else the article field.
// The lines keep the breaks of the page (captions, standfirsts and
// widgets on lines of their own) that the article field has lost by
// joining them with a space, or none at all; paragraphs are what the
// summarizer gets from the extractor in the application.
func summaryInput(r SummaryRecord) string {
	if len(r.ArticleLines) > 0 {
		return strings.Join(r.ArticleLines, "\n\n")
	}
	return r.Article
}

// Lead3 returns the first three sentences of the record's article: its
// article_lines when present, else text.Sentences of the article.
func Lead3(r SummaryRecord) string {
	var lines []string
	if len(r.ArticleLines) > 0 {
		lines = r.ArticleLines
	} else {
		for _, s := range text.Sentences(r.Article) {
			lines = append(lines, s.Text)
		}
	}
	return strings.Join(lines[:min(3, len(lines))], "\n")
}

// scoreSummaries scores ours, LEAD-3 and the recorded systems per data
// set, data sets in name order.
func scoreSummaries(recs []SummaryRecord, ours map[string]string) *SummarizeReport {
	scorer := NewRougeScorer()
	byDataset := map[string][]SummaryRecord{}
	for _, r := range recs {
		byDataset[r.Dataset] = append(byDataset[r.Dataset], r)
	}
	names := make([]string, 0, len(byDataset))
	for name := range byDataset {
		names = append(names, name)
	}
	sort.Strings(names)
	rep := &SummarizeReport{}
	for _, name := range names {
		rep.Datasets = append(rep.Datasets, scoreSummaryDataset(scorer, name, byDataset[name], ours))
	}
	return rep
}

// scoreSummaryDataset scores the systems on the records of one data set.
func scoreSummaryDataset(scorer *RougeScorer, name string, recs []SummaryRecord, ours map[string]string) SummaryDatasetReport {
	type acc struct {
		sum          Rouge
		docs         int
		recorded     float64
		recordedDocs int
	}
	accs := map[string]*acc{}
	add := func(system, reference, summary string, recorded map[string]float64) {
		a := accs[system]
		if a == nil {
			a = &acc{}
			accs[system] = a
		}
		r := scorer.Score(reference, summary)
		addRouge(&a.sum, r)
		a.docs++
		if v, ok := recorded["rouge_1_f_score"]; ok {
			a.recorded += v
			a.recordedDocs++
		}
	}
	for _, r := range recs {
		add(SummarizerName, r.Reference, ours[r.ID], nil)
		add(Lead3Name, r.Reference, Lead3(r), nil)
		for sys, out := range r.SystemOutputs {
			add(sys, r.Reference, out, r.SystemRouge[sys])
		}
	}
	d := SummaryDatasetReport{Name: name, Records: len(recs)}
	for sys, a := range accs {
		s := SummaryScores{Name: sys, Rouge: scaleRouge(a.sum, 1/float64(a.docs)), Docs: a.docs, Recorded: -1}
		if a.recordedDocs == a.docs {
			s.Recorded = a.recorded / float64(a.docs)
		}
		d.Systems = append(d.Systems, s)
	}
	sort.Slice(d.Systems, func(i, j int) bool {
		if d.Systems[i].R1.F1 != d.Systems[j].R1.F1 {
			return d.Systems[i].R1.F1 > d.Systems[j].R1.F1
		}
		return d.Systems[i].Name < d.Systems[j].Name
	})
	return d
}

// addRouge adds r to sum, measure by measure.
func addRouge(sum *Rouge, r Rouge) {
	for _, p := range [][2]*RougeScore{{&sum.R1, &r.R1}, {&sum.R2, &r.R2}, {&sum.RL, &r.RL}} {
		p[0].Precision += p[1].Precision
		p[0].Recall += p[1].Recall
		p[0].F1 += p[1].F1
	}
}

// scaleRouge returns r with every value multiplied by f.
func scaleRouge(r Rouge, f float64) Rouge {
	for _, s := range []*RougeScore{&r.R1, &r.R2, &r.RL} {
		s.Precision *= f
		s.Recall *= f
		s.F1 *= f
	}
	return r
}

// writeSummaries writes summaries by ID to path as one JSON object, IDs
// in sorted order.
func writeSummaries(path string, summaries map[string]string) error {
	return writeJSONFile(path, "summaries", summaries, true)
}

// Print writes one table per data set: ROUGE-1, -2 and -L F1 (×100) of
// every system, best ROUGE-1 first, ours and LEAD-3 marked, with the
// ROUGE-1 F1 the data file records where it has one.
func (r SummarizeReport) Print(w io.Writer) error {
	for i, d := range r.Datasets {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s (%d articles)\n", d.Name, d.Records)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "system\tROUGE-1\tROUGE-2\tROUGE-L\trecorded R-1\tdocs\n")
		for _, s := range d.Systems {
			name := s.Name
			switch name {
			case SummarizerName:
				name += " (ours)"
			case Lead3Name:
				name += " (baseline)"
			}
			rec := "-"
			if s.Recorded >= 0 {
				rec = fmt.Sprintf("%.2f", 100*s.Recorded)
			}
			fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.2f\t%s\t%d\n", name, 100*s.R1.F1, 100*s.R2.F1, 100*s.RL.F1, rec, s.Docs)
		}
		if err := tw.Flush(); err != nil {
			return fmt.Errorf("print summarization report: %w", err)
		}
	}
	fmt.Fprintln(w, "\nROUGE F1 ×100 as rouge_score computes it (Porter stemming; ROUGE-L over whole texts, not rougeLsum).")
	fmt.Fprintln(w, "lead-3: the first three article_lines; recorded R-1: the mean of the data file's own rouge_1_f_score (system_rouge).")
	return nil
}
