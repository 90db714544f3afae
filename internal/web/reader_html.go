package web

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/storyline/storyline"
)

// The bits of a page that are the signed-in reader's own — read marks,
// save and mark-read buttons, unread counts — are made here in Go rather
// than in the templates, so that a shared page's holes (see holes.go)
// are filled with exactly what a page rendered for the reader would
// hold. Each method is safe on a nil state (a visitor's: nothing), and
// on a shared page's state (holes set) returns the hole instead.

// ArticleAttrs are an article line's attributes for the reader: read or
// unread, and what the keyboard and the buttons need.
func (st *readerState) ArticleAttrs(id int64) template.HTMLAttr {
	switch {
	case st == nil:
		return ""
	case st.holes != nil:
		return st.holes.attr(holeArticleAttrs, id, nil)
	}
	return template.HTMLAttr(itemAttrs(st.ArticleRead(id), "", storyline.KindArticle, id)) //nolint:gosec // built from constants and an ID
}

// ArticleState is "Read: " or "Unread: " before an article's title, for
// screen readers.
func (st *readerState) ArticleState(id int64) template.HTML {
	switch {
	case st == nil:
		return ""
	case st.holes != nil:
		return st.holes.html(holeArticleState, id, nil)
	}
	return readStateHTML(st.ArticleRead(id))
}

// ArticleClass is ` class="read"` for an article the reader read.
func (st *readerState) ArticleClass(id int64) template.HTMLAttr {
	switch {
	case st == nil:
		return ""
	case st.holes != nil:
		return st.holes.attr(holeArticleClass, id, nil)
	case st.ArticleRead(id):
		return ` class="read"`
	}
	return ""
}

// ArticleSave is the save button of article id.
func (st *readerState) ArticleSave(id int64) template.HTML {
	if st == nil {
		return ""
	}
	return template.HTML(saveButton(st.ArticleItem(id))) //nolint:gosec // built from constants and an ID
}

// ArticleActions are the save and mark-read buttons of article id.
func (st *readerState) ArticleActions(id int64) template.HTML {
	if st == nil {
		return ""
	}
	return template.HTML(itemActions(st.ArticleItem(id))) //nolint:gosec // built from constants and an ID
}

// Attrs are a story card's attributes: its class (read or unread for a
// reader) and what the keyboard and the buttons need.
func (c storyCard) Attrs() template.HTMLAttr {
	switch {
	case c.Reader == nil:
		return `class="card" data-item`
	case c.Reader.holes != nil:
		return c.Reader.holes.attr(holeCardAttrs, c.ID, c.Story)
	}
	return template.HTMLAttr(strings.TrimPrefix(itemAttrs(c.Read(), "card ", storyline.KindStory, c.ID), " ")) //nolint:gosec // built from constants and an ID
}

// ReadState is "Read: " or "Unread: " before the card's title, for
// screen readers.
func (c storyCard) ReadState() template.HTML {
	return c.own(holeStoryState, func() template.HTML { return readStateHTML(c.Read()) })
}

// NewBadge says how many reports arrived since the reader read the story.
func (c storyCard) NewBadge() template.HTML {
	return c.own(holeStoryNew, func() template.HTML { return newBadgeHTML(c.NewCount()) })
}

// Actions are the card's save and mark-read buttons.
func (c storyCard) Actions() template.HTML {
	return c.own(holeStoryActions, func() template.HTML {
		return template.HTML(itemActions(c.Reader.StoryItem(c.Story))) //nolint:gosec // built from constants and an ID
	})
}

// own is a bit of the card that is the reader's own: nothing for a
// visitor, the hole of kind on a shared page, else what mine makes.
func (c storyCard) own(kind holeKind, mine func() template.HTML) template.HTML {
	switch {
	case c.Reader == nil:
		return ""
	case c.Reader.holes != nil:
		return c.Reader.holes.html(kind, c.ID, c.Story)
	}
	return mine()
}

// Begin and End enclose a card on a shared page, whose reader's mutes may
// drop it; elsewhere they are empty.
func (c storyCard) Begin() template.HTML {
	if c.Reader == nil || c.Reader.holes == nil {
		return ""
	}
	return c.Reader.holes.html(holeCardBegin, c.ID, c.Story)
}

// End closes what Begin opened.
func (c storyCard) End() template.HTML {
	if c.Reader == nil || c.Reader.holes == nil {
		return ""
	}
	return c.Reader.holes.html(holeCardEnd, c.ID, nil)
}

// itemAttrs are the attributes of a reader's item: class (prefix, then
// read or unread), kind and ID, and data-unread when unread.
func itemAttrs(read bool, classPrefix string, kind storyline.ItemKind, id int64) string {
	var b strings.Builder
	b.WriteString(` class="`)
	b.WriteString(classPrefix)
	if read {
		b.WriteString(`read"`)
	} else {
		b.WriteString(`unread"`)
	}
	if classPrefix != "" {
		b.WriteString(` data-item`)
	}
	b.WriteString(` data-kind="` + string(kind) + `" data-id="` + strconv.FormatInt(id, 10) + `"`)
	if !read {
		b.WriteString(` data-unread`)
	}
	return b.String()
}

// readStateHTML is the screen readers' "Read: " or "Unread: ".
func readStateHTML(read bool) template.HTML {
	if read {
		return `<span class="visually-hidden" data-state>Read: </span>`
	}
	return `<span class="visually-hidden" data-state>Unread: </span>`
}

// newBadgeHTML says n new reports, or nothing when n is 0.
func newBadgeHTML(n int) template.HTML {
	if n <= 0 {
		return ""
	}
	return template.HTML(` · <strong class="new">` + plural(n, "new report") + `</strong>`) //nolint:gosec // a number and constants
}

// navCountHTML is an unread count in the navigation, or nothing for 0.
func navCountHTML(n int) template.HTML {
	if n <= 0 {
		return ""
	}
	return template.HTML(` <span class="count"><span class="visually-hidden">(</span>` + strconv.Itoa(n) + //nolint:gosec // a number
		`<span class="visually-hidden"> unread)</span></span>`)
}

// saveButton is the save (or unsave) form of item it.
func saveButton(it itemState) string {
	action, pressed, star := "save", "false", "☆"
	if it.Saved {
		action, pressed, star = "unsave", "true", "★"
	}
	return `<form method="post" action="/saved/` + string(it.Kind) + `/` + strconv.FormatInt(it.ID, 10) + `" class="save" data-save>` +
		`<input type="hidden" name="action" value="` + action + `">` +
		`<button type="submit" class="star" aria-pressed="` + pressed + `" aria-label="Save ` + string(it.Kind) + `" title="Save (s)">` + star + `</button></form>`
}

// markButton is the mark-read (or mark-unread) form of item it.
func markButton(it itemState) string {
	path, action, label := "/articles/", "read", "Mark read"
	if it.Kind == storyline.KindStory {
		path = "/stories/"
	}
	if it.Read {
		action, label = "unread", "Mark unread"
	}
	return `<form method="post" action="` + path + strconv.FormatInt(it.ID, 10) + `/read" data-mark>` +
		`<input type="hidden" name="action" value="` + action + `">` +
		`<button type="submit" class="link" title="Mark read or unread (m)">` + label + `</button></form>`
}

// itemActions are item it's save and mark-read buttons.
func itemActions(it itemState) string {
	return `<div class="item-actions">` + saveButton(it) + markButton(it) + `</div>`
}

// pageActions are the buttons of a story's or an article's own page.
func pageActions(it itemState) string {
	return `<div class="page-actions" data-page-item data-kind="` + string(it.Kind) + `" data-id="` + strconv.FormatInt(it.ID, 10) + `">` +
		saveButton(it) + markButton(it) + `</div>`
}
