package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"html/template"
	"strconv"

	"github.com/storyline/storyline"
)

// A page a signed-in reader sees is mostly what every reader sees: the
// stories, the article, the lists. It is rendered once for all readers
// with holes where each reader's own state goes — read marks, save and
// mark-read buttons, unread counts, their name, their rights on comments
// — and each request fills the holes (see sharedPages). A hole is a
// marker in the rendered text: holeOpen, a kind letter, the item's ID
// and the server's nonce, holeClose. The markers are private-use
// characters, which html/template passes through in text and attribute
// values alike; the nonce, random for each server, keeps text that a
// page shows (an article, a comment) from passing for a hole.
const (
	holeOpen  = "\uE000"
	holeClose = "\uE001"
)

// holeKind is what a hole holds.
type holeKind byte

// The kinds of hole. Card regions (holeCardBegin … holeCardEnd) enclose a
// story card, which a reader's mutes may drop.
const (
	holeUser         holeKind = 'U' // the reader's name, escaped
	holeNavUnread    holeKind = 'T' // the unread count of Top and Latest
	holeNavForYou    holeKind = 'F' // the unread count of For you
	holeCardBegin    holeKind = 'B' // a story card begins: ID
	holeCardEnd      holeKind = 'E' // the card ends
	holeCardAttrs    holeKind = 'a' // a card's class and data attributes: ID
	holeStoryState   holeKind = 's' // "Read: " or "Unread: " for screen readers: ID
	holeStoryNew     holeKind = 'n' // the card's count of new reports: ID
	holeStoryActions holeKind = 'x' // a story's save and mark-read buttons: ID
	holeArticleAttrs holeKind = 'A' // an article line's class and data attributes: ID
	holeArticleState holeKind = 'S' // "Read: " or "Unread: " for an article: ID
	holeArticleClass holeKind = 'c' // ` class="read"` for a read article: ID
	holeStoryPage    holeKind = 'P' // a story page's new-report note and buttons; opening marks it read: ID
	holeArticlePage  holeKind = 'R' // an article page's buttons; opening marks it read: ID
	holeComments     holeKind = 'C' // the comments section, with the reader's rights
)

// hole is one hole of a shared page.
type hole struct {
	kind holeKind
	id   int64
}

// holeSet makes the holes of one shared page as it is rendered and
// gathers the items they need: the stories of its cards (whose mutes and
// counts the holes depend on) and its comments.
type holeSet struct {
	nonce    string // the server's: see Server.holeNonce
	stories  map[int64]*storyline.Story
	comments *commentBlock
	// follows and mutes are the reader's on a page shared by one reader
	// (For you); none on a page shared by every reader.
	follows []*storyline.Follow
	mutes   []*storyline.Mute
	// version and validate are the page's validator: what it shows
	// identified, and how to tell it again cheaply (see sharedPage).
	version  string
	validate func(context.Context) (string, error)
}

// holesKey is the context key of the holeSet of a shared page's rendering.
type holesKey struct{}

// withHoles returns ctx for rendering a shared page with hs.
func withHoles(ctx context.Context, hs *holeSet) context.Context {
	return context.WithValue(ctx, holesKey{}, hs)
}

// holesFrom returns the holeSet of the shared page ctx renders, or nil.
func holesFrom(ctx context.Context) *holeSet {
	hs, _ := ctx.Value(holesKey{}).(*holeSet)
	return hs
}

// reader returns the state of reader u on the shared page: holes for
// what they read and saved.
func (h *holeSet) reader(u *storyline.User) *readerState {
	return &readerState{User: u, Follows: h.follows, Mutes: h.mutes, holes: h}
}

// mark returns hole kind for id as template text, remembering story x
// when there is one.
func (h *holeSet) mark(kind holeKind, id int64, x *storyline.Story) string {
	if x != nil {
		if h.stories == nil {
			h.stories = map[int64]*storyline.Story{}
		}
		h.stories[x.ID] = x
	}
	return holeOpen + string(rune(kind)) + strconv.FormatInt(id, 10) + h.nonce + holeClose
}

// html is mark as HTML.
func (h *holeSet) html(kind holeKind, id int64, x *storyline.Story) template.HTML {
	return template.HTML(h.mark(kind, id, x)) //nolint:gosec // a marker: private-use characters and digits
}

// attr is mark as attributes.
func (h *holeSet) attr(kind holeKind, id int64, x *storyline.Story) template.HTMLAttr {
	return template.HTMLAttr(h.mark(kind, id, x)) //nolint:gosec // a marker: private-use characters and digits
}

// pagePart is a piece of a shared page: fixed text (with its compressed
// form) or a hole.
type pagePart struct {
	text []byte
	z    []byte // text as raw DEFLATE segment (see deflater.segment)
	hole hole   // kind 0 for fixed text
}

// splitHoles cuts rendered page body into fixed parts and the holes
// marked with nonce; text that only looks like a marker stays text.
func splitHoles(body []byte, nonce string) []pagePart {
	var parts []pagePart
	start := 0 // of the fixed text not yet cut
	for from := 0; ; {
		i := bytes.Index(body[from:], []byte(holeOpen))
		if i < 0 {
			break
		}
		i += from
		from = i + len(holeOpen)
		h, n, ok := parseHole(body[from:], nonce)
		if !ok {
			continue
		}
		if i > start {
			parts = append(parts, pagePart{text: body[start:i]})
		}
		parts = append(parts, pagePart{hole: h})
		from += n
		start = from
	}
	if start < len(body) {
		parts = append(parts, pagePart{text: body[start:]})
	}
	return parts
}

// parseHole reads a hole's kind, ID and nonce from b, which follows a
// holeOpen, and returns it with the bytes it took up to holeClose.
func parseHole(b []byte, nonce string) (hole, int, bool) {
	j := bytes.Index(b, []byte(holeClose))
	if j < 2+len(nonce) || j > 24+len(nonce) || string(b[j-len(nonce):j]) != nonce {
		return hole{}, 0, false
	}
	id, err := strconv.ParseInt(string(b[1:j-len(nonce)]), 10, 64)
	if err != nil {
		return hole{}, 0, false
	}
	return hole{kind: holeKind(b[0]), id: id}, j + len(holeClose), true
}

// newHoleNonce returns a random nonce of 12 lower-case letters.
func newHoleNonce() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b) // crypto/rand does not fail
	for i := range b {
		b[i] = 'a' + b[i]%26
	}
	return string(b)
}
