// Package web serves Storyline over HTTP: the reader web app (server-rendered
// pages, accounts, comments, feeds management), the JSON API under /api/v1,
// Atom feeds, /healthz and /metrics. It reads and writes through the domain
// interfaces and never imports ingest: what it needs from ingestion
// (subscribing to a feed found from a URL, importing files) comes through
// Ingester.
package web

import (
	"cmp"
	"context"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/microcosm-cc/bluemonday"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
)

// Store is what the web layer reads and writes.
type Store interface {
	storyline.ArticleStore
	storyline.Searcher
	storyline.FeedStore
	storyline.SourceStore
	storyline.StoryStore
	storyline.MetaStore
	storyline.UserStore
	storyline.CommentStore
	storyline.ReadingStore
	storyline.ImageStore
	storyline.ItemStore
	storyline.AppPasswordStore
	// Ping checks that the store answers, for /healthz.
	Ping(ctx context.Context) error
}

// Ingester is what the web app asks of ingestion.
type Ingester interface {
	// Subscribe subscribes to the feed at url, or the feed that the page
	// at url leads to, and files it under category. The fetcher's rules
	// apply: a private address is refused.
	Subscribe(ctx context.Context, url, category string) (*storyline.Feed, error)
	// ImportOPML subscribes to the feeds of an OPML file and says how
	// many were added, how many were already there, and which failed and
	// why. The error is for the file as a whole (not OPML) or a failing
	// store.
	ImportOPML(ctx context.Context, r io.Reader) (OPMLSummary, error)
	// ImportArticles imports article files (pages, text, JSON, JSON Lines,
	// saved feeds; see `storyline import`) as the command line does,
	// analysing the articles into stories. Each file's kind is told by
	// its name's extension. A problem with one file or item is counted and
	// listed in the summary; the error is for the request as a whole (a
	// file name that cannot be imported, a failing store).
	ImportArticles(ctx context.Context, files []UploadedFile) (ImportSummary, error)
}

// OPMLSummary says what importing an OPML file did.
type OPMLSummary struct {
	Added    int // feeds subscribed to
	Existing int // feeds already subscribed to
	// Failed lists the feeds not subscribed to, in the file's order.
	Failed []OPMLFailure
}

// OPMLFailure is a feed of an OPML file that was not subscribed to.
type OPMLFailure struct {
	URL    string
	Reason string // in plain words, e.g. "the server answered 404 (not found)"
}

// RequestObserver records each request, for metrics.
type RequestObserver interface {
	// ObserveRequest records one request: its route pattern (as
	// registered, e.g. "GET /stories/{id}"), status and duration.
	ObserveRequest(route string, status int, d time.Duration)
}

// Config is what a Server is made of. Store and Log are required.
type Config struct {
	Store Store
	Log   *slog.Logger
	// Ingester, when set, lets administrators add feeds and import
	// articles from the web app.
	Ingester Ingester
	// Metrics, when set, is served at /metrics; Observer, when set, sees
	// every request.
	Metrics  http.Handler
	Observer RequestObserver
	// TrustProxy trusts X-Forwarded-For and X-Forwarded-Proto from the
	// reverse proxy in front of the server: for the client address (sign-in
	// throttling, logs) and for telling that the site is served over TLS
	// (Secure cookies).
	TrustProxy bool
	// PageCache is how long pages served to visitors (not signed in) are
	// kept and served again; 0 keeps none. See pageCache.
	PageCache time.Duration
	// PageCacheBytes caps the cached pages' bodies; 0 means 64 MiB.
	PageCacheBytes int
	// PasswordParams are argon2id's costs; zero means auth.DefaultParams().
	PasswordParams auth.Params
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Retain is the server's --retain flag when given (an age such as
	// "90d"): the Settings page shows it instead of offering the choice.
	Retain string
	// Asker, when set, answers readers' questions about a story: the
	// story page's "Ask this story" box, POST /stories/{id}/ask and
	// POST /api/v1/stories/{id}/ask. Nil turns the feature off: no box,
	// and those routes answer 404 as unknown ones do.
	Asker storyline.Asker
	// AskVisitorsModel is the server's --llm-ask-visitors flag: visitors'
	// questions may be answered by the language model too. Signed-in
	// users' always may; without it visitors get the coverage's own
	// sentences.
	AskVisitorsModel bool
}

// Server is the HTTP front end.
type Server struct {
	cfg     Config
	store   Store
	log     *slog.Logger
	now     func() time.Time
	mux     *http.ServeMux
	handler http.Handler // mux wrapped in the middleware

	pages  map[string]*template.Template // by page name
	static *staticFiles
	policy *bluemonday.Policy // cleans article HTML before it is shown
	cache  *pageCache         // visitors' pages; nil when off
	// sharedPages keeps signed-in readers' pages with holes for their own
	// state (nil when the page cache is off); holeNonce marks the holes.
	sharedPages *sharedPages
	holeNonce   string
	readers     *readerCache  // readers' follows, mutes and unread counts; nil when the page cache is off
	marks       *openMarks    // read marks of opened pages, stored shortly; nil (stored at once) when the page cache is off
	sessions    *sessionCache // sessions recently found valid; nil when the page cache is off
	top         topCache      // rankings of the top stories
	settings    settingsCache
	health      *Health // answers /healthz
	// logins throttles failed sign-ins per name and client address (and
	// wrong current passwords per name); loginAddrs per client address,
	// with more room, for guesses at many names from one place.
	logins     auth.Throttle
	loginAddrs auth.Throttle
	// asks limits questions to stories per signed-in user and per
	// visitor's address.
	asks askLimits
	// dummyHash is checked against when a sign-in names no user, so that
	// the answer takes as long as for a user's.
	dummyHash string
}

// New returns a server for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.PasswordParams == (auth.Params{}) {
		cfg.PasswordParams = auth.DefaultParams()
	}
	s := &Server{cfg: cfg, store: cfg.Store, log: cfg.Log, now: cfg.Now, mux: http.NewServeMux(), policy: newArticlePolicy(),
		loginAddrs: auth.Throttle{Burst: addrLoginBurst, Every: addrLoginEvery}}
	secret, _ := auth.NewToken()
	var err error
	if s.dummyHash, err = auth.HashPassword(secret, cfg.PasswordParams); err != nil {
		return nil, err
	}
	if s.static, err = loadStatic(); err != nil {
		return nil, err
	}
	if s.pages, err = s.loadTemplates(); err != nil {
		return nil, err
	}
	if cfg.PageCache > 0 {
		s.readers = newReaderCache(cfg.PageCache, cfg.Now)
		s.cache = newPageCache(cfg.PageCache, cmp.Or(cfg.PageCacheBytes, 64<<20), cfg.Now)
		s.sharedPages = newSharedPages(cfg.PageCache, cmp.Or(cfg.PageCacheBytes, 64<<20), cfg.Now)
		s.holeNonce = newHoleNonce()
		s.marks = newOpenMarks(cfg.Store, cfg.Log, cfg.Now, openMarksDelay, s.readers.itemsChanged)
		s.sessions = newSessionCache(cfg.Now)
	}
	s.health = NewHealth(cfg.Store, cfg.Log, cfg.Now)
	s.routes()
	s.handler = s.middleware(s.mux)
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// ListenAndServe serves on addr until ctx is done, then shuts down
// gracefully, letting requests in flight finish for up to 10 seconds.
func (s *Server) ListenAndServe(ctx context.Context, addr string, ready func(addr string)) error {
	srv := &http.Server{
		Addr:              addr,
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	ln, err := listen(ctx, addr)
	if err != nil {
		return err
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	sweepCtx, stopSweep := context.WithCancel(ctx)
	var sweeper sync.WaitGroup
	defer sweeper.Wait() // the store may close once this returns
	defer stopSweep()
	sweeper.Go(func() { s.sweepSessions(sweepCtx, time.Hour) })
	sweeper.Go(func() { s.health.Run(sweepCtx) })
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	if s.marks != nil {
		s.marks.flush(shutdownCtx) // the read marks of the last pages opened
	}
	return err
}

// sweepSessions deletes expired sessions every interval until ctx is done.
func (s *Server) sweepSessions(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		n, err := s.store.DeleteExpiredSessions(ctx, s.now())
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			s.log.Warn("deleting expired sessions", "err", err)
		case n > 0:
			s.log.Info("deleted expired sessions", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
