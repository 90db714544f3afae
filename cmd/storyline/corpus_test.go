package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	xhtml "golang.org/x/net/html"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// corpusTimeout bounds each import of (part of) gofeed's test corpus: a
// hang fails the test instead of stalling it.
const corpusTimeout = 2 * time.Minute

// TestImportFeedCorpus is the real-world check for importing feed files:
// every .xml and .json file of gofeed's own test corpus goes through
// `storyline import` without a panic or a hang, and the files that gofeed
// parses as feeds come out with the titles of all their titled entries.
// Errors for single files are allowed: most of the corpus is parser
// fixtures that are not feeds or have no entries.
//
// The whole corpus is imported at once; then every file with titled
// entries is imported again on its own, into an empty store, and checked
// against what that file alone stored: fixtures share links and titles,
// so a title stored from another file must not count, and an entry of
// another file at the same link may overwrite one.
func TestImportFeedCorpus(t *testing.T) {
	corpus := gofeedTestdata(t)
	files := corpusFiles(t, corpus)
	in := t.TempDir()
	for _, rel := range files {
		copyCorpusFile(t, filepath.Join(corpus, rel), filepath.Join(in, rel))
	}
	_, rep := importWithin(t, in, len(files))

	var parsed, withItems, jsonNotFeed, checkedFiles, articleFiles, titles, found int
	for _, rel := range files {
		path := filepath.Join(in, rel)
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parseWithGofeed(raw)
		if err != nil {
			continue
		}
		parsed++
		if len(f.Items) > 0 {
			withItems++
		}
		// gofeed parses any JSON object; the importer reads a .json file
		// as a feed only when it is a JSON Feed by the specification's
		// rule, and as an article dump otherwise.
		if strings.EqualFold(filepath.Ext(rel), ".json") && !declaresJSONFeed(raw) {
			jsonNotFeed++
			continue
		}
		want := entryTitles(f)
		if len(want) == 0 {
			continue
		}
		checkedFiles++
		if hasArticle(f) {
			articleFiles++
		}
		t.Run(rel, func(t *testing.T) {
			data, _ := importWithin(t, path, 1)
			stored := storedTitles(t, data)
			for _, title := range want {
				titles++
				if stored[titleKey(title)] {
					found++
				} else {
					t.Errorf("no article titled %q was stored", title)
				}
			}
		})
	}
	t.Logf("gofeed corpus: %d files imported: added %s, updated %s, duplicates %s, errors %s",
		len(files), rep[1], rep[2], rep[3], rep[4])
	t.Logf("gofeed parses %d of them (%d with items; %d are .json files gofeed reads but that are not JSON Feeds)", parsed, withItems, jsonNotFeed)
	t.Logf("%d feed files with titled entries (%d with a titled entry that has a link or content), imported one by one: %d of their %d titles stored",
		checkedFiles, articleFiles, found, titles)
}

// copyCorpusFile copies src to dst, creating dst's directory.
func copyCorpusFile(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// importWithin runs `storyline import path` into a new data directory
// within corpusTimeout and checks that it read all of its files (errors
// in them are allowed). It returns the data directory and the closing
// line's counts: added, updated, duplicates, errors.
func importWithin(t *testing.T, path string, files int) (string, []string) {
	t.Helper()
	data := t.TempDir()
	code, out, stderr := runBounded(t, corpusTimeout, "--data", data, "import", path)
	if code != 0 && code != 1 {
		t.Fatalf("import %s: exit %d\n%s\n%s", path, code, out, stderr)
	}
	rep := importSummary.FindStringSubmatch(out)
	if rep == nil {
		t.Fatalf("import %s: no closing line:\n%s\n%s", path, out, stderr)
	}
	if rep[5] != rep[6] || rep[6] != strconv.Itoa(files) {
		t.Errorf("import %s: read %s of %s files, want all %d:\n%s", path, rep[5], rep[6], files, out)
	}
	return data, rep
}

// importSummary matches the closing line of an import.
var importSummary = regexp.MustCompile(`added (\d+), updated (\d+), duplicates (\d+), errors (\d+) \((\d+) of (\d+) files\)`)

// gofeedTestdata returns gofeed's testdata directory in the module cache,
// skipping the test when the module is not there.
func gofeedTestdata(t *testing.T) string {
	t.Helper()
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/mmcdole/gofeed")
	out, err := cmd.Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || dir == "" {
		t.Skipf("gofeed's module directory is unknown (go list -m: %v); download it with go mod download", err)
	}
	testdata := filepath.Join(dir, "testdata")
	if _, err := os.Stat(testdata); err != nil {
		t.Skipf("gofeed's test corpus is not in the module cache: %v", err)
	}
	return testdata
}

// corpusFiles lists the .xml and .json files under dir, relative to it,
// sorted.
func corpusFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := strings.ToLower(filepath.Ext(path)); d.Type().IsRegular() && (ext == ".xml" || ext == ".json") {
			rel, err := filepath.Rel(dir, path)
			if err != nil {
				return err
			}
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no .xml or .json files under %s", dir)
	}
	sort.Strings(files)
	return files
}

// runBounded runs the command line in-process and fails the test when it
// does not finish within timeout.
func runBounded(t *testing.T, timeout time.Duration, args ...string) (int, string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	go func() {
		var stdout, stderr bytes.Buffer
		code := run(ctx, args, func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr)
		done <- result{code, stdout.String(), stderr.String()}
	}()
	select {
	case r := <-done:
		if ctx.Err() != nil {
			t.Fatalf("%s did not finish within %s:\n%s", strings.Join(args, " "), timeout, r.stderr)
		}
		return r.code, r.stdout, r.stderr
	case <-time.After(timeout + 10*time.Second):
		t.Fatalf("%s hangs: no end %s after it was cancelled", strings.Join(args, " "), 10*time.Second)
		return 0, "", ""
	}
}

// storedTitles returns the title keys of every stored article,
// copies included.
func storedTitles(t *testing.T, data string) map[string]bool {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(data, "storyline.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	titles := make(map[string]bool)
	for offset := 0; ; {
		page, err := db.Articles(ctx, storyline.ArticleFilter{Limit: 1000, Offset: offset, IncludeCopies: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range page {
			titles[titleKey(a.Title)] = true
		}
		if len(page) == 0 {
			return titles
		}
		offset += len(page)
	}
}

// entryTitles returns the plain-text titles of a feed's entries that
// have one.
func entryTitles(f *gofeed.Feed) []string {
	var titles []string
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		if title := strings.Join(strings.Fields(plainTitle(it.Title)), " "); title != "" {
			titles = append(titles, title)
		}
	}
	return titles
}

// hasArticle reports whether a feed has an entry with a title and a link
// or content.
func hasArticle(f *gofeed.Feed) bool {
	for _, it := range f.Items {
		if it != nil && strings.TrimSpace(plainTitle(it.Title)) != "" &&
			(strings.TrimSpace(it.Link) != "" || len(it.Links) > 0 || strings.TrimSpace(it.Content) != "" || strings.TrimSpace(it.Description) != "") {
			return true
		}
	}
	return false
}

// declaresJSONFeed reports whether data is a JSON object whose "version"
// is a jsonfeed.org URL.
func declaresJSONFeed(data []byte) bool {
	var head struct {
		Version any `json:"version"`
	}
	if json.Unmarshal(data, &head) != nil {
		return false
	}
	v, _ := head.Version.(string)
	return strings.HasPrefix(v, "https://jsonfeed.org/version/") || strings.HasPrefix(v, "http://jsonfeed.org/version/")
}

// parseWithGofeed parses data with gofeed's universal parser, turning a
// panic into an error.
func parseWithGofeed(data []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("gofeed panicked: %v", r)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(data))
}

// plainTitle returns the text of a title that may hold HTML: tags
// dropped, entities decoded — as the feed package makes titles plain.
func plainTitle(s string) string {
	var b strings.Builder
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return b.String()
		case xhtml.TextToken:
			b.Write(z.Text())
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			b.WriteByte(' ')
		}
	}
}

// titleKey is what titles are compared by: lower case, without white
// space (tags may or may not have separated words).
func titleKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), "")
}
