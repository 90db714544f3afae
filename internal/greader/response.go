package greader

import (
	"cmp"
	"html"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/storyline/storyline"
)

// DefaultFolder is the folder of a feed filed under none. Every
// subscription must have a folder: Read You groups subscriptions by their
// first category and fails on one without, and NetNewsWire needs each
// category's label. FreshRSS calls its default category so too. A handler
// reads the label stream "user/-/label/Uncategorized" as the feeds
// without a category (unless a folder of that name exists).
const DefaultFolder = "Uncategorized"

// folderName is the folder label of category c.
func folderName(c string) string { return cmp.Or(c, DefaultFolder) }

// usec is t in Unix microseconds as the protocol writes it, a decimal
// string; "0" for the zero time.
func usec(t time.Time) string {
	if t.IsZero() {
		return "0"
	}
	return strconv.FormatInt(t.UnixMicro(), 10)
}

// StreamContents is a page of stream/contents or the answer of
// stream/items/contents. NetNewsWire requires id, updated and items.
type StreamContents struct {
	ID           string `json:"id"`      // the stream ID
	Updated      int64  `json:"updated"` // Unix seconds of the answer
	Items        []Item `json:"items"`
	Continuation string `json:"continuation,omitempty"` // none on the last page
}

// NewStreamContents is the page of stream s holding items, made at
// updated, with next the sort key of its last item when more follow
// (zero on the last page). stream/items/contents answers with the
// reading list's ID, as FreshRSS and Miniflux do.
func NewStreamContents(s Stream, updated time.Time, items []Item, next Continuation) StreamContents {
	if items == nil {
		items = []Item{}
	}
	return StreamContents{ID: s.String(), Updated: updated.Unix(), Items: items, Continuation: nextPage(next)}
}

// nextPage is a page's continuation: next encoded, or "" on the last page.
func nextPage(next Continuation) string {
	if next.IsZero() {
		return ""
	}
	return EncodeContinuation(next)
}

// Item is an item of stream/contents or stream/items/contents, in the
// form FreshRSS writes for apps (its "compat" mode): the text in
// summary.content, which NetNewsWire, newsboat, Read You and Fluent
// Reader all read, and no separate content (Miniflux sends the text in
// both, doubling the answer). Make items with NewItem (of ArticleEntry for an article).
type Item struct {
	ID string `json:"id"` // LongItemID
	// CrawlTimeMsec and TimestampUsec are when the item was stored, in
	// Unix milliseconds and microseconds, as decimal strings. Google
	// Reader and FreshRSS write the time the item arrived here; apps page
	// and sort by it, as the stream does.
	CrawlTimeMsec string `json:"crawlTimeMsec"`
	TimestampUsec string `json:"timestampUsec"`
	Published     int64  `json:"published"`         // Unix seconds; a number (newsboat reads an integer)
	Updated       int64  `json:"updated,omitempty"` // Unix seconds of the last change
	Title         string `json:"title"`             // plain text
	// Canonical and Alternate link to the original. They are left out
	// when the item has no URL rather than sent empty: Read You and
	// Fluent Reader take canonical's first element without checking.
	Canonical  []Link   `json:"canonical,omitempty"`
	Alternate  []Link   `json:"alternate,omitempty"`
	Categories []string `json:"categories"` // state and label streams: reading list, folder, read, starred
	Origin     Origin   `json:"origin"`
	Summary    Text     `json:"summary"`
	Author     string   `json:"author,omitempty"`
}

// Link is a link of an item.
type Link struct {
	Href string `json:"href"`
	Type string `json:"type,omitempty"` // "text/html" for alternate
}

// Text is an item's HTML.
type Text struct {
	Content string `json:"content"`
}

// Origin is the subscription an item came through. Its StreamID must be
// one subscription/list gives: Fluent Reader drops an item whose origin
// it does not know.
type Origin struct {
	StreamID string `json:"streamId"`
	Title    string `json:"title"`
	HTMLURL  string `json:"htmlUrl"`
}

// Entry is what an item is made of, in Storyline's terms: an article, or
// a story shown as one item.
type Entry struct {
	ID        int64 // the item ID: an article's ID, or StoryItemID
	Title     string
	URL       string // the original; "" when there is none
	Author    string
	HTML      string    // the text
	Published time.Time // zero when unknown: Stored stands in
	Stored    time.Time // when it was stored here: the stream's sort time
	Updated   time.Time // last changed; zero to leave out
	// FeedID, FeedTitle and SiteURL are the origin: the subscription the
	// item came through.
	FeedID    int64
	FeedTitle string
	SiteURL   string
	Folder    string // the feed's category; "" for DefaultFolder
	Read      bool
	Starred   bool // saved
}

// NewItem is the item of e. Its categories are the reading list, e's
// folder, and read and starred when they hold, written with "-" for the
// user.
func NewItem(e Entry) Item {
	published := e.Published
	if published.IsZero() {
		published = e.Stored
	}
	it := Item{
		ID:            LongItemID(e.ID),
		CrawlTimeMsec: strconv.FormatInt(e.Stored.UnixMilli(), 10),
		TimestampUsec: strconv.FormatInt(e.Stored.UnixMicro(), 10),
		Published:     published.Unix(),
		Title:         e.Title,
		Categories:    []string{ReadingListID, LabelStream(folderName(e.Folder)).String()},
		Origin:        Origin{StreamID: FeedStream(e.FeedID).String(), Title: e.FeedTitle, HTMLURL: e.SiteURL},
		Summary:       Text{Content: e.HTML},
		Author:        e.Author,
	}
	if !e.Updated.IsZero() {
		it.Updated = e.Updated.Unix()
	}
	if e.URL != "" {
		it.Canonical = []Link{{Href: e.URL}}
		it.Alternate = []Link{{Href: e.URL, Type: "text/html"}}
	}
	if e.Read {
		it.Categories = append(it.Categories, ReadID)
	}
	if e.Starred {
		it.Categories = append(it.Categories, StarredID)
	}
	return it
}

// ItemState is one user's state of an item.
type ItemState struct {
	Read    bool
	Starred bool // saved
}

// ArticleEntry is what the item of article a is made of, a having come
// through feed f (nil when the caller has not got it: the origin is then
// a's FeedID and outlet), in state st. Its text is a's HTML, or its plain
// text in paragraphs when it has no HTML; its author is the byline; it
// was stored at a.CreatedAt.
func ArticleEntry(a *storyline.Article, f *storyline.Feed, st ItemState) Entry {
	e := Entry{
		ID:        a.ID,
		Title:     a.Title,
		URL:       a.URL,
		Author:    a.Byline,
		HTML:      a.HTML,
		Published: a.Published,
		Stored:    a.CreatedAt,
		Updated:   a.UpdatedAt,
		FeedID:    a.FeedID,
		FeedTitle: a.Source,
		Read:      st.Read,
		Starred:   st.Starred,
	}
	if e.HTML == "" {
		e.HTML = textHTML(a.Text)
	}
	if f != nil {
		e.FeedID = f.ID
		e.FeedTitle = cmp.Or(f.Title, f.Source, a.Source)
		e.SiteURL = f.SiteURL
		e.Folder = f.Category
	}
	return e
}

// textHTML is plain text, paragraphs separated by a blank line, as HTML
// paragraphs.
func textHTML(text string) string {
	var b strings.Builder
	for p := range strings.SplitSeq(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString("<p>")
			b.WriteString(html.EscapeString(p))
			b.WriteString("</p>")
		}
	}
	return b.String()
}

// ItemIDs is a page of stream/items/ids.
type ItemIDs struct {
	ItemRefs     []ItemRef `json:"itemRefs"`
	Continuation string    `json:"continuation,omitempty"` // a string: NetNewsWire decodes it so
}

// NewItemIDs is the page holding refs, with next the sort key of its last
// item when more follow (zero on the last page).
func NewItemIDs(refs []ItemRef, next Continuation) ItemIDs {
	if refs == nil {
		refs = []ItemRef{}
	}
	return ItemIDs{ItemRefs: refs, Continuation: nextPage(next)}
}

// ItemRef is an item of stream/items/ids, as Google Reader wrote it.
type ItemRef struct {
	ID              string   `json:"id"` // ShortItemID
	DirectStreamIDs []string `json:"directStreamIds"`
	TimestampUsec   string   `json:"timestampUsec"` // when it was stored
}

// NewItemRef is the ref of item id, stored at stored.
func NewItemRef(id int64, stored time.Time) ItemRef {
	return ItemRef{ID: ShortItemID(id), DirectStreamIDs: []string{}, TimestampUsec: usec(stored)}
}

// SubscriptionList is the answer of subscription/list.
type SubscriptionList struct {
	Subscriptions []Subscription `json:"subscriptions"`
}

// NewSubscriptionList is the list of subs.
func NewSubscriptionList(subs []Subscription) SubscriptionList {
	if subs == nil {
		subs = []Subscription{}
	}
	return SubscriptionList{Subscriptions: subs}
}

// Subscription is a feed of subscription/list. newsboat reads id, title
// and the categories' labels and fetches "stream/contents/" and the
// escaped id; NetNewsWire and Read You read every field.
type Subscription struct {
	ID         string     `json:"id"` // "feed/<feed ID>"
	Title      string     `json:"title"`
	Categories []Category `json:"categories"` // one: the folder
	URL        string     `json:"url"`        // the feed's own URL
	HTMLURL    string     `json:"htmlUrl"`    // the site
	IconURL    string     `json:"iconUrl"`    // "" when there is none
}

// Category is the folder of a subscription.
type Category struct {
	ID    string `json:"id"`    // "user/-/label/<name>"
	Label string `json:"label"` // the name
}

// SubscriptionFromFeed is the subscription of feed f, with its icon at
// iconURL ("" for none). Its title is f's, or its outlet's, or its URL;
// its folder is f's category or DefaultFolder.
func SubscriptionFromFeed(f *storyline.Feed, iconURL string) Subscription {
	folder := folderName(f.Category)
	return Subscription{
		ID:         FeedStream(f.ID).String(),
		Title:      cmp.Or(f.Title, f.Source, f.URL),
		Categories: []Category{{ID: LabelStream(folder).String(), Label: folder}},
		URL:        f.URL,
		HTMLURL:    f.SiteURL,
		IconURL:    iconURL,
	}
}

// TagList is the answer of tag/list.
type TagList struct {
	Tags []Tag `json:"tags"`
}

// Tag is a tag of tag/list: the starred state, or a folder.
type Tag struct {
	ID    string `json:"id"`
	Label string `json:"label,omitempty"` // a folder's name
	Type  string `json:"type,omitempty"`  // "folder" for a folder (Inoreader's, which NetNewsWire reads)
}

// NewTagList is the tag list of the starred state and folders, each once
// and sorted; "" is DefaultFolder.
func NewTagList(folders []string) TagList {
	names := make([]string, 0, len(folders))
	for _, f := range folders {
		names = append(names, folderName(f))
	}
	slices.Sort(names)
	names = slices.Compact(names)
	tags := make([]Tag, 0, 1+len(names))
	tags = append(tags, Tag{ID: StarredID})
	for _, n := range names {
		tags = append(tags, Tag{ID: LabelStream(n).String(), Label: n, Type: "folder"})
	}
	return TagList{Tags: tags}
}

// UnreadCounts is the answer of unread-count.
type UnreadCounts struct {
	// Max is the total of unread items, as FreshRSS writes it (Google
	// Reader wrote the cap of its counts, 1000).
	Max          int           `json:"max"`
	UnreadCounts []UnreadCount `json:"unreadcounts"`
}

// UnreadCount is one stream's count of unread items.
type UnreadCount struct {
	ID                      string `json:"id"`
	Count                   int    `json:"count"`
	NewestItemTimestampUsec string `json:"newestItemTimestampUsec"` // when the newest unread item was stored
}

// FeedUnread is how many of a feed's items one user has not read, and
// when the newest of them was stored.
type FeedUnread struct {
	FeedID int64
	Folder string // the feed's category; "" for DefaultFolder
	Count  int
	Newest time.Time
}

// NewUnreadCounts is the unread-count answer of feeds: one count for each
// feed, in the order given, then each folder's (by name), then the
// reading list's, the total; FreshRSS's order.
func NewUnreadCounts(feeds []FeedUnread) UnreadCounts {
	type sum struct {
		count  int
		newest time.Time
	}
	add := func(s *sum, f FeedUnread) {
		s.count += f.Count
		if f.Newest.After(s.newest) {
			s.newest = f.Newest
		}
	}
	counts := make([]UnreadCount, 0, len(feeds)+2)
	folders := map[string]*sum{}
	var total sum
	for _, f := range feeds {
		counts = append(counts, UnreadCount{ID: FeedStream(f.FeedID).String(), Count: f.Count, NewestItemTimestampUsec: usec(f.Newest)})
		name := folderName(f.Folder)
		if folders[name] == nil {
			folders[name] = &sum{}
		}
		add(folders[name], f)
		add(&total, f)
	}
	for _, name := range slices.Sorted(maps.Keys(folders)) {
		s := folders[name]
		counts = append(counts, UnreadCount{ID: LabelStream(name).String(), Count: s.count, NewestItemTimestampUsec: usec(s.newest)})
	}
	counts = append(counts, UnreadCount{ID: ReadingListID, Count: total.count, NewestItemTimestampUsec: usec(total.newest)})
	return UnreadCounts{Max: total.count, UnreadCounts: counts}
}

// UserInfo is the answer of user-info.
type UserInfo struct {
	UserID        string `json:"userId"`
	UserName      string `json:"userName"`
	UserProfileID string `json:"userProfileId"`
	UserEmail     string `json:"userEmail"`
}

// NewUserInfo is the user-info of user u. Storyline keeps no e-mail
// address: userEmail is the name, as Miniflux writes it.
func NewUserInfo(u *storyline.User) UserInfo {
	id := strconv.FormatInt(u.ID, 10)
	return UserInfo{UserID: id, UserName: u.Name, UserProfileID: id, UserEmail: u.Name}
}
