package main

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/eval"
	"github.com/storyline/storyline/internal/store/sqlite"
	"github.com/storyline/storyline/internal/text"
)

// languageQueries is how many words of an article's hashtags are searched
// for, and languageHits how far down the results it must be.
const (
	languageQueries = 3
	languageHits    = 10
)

func (a *app) evalLanguagesCommand() *cobra.Command {
	var pages, texts, out string
	var maxStop, minRecall float64
	cmd := &cobra.Command{
		Use:   "languages [--pages DIR] [--texts DIR] [--max-stop-rate R] [--min-recall R]",
		Short: "Measure analysis and search per language on real pages and news texts",
		Long: `Import the pages of --pages (.html, .html.gz) and the news texts of --texts
(.txt: first line the title; a name starting with a language code, as "de.txt"
or "en-declared-de.txt", says the language it is written in, and "-declared-xx"
the language its record declares) with analysis into a temporary SQLite store,
as storyline import does, then report per language found: how often the
language was right (where known), hashtags per article and the share holding
a stop word of the language, people, places and organisations per article,
and search recall (searching up to 3 words of an article's hashtags, the
share that find it among the first 10 results).

--max-stop-rate fails when the stop-word share of all hashtags is above it;
--min-recall when the search recall of all articles is below it.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if pages == "" && texts == "" {
				return usagef("eval languages needs --pages DIR or --texts DIR")
			}
			if maxStop < 0 || maxStop > 1 || minRecall < 0 || minRecall > 1 {
				return usagef("--max-stop-rate and --min-recall are shares from 0 to 1")
			}
			docs, err := languageDocs(pages, texts)
			if err != nil {
				return err
			}
			arts, err := runLanguages(cmd.Context(), docs)
			if err != nil {
				return err
			}
			rep := eval.ScoreLanguages(arts)
			if err := rep.Print(a.stdout); err != nil {
				return err
			}
			if out != "" {
				if err := writeReportFile(out, rep); err != nil {
					return err
				}
			}
			if maxStop > 0 && rep.Total.StopRate() > maxStop {
				return fmt.Errorf("stop-word hashtag share %.3f is above --max-stop-rate %g", rep.Total.StopRate(), maxStop)
			}
			if minRecall > 0 && rep.Total.Recall() < minRecall {
				return fmt.Errorf("search recall %.3f is below --min-recall %g", rep.Total.Recall(), minRecall)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&pages, "pages", "", "directory of pages (.html, .html.gz)")
	cmd.Flags().StringVar(&texts, "texts", "", "directory of news texts (.txt), named by language")
	cmd.Flags().StringVar(&out, "out", "", "write the report as JSON to FILE")
	cmd.Flags().Float64Var(&maxStop, "max-stop-rate", 0, "fail when more than this share of hashtags hold a stop word (0: no check)")
	cmd.Flags().Float64Var(&minRecall, "min-recall", 0, "fail when search recall is below this share (0: no check)")
	return cmd
}

// languageDoc is one input of the languages evaluation.
type languageDoc struct {
	name, want, declared string
	html                 string // a page, or
	title, text          string // a news text
}

// languageDocs reads the pages and texts of the two directories ("" for
// none), in name order.
func languageDocs(pages, texts string) ([]languageDoc, error) {
	var docs []languageDoc
	if pages != "" {
		names, err := filesIn(pages, ".html", ".html.gz")
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			b, err := readMaybeGzip(n)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", n, err)
			}
			docs = append(docs, languageDoc{name: filepath.Base(n), html: string(b)})
		}
	}
	if texts != "" {
		names, err := filesIn(texts, ".txt")
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			b, err := os.ReadFile(n)
			if err != nil {
				return nil, err
			}
			title, body, _ := strings.Cut(string(b), "\n")
			if strings.TrimSpace(body) == "" {
				return nil, fmt.Errorf("%s: no text after the title line", n)
			}
			base := strings.TrimSuffix(filepath.Base(n), ".txt")
			want, _, _ := strings.Cut(base, "-")
			_, declared, _ := strings.Cut(base, "-declared-")
			docs = append(docs, languageDoc{name: filepath.Base(n), want: text.ChooseLanguage(want, ""), declared: declared,
				title: strings.TrimSpace(title), text: strings.TrimSpace(body)})
		}
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("no pages or texts in %s", strings.TrimSpace(pages+" "+texts))
	}
	return docs, nil
}

// filesIn lists the files of dir with one of the suffixes, sorted.
func filesIn(dir string, suffixes ...string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && slices.ContainsFunc(suffixes, func(s string) bool { return strings.HasSuffix(e.Name(), s) }) {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out, nil
}

// readMaybeGzip reads a file, uncompressing it when its name ends in .gz.
func readMaybeGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			return nil, err
		}
		defer z.Close()
		r = z
	}
	return io.ReadAll(io.LimitReader(r, 64<<20))
}

// languageURL is the URL a document is imported under.
func languageURL(d languageDoc) string { return "https://languages.example/" + d.name }

// languageSource is the outlet a document is imported as, one of its own.
func languageSource(d languageDoc) string { return "Outlet " + d.name }

// runLanguages imports docs with analysis into a temporary store and
// reads back what analysis and search made of each.
func runLanguages(ctx context.Context, docs []languageDoc) ([]eval.LanguageArticle, error) {
	db, done, err := importRecords(ctx, len(docs), func(i int) any {
		d := docs[i]
		rec := map[string]any{"url": languageURL(d), "source": languageSource(d)}
		if d.html != "" {
			rec["html"] = d.html
		} else {
			rec["title"], rec["text"] = d.title, d.text
		}
		if d.declared != "" {
			rec["language"] = d.declared
		}
		return rec
	})
	if err != nil {
		return nil, err
	}
	defer done()
	out := make([]eval.LanguageArticle, 0, len(docs))
	for _, d := range docs {
		x, err := languageArticle(ctx, db, d)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.name, err)
		}
		out = append(out, x)
	}
	return out, nil
}

// languageArticle reads what the store holds of document d and searches
// for words of its hashtags.
func languageArticle(ctx context.Context, db *sqlite.DB, d languageDoc) (eval.LanguageArticle, error) {
	x := eval.LanguageArticle{Name: d.name, Want: d.want}
	// A page's own canonical URL wins over the record's: the document is
	// found by its outlet, which the record names.
	list, err := db.Articles(ctx, storyline.ArticleFilter{Source: languageSource(d), Limit: 1, IncludeCopies: true})
	if err != nil {
		return x, err
	}
	if len(list) == 0 {
		return x, fmt.Errorf("not stored")
	}
	a := list[0]
	an, err := storyline.AnalysisOf(ctx, db, a)
	if err != nil {
		return x, err
	}
	x.Got = an.Language
	for _, k := range an.Keyphrases {
		x.Hashtags = append(x.Hashtags, k.Text)
	}
	for _, e := range an.Entities {
		switch e.Kind {
		case storyline.EntityPerson:
			x.People++
		case storyline.EntityPlace:
			x.Places++
		case storyline.EntityOrganization:
			x.Organizations++
		}
	}
	id := a.ID
	if a.CopyOf != 0 {
		id = a.CopyOf // search finds canonical articles
	}
	for _, q := range queryWords(an.Language, x.Hashtags, languageQueries) {
		hits, err := db.Search(ctx, storyline.SearchQuery{Text: q, Limit: languageHits})
		if err != nil {
			return x, fmt.Errorf("search %q: %w", q, err)
		}
		x.Queries++
		if slices.ContainsFunc(hits, func(h storyline.SearchHit) bool { return h.Article.ID == id }) {
			x.Found++
		}
	}
	return x, nil
}

// queryWords returns up to n distinct words of hashtags, in order, as
// search queries.
func queryWords(lang string, hashtags []string, n int) []string {
	var out []string
	for _, h := range hashtags {
		for _, w := range text.WordsIn(lang, h) {
			if len(out) < n && !slices.Contains(out, w.Text) {
				out = append(out, w.Text)
			}
		}
	}
	return out
}

// writeReportFile writes v as JSON to the file at path.
func writeReportFile(path string, v any) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := writeJSON(f, v); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}
