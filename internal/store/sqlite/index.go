package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"
)

// The full-text index lives in a database file of its own (by default the
// store's path plus "-search") and is built by a connection of its own,
// in the background. Building an FTS5 index takes longer than storing the
// articles; in a separate file the two run in parallel, one writer each,
// instead of queueing for one.
//
// The store's search_queue table, filled by triggers on articles, lists
// the changes to take in, in order (seq). The index records the last seq
// it has taken in (its watermark) in the same transaction as the changes,
// so a crash loses nothing and an entry is never applied twice; applying
// one is idempotent anyway: remove the article from the index, then add
// its current text if it is canonical. Entries up to the watermark are
// then deleted from the queue.
//
// A search first waits until the index has taken in every change committed
// before it began, so it sees what was saved before it.
//
// The index is derived data: a missing or foreign index file, one of an
// older format, or one that missed changes (restored from an old backup)
// is rebuilt from the articles when the store is opened. The rebuild runs
// in the background, in batches of articles by ID, recording how far it
// got (meta keys 'rebuilt' and 'rebuild_top'), so that a rebuild cut
// short by a close or a crash goes on where it stopped at the next open;
// changes queued meanwhile are taken in as usual, except those of the
// articles the rebuild has yet to reach, which it reads as they are then.
// A search waits for the rebuild as for the queue (Options.IndexWait).
//
// The terms are computed in Go (see index_terms.go).

// indexFormat is the version of the index's schema; an index of another
// format is rebuilt. Format 3 holds terms computed in Go per language,
// and each article's language.
const indexFormat = "3"

// indexBatch is the most queue entries one index transaction takes in.
const indexBatch = 5000

// rebuildBatch is the most articles one rebuild transaction indexes in
// the background: small enough that saves are not kept waiting long for
// the index's lock.
const rebuildBatch = 1000

// indexSchema (re)creates an empty index. The FTS5 table is contentless:
// the text stays in the store's articles table, from which snippets are
// made (see snippet.go). Its columns hold terms separated by spaces, which
// its tokenizer takes as they are (every category of character but
// spaces and controls is part of a term). Its lang column, stored but not
// indexed, is the language of the article's terms, which snippets are
// made in. langs lists the languages of the indexed articles, which a
// query is normalised for.
const indexSchema = `
CREATE TABLE IF NOT EXISTS meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
DELETE FROM meta;
DROP TABLE IF EXISTS fts;
-- Dropping a contentless table leaves the content table of its
-- unindexed columns behind.
DROP TABLE IF EXISTS fts_content;
DROP TABLE IF EXISTS langs;
CREATE VIRTUAL TABLE fts USING fts5 (
	title,
	text,
	lang UNINDEXED,
	content = '',
	contentless_delete = 1,
	contentless_unindexed = 1,
	tokenize = "unicode61 remove_diacritics 0 categories 'L* N* M* P* S* Co Cf Cn Cs'"
);
CREATE TABLE langs (lang TEXT PRIMARY KEY) WITHOUT ROWID;
-- ORDER BY rank weighs a title match ten times a body match.
INSERT INTO fts (fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
INSERT INTO fts (fts, rank) VALUES ('automerge', 16);
`

// index maintains the full-text index of one store.
type index struct {
	path    string
	db      *sql.DB // at most one connection, held by w
	w       *writer // the index's connection, with the store attached as "m"
	store   *writer // the store's writer, for trimming the queue
	storeID string  // identifies the store the index belongs to

	mu         sync.Mutex
	mark       int64         // the watermark, as far as this process knows
	rebuilding bool          // a rebuild has articles left to index
	changed    chan struct{} // closed, and replaced, after every catch-up attempt
	err        error         // the error of the last attempt, nil after a success

	kick   chan struct{} // asks the background goroutine to catch up soon
	urgent chan struct{} // asks it to catch up now: a search is waiting
	cancel context.CancelFunc
	done   chan struct{} // closed when the background goroutine ends
}

// openIndex opens (creating or rebuilding it when needed) the index at
// path for the store at storePath, and starts indexing in the background.
func openIndex(ctx context.Context, path, storePath, storeID string, opts Options, store *writer) (*index, error) {
	db, err := sql.Open("sqlite", newFileDSN(dsn(path, opts, true), path))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if err := pingBusy(ctx, db, opts.BusyTimeout); err != nil {
		return nil, errors.Join(err, db.Close())
	}
	w, err := newWriter(ctx, db, "BEGIN", nil)
	if err != nil {
		db.Close()
		return nil, err
	}
	if w.checkpoints, err = startCheckpointer(ctx, path, opts); err != nil {
		return nil, errors.Join(err, w.close(), db.Close())
	}
	ix := &index{path: path, db: db, w: w, store: store, storeID: storeID,
		changed: make(chan struct{}), kick: make(chan struct{}, 1), urgent: make(chan struct{}, 1), done: make(chan struct{})}
	if err := ix.open(ctx, storePath); err != nil {
		return nil, errors.Join(err, ix.closeConn())
	}
	bg, cancel := context.WithCancel(context.WithoutCancel(ctx))
	ix.cancel = cancel
	go ix.run(bg)
	ix.signal()
	return ix, nil
}

// open attaches the store and checks the index, rebuilding it if needed.
func (ix *index) open(ctx context.Context, storePath string) error {
	if err := ix.w.do(ctx, func(t *txn) error {
		_, err := t.exec(`ATTACH DATABASE ? AS m`, "file:"+escapePath(storePath))
		return err
	}); err != nil {
		return fmt.Errorf("attach %s: %w", storePath, err)
	}
	var (
		valid bool
		mark  int64
	)
	err := ix.w.tx(ctx, func(t *txn) error {
		var err error
		valid, mark, err = ix.check(t)
		return err
	})
	if err != nil {
		return err
	}
	if !valid {
		if mark, err = ix.startRebuild(ctx); err != nil {
			return fmt.Errorf("rebuild: %w", err)
		}
	}
	ix.mark = mark
	ix.rebuilding, err = ix.rebuildPending(ctx)
	return err
}

// check reports whether the index belongs to the store, has the current
// format and has missed no change, and returns its watermark.
func (ix *index) check(t *txn) (valid bool, mark int64, err error) {
	var tables int
	if err := t.queryRow(`SELECT count(*) FROM main.sqlite_master WHERE name IN ('meta', 'fts')`).Scan(&tables); err != nil {
		return false, 0, err
	}
	if tables != 2 {
		return false, 0, nil
	}
	var format, store string
	err = t.queryRow(`SELECT
		coalesce((SELECT value FROM meta WHERE key = 'format'), ''),
		coalesce((SELECT value FROM meta WHERE key = 'store'), ''),
		coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'watermark'), 0)`).Scan(&format, &store, &mark)
	if err != nil {
		return false, 0, err
	}
	if format != indexFormat || store != ix.storeID {
		return false, 0, nil
	}
	// The first change not taken in must still be queued: the queue keeps
	// every entry after the watermark of the index that trims it.
	var next int64
	if err := t.queryRow(`SELECT coalesce((SELECT min(seq) FROM m.search_queue),
		(SELECT seq FROM m.sqlite_sequence WHERE name = 'search_queue') + 1, 1)`).Scan(&next); err != nil {
		return false, 0, err
	}
	return next <= mark+1, mark, nil
}

// startRebuild empties the index and starts a rebuild: the articles up
// to the highest ID are indexed in batches (rebuildStep), and the changes
// queued from now on are taken in by catchUp. It returns the new
// watermark.
func (ix *index) startRebuild(ctx context.Context) (int64, error) {
	var head int64
	err := ix.w.tx(ctx, func(t *txn) error {
		if _, err := t.exec(indexSchema); err != nil {
			return err
		}
		var top int64
		if err := t.queryRow(`SELECT coalesce((SELECT seq FROM m.sqlite_sequence WHERE name = 'search_queue'), 0),
			coalesce((SELECT max(id) FROM m.articles), 0)`).Scan(&head, &top); err != nil {
			return err
		}
		_, err := t.exec(`INSERT INTO meta (key, value) VALUES ('format', ?), ('store', ?), ('watermark', ?),
			('rebuilt', 0), ('rebuild_top', ?)`, indexFormat, ix.storeID, head, top)
		return err
	})
	return head, err
}

// rebuildPending reports whether a rebuild has articles left to index.
func (ix *index) rebuildPending(ctx context.Context) (bool, error) {
	var n int
	err := ix.w.tx(ctx, func(t *txn) error {
		return t.queryRow(`SELECT count(*) FROM meta WHERE key = 'rebuild_top'`).Scan(&n)
	})
	return n > 0, err
}

// rebuildRange returns the IDs a rebuild has yet to index, (rebuilt, top];
// both are 0 when no rebuild is under way.
func rebuildRange(t *txn) (rebuilt, top int64, err error) {
	err = t.queryRow(`SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'rebuilt'), 0),
		coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'rebuild_top'), 0)`).Scan(&rebuilt, &top)
	return rebuilt, top, err
}

// rebuildStep indexes the next articles of a rebuild, at most n of them,
// and returns how many it indexed and how many IDs are left (an upper
// bound of the articles: deleted articles leave gaps). It does nothing
// when no rebuild is under way.
func (ix *index) rebuildStep(ctx context.Context, n int) (done int, remaining int64, err error) {
	err = ix.w.tx(ctx, func(t *txn) error {
		// Writing first takes the index's write lock, as in catchUp.
		if _, err := t.exec(`UPDATE meta SET value = value WHERE key = 'rebuilt'`); err != nil {
			return err
		}
		rebuilt, top, err := rebuildRange(t)
		if err != nil || top == 0 {
			return err
		}
		hi := top
		err = t.queryRow(`SELECT id FROM m.articles WHERE id > ? AND id <= ? ORDER BY id LIMIT 1 OFFSET ?`,
			rebuilt, top, max(n, 1)-1).Scan(&hi)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		docs, err := readDocs(t, `SELECT id, title, text, language FROM m.articles
			WHERE id > ? AND id <= ? AND copy_of IS NULL`, rebuilt, hi)
		if err != nil {
			return err
		}
		if err := insertDocs(t, docs); err != nil {
			return err
		}
		done, remaining = len(docs), top-hi
		if hi >= top {
			_, err = t.exec(`DELETE FROM meta WHERE key IN ('rebuilt', 'rebuild_top')`)
		} else {
			_, err = t.exec(`UPDATE meta SET value = ? WHERE key = 'rebuilt'`, hi)
		}
		return err
	})
	if err != nil {
		return 0, 0, fmt.Errorf("index %s: rebuild: %w", ix.path, err)
	}
	ix.mu.Lock()
	ix.rebuilding = remaining > 0
	close(ix.changed)
	ix.changed = make(chan struct{})
	ix.mu.Unlock()
	return done, remaining, nil
}

// rebuildLeft reports whether a rebuild has articles left to index.
func (ix *index) rebuildLeft() bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.rebuilding
}

// indexDelay is how long the indexer lets saves gather before it takes
// them in, unless a search is waiting. FTS5 pays a segment flush and merge
// per transaction, so one transaction for many saves costs far less CPU
// than one for each.
const indexDelay = 500 * time.Millisecond

// signal asks the background goroutine to take in what is queued soon.
func (ix *index) signal() {
	select {
	case ix.kick <- struct{}{}:
	default:
	}
}

// signalNow asks the background goroutine to take in what is queued now.
func (ix *index) signalNow() {
	select {
	case ix.urgent <- struct{}{}:
	default:
	}
}

// run takes in queued changes whenever signalled, until ctx ends.
func (ix *index) run(ctx context.Context) {
	defer close(ix.done)
	delay := time.NewTimer(indexDelay)
	delay.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ix.urgent:
		case <-ix.kick:
			delay.Reset(indexDelay)
			select {
			case <-ctx.Done():
				return
			case <-ix.urgent:
			case <-delay.C:
			}
			delay.Stop()
		}
		for {
			n, err := ix.catchUp(ctx)
			if err != nil || n == 0 {
				break
			}
		}
		if ix.rebuildLeft() {
			// A batch of the rebuild, then the queue again: saves are
			// taken in while a long rebuild goes on.
			if _, _, err := ix.rebuildStep(ctx, rebuildBatch); err == nil {
				ix.signalNow()
			} else if ctx.Err() == nil {
				ix.signal() // try again after a pause
			}
		}
	}
}

// catchUp takes in one batch of queued changes and reports how many
// entries it took in. Its outcome is published to waiters.
func (ix *index) catchUp(ctx context.Context) (n int64, err error) {
	var mark, target int64
	defer func() { ix.publish(mark, target, err) }()
	err = ix.w.tx(ctx, func(t *txn) error {
		// Writing first takes the index's write lock before the store is
		// read, so the store is only ever read here, never locked.
		if _, err := t.exec(`UPDATE meta SET value = value WHERE key = 'watermark'`); err != nil {
			return err
		}
		if err := t.queryRow(`SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'watermark'`).Scan(&mark); err != nil {
			return err
		}
		err := t.queryRow(`SELECT seq FROM m.search_queue WHERE seq > ? ORDER BY seq LIMIT 1 OFFSET ?`,
			mark, indexBatch-1).Scan(&target)
		if errors.Is(err, sql.ErrNoRows) {
			err = t.queryRow(`SELECT coalesce(max(seq), 0) FROM m.search_queue`).Scan(&target)
		}
		if err != nil {
			return err
		}
		if target <= mark {
			target = mark
			return nil
		}
		// The articles a rebuild has yet to reach, (?3, ?4], are left to it.
		rebuilt, top, err := rebuildRange(t)
		if err != nil {
			return err
		}
		if _, err := t.exec(`DELETE FROM fts WHERE rowid IN (SELECT article_id FROM m.search_queue
			WHERE seq > ?1 AND seq <= ?2 AND NOT fresh AND NOT (article_id > ?3 AND article_id <= ?4))`,
			mark, target, rebuilt, top); err != nil {
			return err
		}
		docs, err := readDocs(t, `SELECT id, title, text, language FROM m.articles
			WHERE id IN (SELECT article_id FROM m.search_queue WHERE seq > ?1 AND seq <= ?2)
			AND copy_of IS NULL AND NOT (id > ?3 AND id <= ?4)`, mark, target, rebuilt, top)
		if err != nil {
			return err
		}
		if err := insertDocs(t, docs); err != nil {
			return err
		}
		_, err = t.exec(`UPDATE meta SET value = ? WHERE key = 'watermark'`, target)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("index %s: %w", ix.path, err)
	}
	if target == mark {
		return 0, nil
	}
	// Trimming the queue only saves space: entries up to the watermark are
	// never read again, and the next catch-up's trim takes them too. So a
	// store whose write lock another process holds past the busy timeout
	// (a bulk import beside a backup) leaves them for then, rather than
	// failing a search or a close whose index is up to date.
	err = ix.store.tx(ctx, func(t *txn) error {
		_, err := t.exec(sqlTrimQueue, target)
		return err
	})
	if err != nil && !isBusy(err) {
		return 0, fmt.Errorf("index %s: trim queue: %w", ix.path, err)
	}
	return target - mark, nil
}

// sqlTrimQueue deletes the queue entries the index has taken in.
const sqlTrimQueue = `DELETE FROM search_queue WHERE seq <= ?`

// publish records the outcome of a catch-up attempt and wakes waiters.
func (ix *index) publish(mark, target int64, err error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if err == nil {
		ix.mark = max(ix.mark, target)
	} else {
		ix.mark = max(ix.mark, mark)
	}
	ix.err = err
	close(ix.changed)
	ix.changed = make(chan struct{})
}

// watermark returns the index's watermark, as far as this process knows.
func (ix *index) watermark() int64 {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.mark
}

// await waits until the index has taken in the queue up to target, for at
// most patience (forever when 0; not at all when negative). It returns the
// error of a failed attempt to catch up, or ctx's error.
func (ix *index) await(ctx context.Context, target int64, patience time.Duration) error {
	var timeout <-chan time.Time
	if patience > 0 {
		timer := time.NewTimer(patience)
		defer timer.Stop()
		timeout = timer.C
	}
	for {
		ix.mu.Lock()
		mark, changed, rebuilding := ix.mark, ix.changed, ix.rebuilding
		ix.mu.Unlock()
		if mark >= target && !rebuilding || patience < 0 {
			return nil
		}
		ix.signalNow()
		select {
		case <-changed:
			ix.mu.Lock()
			mark, err := ix.mark, ix.err
			ix.mu.Unlock()
			if (mark < target || ix.rebuildLeft()) && err != nil {
				return err
			}
		case <-timeout:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// close stops the background goroutine, takes in what is still queued and
// closes the index's connection.
//
// It catches up until a batch comes back short of indexBatch (the queue's
// end as it was then), not until the queue is empty: beside another
// process that keeps writing, that could be never. When another process
// holds the index's lock past the busy timeout, that process is indexing
// and takes the changes in itself, so that is not an error either.
func (ix *index) close(ctx context.Context) error {
	ix.cancel()
	<-ix.done
	var err error
	for {
		var n int64
		if n, err = ix.catchUp(ctx); err != nil || n < indexBatch {
			break
		}
	}
	if isBusy(err) {
		err = nil
	}
	return errors.Join(err, ix.closeConn())
}

// closeConn closes the index's connection.
func (ix *index) closeConn() error {
	return errors.Join(ix.w.checkpoints.close(), ix.w.close(), ix.db.Close())
}
