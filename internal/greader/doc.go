// Package greader is the protocol of the Google Reader API as FreshRSS and
// Miniflux serve it, so that feed-reading apps (NetNewsWire, Reeder, Read
// You, FeedMe, Fluent Reader, newsboat with urls-source "freshrss") can
// read Storyline: it parses the apps' requests and makes the answers'
// bodies. It is pure: no store, no I/O, no net/http; the handlers and the
// store queries use it.
//
// # Mapping
//
// Items are Storyline's articles, whose IDs are their item IDs, or, with
// an app password's "one item per story" option, its stories, whose item
// IDs are StoryItemID's (2^52 + the story ID; SplitItemID tells them
// apart). An item ID has a long form (LongItemID, in stream/contents and
// stream/items/contents), a short decimal one (ShortItemID, in
// stream/items/ids), and apps send back either or bare hex (ParseItemID).
//
// Streams (ParseStreamID) are feeds, "feed/<feed ID>"; folders, the feeds'
// categories, as labels, "user/-/label/<category>" (DefaultFolder for a
// feed without one); and states, "user/-/state/com.google/<state>": the
// reading list (every item), read, and starred (Storyline's saved).
// Responses write the user as "-".
//
// stream/contents and stream/items/ids page through a stream
// (ParseStreamQuery) newest first (r=o: oldest first) by the time the
// items were stored here and then by ID; the continuation (Continuation)
// is the last item's sort key, opaque to apps. edit-tag (ParseEditTag)
// marks items read or unread and saves or unsaves them;
// mark-all-as-read (ParseMarkAllAsRead) marks a feed, a folder or
// everything read up to a time.
//
// The answers' types carry the JSON field names apps read (StreamContents
// and Item, ItemIDs and ItemRef, SubscriptionList, TagList, UnreadCounts,
// UserInfo); their constructors make every list an array, never null,
// which NetNewsWire's decoder refuses. ClientLogin, LoginFailed,
// Unauthorized, BadRequest, OK, Token and JSON give the status, content
// type and body of each kind of answer.
//
// # What the handlers need to know
//
// Endpoints: POST (or GET) /accounts/ClientLogin; under /reader/api/0/:
// token, user-info, subscription/list, tag/list, unread-count,
// stream/contents[/<stream ID>], stream/items/ids, stream/items/contents
// (POST), edit-tag (POST), mark-all-as-read (POST), and those that
// manage subscriptions and folders (subscription/edit, quickadd,
// rename-tag, disable-tag), which this package does not parse. Every
// request but ClientLogin carries "Authorization: GoogleLogin
// auth=<token>"; POSTs carry the action token as T, which Fluent Reader
// leaves out (FreshRSS accepts a missing T, "" or "x") and others send
// back as the token endpoint's body (trim it). Read a POST's merged form
// (http.Request.Form): apps put i, a and r in the body and output or r in
// the query. Answer JSON whatever output says: newsboat asks for
// stream/contents without output=json. An item's origin must be a
// subscription subscription/list gives, a story's too.
//
// newsboat's order: ClientLogin (Email, Passwd; it keeps the Auth line),
// subscription/list?output=json (id, title, categories[].label), then for
// each feed GET stream/contents/<escaped stream ID>?n=<freshrss-min-items>
// (ParseStreamPath), reading title, canonical[0].href, author,
// summary.content, id, published (a number) and whether categories hold
// exactly "user/-/state/com.google/read"; token before its first change;
// edit-tag with i=<long item ID> and a=/r= read, kept-unread,
// tracking-kept-unread, starred or broadcast; mark-all-as-read with s
// alone. It takes a change as done only when the body is exactly "OK".
//
// NetNewsWire and Read You sync by IDs: stream/items/ids for the unread
// (s=reading-list&xt=read), the starred and, since a time (ot), all or the
// read ones, with n=1000 or 10000, following continuation; then POST
// stream/items/contents with batches of i; then edit-tag. Fluent Reader
// reads stream/contents?n=125&ot=<seconds> and pages with c.
//
// # References
//
// Read to learn the protocol; no code was taken from them.
//
//   - FreshRSS, https://github.com/FreshRSS/FreshRSS/blob/edge/p/api/greader.php,
//     https://github.com/FreshRSS/FreshRSS/blob/edge/app/Models/Entry.php (toGReader) and
//     https://github.com/FreshRSS/FreshRSS/blob/edge/docs/en/developers/06_GoogleReader_API.md
//   - Miniflux, https://github.com/miniflux/v2/tree/main/internal/googlereader
//     (README.md, handler.go, item.go, stream.go, response.go)
//   - newsboat, https://github.com/newsboat/newsboat/blob/master/src/freshrssapi.cpp
//   - NetNewsWire, https://github.com/Ranchero-Software/NetNewsWire/tree/main/Modules/Account/Sources/Account/ReaderAPI
//     (ReaderAPICaller.swift, ReaderAPIEntry.swift, ReaderAPISubscription.swift, ReaderAPITag.swift)
//   - Read You, https://github.com/Ashinch/ReadYou/blob/main/app/src/main/java/me/ash/reader/infrastructure/rss/provider/greader/GoogleReaderAPI.kt
//     and .../domain/service/GoogleReaderRssService.kt
//   - Fluent Reader, https://github.com/yang991178/fluent-reader/blob/master/src/scripts/models/services/greader.ts
//   - BazQux's account of the API, https://github.com/bazqux/bazqux-api
package greader
