package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/store/sqlite"
	"github.com/storyline/storyline/internal/synth"
)

// soakOptions are the flags of bench soak.
type soakOptions struct {
	days, feeds, perDay, events, backupDay int
	retain                                 string
	step                                   time.Duration
	keep                                   string
}

// soakStart is the simulated clock's first moment.
var soakStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func (a *app) benchSoakCommand() *cobra.Command {
	var o soakOptions
	cmd := &cobra.Command{
		Use:   "soak [--days N] [--feeds N] [--per-day N] [--retain-age AGE]",
		Short: "Simulate months of polling with retention on a moved clock: store size and memory over time, and a backup taken meanwhile",
		Long: `Simulate months of polling generated feeds (served on loopback, publishing
as a simulated clock moves) into a fresh SQLite store, every article analysed,
with retention on: every --step the clock moves and every feed is polled; once
a simulated day old coverage is deleted. Every 10 days it prints the store's
size on disk (database and search index; their write-ahead logs apart) and the peak memory
(RSS) of those 10 days. On --backup-day a backup is taken while polling goes on;
at the end it is restored beside the store and checked (integrity and counts).
It fails when the size or the peak memory of the last 10 days is more than 10%
above that of days 21-30.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			age, err := storyline.ParseRetention(o.retain)
			switch {
			case err != nil:
				return usagef("--retain-age: %v", storyline.ErrorMessage(err))
			case o.days < 40 || o.feeds < 1 || o.perDay < 1 || o.events < 0:
				return usagef("bench soak: want --days 40 or more and --feeds, --per-day 1 or more")
			case o.step < time.Minute || o.step > 24*time.Hour:
				return usagef("--step %v: want 1m to 24h", o.step)
			case age == 0 || age > time.Duration(o.days-10)*24*time.Hour:
				return usagef("--retain-age %s: want an age at least 10 days shorter than --days", o.retain)
			}
			return a.soak(cmd.Context(), o, age)
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.days, "days", 120, "simulated days")
	f.IntVar(&o.feeds, "feeds", 200, "feeds polled")
	f.IntVar(&o.perDay, "per-day", 6, "entries each feed publishes a day")
	f.IntVar(&o.events, "events", 0, "events a day the entries cover (0: one per 8 entries)")
	f.StringVar(&o.retain, "retain-age", "30d", "retention age")
	f.DurationVar(&o.step, "step", 6*time.Hour, "simulated time between polls")
	f.IntVar(&o.backupDay, "backup-day", 60, "the day a backup is taken while polling goes on (0: none)")
	f.StringVar(&o.keep, "keep", "", "keep the store in this new directory (default: a temporary one, removed)")
	return cmd
}

// soakRun is one soak's state.
type soakRun struct {
	out    io.Writer
	db     *sqlite.DB
	path   string
	clock  atomic.Int64 // the simulated time, Unix nanoseconds
	sizes  map[int]int64
	peaks  map[int]int64
	backup chan soakBackup
}

// soakBackup is the outcome of the backup taken during a soak.
type soakBackup struct {
	path     string
	contents sqlite.Contents
	err      error
}

// now is the simulated clock.
func (s *soakRun) now() time.Time { return time.Unix(0, s.clock.Load()).UTC() }

func (a *app) soak(ctx context.Context, o soakOptions, age time.Duration) error {
	dir, cleanup, err := soakDir(o.keep)
	if err != nil {
		return err
	}
	defer cleanup()
	s := &soakRun{out: a.stdout, path: filepath.Join(dir, "storyline.db"), sizes: map[int]int64{}, peaks: map[int]int64{},
		backup: make(chan soakBackup, 1)}
	s.clock.Store(soakStart.UnixNano())
	events := cmp.Or(o.events, max(1, o.feeds*o.perDay/8))
	var site *synth.Daily
	addr, stop, err := serveLoopback(func(port int) http.Handler {
		site = synth.NewDaily(benchSeed, o.feeds, o.perDay, events, soakStart, s.now, port)
		return site
	})
	if err != nil {
		return err
	}
	defer stop()
	if s.db, err = sqlite.Open(ctx, s.path, sqlite.Options{Now: s.now, IndexWait: time.Hour}); err != nil {
		return err
	}
	defer s.db.Close()
	for _, u := range site.FeedURLs() {
		if err := s.db.AddFeed(ctx, &storyline.Feed{URL: u, FeedOnly: true}); err != nil {
			return err
		}
	}
	an, err := ingest.NewAnalyzerWith(ctx, s.db, ingest.AnalyzerOptions{Now: s.now})
	if err != nil {
		return err
	}
	p := newPoller(s.db, loopbackClient(addr.Addr(), ".test", fetch.Options{}), 0, nil)
	p.Analyzer, p.Now = an, s.now
	p.Retain = func(context.Context) (time.Duration, error) { return age, nil }
	sch := &ingest.Scheduler{Poller: p, Concurrency: 32}
	ret := &ingest.Retention{Store: s.db, Analyzer: an, Now: s.now, Age: p.Retain}
	fmt.Fprintf(a.stdout, "soak: %d days, %d feeds × %d entries a day (%d events a day), retention %s, a poll every %s\n",
		o.days, o.feeds, o.perDay, events, storyline.FormatRetention(age), o.step)
	fmt.Fprintln(a.stdout, "day\tarticles\tstories\tdeleted\tstore MiB\tWAL MiB\tpeak RSS MiB (these 10 days)\tRSS now: anon MiB\tfile MiB\theap MiB")
	resetPeakRSS()
	deleted := 0
	for day := 1; day <= o.days; day++ {
		for t := soakStart.Add(time.Duration(day-1) * 24 * time.Hour); t.Before(soakStart.Add(time.Duration(day) * 24 * time.Hour)); t = t.Add(o.step) {
			s.clock.Store(t.UnixNano())
			feeds, err := s.db.Feeds(ctx)
			if err != nil {
				return err
			}
			for _, r := range sch.PollAll(ctx, feeds) {
				if r.Err != nil {
					return fmt.Errorf("day %d: poll %s: %w", day, r.Feed.URL, r.Err)
				}
			}
		}
		pruned, err := ret.Run(ctx)
		if err != nil {
			return fmt.Errorf("day %d: %w", day, err)
		}
		deleted += pruned.Articles
		if day == o.backupDay {
			go s.takeBackup(ctx, filepath.Join(dir, "backup.db"))
		}
		if day%10 == 0 {
			if err := s.report(ctx, day, deleted); err != nil {
				return err
			}
			resetPeakRSS()
		}
	}
	if err := an.Close(ctx); err != nil {
		return err
	}
	return errors.Join(s.checkBackup(ctx, o.backupDay, dir), s.verdict(o.days))
}

// report prints the store at day: articles, stories, size on disk, the
// peak RSS since the last report.
func (s *soakRun) report(ctx context.Context, day, deleted int) error {
	n, err := s.db.CountArticles(ctx)
	if err != nil {
		return err
	}
	stories, err := s.db.CountStories(ctx)
	if err != nil {
		return err
	}
	size, wal := storeBytes(s.path)
	peak := windowPeakRSS()
	anon, file := rssParts()
	s.sizes[day], s.peaks[day] = size, peak
	fmt.Fprintf(s.out, "%d\t%d\t%d\t%d\t%.1f\t%.1f\t%.0f\t%.0f\t%.0f\t%.0f\n", day, n, stories, deleted,
		float64(size)/(1<<20), float64(wal)/(1<<20), float64(peak)/(1<<20),
		float64(anon)/(1<<20), float64(file)/(1<<20), float64(heapInUse())/(1<<20))
	return nil
}

// takeBackup backs the store up to path while the soak goes on, and
// reports what the backup holds on s.backup, as storyline backup prints
// it.
func (s *soakRun) takeBackup(ctx context.Context, path string) {
	b := soakBackup{path: path}
	start := time.Now()
	if b.err = s.db.Backup(ctx, path, sqlite.BackupOptions{}); b.err == nil {
		b.contents, b.err = sqlite.Inspect(ctx, path)
	}
	if b.err == nil {
		fmt.Fprintf(s.out, "backup taken while polling in %s: %d articles, %d stories, %d users\n",
			time.Since(start).Round(time.Millisecond), b.contents.Articles, b.contents.Stories, b.contents.Users)
	}
	s.backup <- b
}

// checkBackup restores the backup taken on backupDay beside the store and
// checks that the restored store passes the integrity check with the
// counts the backup reported.
func (s *soakRun) checkBackup(ctx context.Context, backupDay int, dir string) error {
	if backupDay <= 0 {
		return nil
	}
	b := <-s.backup
	if b.err != nil {
		return fmt.Errorf("backup on day %d: %w", backupDay, b.err)
	}
	restored := filepath.Join(dir, "restored", "storyline.db")
	if err := os.MkdirAll(filepath.Dir(restored), 0o755); err != nil {
		return err
	}
	if _, err := sqlite.Restore(ctx, b.path, restored, sqlite.Options{}); err != nil {
		return fmt.Errorf("restore the backup of day %d: %w", backupDay, err)
	}
	got, err := sqlite.Inspect(ctx, restored)
	if err != nil {
		return fmt.Errorf("the restored backup of day %d: %w", backupDay, err)
	}
	if got != b.contents {
		return fmt.Errorf("the restored backup of day %d holds %+v, the backup said %+v", backupDay, got, b.contents)
	}
	fmt.Fprintf(s.out, "backup of day %d restored: integrity check ok, %d articles, %d stories, %d users as the backup said\n",
		backupDay, got.Articles, got.Stories, got.Users)
	return nil
}

// verdict compares the size and peak memory of the last 10 days with
// those of days 21-30, when the store first holds a full retention
// window: more than 10% above is a failure.
func (s *soakRun) verdict(days int) error {
	last := days - days%10
	ref, end := s.sizes[30], s.sizes[last]
	if ref == 0 || end == 0 {
		return nil
	}
	sizeRatio := float64(end) / float64(ref)
	peakRatio := float64(s.peaks[last]) / float64(max(s.peaks[30], 1))
	fmt.Fprintf(s.out, "day %d vs day 30: store size ×%.3f, peak RSS ×%.3f\n", last, sizeRatio, peakRatio)
	if sizeRatio > 1.1 || (s.peaks[30] > 0 && peakRatio > 1.1) {
		return fmt.Errorf("day %d is more than 10%% above day 30 (store ×%.3f, peak RSS ×%.3f)", last, sizeRatio, peakRatio)
	}
	return nil
}

// soakDir returns the directory a soak keeps its store in: keep, made new,
// or a temporary one removed by cleanup.
func soakDir(keep string) (string, func(), error) {
	if keep != "" {
		if err := os.Mkdir(keep, 0o755); err != nil {
			return "", nil, fmt.Errorf("bench soak: --keep: %w", err)
		}
		return keep, func() {}, nil
	}
	dir, err := os.MkdirTemp("", "storyline-soak-")
	if err != nil {
		return "", nil, err
	}
	return dir, func() { os.RemoveAll(dir) }, nil
}

// storeBytes is the size on disk of the SQLite store at path: the
// database and its search index; wal is that of their write-ahead logs,
// which checkpoints empty now and then.
func storeBytes(path string) (store, wal int64) {
	for _, f := range []string{path, path + "-search", path + "-wal", path + "-search-wal"} {
		if fi, err := os.Stat(f); err == nil {
			if strings.HasSuffix(f, "-wal") {
				wal += fi.Size()
			} else {
				store += fi.Size()
			}
		}
	}
	return store, wal
}

// serveLoopback serves the handler build makes for its port on a loopback
// port until stop is called.
func serveLoopback(build func(port int) http.Handler) (netip.AddrPort, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return netip.AddrPort{}, nil, err
	}
	addr := netip.MustParseAddrPort(ln.Addr().String())
	srv := &http.Server{Handler: build(int(addr.Port())), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return addr, func() { _ = srv.Close() }, nil
}

// loopbackClient returns a fetcher with options o that reaches every
// host ending in suffix at addr (the bench site's), loopback allowed.
func loopbackClient(addr netip.Addr, suffix string, o fetch.Options) *fetch.Client {
	o.AllowPrivate = true
	o.LookupIP = func(ctx context.Context, host string) ([]netip.Addr, error) {
		if strings.HasSuffix(host, suffix) {
			return []netip.Addr{addr}, nil
		}
		return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	}
	return fetch.New(o)
}

// heapInUse returns the bytes of Go heap in use.
func heapInUse() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}
