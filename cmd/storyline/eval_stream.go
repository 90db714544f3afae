package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/eval"
	"github.com/storyline/storyline/internal/extract"
	"github.com/storyline/storyline/internal/importer"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// streamPath says what the stream evaluation runs.
const streamPath = "import → analysis → stories in a temporary SQLite store, as `storyline import` does"

// evalOutlets is how many outlets the archive's items are spread over.
const evalOutlets = 40

// streamCluster is eval.StreamFunc over the import path: the archive is
// written as a JSON Lines file of articles, imported with analysis into a
// fresh store, and each item's story read back by its URL.
func streamCluster(ctx context.Context, archive []eval.ArchiveItem) ([]int64, error) {
	tmp, err := os.MkdirTemp("", "storyline-eval-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	db, labels, err := importArchive(ctx, tmp, archive)
	if err != nil {
		return nil, err
	}
	return labels, db.Close()
}

// importArchive imports the archive into a new store in dir, as
// streamCluster does, and returns the store (the caller closes it) and
// each item's story. An item without text is no article: the import
// rejects it, as it should, and the item is given a story of its own (a
// negative ID no story has), which is what the one-pass clusterer makes
// of an empty document.
func importArchive(ctx context.Context, dir string, archive []eval.ArchiveItem) (*sqlite.DB, []int64, error) {
	var importable []eval.ArchiveItem
	empty := make([]bool, len(archive))
	for i, it := range archive {
		if empty[i] = strings.TrimSpace(it.Text) == ""; !empty[i] {
			importable = append(importable, it)
		}
	}
	file := filepath.Join(dir, "archive.jsonl")
	if err := writeArchive(file, importable); err != nil {
		return nil, nil, err
	}
	db, err := importWithAnalysis(ctx, dir, file)
	if err != nil {
		return nil, nil, err
	}
	labels := make([]int64, len(archive))
	for i, it := range archive {
		if empty[i] {
			labels[i] = -int64(i) - 1 // no story shares it
			continue
		}
		if labels[i], err = storyOf(ctx, db, itemURL(it)); err != nil {
			db.Close()
			return nil, nil, fmt.Errorf("item %d: %w", it.Line, err)
		}
	}
	return db, labels, nil
}

// storyOf returns the live story of the article stored under url.
func storyOf(ctx context.Context, db *sqlite.DB, url string) (int64, error) {
	a, err := db.ArticleByURL(ctx, url)
	if err != nil {
		return 0, err
	}
	x, err := db.Analysis(ctx, a.ID)
	if err != nil {
		return 0, fmt.Errorf("article %d: %w", a.ID, err)
	}
	s, err := db.Story(ctx, x.StoryID)
	if err != nil {
		return 0, fmt.Errorf("article %d: %w", a.ID, err)
	}
	return s.ID, nil
}

// itemURL is the URL an archive item is imported under.
func itemURL(it eval.ArchiveItem) string {
	return fmt.Sprintf("https://eval.example/%d/item-%d", it.Line%evalOutlets, it.Line)
}

// writeArchive writes the archive as JSON Lines articles in arrival
// order: the text is the title and the body (the data has no other
// fields); undated items have no date.
func writeArchive(path string, archive []eval.ArchiveItem) error {
	return writeJSONLines(path, len(archive), func(i int) any {
		it := archive[i]
		rec := map[string]any{"url": itemURL(it), "title": it.Text, "text": it.Text,
			"source": fmt.Sprintf("Outlet %d", it.Line%evalOutlets)}
		if !it.Time.IsZero() {
			rec["published"] = it.Time.Format(time.RFC3339)
		}
		return rec
	})
}

// firstFailure returns the first item error of an import report.
func firstFailure(rep ingest.Report) error {
	if len(rep.FirstErrors) > 0 {
		return rep.FirstErrors[0]
	}
	return nil
}

// importWithAnalysis imports file as `storyline import` does, with
// analysis, into a new SQLite store in dir, brings every story's
// aggregates up to date, and returns the store (the caller closes it).
// importRecords writes n JSON Lines records, record(i) each, into a new
// temporary directory and imports them with analysis as storyline import
// does; done closes the store and removes the directory.
func importRecords(ctx context.Context, n int, record func(i int) any) (db *sqlite.DB, done func(), err error) {
	tmp, err := os.MkdirTemp("", "storyline-eval-")
	if err != nil {
		return nil, nil, err
	}
	file := filepath.Join(tmp, "records.jsonl")
	if err = writeJSONLines(file, n, record); err == nil {
		db, err = importWithAnalysis(ctx, tmp, file)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return nil, nil, err
	}
	return db, func() {
		db.Close()
		os.RemoveAll(tmp)
	}, nil
}

// importWithAnalysis imports file into a new SQLite store in dir, with
// analysis.
func importWithAnalysis(ctx context.Context, dir, file string) (*sqlite.DB, error) {
	db, err := sqlite.Open(ctx, filepath.Join(dir, "eval.db"), sqlite.Options{})
	if err != nil {
		return nil, err
	}
	an, err := ingest.NewAnalyzer(ctx, db)
	if err != nil {
		db.Close()
		return nil, err
	}
	im := &ingest.Importer{
		Store:    db,
		Builder:  ingest.Builder{Extractor: extract.New(extract.Options{})},
		Decoder:  importer.Decoder{},
		Analyzer: an,
	}
	rep, err := im.Import(ctx, []string{file})
	if err == nil && rep.Errors > 0 {
		err = fmt.Errorf("import of the archive: %d items failed, first: %v", rep.Errors, firstFailure(rep))
	}
	if err == nil {
		err = an.Close(ctx)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
