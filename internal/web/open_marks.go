package web

import (
	"context"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/storyline/storyline"
)

// openMarksDelay is how long the read marks of opened pages wait to be
// stored together.
const openMarksDelay = 250 * time.Millisecond

// openMarks stores the read marks that opening a story's or an article's
// page makes, a moment later and many at once, rather than one write per
// page view: every write makes the database's readers drop their caches,
// and a page view would wait for it. Until they are stored, the marks
// waiting are laid over what the store says (overlay), so the reader's
// pages show them at once. Flush stores them now (the server does when it
// shuts down). A mark that fails to be stored is logged: a read mark
// made by opening a page is worth a retry at the next opening, not an
// error page.
type openMarks struct {
	store Store
	log   *slog.Logger
	now   func() time.Time
	delay time.Duration
	// stored is told of each reader whose marks were stored (or failed).
	stored func(userID int64)

	mu      sync.Mutex
	pending map[int64]*pendingMarks // by user
	storing map[int64]*pendingMarks // by user: being stored by flush
	timer   *time.Timer             // the flush to come; nil when none
	flushMu sync.Mutex              // one flush at a time
}

// pendingMarks are one reader's marks waiting to be stored.
type pendingMarks struct {
	stories  []int64
	articles []int64
	at       time.Time
}

// newOpenMarks returns marks stored delay after they are made.
func newOpenMarks(store Store, log *slog.Logger, now func() time.Time, delay time.Duration, stored func(userID int64)) *openMarks {
	return &openMarks{store: store, log: log, now: now, delay: delay, stored: stored, pending: map[int64]*pendingMarks{}}
}

// add marks item id of kind read for user userID, to be stored shortly.
func (m *openMarks) add(userID int64, kind storyline.ItemKind, id int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.pending[userID]
	if p == nil {
		p = &pendingMarks{}
		m.pending[userID] = p
	}
	p.at = m.now()
	if kind == storyline.KindStory {
		p.stories = appendNew(p.stories, id)
	} else {
		p.articles = appendNew(p.articles, id)
	}
	if m.timer == nil {
		m.timer = time.AfterFunc(m.delay, func() { m.flush(context.Background()) })
	}
}

// appendNew appends id to ids unless it is there.
func appendNew(ids []int64, id int64) []int64 {
	if slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}

// overlay marks read in st the stories and articles of its reader that
// wait to be stored, among those st was read for.
func (m *openMarks) overlay(st *readerState, stories []*storyline.Story, articleIDs []int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, p := range []*pendingMarks{m.pending[st.User.ID], m.storing[st.User.ID]} {
		if p != nil {
			p.overlay(st, stories, articleIDs)
		}
	}
}

// overlay marks read in st those of stories and articleIDs that p holds,
// in copies of st's maps (which may be shared).
func (p *pendingMarks) overlay(st *readerState, stories []*storyline.Story, articleIDs []int64) {
	copied := false
	for _, x := range stories {
		if slices.Contains(p.stories, x.ID) {
			if !copied {
				st.storyReads, copied = maps.Clone(st.storyReads), true
				if st.storyReads == nil {
					st.storyReads = map[int64]storyline.StoryRead{}
				}
			}
			st.storyReads[x.ID] = storyline.StoryRead{StoryID: x.ID, Seen: x.ArticleCount, ReadAt: p.at}
		}
	}
	copied = false
	for _, id := range articleIDs {
		if slices.Contains(p.articles, id) {
			if !copied {
				st.articlesRead, copied = maps.Clone(st.articlesRead), true
				if st.articlesRead == nil {
					st.articlesRead = map[int64]bool{}
				}
			}
			st.articlesRead[id] = true
		}
	}
}

// flush stores the marks waiting, every reader's at once (the store runs
// writes that arrive together in one transaction).
func (m *openMarks) flush(ctx context.Context) {
	m.flushMu.Lock()
	defer m.flushMu.Unlock()
	m.mu.Lock()
	taken := m.pending
	m.pending, m.storing, m.timer = map[int64]*pendingMarks{}, taken, nil
	m.mu.Unlock()
	defer func() {
		m.mu.Lock()
		m.storing = nil
		m.mu.Unlock()
	}()
	var wg sync.WaitGroup
	for uid, p := range taken {
		wg.Go(func() { m.store1(ctx, uid, p) })
	}
	wg.Wait()
}

// flushUser stores reader userID's marks now, if any wait, so that what
// is read from the store next (their unread counts) holds them.
func (m *openMarks) flushUser(ctx context.Context, userID int64) {
	m.mu.Lock()
	_, waiting := m.pending[userID]
	_, storing := m.storing[userID]
	m.mu.Unlock()
	if !waiting && !storing {
		return
	}
	m.flushMu.Lock() // a flush storing them ends first
	defer m.flushMu.Unlock()
	m.mu.Lock()
	p := m.pending[userID]
	if p != nil {
		delete(m.pending, userID)
		m.storing = map[int64]*pendingMarks{userID: p}
	}
	m.mu.Unlock()
	if p == nil {
		return
	}
	m.store1(ctx, userID, p)
	m.mu.Lock()
	m.storing = nil
	m.mu.Unlock()
}

// store1 stores reader uid's marks p; a failure is logged.
func (m *openMarks) store1(ctx context.Context, uid int64, p *pendingMarks) {
	if len(p.stories) > 0 {
		if err := m.store.MarkStoriesRead(ctx, uid, p.stories, true, p.at); err != nil {
			m.log.Warn("mark opened stories read", "user", uid, "stories", p.stories, "err", err)
		}
	}
	if len(p.articles) > 0 {
		if err := m.store.MarkArticlesRead(ctx, uid, p.articles, true, p.at); err != nil {
			m.log.Warn("mark opened articles read", "user", uid, "articles", p.articles, "err", err)
		}
	}
	m.stored(uid)
}
