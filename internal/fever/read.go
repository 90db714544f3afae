package fever

import (
	"context"
	"hash/fnv"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/appitems"
	"github.com/storyline/storyline/internal/greader"
)

// itemsPerCall is how many items one items call returns, as the API
// specifies.
const itemsPerCall = 50

// groupID is the Fever ID of category name: 31 bits of its FNV hash, 1
// when that is 0 (0 is every feed).
func groupID(name string) int64 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(name))
	if id := int64(h.Sum32() & 0x7fffffff); id != 0 {
		return id
	}
	return 1
}

// addGroups adds the groups (the feeds' categories) and which feeds each
// holds to resp.
func addGroups(resp map[string]any, feeds []*storyline.Feed) {
	groups := []map[string]any{}
	seen := map[string]bool{}
	for _, f := range feeds {
		if f.Category != "" && !seen[f.Category] {
			seen[f.Category] = true
			groups = append(groups, map[string]any{"id": groupID(f.Category), "title": f.Category})
		}
	}
	resp["groups"] = groups
	resp["feeds_groups"] = feedsGroups(feeds)
}

// addFeeds adds the feeds and their groups to resp.
func addFeeds(resp map[string]any, feeds []*storyline.Feed) {
	list := make([]map[string]any, 0, len(feeds))
	for _, f := range feeds {
		list = append(list, map[string]any{
			"id": f.ID, "favicon_id": 0, "title": feedTitle(f), "url": f.URL, "site_url": f.SiteURL,
			"is_spark": 0, "last_updated_on_time": f.LastFetch.Unix(),
		})
	}
	resp["feeds"] = list
	resp["feeds_groups"] = feedsGroups(feeds)
}

// feedTitle is a feed's title, or its outlet's name, or its URL.
func feedTitle(f *storyline.Feed) string {
	for _, t := range []string{f.Title, f.Source, f.URL} {
		if t != "" {
			return t
		}
	}
	return ""
}

// feedsGroups lists each group with the IDs of its feeds, comma
// separated, in the groups' first appearance order.
func feedsGroups(feeds []*storyline.Feed) []map[string]any {
	var order []string
	ids := map[string][]string{}
	for _, f := range feeds {
		if f.Category == "" {
			continue
		}
		if _, ok := ids[f.Category]; !ok {
			order = append(order, f.Category)
		}
		ids[f.Category] = append(ids[f.Category], strconv.FormatInt(f.ID, 10))
	}
	out := make([]map[string]any, 0, len(order))
	for _, c := range order {
		out = append(out, map[string]any{"group_id": groupID(c), "feed_ids": strings.Join(ids[c], ",")})
	}
	return out
}

// addItems adds up to itemsPerCall items and the total number of items
// to resp: after since_id (ascending), before max_id (descending), those
// of with_ids, or else the newest. feeds are the site's.
func (h *Handler) addItems(ctx context.Context, resp map[string]any, q url.Values, sn *session, feeds []*storyline.Feed) error {
	iq := storyline.ItemQuery{Limit: itemsPerCall}
	switch {
	case q.Has("since_id"):
		id, err := idArg(q, "since_id")
		if err != nil {
			return err
		}
		iq.AfterID, iq.OldestFirst = id, true
	case q.Has("max_id"):
		id, err := idArg(q, "max_id")
		if err != nil {
			return err
		}
		iq.BeforeID = id
	case q.Has("with_ids"):
		ids, err := idList(q.Get("with_ids"))
		if err != nil {
			return err
		}
		iq.IDs = ids
	}
	refs, err := sn.items.Refs(ctx, iq)
	if err != nil {
		return err
	}
	total, err := sn.items.Count(ctx, storyline.ItemQuery{})
	if err != nil {
		return err
	}
	ids := make([]int64, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	entries, err := sn.items.Entries(ctx, sn.user.ID, ids, feeds)
	if err != nil {
		return err
	}
	items := make([]map[string]any, len(entries))
	for i, e := range entries {
		items[i] = item(e)
	}
	resp["items"], resp["total_items"] = items, total
	return nil
}

// item is the Fever item of what e is made of: created when published
// (a story: first seen), or stored when that is unknown.
func item(e greader.Entry) map[string]any {
	at := e.Published
	if at.IsZero() {
		at = e.Stored
	}
	return map[string]any{
		"id": e.ID, "feed_id": e.FeedID, "title": e.Title, "author": e.Author, "html": e.HTML, "url": e.URL,
		"is_saved": boolInt(e.Starred), "is_read": boolInt(e.Read), "created_on_time": at.Unix(),
	}
}

// addIDs adds under name the IDs of every item q selects in view v,
// comma separated, oldest first.
func addIDs(ctx context.Context, resp map[string]any, name string, v appitems.View, q storyline.ItemQuery) error {
	q.OldestFirst = true
	refs, err := v.Refs(ctx, q)
	if err != nil {
		return err
	}
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = strconv.FormatInt(r.ID, 10)
	}
	resp[name] = strings.Join(ids, ",")
	return nil
}

// idArg reads ID argument name: a whole number, 0 or more.
func idArg(q url.Values, name string) (int64, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id < 0 {
		return 0, storyline.Errorf(storyline.EINVALID, "%s %q: want an item ID", name, v)
	}
	return id, nil
}

// idList reads a comma-separated list of at most itemsPerCall IDs.
func idList(s string) ([]int64, error) {
	var ids []int64
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		id, err := strconv.ParseInt(part, 10, 64)
		if err != nil || id <= 0 {
			return nil, storyline.Errorf(storyline.EINVALID, "with_ids: %q is not an item ID", part)
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) > itemsPerCall {
		return nil, storyline.Errorf(storyline.EINVALID, "with_ids: %d IDs, at most %d at once", len(ids), itemsPerCall)
	}
	if ids == nil {
		ids = []int64{}
	}
	return ids, nil
}

// boolInt is 1 for true, 0 for false, as Fever's booleans are.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
