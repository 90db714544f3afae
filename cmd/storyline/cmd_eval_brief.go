package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/eval"
	"github.com/storyline/storyline/internal/importer"
	"github.com/storyline/storyline/internal/store/sqlite"
)

func (a *app) evalBriefCommand() *cobra.Command {
	var stories, seeds, summaries, out string
	var limit int
	var check, show bool
	cmd := &cobra.Command{
		Use:   "brief [--stories DIR] [--seeds DIR] [--summaries FILE] [--check]",
		Short: "Measure story briefs on multi-outlet stories and one-article stories",
		Long: `Import stories with analysis into a temporary SQLite store, as storyline
import does, and evaluate the brief each story gets:

  --stories DIR    a directory per event, a report per file in it (NN-outlet-name.txt,
                   first line the headline, NN the publication order); a directory
                   name starting with a language code and "-" ("de-…") gives the
                   language, else English
  --seeds DIR      the .txt files of DIR as the reports of one event, one outlet each
  --summaries FILE a summarization set (JSON Lines with "article" and "reference"):
                   each of its first --limit articles a story of its own, its brief
                   scored with ROUGE against the reference

Reported per story: sentences, words, sentences citing an article, pairs of
sentences stating the same fact (more than half the content words of the shorter
in the other), sentences opening with a word that points back ("He", "But"), and
whether the length is within bounds (at most 150 words; at least 60 when the
reports have 150 words of text). --check fails on any redundant pair, dangling
opener, uncited sentence, length out of bounds, story without a brief, or event
split into several stories.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if stories == "" && seeds == "" && summaries == "" {
				return usagef("eval brief needs --stories DIR, --seeds DIR or --summaries FILE")
			}
			if limit < 0 {
				return usagef("--limit must be 0 or more")
			}
			events, err := briefEvents(stories, seeds)
			if err != nil {
				return err
			}
			if summaries != "" {
				more, err := summaryEvents(summaries, limit)
				if err != nil {
					return err
				}
				events = append(events, more...)
			}
			got, err := runBriefs(cmd.Context(), events)
			if err != nil {
				return err
			}
			rep := eval.ScoreBriefs(got)
			if show {
				if err := rep.PrintBriefs(a.stdout); err != nil {
					return err
				}
			}
			if err := rep.Print(a.stdout); err != nil {
				return err
			}
			if out != "" {
				if err := writeReportFile(out, rep); err != nil {
					return err
				}
			}
			if check && (rep.Redundant > 0 || rep.Dangling > 0 || rep.Cited < rep.Sentences || rep.OutOfBounds > 0 || rep.Missing > 0 || rep.Split > 0) {
				return fmt.Errorf("briefs fail the checks: %d redundant pairs, %d dangling openers, %d uncited sentences, %d out of bounds, %d missing, %d events split",
					rep.Redundant, rep.Dangling, rep.Sentences-rep.Cited, rep.OutOfBounds, rep.Missing, rep.Split)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&stories, "stories", "", "directory of events, a directory of reports each")
	cmd.Flags().StringVar(&seeds, "seeds", "", "directory of .txt reports of one event")
	cmd.Flags().StringVar(&summaries, "summaries", "", "summarization set (JSON Lines), each article a story")
	cmd.Flags().IntVar(&limit, "limit", 30, "most articles of --summaries used")
	cmd.Flags().BoolVar(&show, "show", false, "print every brief, each sentence with the article IDs it cites")
	cmd.Flags().BoolVar(&check, "check", false, "fail unless every brief passes the structural checks")
	cmd.Flags().StringVar(&out, "out", "", "write the report as JSON to FILE")
	return cmd
}

// briefEvent is one story of the brief evaluation: its reports.
type briefEvent struct {
	name, lang string
	reports    []briefReport
	reference  string
}

// briefReport is one report of an event.
type briefReport struct {
	outlet, title, text string
}

// briefEvents reads the events of a stories directory and of a seeds
// directory ("" for none).
func briefEvents(stories, seeds string) ([]briefEvent, error) {
	var events []briefEvent
	if stories != "" {
		entries, err := os.ReadDir(stories)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if !e.IsDir() {
				continue
			}
			ev, err := readBriefEvent(filepath.Join(stories, e.Name()), false)
			if err != nil {
				return nil, err
			}
			events = append(events, ev)
		}
		if len(events) == 0 {
			return nil, fmt.Errorf("%s: no event directories", stories)
		}
	}
	if seeds != "" {
		ev, err := readBriefEvent(seeds, true)
		if err != nil {
			return nil, err
		}
		events = append(events, ev)
	}
	return events, nil
}

// readBriefEvent reads the .txt reports of dir, in name order; seeds
// names each report's outlet by its place ("Seed outlet 1") rather than
// by its file name.
func readBriefEvent(dir string, seeds bool) (briefEvent, error) {
	name := filepath.Base(dir)
	ev := briefEvent{name: name, lang: "en"}
	if code, _, ok := strings.Cut(name, "-"); ok && len(code) == 2 && !seeds {
		ev.lang = code
	}
	files, err := filesIn(dir, ".txt")
	if err != nil {
		return ev, err
	}
	for i, f := range files {
		// Read as storyline import reads a text file: the title from the
		// first line, or from the text when that line is none.
		var doc *importer.Document
		err := importer.Decoder{}.DecodeFile(f, func(it importer.Item) {
			if it.Err == nil && it.Doc != nil && doc == nil {
				doc = it.Doc
			}
		})
		if err == nil && doc == nil {
			err = fmt.Errorf("no article in it")
		}
		if err != nil {
			return ev, fmt.Errorf("%s: %w", f, err)
		}
		outlet := fmt.Sprintf("Seed outlet %d", i+1)
		if !seeds {
			outlet = outletOfFile(f)
		}
		ev.reports = append(ev.reports, briefReport{outlet: outlet, title: doc.Title, text: doc.Text})
	}
	if len(ev.reports) == 0 {
		return ev, fmt.Errorf("%s: no .txt reports", dir)
	}
	return ev, nil
}

// outletOfFile names the outlet of a report file "NN-outlet-name.txt":
// "Outlet Name".
func outletOfFile(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), ".txt")
	if n, rest, ok := strings.Cut(base, "-"); ok && strings.Trim(n, "0123456789") == "" {
		base = rest
	}
	words := strings.Split(base, "-")
	for i, w := range words {
		if w != "" {
			r := []rune(w)
			r[0] = unicode.ToUpper(r[0])
			words[i] = string(r)
		}
	}
	return strings.Join(words, " ")
}

// summaryEvents makes a one-report event of each of the first limit
// articles of a summarization set.
func summaryEvents(path string, limit int) ([]briefEvent, error) {
	recs, err := eval.LoadSummaryRecords(path)
	if err != nil {
		return nil, err
	}
	var events []briefEvent
	for i, r := range recs {
		if i == limit {
			break
		}
		text := strings.TrimSpace(r.Article)
		title, _, _ := strings.Cut(text, ". ")
		if words := strings.Fields(title); len(words) > 12 {
			title = strings.Join(words[:12], " ")
		}
		events = append(events, briefEvent{name: "summary/" + r.ID, lang: "en", reference: r.Reference,
			reports: []briefReport{{outlet: fmt.Sprintf("Summary outlet %d", i+1), title: title, text: text}}})
	}
	return events, nil
}

// briefURL is the URL report j of event i is imported under.
func briefURL(i, j int) string { return fmt.Sprintf("https://briefs.example/%d/%d", i, j) }

// runBriefs imports the events' reports with analysis into a temporary
// store, a day apart, each event's reports an hour apart in order, and
// reads back each event's story and brief.
func runBriefs(ctx context.Context, events []briefEvent) ([]eval.BriefStory, error) {
	type rec struct{ i, j int }
	var recs []rec
	for i, ev := range events {
		for j := range ev.reports {
			recs = append(recs, rec{i, j})
		}
	}
	base := time.Date(2026, 1, 5, 6, 0, 0, 0, time.UTC)
	db, done, err := importRecords(ctx, len(recs), func(k int) any {
		r := recs[k]
		ev, rep := events[r.i], events[r.i].reports[r.j]
		return map[string]any{"url": briefURL(r.i, r.j), "title": rep.title, "text": rep.text, "source": rep.outlet,
			"language": ev.lang, "published": base.Add(time.Duration(r.i)*24*time.Hour + time.Duration(r.j)*time.Hour)}
	})
	if err != nil {
		return nil, err
	}
	defer done()
	out := make([]eval.BriefStory, 0, len(events))
	for i, ev := range events {
		s, err := briefStory(ctx, db, i, ev)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ev.name, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// briefStory reads back the story event i ended in (the first report's)
// and how many stories its reports are in.
func briefStory(ctx context.Context, db *sqlite.DB, i int, ev briefEvent) (eval.BriefStory, error) {
	s := eval.BriefStory{Name: ev.name, Lang: ev.lang, Reports: len(ev.reports), Reference: ev.reference}
	stories := map[int64]bool{}
	var first *storyline.Story
	for j, rep := range ev.reports {
		s.TextWords += len(strings.Fields(rep.text))
		a, err := db.ArticleByURL(ctx, briefURL(i, j))
		if err != nil {
			return s, err
		}
		an, err := storyline.AnalysisOf(ctx, db, a)
		if err != nil {
			return s, err
		}
		if an.StoryID != 0 {
			st, err := db.Story(ctx, an.StoryID)
			if err != nil {
				return s, err
			}
			stories[st.ID] = true
			if first == nil {
				first = st
			}
		}
	}
	s.Stories = len(stories)
	if first != nil {
		s.Brief = first.Brief
	}
	return s, nil
}
