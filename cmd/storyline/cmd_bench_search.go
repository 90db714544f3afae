package main

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	mrand "math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/postgres"
	"github.com/storyline/storyline/internal/store/sqlite"
	"github.com/storyline/storyline/internal/synth"
)

// benchSearchOptions are the flags of bench search.
type benchSearchOptions struct {
	articles int
	queries  int // of each kind
	warmup   int
	writers  int
	seed     uint64
	keep     bool
	storeDir string
}

// The generated articles of bench search: synth's seed and vocabulary,
// words per article and outlets. A kept store records them (searchMarkKey)
// and is reused only by a run generating the same articles.
const (
	searchSeed     = 1
	searchVocab    = 30000
	searchWords    = 300
	searchOutlets  = 50
	searchMarkKey  = "bench_search"
	searchMark     = "storyline bench search: synth seed 1, 30000 words, 300 words per article, 50 outlets"
	searchPGPrefix = "storyline_bench_search"
)

// benchSearchCommand returns bench search.
func (a *app) benchSearchCommand() *cobra.Command {
	var o benchSearchOptions
	cmd := &cobra.Command{
		Use:   "search [--articles N] [--queries Q] [--db sqlite:PATH | --db postgres://SERVER/DB | --store DIR] [--keep]",
		Short: "Time searches on SQLite or PostgreSQL filled with generated articles",
		Long: `Fill a store with N generated articles (~300 words, 50 outlets, one a minute)
through SaveArticle, wait until all are searchable, then run a fixed, seeded set
of searches one at a time (Q of each kind: one word, two words, a quoted phrase,
a rare word, a common word, two words in one outlet, one word in the last 1 to
30 days; 20 hits each) and print p50, p95, p99 and max per kind and overall.

The store:
  (no --db)              SQLite in a temporary directory, removed afterwards
  --db sqlite:PATH       SQLite at PATH
  --store DIR            SQLite at DIR/bench.db, kept (--db sqlite:DIR/bench.db --keep)
  --db postgres://SERVER/DB
                         a new database on that server: the command connects to
                         DB (e.g. postgres) only to CREATE DATABASE
                         storyline_bench_search_<random> and drops it afterwards;
                         with --keep the database is storyline_bench_search and
                         is kept. After the fill it is VACUUM ANALYZEd, as
                         autovacuum would do in time.

Without --keep the store must not exist yet and everything the command created
is removed at the end. With --keep it is kept, and a store left by an earlier
--keep run is reused and only topped up to N articles, so a large fill is paid
once. A store (or PostgreSQL database) that bench search did not create is
never written to nor dropped.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.articles < 1 || o.queries < 1 || o.writers < 1 || o.warmup < 0 {
				return usagef("bench search needs --articles, --queries and --writers of at least 1")
			}
			if o.storeDir != "" && a.db != "" {
				return usagef("bench search takes --db or --store, not both")
			}
			return a.benchSearch(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.articles, "articles", 100_000, "articles in the store")
	f.IntVar(&o.queries, "queries", 200, "queries of each of the 7 kinds to time")
	f.IntVar(&o.warmup, "warmup", 50, "queries run first and not counted")
	f.IntVar(&o.writers, "writers", 4, "goroutines saving articles at once while filling")
	f.Uint64Var(&o.seed, "seed", 99, "seed of the queries")
	f.BoolVar(&o.keep, "keep", false, "keep the store and reuse it next time")
	f.StringVar(&o.storeDir, "store", "", "keep an SQLite store in DIR and reuse it (implies --keep)")
	return cmd
}

// benchSearch runs bench search.
func (a *app) benchSearch(ctx context.Context, o benchSearchOptions) (err error) {
	bs, err := a.openBenchStore(ctx, o)
	if err != nil {
		return fmt.Errorf("bench search: %w", err)
	}
	defer func() { err = errors.Join(err, bs.release()) }()
	fill, err := a.fillBenchStore(ctx, bs, o)
	if err != nil {
		return fmt.Errorf("bench search: %w", err)
	}
	size, err := bs.size(ctx)
	if err != nil {
		return fmt.Errorf("bench search: database size: %w", err)
	}
	count, err := bs.CountArticles(ctx)
	if err != nil {
		return fmt.Errorf("bench search: %w", err)
	}
	queries, err := benchSearchQueries(ctx, bs, o.queries, o.seed)
	if err != nil {
		return fmt.Errorf("bench search: %w", err)
	}
	warm, err := benchSearchQueries(ctx, bs, max(1, o.warmup/7), o.seed+1)
	if err != nil {
		return fmt.Errorf("bench search: %w", err)
	}
	if _, err := runBenchQueries(ctx, bs, warm[:min(o.warmup, len(warm))]); err != nil {
		return fmt.Errorf("bench search: warm-up: %w", err)
	}
	results, err := runBenchQueries(ctx, bs, queries)
	if err != nil {
		return fmt.Errorf("bench search: %w", err)
	}
	fmt.Fprintf(a.stdout, "%s, %d articles, %s on disk; %s\n", bs.kind, count, formatBytes(size), fill)
	printBenchSearch(a.stdout, results)
	return nil
}

// benchStore is the store bench search measures, with what the command
// needs beside storyline.Store.
type benchStore struct {
	storyline.Store
	kind    string                                   // "SQLite" or "PostgreSQL"
	created bool                                     // made by this run (empty)
	size    func(ctx context.Context) (int64, error) // bytes the database takes
	settle  func(ctx context.Context) error          // after a fill: ready for searches
	release func() error                             // close, and remove what is not kept
}

// openBenchStore opens the store o and --db name, creating it when it
// does not exist, and checks that one it did not create was made by an
// earlier bench search with --keep.
func (a *app) openBenchStore(ctx context.Context, o benchSearchOptions) (*benchStore, error) {
	var (
		bs  *benchStore
		err error
	)
	switch {
	case o.storeDir != "":
		bs, err = openBenchSQLite(ctx, filepath.Join(o.storeDir, "bench.db"), true)
	case a.db == "":
		bs, err = openBenchSQLite(ctx, "", o.keep)
	case strings.HasPrefix(a.db, "sqlite:"):
		bs, err = openBenchSQLite(ctx, strings.TrimPrefix(a.db, "sqlite:"), o.keep)
	case strings.HasPrefix(a.db, "postgres://"), strings.HasPrefix(a.db, "postgresql://"):
		bs, err = openBenchPostgres(ctx, a.db, o.keep, a.pg)
	default:
		return nil, usagef("--db %q: want sqlite:PATH or a postgres:// URL", redactURL(a.db))
	}
	if err != nil {
		return nil, err
	}
	if err := claimBenchStore(ctx, bs); err != nil {
		return nil, errors.Join(err, bs.release())
	}
	return bs, nil
}

// claimBenchStore marks a store this run created as bench search's, or
// checks that an existing one carries the mark of the same articles.
func claimBenchStore(ctx context.Context, bs *benchStore) error {
	if bs.created {
		return bs.SetMeta(ctx, searchMarkKey, searchMark)
	}
	mark, _, err := bs.Meta(ctx, searchMarkKey)
	if err != nil {
		return err
	}
	if mark != searchMark {
		return errors.New("the store exists and was not made by bench search with --keep (or holds other articles): it is left alone; name another one")
	}
	return nil
}

// openBenchSQLite opens the SQLite store at path ("" for one in a new
// temporary directory). An existing store is opened only with keep; a
// store it creates is removed at release unless keep.
func openBenchSQLite(ctx context.Context, path string, keep bool) (*benchStore, error) {
	var remove func() error
	if path == "" {
		if keep {
			return nil, usagef("--keep needs --db or --store to say where the store is kept")
		}
		dir, err := os.MkdirTemp("", "storyline-bench-search-")
		if err != nil {
			return nil, err
		}
		path, remove = filepath.Join(dir, "bench.db"), func() error { return os.RemoveAll(dir) }
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, err
	}
	_, err := os.Stat(path)
	created := errors.Is(err, fs.ErrNotExist)
	switch {
	case err != nil && !created:
		return nil, err
	case !created && !keep:
		return nil, fmt.Errorf("%s exists: pass --keep to reuse a store an earlier bench search --keep left", path)
	case remove == nil && created && !keep:
		remove = func() error { return removeSQLiteFiles(path) }
	case remove == nil:
		remove = func() error { return nil }
	}
	// A search waits as long as the index needs, so that "searchable"
	// is never cut short.
	db, err := sqlite.Open(ctx, path, sqlite.Options{IndexWait: time.Hour})
	if err != nil {
		return nil, errors.Join(err, remove())
	}
	return &benchStore{
		Store: db, kind: "SQLite", created: created,
		size:    func(context.Context) (int64, error) { return sqliteSize(path) },
		settle:  func(context.Context) error { return nil },
		release: func() error { return errors.Join(db.Close(), remove()) },
	}, nil
}

// sqliteFiles are the suffixes of an SQLite store's files: the database,
// its search index, and their write-ahead logs.
var sqliteFiles = []string{"", "-wal", "-shm", "-search", "-search-wal", "-search-shm"}

// sqliteSize returns the bytes the SQLite store at path takes.
func sqliteSize(path string) (int64, error) {
	var n int64
	for _, suffix := range sqliteFiles {
		fi, err := os.Stat(path + suffix)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return 0, err
		}
		n += fi.Size()
	}
	return n, nil
}

// removeSQLiteFiles removes the files of the SQLite store at path.
func removeSQLiteFiles(path string) error {
	var errs []error
	for _, suffix := range sqliteFiles {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// openBenchPostgres creates a database on the PostgreSQL server at server
// (a URL of any database there): storyline_bench_search with keep,
// otherwise storyline_bench_search_<random>; with keep it reuses the one
// an earlier run kept. A database it creates without keep is dropped at
// release; one it did not create is never opened.
func openBenchPostgres(ctx context.Context, server string, keep bool, opts postgres.Options) (*benchStore, error) {
	name := searchPGPrefix
	if !keep {
		b := make([]byte, 6)
		_, _ = rand.Read(b)
		name += "_" + hex.EncodeToString(b)
	}
	created, err := createBenchDatabase(ctx, server, name)
	if err != nil {
		return nil, err
	}
	drop := func() error { return nil }
	if created && !keep {
		drop = func() error { return dropBenchDatabase(server, name) }
	}
	u, err := url.Parse(server)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("--db: %w", err), drop())
	}
	u.Path = "/" + name
	db, err := postgres.Open(ctx, u.String(), opts)
	if err != nil {
		return nil, errors.Join(err, drop())
	}
	conn, err := pgx.Connect(ctx, u.String())
	if err != nil {
		return nil, errors.Join(fmt.Errorf("connect to %s: %w", name, err), db.Close(), drop())
	}
	return &benchStore{
		Store: db, kind: "PostgreSQL " + name, created: created,
		size: func(ctx context.Context) (n int64, err error) {
			err = conn.QueryRow(ctx, `SELECT pg_database_size(current_database())`).Scan(&n)
			return n, err
		},
		// What autovacuum does to a table after a bulk load, in time: the
		// planner's statistics and the visibility map.
		settle: func(ctx context.Context) error {
			_, err := conn.Exec(ctx, `VACUUM (ANALYZE) articles`)
			return err
		},
		release: func() error { return errors.Join(conn.Close(context.Background()), db.Close(), drop()) },
	}, nil
}

// benchDBComment marks the PostgreSQL databases bench search creates.
const benchDBComment = "made by storyline bench search"

// createBenchDatabase creates the database name on the server at server
// and reports whether it did; a database of that name that it made
// earlier is left as it is, any other one is refused.
func createBenchDatabase(ctx context.Context, server, name string) (bool, error) {
	admin, err := pgx.Connect(ctx, server)
	if err != nil {
		return false, fmt.Errorf("connect to %s: %w", redactURL(server), err)
	}
	defer admin.Close(context.WithoutCancel(ctx))
	var comment *string
	err = admin.QueryRow(ctx, `SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1`, name).Scan(&comment)
	switch {
	case err == nil && comment != nil && *comment == benchDBComment:
		return false, nil
	case err == nil:
		return false, fmt.Errorf("database %s exists and was not made by bench search: it is left alone", name)
	case !errors.Is(err, pgx.ErrNoRows):
		return false, fmt.Errorf("look for database %s: %w", name, err)
	}
	ident := pgx.Identifier{name}.Sanitize()
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+ident); err != nil {
		return false, fmt.Errorf("create database %s: %w", name, err)
	}
	if _, err := admin.Exec(ctx, "COMMENT ON DATABASE "+ident+" IS '"+benchDBComment+"'"); err != nil {
		return true, errors.Join(fmt.Errorf("comment on database %s: %w", name, err), dropBenchDatabase(server, name))
	}
	return true, nil
}

// dropBenchDatabase drops the database name, which bench search created,
// from the server at server.
func dropBenchDatabase(server, name string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin, err := pgx.Connect(ctx, server)
	if err != nil {
		return fmt.Errorf("drop database %s: %w", name, err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("drop database %s: %w", name, err)
	}
	return nil
}

// fillBenchStore tops the store up to o.articles generated articles,
// waits until they are all searchable and the store is settled, and
// describes what that took.
func (a *app) fillBenchStore(ctx context.Context, bs *benchStore, o benchSearchOptions) (string, error) {
	have, err := bs.CountArticles(ctx)
	if err != nil {
		return "", err
	}
	if have >= o.articles {
		return fmt.Sprintf("reused a store of %d articles", have), nil
	}
	// Writers finish out of order, so an interrupted fill may lack a few
	// articles just before its count: the top-up starts that much earlier
	// (saving an article again leaves it unchanged).
	from := max(0, have-o.writers)
	fmt.Fprintf(a.stderr, "saving articles %d to %d with %d writers…\n", from, o.articles, o.writers)
	start := time.Now()
	if err := saveBenchArticles(ctx, bs, from, o.articles, o.writers, a.stderr); err != nil {
		return "", err
	}
	saved := time.Since(start)
	// An SQLite search waits until the index has taken in every save.
	if _, err := bs.Search(ctx, storyline.SearchQuery{Text: "the", Limit: 1}); err != nil {
		return "", err
	}
	searchable := time.Since(start)
	if err := bs.settle(ctx); err != nil {
		return "", fmt.Errorf("settle the store: %w", err)
	}
	n := o.articles - from
	return fmt.Sprintf("saved %d articles in %s (%.0f/s), all searchable after %s, settled after %s",
		n, saved.Round(time.Second), float64(n)/saved.Seconds(), searchable.Round(time.Second),
		time.Since(start).Round(time.Second)), nil
}

// saveBenchArticles saves the generated articles from to to (exclusive)
// with writers goroutines calling SaveArticle, reporting progress.
func saveBenchArticles(ctx context.Context, store storyline.ArticleStore, from, to, writers int, progress io.Writer) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	arts := make(chan *storyline.Article, 4*writers)
	var wg sync.WaitGroup
	for range writers {
		wg.Go(func() {
			for art := range arts {
				art.ContentHash = storyline.ContentHash(art.Text)
				if _, err := store.SaveArticle(ctx, art); err != nil {
					cancel(fmt.Errorf("save %s: %w", art.URL, err))
					return
				}
			}
		})
	}
	g := synth.New(searchSeed, searchVocab)
	step, start := max(1, (to-from)/10), time.Now()
	for i := 0; i < to && ctx.Err() == nil; i++ {
		art := g.Article(i, searchWords, searchOutlets) // the generator's sequence: always from 0
		if i < from {
			continue
		}
		select {
		case arts <- art:
		case <-ctx.Done():
		}
		if done := i + 1 - from; done%step == 0 {
			fmt.Fprintf(progress, "  %d of %d after %s\n", done, to-from, time.Since(start).Round(time.Second))
		}
	}
	close(arts)
	wg.Wait()
	return context.Cause(ctx)
}

// benchQuery is one timed search and its kind.
type benchQuery struct {
	kind string
	q    storyline.SearchQuery
}

// benchSearchQueries returns perKind searches of each kind, interleaved,
// drawn with seed from the generated articles' vocabulary.
func benchSearchQueries(ctx context.Context, store storyline.ArticleStore, perKind int, seed uint64) ([]benchQuery, error) {
	newest, err := store.Articles(ctx, storyline.ArticleFilter{Limit: 1})
	if err != nil || len(newest) == 0 {
		return nil, fmt.Errorf("the newest article: %w (%d found)", err, len(newest))
	}
	ranked := benchVocabulary()
	rng := mrand.New(mrand.NewPCG(seed, seed^0x5eed))
	zipf := mrand.NewZipf(rng, 1.07, 2, uint64(len(ranked)-1)) // as synth draws words
	word := func() string { return ranked[zipf.Uint64()] }
	common, rare := ranked[:50], ranked[len(ranked)*9/10:]
	phrases := benchPhrases(perKind, rng)
	days := []int{1, 7, 30}
	var qs []benchQuery
	for i := range perKind {
		since := newest[0].Published.AddDate(0, 0, -days[i%len(days)])
		outlet := fmt.Sprintf("Outlet %d", rng.IntN(searchOutlets))
		qs = append(qs,
			benchQuery{"one word", storyline.SearchQuery{Text: word()}},
			benchQuery{"two words", storyline.SearchQuery{Text: word() + " " + word()}},
			benchQuery{"quoted phrase", storyline.SearchQuery{Text: phrases[i]}},
			benchQuery{"rare word", storyline.SearchQuery{Text: rare[rng.IntN(len(rare))]}},
			benchQuery{"common word", storyline.SearchQuery{Text: common[rng.IntN(len(common))]}},
			benchQuery{"two words, outlet", storyline.SearchQuery{Text: word() + " " + word(), Source: outlet}},
			benchQuery{"one word, since", storyline.SearchQuery{Text: word(), Since: since}},
		)
	}
	for i := range qs {
		qs[i].q.Limit = 20
	}
	return qs, nil
}

// benchVocabulary returns the generated articles' words, most frequent
// first, as counted in a large sample of them.
func benchVocabulary() []string {
	g := synth.New(searchSeed, searchVocab)
	counts := map[string]int{}
	for range 500_000 {
		counts[g.Word()]++
	}
	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	slices.SortFunc(words, func(a, b string) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a, b))
	})
	return words
}

// benchPhrases returns n quoted runs of two or three words, each from the
// text of one of the first n generated articles (the stores have no phrase
// search: they find the words).
func benchPhrases(n int, rng *mrand.Rand) []string {
	g := synth.New(searchSeed, searchVocab)
	out := make([]string, n)
	for i := range out {
		words := strings.Fields(strings.ToLower(g.Article(i, searchWords, searchOutlets).Text))
		k := 2 + rng.IntN(2)
		at := rng.IntN(len(words) - k)
		out[i] = `"` + strings.Trim(strings.Join(words[at:at+k], " "), ".") + `"`
	}
	return out
}

// benchResult is the latencies and hits of one kind of query.
type benchResult struct {
	kind string
	lat  []time.Duration
	hits int
}

// runBenchQueries runs the searches one after another and returns their
// latencies by kind, in the order the kinds first occur.
func runBenchQueries(ctx context.Context, s storyline.Searcher, qs []benchQuery) ([]*benchResult, error) {
	byKind := map[string]*benchResult{}
	var out []*benchResult
	for _, bq := range qs {
		r := byKind[bq.kind]
		if r == nil {
			r = &benchResult{kind: bq.kind}
			byKind[bq.kind] = r
			out = append(out, r)
		}
		start := time.Now()
		hits, err := s.Search(ctx, bq.q)
		r.lat = append(r.lat, time.Since(start))
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", bq.q.Text, err)
		}
		r.hits += len(hits)
	}
	return out, nil
}

// printBenchSearch writes a table of the results: per kind and overall,
// the number of queries, hits per query and latency percentiles.
func printBenchSearch(w io.Writer, results []*benchResult) {
	all := &benchResult{kind: "all"}
	for _, r := range results {
		all.lat = append(all.lat, r.lat...)
		all.hits += r.hits
	}
	fmt.Fprintf(w, "%-18s %7s %7s %9s %9s %9s %9s\n", "query", "count", "hits", "p50", "p95", "p99", "max")
	for _, r := range append(results, all) {
		slices.Sort(r.lat)
		fmt.Fprintf(w, "%-18s %7d %7.1f %9s %9s %9s %9s\n", r.kind, len(r.lat), float64(r.hits)/float64(len(r.lat)),
			millis(percentile(r.lat, 0.50)), millis(percentile(r.lat, 0.95)), millis(percentile(r.lat, 0.99)), millis(r.lat[len(r.lat)-1]))
	}
}

// percentile returns the p-th quantile of sorted latencies (nearest rank).
func percentile(sorted []time.Duration, p float64) time.Duration {
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// millis formats d in milliseconds with two decimals.
func millis(d time.Duration) string {
	return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
}

// formatBytes formats n bytes in MiB (GiB from 10 GiB on).
func formatBytes(n int64) string {
	if n >= 10<<30 {
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	}
	return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
}
