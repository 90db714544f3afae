package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
	"github.com/storyline/storyline/internal/loadgen"
	"github.com/storyline/storyline/internal/store/sqlite"
	"github.com/storyline/storyline/internal/synth"
	"github.com/storyline/storyline/internal/web"
)

// benchWebOptions are the flags of bench web.
type benchWebOptions struct {
	articles int
	outlets  int
	conns    int
	duration time.Duration
	warmup   time.Duration
	storeDir string
	maxP99   time.Duration
	profile  string
	cache    time.Duration
	// signedIn runs the pages as signed-in readers, each connection
	// another one of users, twice: readers without state, then readers
	// with reading state, follows and mutes.
	signedIn bool
	users    int
	// maxStateCost fails a signed-in run whose readers with state get
	// fewer requests a second than those without by more than this
	// factor.
	maxStateCost float64
}

// signedInWarmup is bench web --signed-in's default warm-up: its first
// run starts with every page of the 4,000 asked for still to render.
const signedInWarmup = 10 * time.Second

func (a *app) benchWebCommand() *cobra.Command {
	var o benchWebOptions
	cmd := &cobra.Command{
		Use:   "web [--articles N] [--conns C] [--duration D] [--store DIR]",
		Short: "Load-test the home, story, article and search pages on loopback",
		Long: `Fill a store with N generated articles grouped into stories (or reuse the one in
--store DIR when it already holds them), serve it on a loopback port, and send
requests from C connections for D: the home page, story pages, article pages
and search pages in equal shares. Print each page's latency percentiles and
errors; fail when any page has an error or a p99 above --max-p99.

--signed-in sends the requests as --users signed-in readers instead (each
connection another one, asking for gzip as browsers do) for the home page,
Latest, For you, story and article pages, twice in one run: readers
without any state, then readers who have read hundreds of stories and
articles, saved items, follow hashtags, entities and outlets and mute an
outlet and a word. It prints both and fails on any error, a p99 above
--max-p99, or when the second gets fewer requests a second than the first
by more than --max-state-cost.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.signedIn && !cmd.Flags().Changed("warmup") {
				o.warmup = signedInWarmup
			}
			if o.articles < 1 || o.conns < 1 || o.outlets < 2 || o.users < 1 || o.maxStateCost < 1 {
				return usagef("bench web needs --articles ≥ 1, --conns ≥ 1, --outlets ≥ 2, --users ≥ 1 and --max-state-cost ≥ 1")
			}
			return a.benchWeb(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.articles, "articles", 100_000, "articles in the store")
	f.IntVar(&o.outlets, "outlets", 60, "outlets the articles come from")
	f.IntVar(&o.conns, "conns", 64, "concurrent connections")
	f.DurationVar(&o.duration, "duration", 30*time.Second, "how long to send requests")
	f.DurationVar(&o.warmup, "warmup", 3*time.Second, "requests in this first part are not counted (default 10s with --signed-in,\nwhose first run fills the cache of signed-in pages, thousands of them, from cold)")
	f.StringVar(&o.storeDir, "store", "", "keep the store in this directory and reuse it (default: a temporary one)")
	f.DurationVar(&o.maxP99, "max-p99", 50*time.Millisecond, "fail when a page's p99 latency is above this")
	f.DurationVar(&o.cache, "page-cache", 10*time.Second, "the server's page cache for visitors, as serve's --page-cache (0: off)")
	f.StringVar(&o.profile, "cpuprofile", "", "write a CPU profile of the load run to FILE")
	f.BoolVar(&o.signedIn, "signed-in", false, "request the pages as signed-in readers, without and then with reading state")
	f.IntVar(&o.users, "users", 100, "signed-in readers (with --signed-in)")
	f.Float64Var(&o.maxStateCost, "max-state-cost", 1.5, "with --signed-in: fail when readers with state are this many times slower")
	return cmd
}

// benchWeb runs bench web.
func (a *app) benchWeb(ctx context.Context, o benchWebOptions) error {
	db, stories, cleanup, err := a.openBenchWebStore(ctx, o)
	if err != nil {
		return err
	}
	defer cleanup()
	srv, err := web.New(web.Config{Store: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), PageCache: o.cache})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("bench web: %w", err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()

	n, err := db.CountArticles(ctx)
	if err != nil {
		return fmt.Errorf("bench web: %w", err)
	}
	base := "http://" + ln.Addr().String()
	targets := benchTargets(base, stories, n)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: o.conns, MaxConnsPerHost: o.conns}, Timeout: 30 * time.Second}
	if o.signedIn {
		return a.benchWebSignedIn(ctx, db, client, readerTargets(targets, base), stories, n, o)
	}
	rep, err := a.benchWebRun(ctx, client, targets, nil, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%d articles, %d stories; %d connections for %s on %d CPUs, page cache %s: %.0f requests/s\n",
		n, stories, o.conns, o.duration, runtime.GOMAXPROCS(0), o.cache, rep.PerSecond())
	return a.reportBenchWeb(rep, o.maxP99)
}

// benchWebRun sends the requests of one run, with headers (one per
// connection in turn; none for visitors).
func (a *app) benchWebRun(ctx context.Context, client *http.Client, targets []loadgen.Target, headers []http.Header, o benchWebOptions) (loadgen.Report, error) {
	fmt.Fprintf(a.stderr, "sending requests from %d connections for %s…\n", o.conns, o.duration)
	stop, err := startCPUProfile(o.profile)
	if err != nil {
		return loadgen.Report{}, err
	}
	rep, err := loadgen.Run(ctx, client, loadgen.Options{Targets: targets, Conns: o.conns, Duration: o.duration, Warmup: o.warmup, Seed: 1, Headers: headers})
	stop()
	if err != nil {
		return loadgen.Report{}, fmt.Errorf("bench web: %w", err)
	}
	return rep, nil
}

// openBenchWebStore opens (and fills, when it holds fewer articles than
// asked) the store of bench web, waits until its search index has caught
// up, and returns it with its number of stories and what closes it.
func (a *app) openBenchWebStore(ctx context.Context, o benchWebOptions) (*sqlite.DB, int, func(), error) {
	dir, cleanup := o.storeDir, func() {}
	if dir == "" {
		tmp, err := os.MkdirTemp("", "storyline-bench-web-")
		if err != nil {
			return nil, 0, nil, fmt.Errorf("bench web: %w", err)
		}
		dir, cleanup = tmp, func() { os.RemoveAll(tmp) }
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		cleanup()
		return nil, 0, nil, fmt.Errorf("bench web: %w", err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(dir, "bench-web.db"), sqlite.Options{IndexWait: time.Hour})
	if err != nil {
		cleanup()
		return nil, 0, nil, err
	}
	closeAll := func() { db.Close(); cleanup() }
	stories, err := fillStories(ctx, db, o, time.Now(), a.stderr)
	if err == nil {
		_, err = db.Search(ctx, storyline.SearchQuery{Text: "the", Limit: 1}) // waits for the index
	}
	if err != nil {
		closeAll()
		return nil, 0, nil, fmt.Errorf("bench web: fill the store: %w", err)
	}
	return db, stories, closeAll, nil
}

// reportBenchWeb prints each page's figures and fails when one had errors
// or a p99 above maxP99.
func (a *app) reportBenchWeb(rep loadgen.Report, maxP99 time.Duration) error {
	failed := false
	for _, r := range rep.Results {
		fmt.Fprintln(a.stdout, r)
		if r.Errors > 0 || r.P99 > maxP99 {
			failed = true
			if r.FirstError != "" {
				fmt.Fprintf(a.stdout, "  first error: %s\n", r.FirstError)
			}
		}
	}
	fmt.Fprintf(a.stdout, "peak RSS %.0f MiB\n", float64(peakRSS())/(1<<20))
	if failed {
		return fmt.Errorf("bench web: a page had errors or a p99 above %s", maxP99)
	}
	return nil
}

// readerTargets are the pages signed-in readers request: the home page,
// Latest, For you, and the story and article pages of targets.
func readerTargets(targets []loadgen.Target, base string) []loadgen.Target {
	out := []loadgen.Target{{Name: "home", URLs: []string{base + "/"}}, {Name: "latest", URLs: []string{base + "/latest"}},
		{Name: "foryou", URLs: []string{base + "/foryou"}}}
	for _, t := range targets {
		if t.Name == "story" || t.Name == "article" {
			out = append(out, t)
		}
	}
	return out
}

// benchTargets are the pages requested: the home page, story and article
// pages across the store, and searches of one to three words.
func benchTargets(base string, stories, articles int) []loadgen.Target {
	g := synth.New(42, 30000)
	var storyURLs, articleURLs, searchURLs []string
	for i := range 2000 {
		storyURLs = append(storyURLs, fmt.Sprintf("%s/stories/%d", base, 1+(i*7919)%stories))
		articleURLs = append(articleURLs, fmt.Sprintf("%s/articles/%d", base, 1+(i*7919)%articles))
	}
	for range 500 {
		searchURLs = append(searchURLs, base+"/search?q="+url.QueryEscape(g.Query()))
	}
	return []loadgen.Target{
		{Name: "home", URLs: []string{base + "/"}},
		{Name: "story", URLs: storyURLs},
		{Name: "article", URLs: articleURLs},
		{Name: "search", URLs: searchURLs},
	}
}

// fillStories fills db with generated events until it holds o.articles
// articles, each event one story of one to eight outlets' articles, the
// events spread over the 30 days before now; it returns how many stories
// there are. A first-run administrator is added so pages are served.
func fillStories(ctx context.Context, db *sqlite.DB, o benchWebOptions, now time.Time, log io.Writer) (int, error) {
	have, err := db.CountArticles(ctx)
	if err != nil {
		return 0, err
	}
	g := synth.New(7, 30000)
	span := 30 * 24 * time.Hour
	events := o.articles / 3
	story, stored := 0, 0
	if have < o.articles {
		fmt.Fprintf(log, "generating %d articles in stories…\n", o.articles)
	}
	for i := 0; stored < o.articles; i++ {
		size := 1 + (i*37)%8
		at := now.Add(-span + time.Duration(float64(span)*float64(i)/float64(events)))
		e := g.Event(i, min(size, o.articles-stored), o.outlets, at)
		story++
		stored += len(e.Articles)
		if stored <= have {
			continue // stored by an earlier run
		}
		if err := saveEvent(ctx, db, e, int64(story)); err != nil {
			return 0, err
		}
	}
	hash, err := auth.HashPassword("bench-password", auth.DefaultParams())
	if err != nil {
		return 0, err
	}
	if err := db.AddFirstUser(ctx, &storyline.User{Name: "bench", PasswordHash: hash, Role: storyline.RoleAdmin}); err != nil && storyline.ErrorCode(err) != storyline.ECONFLICT {
		return 0, err
	}
	return story, nil
}

// saveEvent stores an event's articles as story id.
func saveEvent(ctx context.Context, db *sqlite.DB, e *synth.Event, id int64) error {
	for _, art := range e.Articles {
		art.ContentHash = storyline.ContentHash(art.Text)
		res, err := db.SaveArticle(ctx, art)
		if err != nil {
			return err
		}
		an := &storyline.Analysis{ArticleID: res.ID, Version: 1, Language: "en", Summary: []string{e.Summary},
			Keyphrases: e.Tags, Entities: e.Entities, StoryID: id}
		if err := db.SaveAnalysis(ctx, an); err != nil {
			return err
		}
	}
	st := &storyline.Story{ID: id, Title: e.Title, Summary: e.Summary, Keyphrases: e.Tags, Entities: e.Entities}
	return db.SaveStories(ctx, storyline.StoryUpdate{Story: st, Terms: e.Terms})
}
