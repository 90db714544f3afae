package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/images"
	"github.com/storyline/storyline/internal/importer"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/opml"
	"github.com/storyline/storyline/internal/web"
)

// webIngester lets the web app subscribe to feeds through the poller, so
// the fetcher's rules (a private address is refused) apply as they do on
// the command line, and import article files with the poller's store,
// extractor and analyzer. It implements web.Ingester. images, when not
// nil, is woken after an import to fetch the new articles' lead images.
type webIngester struct {
	p      *ingest.Poller
	images *images.Fetcher
}

// Subscribe subscribes to the feed at url, or the one the page at url
// leads to, filed under category.
func (w webIngester) Subscribe(ctx context.Context, url, category string) (*storyline.Feed, error) {
	return w.p.Subscribe(ctx, ingest.Subscription{URL: url, Category: category})
}

// PollFeed polls feed id now, as the scheduler would when it falls due,
// for the feeds page's "Retry now". It implements web.FeedPoller.
func (w webIngester) PollFeed(ctx context.Context, id int64) error {
	f, err := w.p.Store.Feed(ctx, id)
	if err != nil {
		return fmt.Errorf("poll feed %d: %w", id, err)
	}
	if rep := w.p.Poll(ctx, f); rep.Err != nil {
		return fmt.Errorf("poll feed %d: %w", id, rep.Err)
	}
	// The page shows the outcome at once: the new articles analysed and
	// their stories up to date.
	if w.p.Follower != nil {
		if err := w.p.Follower.Wait(ctx); err != nil {
			return fmt.Errorf("poll feed %d: %w", id, err)
		}
	}
	if w.p.Analyzer != nil {
		if err := w.p.Analyzer.Flush(ctx); err != nil {
			return fmt.Errorf("poll feed %d: %w", id, err)
		}
	}
	return nil
}

// ImportOPML subscribes to the feeds of the OPML document read from r, as
// `storyline feeds import` does: each is fetched first, and the ones that
// fail are listed with the reason.
func (w webIngester) ImportOPML(ctx context.Context, r io.Reader) (web.OPMLSummary, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return web.OPMLSummary{}, fmt.Errorf("import OPML: %w", err)
	}
	outlines, err := opml.Parse(data)
	if err != nil {
		return web.OPMLSummary{}, storyline.Errorf(storyline.EINVALID, "import OPML: %v", err)
	}
	res, err := w.p.ImportOPML(ctx, outlines)
	if err != nil {
		return web.OPMLSummary{}, err
	}
	sum := web.OPMLSummary{Added: res.Added, Existing: res.Existing}
	for _, f := range res.Failed {
		sum.Failed = append(sum.Failed, web.OPMLFailure{URL: f.URL, Reason: f.Reason})
	}
	return sum, nil
}

// ImportArticles imports uploaded article files as `storyline import`
// does: each is written under its own base name to a temporary directory
// (removed afterwards) and run through an Importer with the poller's
// store, extractor and analyzer. Names without a kind the importer knows
// refuse the whole upload; problems with single files and items are
// listed in the summary, named by the files' names.
func (w webIngester) ImportArticles(ctx context.Context, files []web.UploadedFile) (web.ImportSummary, error) {
	dir, err := os.MkdirTemp("", "storyline-upload-")
	if err != nil {
		return web.ImportSummary{}, fmt.Errorf("import articles: %w", err)
	}
	defer os.RemoveAll(dir)
	paths, err := writeUploads(dir, files)
	if err != nil {
		return web.ImportSummary{}, err
	}
	im := newImporter(w.p.Store, w.p.Builder, 0)
	im.Analyzer = w.p.Analyzer
	rep, err := im.Import(ctx, paths)
	w.images.Wake()
	if err != nil {
		return web.ImportSummary{}, fmt.Errorf("import articles: %w", err)
	}
	return webSummary(rep, dir), nil
}

// writeUploads writes files to dir under their base names and returns
// their paths. Every name is checked before anything is written.
func writeUploads(dir string, files []web.UploadedFile) ([]string, error) {
	paths := make([]string, len(files))
	seen := make(map[string]bool, len(files))
	for i, f := range files {
		name, err := uploadName(f.Name)
		if err != nil {
			return nil, err
		}
		if seen[strings.ToLower(name)] {
			return nil, storyline.Errorf(storyline.EINVALID, "import articles: two files are named %q: rename one", name)
		}
		seen[strings.ToLower(name)] = true
		paths[i] = filepath.Join(dir, name)
	}
	for i, f := range files {
		if err := os.WriteFile(paths[i], f.Data, 0o600); err != nil {
			return nil, fmt.Errorf("import articles: %w", err)
		}
	}
	return paths, nil
}

// maxUploadName is the longest file name accepted, in bytes.
const maxUploadName = 200

// uploadName returns the name an uploaded file is written under: the
// base name of the name it was sent with (no directories, whichever
// separator), which must be a plain name with an extension the importer
// knows (.gz looked through).
func uploadName(sent string) (string, error) {
	name := strings.TrimSpace(sent[strings.LastIndexAny(sent, `/\`)+1:])
	switch {
	case name == "" || name == "." || name == ".." || len(name) > maxUploadName ||
		!utf8.ValidString(name) || strings.ContainsFunc(name, unicode.IsControl):
		return "", storyline.Errorf(storyline.EINVALID, "import articles: %q is not a file name that can be used; rename the file", sent)
	case importer.KindOf(name) == importer.KindUnknown:
		return "", storyline.Errorf(storyline.EINVALID,
			"import articles: %q is not a kind of file Storyline imports: name it .html, .htm, .txt, .md, .json, .jsonl, .rss, .atom, .xml or .opml (optionally .gz)", sent)
	}
	return name, nil
}

// webSummary is rep for the web app, with the temporary directory dir
// taken out of the errors so that they name the files as they were sent.
func webSummary(rep ingest.Report, dir string) web.ImportSummary {
	s := web.ImportSummary{
		Files: rep.Files, Added: rep.Added, Updated: rep.Updated, Unchanged: rep.Unchanged,
		Copies: rep.Copies, Feeds: rep.Feeds, Failed: rep.Errors,
	}
	for _, err := range rep.FirstErrors {
		s.Errors = append(s.Errors, strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""))
	}
	return s
}
