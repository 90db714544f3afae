package web

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"strconv"

	"github.com/storyline/storyline"
)

// shareScope says who shares a page.
type shareScope uint8

// Share scopes.
const (
	// shareAll: every reader of a role sees the same page but for their
	// own bits (Top, Latest, story and article pages).
	shareAll shareScope = iota
	// shareOwn: the page's content is the reader's own (For you); it is
	// kept for them alone.
	shareOwn
)

// shared serves page handler h to signed-in readers from sharedPages:
// rendered once with holes (scope says for whom) and filled for each
// request. cardLimit is how many story cards a reader sees at most (0:
// all). Visitors, requests other than GET, views of unread items only
// (?unread=1, which depend on the reader through and through) and a
// server without a page cache get h itself.
func (s *Server) shared(scope shareScope, cardLimit int, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u := userFrom(r.Context())
		if s.sharedPages == nil || u == nil || r.Method != http.MethodGet || r.URL.Query().Has("unread") ||
			holesFrom(r.Context()) != nil {
			h(w, r)
			return
		}
		owner := int64(0)
		if scope == shareOwn {
			owner = u.ID
		}
		p := s.sharedPages.get(r.Context(), sharedKey(r, u, owner), owner, func(ctx context.Context) *sharedPage {
			return s.renderShared(r.WithContext(ctx), h, owner != 0, cardLimit)
		})
		if p == nil || !s.fillShared(w, r, p) {
			h(w, r)
		}
	}
}

// renderShared renders h for r with holes; nil when the page cannot be
// shared (not a 200, or the reader's state failed to load).
func (s *Server) renderShared(r *http.Request, h http.HandlerFunc, own bool, cardLimit int) *sharedPage {
	ctx := r.Context()
	hs := &holeSet{nonce: s.holeNonce}
	if own {
		var err error
		if hs.follows, hs.mutes, err = s.readers.base(ctx, s.store, userFrom(ctx)); err != nil {
			return nil
		}
	}
	rec := &bodyRecorder{header: http.Header{}}
	h(rec, r.WithContext(withHoles(ctx, hs)))
	if rec.status != http.StatusOK {
		return nil
	}
	rec.header.Del("Set-Cookie") // the rendering reader's, never another's
	p := &sharedPage{status: rec.status, header: rec.header, stories: hs.stories, comments: hs.comments, cardLimit: cardLimit,
		version: hs.version, validate: hs.validate}
	p.parts = splitHoles(rec.body.Bytes(), s.holeNonce)
	for i := range p.parts {
		t := p.parts[i].text
		if len(t) >= minSegment {
			p.parts[i].z = s.sharedPages.deflate.segment(t)
		}
		p.size += len(t) + len(p.parts[i].z)
		p.zsize += max(len(p.parts[i].z), len(t)+storedOverhead)
	}
	return p
}

// bodyRecorder keeps a response rendered for a shared page.
type bodyRecorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

// Header returns the response's headers.
func (b *bodyRecorder) Header() http.Header { return b.header }

// WriteHeader records the status.
func (b *bodyRecorder) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

// Write keeps p.
func (b *bodyRecorder) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// filling is one request's filling of a shared page: the reader's state
// of the page's items.
type filling struct {
	s    *Server
	r    *http.Request
	p    *sharedPage
	st   *readerState
	keep map[int64]bool // cards kept, by story ID
	// opened is what opening the page marked read, by hole; newSince the
	// story's new reports before it was.
	opened   bool
	newSince int
	unread   int
	forYou   int
	scratch  []byte // a hole's filling, reused
}

// fillShared writes shared page p filled for the request's reader. It
// returns false, having written nothing, when the page is better
// rendered for the reader (their state failed to load, or their mutes
// drop every card).
func (s *Server) fillShared(w http.ResponseWriter, r *http.Request, p *sharedPage) bool {
	f, ok := s.prepareFill(r, p)
	if !ok {
		return false
	}
	h := w.Header()
	for k, v := range p.header {
		h[k] = v
	}
	cw := compressWriterOf(w)
	if cw != nil && cw.coding == codingGzip {
		addVary(h)
		body := f.stitch()
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(p.status)
		_, _ = w.Write(body)
		return true
	}
	w.WriteHeader(p.status)
	var buf bytes.Buffer
	f.each(func(plain, _ []byte, hole bool) { buf.Write(plain) })
	_, _ = buf.WriteTo(w)
	return true
}

// prepareFill reads the reader's state of p's items, decides which
// cards they see and marks an opened story or article read.
func (s *Server) prepareFill(r *http.Request, p *sharedPage) (*filling, bool) {
	ctx := r.Context()
	st, err := s.readerStateFor(ctx, nil, nil)
	if err != nil || st == nil {
		return nil, false
	}
	stories := make([]*storyline.Story, 0, len(p.stories))
	for _, x := range p.stories {
		stories = append(stories, x)
	}
	var articleIDs []int64
	for _, part := range p.parts {
		switch part.hole.kind {
		case holeArticleAttrs, holeArticleState, holeArticleClass, holeArticlePage:
			articleIDs = append(articleIDs, part.hole.id)
		}
	}
	if err := s.pageItems(ctx, st, p, stories, articleIDs); err != nil {
		s.log.Warn("shared page: reader state", "user", st.User.ID, "err", err)
		return nil, false
	}
	f := &filling{s: s, r: r, p: p, st: st, keep: map[int64]bool{}}
	cards, kept, counted := 0, 0, false // counted: the page shows unread counts
	for _, part := range p.parts {
		switch part.hole.kind {
		case holeCardBegin:
			cards++
			x := p.stories[part.hole.id]
			if x != nil && storyline.HiddenBy(x, st.Mutes) == nil && (p.cardLimit == 0 || kept < p.cardLimit) {
				f.keep[x.ID] = true
				kept++
			}
		case holeStoryPage:
			if x := p.stories[part.hole.id]; x != nil {
				f.newSince = st.NewReports(x)
				f.opened = s.markOpened(r, st, x, 0)
			}
		case holeArticlePage:
			f.opened = s.markOpened(r, st, nil, part.hole.id)
		case holeNavUnread, holeNavForYou:
			counted = true
		}
	}
	if cards > 0 && kept == 0 {
		return nil, false // the page's "nothing here" is the handler's to say
	}
	if counted { // after the page marked itself read, as a page rendered whole counts
		f.unread, f.forYou = s.navCounts(ctx, st)
	}
	return f, true
}

// pageItems adds to st the reader's reads and saves of shared page p's
// items (its stories and articleIDs): kept from the reader's last view of
// p when nothing they read or saved changed since, else read from the
// store; then the marks waiting to be stored.
func (s *Server) pageItems(ctx context.Context, st *readerState, p *sharedPage, stories []*storyline.Story, articleIDs []int64) error {
	uid := st.User.ID
	it, gen := s.readers.itemsOf(uid, p)
	if it == nil {
		fresh := &readerState{User: st.User}
		if err := s.loadItems(ctx, fresh, stories, articleIDs); err != nil {
			return err
		}
		it = &pageItems{storyReads: fresh.storyReads, articlesRead: fresh.articlesRead,
			savedStories: fresh.savedStories, savedArticles: fresh.savedArticles, at: s.now()}
		s.readers.keepItems(uid, p, gen, it)
	}
	st.storyReads, st.articlesRead, st.savedStories, st.savedArticles = it.storyReads, it.articlesRead, it.savedStories, it.savedArticles
	if s.marks != nil {
		s.marks.overlay(st, stories, articleIDs)
	}
	return nil
}

// navCounts returns reader st's unread counts of the navigation.
func (s *Server) navCounts(ctx context.Context, st *readerState) (unread, forYou int) {
	n := s.readerNav(ctx, readerOnly{st})
	return n.Unread, n.ForYou
}

// readerOnly is page data carrying nothing but a reader's state.
type readerOnly struct{ st *readerState }

// readerOf is the reader's state.
func (v readerOnly) readerOf() *readerState { return v.st }

// each calls emit with each piece of the filled page in order: fixed
// text with its compressed form, or a hole's filling (hole true).
func (f *filling) each(emit func(plain, z []byte, hole bool)) {
	skip := false
	for _, part := range f.p.parts {
		switch part.hole.kind {
		case 0:
			if !skip {
				emit(part.text, part.z, false)
			}
		case holeCardBegin:
			skip = !f.keep[part.hole.id]
		case holeCardEnd:
			skip = false
		default:
			if !skip {
				f.scratch = append(f.scratch[:0], f.hole(part.hole)...)
				emit(f.scratch, nil, true)
			}
		}
	}
}

// stitch returns the filled page as one gzip member.
func (f *filling) stitch() []byte {
	g := newGzipStitcher(make([]byte, 0, f.p.zsize+f.p.zsize/4+1024))
	f.each(func(plain, z []byte, hole bool) {
		if hole || z == nil {
			g.stored(plain)
		} else {
			g.segment(plain, z)
		}
	})
	return g.finish()
}

// hole returns what hole h holds for the reader.
func (f *filling) hole(h hole) template.HTML {
	st := f.st
	x := f.p.stories[h.id]
	card := storyCard{Story: x, Reader: st}
	switch h.kind {
	case holeUser:
		return template.HTML(template.HTMLEscapeString(st.User.Name)) //nolint:gosec // escaped
	case holeNavUnread:
		return navCountHTML(f.unread)
	case holeNavForYou:
		if len(st.Follows) == 0 {
			return ""
		}
		return navCountHTML(f.forYou)
	case holeCardAttrs, holeStoryState, holeStoryNew, holeStoryActions:
		if x == nil {
			return ""
		}
		return storyHole(h.kind, card)
	case holeArticleAttrs:
		return template.HTML(st.ArticleAttrs(h.id)) //nolint:gosec // attributes made in Go
	case holeArticleState:
		return st.ArticleState(h.id)
	case holeArticleClass:
		return template.HTML(st.ArticleClass(h.id)) //nolint:gosec // attributes made in Go
	case holeStoryPage:
		if x == nil {
			return ""
		}
		it := st.StoryItem(x)
		it.Read = it.Read || f.opened
		return storyPageActions(f.newSince, it)
	case holeArticlePage:
		it := st.ArticleItem(h.id)
		it.Read = it.Read || f.opened
		return template.HTML(pageActions(it)) //nolint:gosec // constants and an ID
	case holeComments:
		return f.comments()
	}
	return ""
}

// storyHole is what hole kind of a story card holds.
func storyHole(kind holeKind, card storyCard) template.HTML {
	switch kind {
	case holeCardAttrs:
		return template.HTML(card.Attrs()) //nolint:gosec // attributes made in Go
	case holeStoryState:
		return card.ReadState()
	case holeStoryNew:
		return card.NewBadge()
	}
	return card.Actions()
}

// comments renders the page's comments with the reader's rights on each.
func (f *filling) comments() template.HTML {
	if f.p.comments == nil {
		return ""
	}
	u := f.st.User
	b := *f.p.comments
	b.SignedIn = true
	b.Items = make([]commentLine, len(f.p.comments.Items))
	for i, c := range f.p.comments.Items {
		mine := c.UserID == u.ID
		b.Items[i] = commentLine{Comment: c.Comment, Mine: mine, CanDelete: mine || u.IsAdmin(), CanHide: u.IsAdmin()}
	}
	var buf bytes.Buffer
	if err := f.s.pages["story"].ExecuteTemplate(&buf, "comments", b); err != nil {
		f.s.log.Error("shared page: comments", "err", err)
		return ""
	}
	return template.HTML(buf.String()) //nolint:gosec // rendered by html/template
}
