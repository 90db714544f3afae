// Package fever serves the Fever API (version 3), which feed-reading apps
// such as Reeder, Unread, ReadKit and Fiery Feeds use to sync with a
// server: groups (Storyline's feed categories), feeds, favicons, items
// (the canonical articles of feeds; a syndicated copy is one item with
// its original), the IDs of the unread and of the saved items, and
// marking an item, a feed or a group read, saved or unsaved.
//
// An app authenticates with api_key, the lower-case hex MD5 of
// "name:password" where password is one of the user's app passwords
// (never the login password); see storyline.AppPassword. A missing or
// wrong key is answered {"api_version":3,"auth":0}, with status 200 as
// Fever itself and the servers that apps are tested with answer (apps
// read the auth member, not the status); failures are throttled per
// client address. Requests are GET or POST with the arguments in the
// query or the form: ?api&items&since_id=…, mark=item&as=read&id=….
//
// Groups are the feeds' categories; their IDs are derived from their
// names (a 31-bit FNV hash), stable for as long as the name is. Group 0
// is every feed ("Kindling"). Items come 50 at a time as the API
// specifies: since_id in ascending ID order, max_id (and no argument) in
// descending order, with_ids by ID. Storyline keeps no favicons: the
// favicons list is empty and every feed's favicon_id is 0. Sparks and
// hot links are not supported: links is empty.
//
// References: the Fever API documentation (feedafever.com/api, as
// mirrored in Miniflux's and FreshRSS's documentation), and the
// behaviour of Miniflux's implementation.
package fever
